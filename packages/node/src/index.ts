export { createRequestListener } from './lib/listener.js';
export type { FetchHandler } from './lib/listener.js';
export { serve } from './lib/serve.js';
export type { RunningServer, ServeOptions } from './lib/serve.js';
