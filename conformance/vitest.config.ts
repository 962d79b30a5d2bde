import { defineProject } from 'vitest/config';
import { shared } from '../vitest.shared.ts';

export default defineProject({
  ...shared,
  test: {
    name: 'conformance',
    // The suites start real servers (Next.js, approute on four Node versions, vinext) one
    // after the other: in parallel they would compete for two cores and skew the timing cases.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 360_000,
  },
});
