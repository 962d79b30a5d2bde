export { createFetchExport, createFetchHandler } from './lib/fetch-handler.js';
export type {
  FetchExport,
  FetchHandlerOptions,
  RuntimeHandler,
  WaitUntilContext,
} from './lib/fetch-handler.js';
