import { defineProject } from 'vitest/config';

// Unlike the packages' own tests, the suite runs approute as it is published: from `dist`, and
// loaded by Node itself (not Vitest's module runner), so that the in-process target, the routes
// it compiles and the router share the one @approute/request a user's app shares.
export default defineProject({
  test: {
    name: 'conformance',
    // The suites start real servers (Next.js, approute on four Node versions, vinext) one
    // after the other: in parallel they would compete for two cores and skew the timing cases.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 360_000,
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//, /approute-in-process-/] } },
  },
});
