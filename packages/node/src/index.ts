export {
  compiledModulePath,
  MANIFEST_FILE,
  MissingBuildError,
  moduleLoader,
  PRERENDERED_FILE,
  readBuildOutput,
  serializePrerendered,
} from './lib/build-output.js';
export type { BuildOutput } from './lib/build-output.js';
export { installLightResponse, LightResponse } from './lib/light-response.js';
export { createRequestListener, ResponseAborted } from './lib/listener.js';
export type { FetchHandler, ListenerOptions, RouterLike } from './lib/listener.js';
export { BadHostError, PayloadTooLargeError } from './lib/request.js';
export type { RequestOptions } from './lib/request.js';
export { serve } from './lib/serve.js';
export type { RunningServer, ServeOptions, ServeSettings, ServeSource } from './lib/serve.js';
