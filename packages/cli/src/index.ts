// The programmatic side of the `approute` command: building an app, reading a build, and
// serving it. One place assembles an app from its parts; the adapters only convert.
export { main } from './lib/main.js';
export {
  buildApp,
  buildState,
  type Build,
  type BuildOptions,
  type BuildState,
} from './lib/build.js';
export { buildWebBundle, type BuildWebOptions, type WebBundle } from './lib/build-web.js';
export { compiledModulePath, OUTPUT_DIR, readBuild, type BuildOutput } from './lib/build-output.js';
export { openBuild, type ServeBuildOptions } from './lib/app.js';
export { findAppDir, scanApp } from './lib/scan.js';
export {
  generateRoutesModule,
  type BuildRouterOptions,
  type RoutesModule,
} from './lib/routes-module.js';
export { devApp } from './lib/dev.js';
export type { DevOptions } from './lib/dev.js';
export { CliError, type CliErrorCode } from './lib/errors.js';
export { startApp } from './lib/start.js';
export type { StartOptions } from './lib/start.js';
export type { RouteContext, RouteParams } from '@approute/router';
export {
  routeTypes,
  writeRouteTypes,
  ROUTE_TYPES_FILE,
  type RouteTypesWritten,
} from './lib/typegen.js';
export { CompileError, type CompileProblem } from './lib/compile-errors.js';
export { RouteLoadError } from './lib/load-errors.js';
