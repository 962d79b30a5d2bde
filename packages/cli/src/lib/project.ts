// A project as Next.js lays it out, read once per command: the environment (`NODE_ENV`, the
// `.env*` files, the Node globals), next.config with the command line's flags on top, and
// `instrumentation.ts` beside the app folder.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { environmentsLine, loadEnvFiles, setNodeEnv, type EnvMode, type LoadedEnv } from './env.js';
import { ignoredKeysWarning, readNextConfig, type NextConfigSettings } from './next-config.js';
import { installNodeGlobals } from './node-globals.js';
import type { BuildRouterOptions } from './routes-module.js';
import { findAppDir } from './scan.js';
import type { CacheLifeProfile } from '@approute/router';

/** The router options the command line sets; each one given overrides next.config's. */
export interface RouterFlags {
  basePath?: string;
  trailingSlash?: boolean;
  /** `--compat next15` (or package.json's `approute.compat`): Next.js 15's synchronous access. */
  compat?: 'next15';
  /** `--cache-components` (next.config `cacheComponents`). */
  cacheComponents?: boolean;
  /** `--cache-life` (next.config `cacheLife`): the app's cacheLife profiles. */
  cacheLife?: Record<string, CacheLifeProfile>;
  /** `--cache-max-memory-size` (next.config `cacheMaxMemorySize`), in bytes. */
  cacheMaxMemorySize?: number;
}

/** A project read for one command. */
export interface Project {
  config: NextConfigSettings;
  /** The router options of the build: next.config's, with the flags on top. */
  router: BuildRouterOptions;
  /** `instrumentation.ts` (or `.js`), relative to the project, when there is one. */
  instrumentation: string | undefined;
}

/**
 * Sets up the environment of a command as `next` does: `NODE_ENV`, `NEXT_RUNTIME`, the `.env*`
 * files of the mode, the Node globals Next.js defines.
 * @param projectDir the project folder
 * @param mode `development` for dev, `production` for build and start
 * @param log where the line naming the files read goes
 * @param warn where a warning about NODE_ENV goes
 */
export function prepareEnvironment(
  projectDir: string,
  mode: EnvMode,
  log: (line: string) => void,
  warn: (line: string) => void,
): LoadedEnv {
  setNodeEnv(mode, warn);
  const loaded = loadEnvFiles(projectDir, mode);
  const line = environmentsLine(loaded);
  if (line) log(line);
  installNodeGlobals();
  return loaded;
}

const INSTRUMENTATION = /^instrumentation\.(?:ts|js|mjs|mts|tsx|jsx)$/;

/**
 * The project's `instrumentation.*`, where Next.js looks: beside the app folder (the project
 * folder for `app/`, `src/` for `src/app/`).
 * @param projectDir the project folder
 */
export async function findInstrumentation(projectDir: string): Promise<string | undefined> {
  const appDir = await findAppDir(projectDir).catch(() => 'app');
  const dir = appDir === 'src/app' ? 'src' : '';
  const names = (await readdir(join(projectDir, dir)).catch(() => [] as string[])).sort();
  const found = names.find((name) => INSTRUMENTATION.test(name));
  return found === undefined ? undefined : dir ? `${dir}/${found}` : found;
}

/**
 * Reads a project's next.config (warning once about the keys approute does not apply) and
 * finds its instrumentation file.
 * @param projectDir the project folder
 * @param outDir the build output folder (the compiled config goes there)
 * @param mode `development` for dev, `production` for a build
 * @param flags the command line's router options
 * @param warn where the warning goes
 */
export async function readProject(
  projectDir: string,
  outDir: string,
  mode: EnvMode,
  flags: RouterFlags,
  warn: (line: string) => void,
): Promise<Project> {
  const phase = mode === 'development' ? 'phase-development-server' : 'phase-production-build';
  const config = await readNextConfig(projectDir, outDir, phase);
  const warning = ignoredKeysWarning(config);
  if (warning) warn(warning);
  const router: BuildRouterOptions = {
    basePath: flags.basePath ?? config.basePath,
    trailingSlash: flags.trailingSlash ?? config.trailingSlash,
    headers: config.headers,
    redirects: config.redirects,
    ...(flags.compat ? { compat: flags.compat } : {}),
  };
  const cacheComponents = flags.cacheComponents ?? config.cacheComponents;
  if (cacheComponents) router.cacheComponents = true;
  const cacheLife = flags.cacheLife ?? config.cacheLife;
  if (cacheLife) router.cacheLife = cacheLife;
  const cacheMaxMemorySize = flags.cacheMaxMemorySize ?? config.cacheMaxMemorySize;
  if (cacheMaxMemorySize !== undefined) router.cacheMaxMemorySize = cacheMaxMemorySize;
  return { config, router, instrumentation: await findInstrumentation(projectDir) };
}

/**
 * The compile-time constants of a build, as Next's define plugin gives server code:
 * `NODE_ENV`, `NEXT_RUNTIME`, the `NEXT_PUBLIC_*` variables of the environment and next.config's
 * `env`, each `process.env.KEY` replaced by its value.
 * @param mode development or production
 * @param runtime `nodejs` for the Node target, `edge` for the web bundle
 * @param env next.config's `env`
 */
export function defineFor(
  mode: EnvMode,
  runtime: 'nodejs' | 'edge',
  env: Record<string, string>,
): Record<string, string> {
  const define: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (key.startsWith('NEXT_PUBLIC_') && value !== undefined && /^\w+$/.test(key))
      define[`process.env.${key}`] = JSON.stringify(value);
  for (const [key, value] of Object.entries(env))
    if (/^[A-Za-z_$][\w$]*$/.test(key)) define[`process.env.${key}`] = JSON.stringify(value);
  define['process.env.NODE_ENV'] = JSON.stringify(mode);
  define['process.env.NEXT_RUNTIME'] = JSON.stringify(runtime);
  return define;
}
