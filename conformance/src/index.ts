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
/** The next.config cases, served from their own fixture project (`fixtures-config`). */
export { configCases, configFixtureGroups } from '../cases/config.js';
export { ensure, expectHeader, expectResponse, ExpectationError } from './lib/expect.js';
export { CaseHttpClient } from './lib/http.js';
export { runCase, runCases } from './lib/run.js';
export type { CaseClient, CaseResult, Outcome, RunOptions } from './lib/run.js';
export { InProcessClient, NotRepresentableError } from './lib/in-process.js';
export type { InProcessApp, InProcessContext } from './lib/in-process.js';
export { RUNTIMES, runtimeLimits } from './lib/runtime-limits.js';
export type { Limits, Runtime } from './lib/runtime-limits.js';
export { ruleAnchor, ruleUrl, SPEC_PATH } from './lib/spec.js';
export type { Mismatch } from './lib/expect.js';
export type { ReportCase, ReportData, ReportTarget } from './lib/report-json.js';
