import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'approute',
    // The fixture projects' own tests run only in their own Vitest (test-app.test.ts starts it).
    exclude: [...configDefaults.exclude, 'test/fixtures/**'],
    // approute/test is tested as published: the built package loaded by Node itself, with the
    // test builds it makes, so that the router and the compiled routes share one
    // @approute/request (as approute/vitest arranges in a user's project).
    server: { deps: { external: [/\/packages\/[^/]+\/dist\//, /[/\\]\.approute[/\\]test-/] } },
  },
});
