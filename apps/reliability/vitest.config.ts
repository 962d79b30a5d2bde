import { defineProject } from 'vitest/config';
import { shared } from '../../vitest.shared.ts';

// Each file starts its own server; running them one at a time keeps the load figures honest
// on a two-core machine.
export default defineProject({
  ...shared,
  test: { name: 'reliability', fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 },
});
