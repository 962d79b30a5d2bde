import { defineProject } from 'vitest/config';
import { shared } from '../../vitest.shared.ts';

export default defineProject({
  ...shared,
  // Each file builds apps/web (next build, approute build) and serves it: one at a time.
  test: { name: 'next-compat', fileParallelism: false, testTimeout: 60_000, hookTimeout: 300_000 },
});
