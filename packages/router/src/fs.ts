export { scanApp } from './lib/fs/scan.js';
export { generateRoutesModule } from './lib/fs/codegen.js';
export type { GenerateRoutesModuleOptions } from './lib/fs/codegen.js';
