export { send } from './lib/case.js';
export type { CaseResponse, CaseSource, ConformanceCase } from './lib/case.js';
export { runCases } from './lib/run.js';
export type { CaseResult } from './lib/run.js';
export { allCases } from './lib/all-cases.js';
