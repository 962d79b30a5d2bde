export { createRouter, HTTP_METHODS } from './lib/router.js';
export type { FetchHandler, HttpMethod, RouteEntry, RouteHandler, RouteModule } from './lib/router.js';
