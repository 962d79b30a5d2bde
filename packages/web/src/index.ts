export { createFetchExport, createFetchHandler } from './lib/fetch-handler.js';
export type { FetchExport, RuntimeHandler, WaitUntilContext } from './lib/fetch-handler.js';
