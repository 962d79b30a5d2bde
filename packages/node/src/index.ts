export { createRequestListener, ResponseAborted } from './lib/listener.js';
export type { FetchHandler, HandleOptions, ListenerOptions, RouterLike } from './lib/listener.js';
export type { RequestOptions } from './lib/request.js';
export { serve } from './lib/serve.js';
export type { RunningServer, ServeOptions } from './lib/serve.js';
