export { main } from './lib/main.js';
export { startApp } from './lib/start.js';
export type { StartOptions } from './lib/start.js';
