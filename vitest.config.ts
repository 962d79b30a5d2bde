import { defineConfig } from 'vitest/config';

// `pnpm vitest` at the root runs every workspace project at once; turbo runs them one
// package at a time through each package's own `test` script.
export default defineConfig({
  test: {
    projects: ['packages/*', 'conformance', 'apps/*', 'tools/*'],
  },
});
