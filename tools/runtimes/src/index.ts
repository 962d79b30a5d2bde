export {
  bunBinary,
  denoBinary,
  RUNTIME_NAMES,
  runtimes,
  runtimeUnavailable,
  startBun,
  startDeno,
  startEdgeRuntime,
  startRuntime,
  startWorkerd,
} from './lib/runtimes.js';
export type { RuntimeName, StartOptions, StartRuntime } from './lib/runtimes.js';
export { spawnServer } from './lib/process-group.js';
export type { RuntimeServer, SpawnServerOptions } from './lib/process-group.js';
export { webTarget } from './lib/web-target.js';
export type {
  RunningWebTarget,
  WebTarget,
  WebTargetOptions,
  WebTargetStartOptions,
} from './lib/web-target.js';
