export { cookies, headers, draftMode, type DraftMode } from './lib/request-apis.js';
export type { ReadonlyHeaders } from './lib/readonly-headers.js';
