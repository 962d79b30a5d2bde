export { main } from './lib/main.js';
export { buildApp, OUTPUT_DIR } from './lib/build.js';
export { devApp } from './lib/dev.js';
export type { DevOptions } from './lib/dev.js';
export { CliError } from './lib/errors.js';
export { startApp } from './lib/start.js';
export type { StartOptions } from './lib/start.js';
