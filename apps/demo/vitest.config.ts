import { approute } from 'approute/vitest';
import { defineProject } from 'vitest/config';

// As a project outside this repository sets Vitest up: approute's plugin, no source
// conditions (approute and its packages are used as built).
export default defineProject({
  plugins: [approute()],
  // The files build into the same .approute folder (Node and Web targets): one at a time.
  test: { name: 'demo', fileParallelism: false },
});
