export { installLightResponse, LightResponse } from './lib/light-response.js';
export { createRequestListener } from './lib/listener.js';
export type { ListenerOptions } from './lib/listener.js';
export { BadHostError, NodeAdapterError, type NodeAdapterErrorCode } from './lib/request.js';
export type { RequestOptions } from './lib/request.js';
export { serve } from './lib/serve.js';
export type { RunningServer, ServeOptions } from './lib/serve.js';
export { DEFAULT_BODY_LIMIT, PayloadTooLargeError } from '@approute/request';
