import { defineProject } from 'vitest/config';
import { shared } from '../../vitest.shared.ts';

export default defineProject({
  ...shared,
  // The tests start real redis-server processes and stop them mid-test: one file at a time.
  test: { name: 'cache-redis', fileParallelism: false, testTimeout: 30_000, hookTimeout: 30_000 },
});
