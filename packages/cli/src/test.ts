// approute/test: an app called in-process, for tests.
export {
  createTestApp,
  type TestApp,
  type TestAppOptions,
  type TestCookies,
} from './lib/test-app.js';
