export type {
  CaseContext,
  CaseRequest,
  CaseResponse,
  CaseSource,
  ConformanceCase,
  Expectation,
  HeaderExpectation,
} from './lib/case.js';
export { allCases } from './lib/all-cases.js';
export { ensure, expectHeader, expectResponse, ExpectationError } from './lib/expect.js';
export { CaseHttpClient } from './lib/http.js';
export { runCase, runCases } from './lib/run.js';
export type { CaseClient, CaseResult, Outcome, RunOptions } from './lib/run.js';
export { InProcessClient, NotRepresentableError } from './lib/in-process.js';
export type { InProcessApp, InProcessContext } from './lib/in-process.js';
