// Copies the behaviour specification, docs/spec.md of the repository, into the package as
// spec.md, so that the published suite ships the rules its cases cite.
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

copyFileSync(
  fileURLToPath(new URL('../../docs/spec.md', import.meta.url)),
  fileURLToPath(new URL('../spec.md', import.meta.url)),
);
