export { createFetchExport, createFetchHandler } from './lib/fetch-handler.js';
export { ResponseAborted } from './lib/web-request.js';
export type {
  FetchExport,
  FetchHandler,
  FetchHandlerOptions,
  WaitUntilContext,
} from './lib/fetch-handler.js';
export type {
  HandleOptions,
  ManifestRoute,
  RouteManifest,
  RouteModule,
  Router,
  RouterOptions,
} from './lib/router-contract.js';
