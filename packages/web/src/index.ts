export { createFetchHandler } from './lib/fetch-handler.js';
export type { FetchExport, FetchHandler } from './lib/fetch-handler.js';
