// next.config.{js,mjs,ts,mts}, read as Next.js reads it (an object, or a function of the phase,
// possibly async), for the keys that concern route handlers: `basePath`, `trailingSlash`, `env`,
// `headers()`, `redirects()`, `serverExternalPackages`, `transpilePackages`. One warning names
// every other key, since approute does not apply them. The cache keys (`cacheComponents`,
// `cacheLife`, `cacheMaxMemorySize`, `cacheHandlers`) are read for the cache layer.
import { mkdir, readdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkHeaderRules,
  checkRedirectRules,
  type CacheLifeProfile,
  type HeaderRule,
  type RedirectRule,
} from '@approute/router';
import { build, type Plugin } from 'esbuild';
import { CliError } from './errors.js';

/** The config file names Next.js reads, in its order. */
export const CONFIG_FILES = [
  'next.config.js',
  'next.config.mjs',
  'next.config.ts',
  'next.config.mts',
];

/** When the config is read, as Next.js's `phase` argument says it. */
export type ConfigPhase =
  'phase-production-build' | 'phase-production-server' | 'phase-development-server';

/** What approute takes from a next.config. */
export interface NextConfigSettings {
  /** The config file, relative to the project; `undefined` when there is none. */
  file: string | undefined;
  basePath?: string;
  trailingSlash?: boolean;
  /** `env`: inlined at build as `process.env.KEY`, and set in `process.env`. */
  env: Record<string, string>;
  headers: HeaderRule[];
  redirects: RedirectRule[];
  serverExternalPackages: string[];
  transpilePackages: string[];
  /** `cacheComponents: true`: `'use cache'`, `cacheLife()`, `cacheTag()`. */
  cacheComponents?: boolean;
  /** `cacheLife`: the app's cacheLife profiles, in seconds. */
  cacheLife?: Record<string, CacheLifeProfile>;
  /** `cacheMaxMemorySize`: the in-memory cache's bound, in bytes. */
  cacheMaxMemorySize?: number;
  /**
   * `cacheHandlers`: the cache handler modules (`default`, or a `'use cache: <name>'` name →
   * an absolute path), each a module whose default export has Next.js 16's interface.
   */
  cacheHandlers?: Record<string, string>;
  /** The keys approute does not apply, as the warning names them. */
  ignored: string[];
}

const APPLIED = new Set([
  'basePath',
  'trailingSlash',
  'env',
  'headers',
  'redirects',
  'serverExternalPackages',
  'transpilePackages',
]);
// Read for the cache layer (readCacheKeys). `cacheHandler`, Next's older incremental-cache
// interface, is not among them: it is warned about like any key approute does not apply.
const CACHE_KEYS = new Set(['cacheMaxMemorySize', 'cacheHandlers', 'cacheComponents', 'cacheLife']);
// Keys whose value asks for what approute always does: no gzip, no X-Powered-By, no type check.
const ALREADY: Record<string, (value: unknown) => boolean> = {
  compress: (value) => value === false,
  poweredByHeader: (value) => value === false,
  typescript: (value) =>
    typeof value === 'object' &&
    value !== null &&
    Object.entries(value).every(
      ([key, setting]) => key === 'ignoreBuildErrors' && setting === true,
    ),
};

const PHASES = {
  PHASE_EXPORT: 'phase-export',
  PHASE_ANALYZE: 'phase-analyze',
  PHASE_PRODUCTION_BUILD: 'phase-production-build',
  PHASE_PRODUCTION_SERVER: 'phase-production-server',
  PHASE_DEVELOPMENT_SERVER: 'phase-development-server',
  PHASE_TEST: 'phase-test',
  PHASE_INFO: 'phase-info',
};

// `next/constants` (the phases a config function compares with) works without Next.js installed.
const nextConstants: Plugin = {
  name: 'approute-next-constants',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^next\/constants(?:\.js)?$/ }, () => ({
      path: 'next/constants',
      namespace: 'approute-next-constants',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'approute-next-constants' }, () => ({
      contents: Object.entries(PHASES)
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * The project's config file, as Next.js picks it (the first of {@link CONFIG_FILES}).
 * @param projectDir the project folder
 */
export async function findNextConfig(projectDir: string): Promise<string | undefined> {
  const names = new Set(await readdir(projectDir).catch(() => []));
  return CONFIG_FILES.find((name) => names.has(name));
}

const fail = (file: string, problem: string, fix: string) =>
  new CliError('ERR_NEXT_CONFIG', `${file}: ${problem}\n${fix}`);

/**
 * Reads a project's next.config, compiled with esbuild (packages stay imports of the project).
 * @param projectDir the project folder
 * @param outDir where the compiled config is written (the build output folder)
 * @param phase the phase a config function is called with
 */
export async function readNextConfig(
  projectDir: string,
  outDir: string,
  phase: ConfigPhase,
): Promise<NextConfigSettings> {
  const file = await findNextConfig(projectDir);
  const settings: NextConfigSettings = {
    file,
    env: {},
    headers: [],
    redirects: [],
    serverExternalPackages: [],
    transpilePackages: [],
    ignored: [],
  };
  if (file === undefined) return settings;
  const config = await loadConfig(projectDir, outDir, file, phase);
  if (typeof config !== 'object' || config === null)
    throw fail(
      file,
      `the config is ${typeof config}, not an object.`,
      'Export the config object (or a function that returns it) as the default export.',
    );
  const record = config as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || APPLIED.has(key) || CACHE_KEYS.has(key)) continue;
    if (ALREADY[key]?.(value)) continue;
    if (key === 'experimental' && typeof value === 'object' && value !== null)
      settings.ignored.push(...Object.keys(value).map((name) => `experimental.${name}`));
    else settings.ignored.push(key);
  }
  const { basePath, trailingSlash, env, headers, redirects } = record;
  if (basePath !== undefined && basePath !== '') {
    if (typeof basePath !== 'string' || !basePath.startsWith('/'))
      throw fail(
        file,
        `Specified basePath has to start with a /, found "${typeof basePath === 'string' ? basePath : JSON.stringify(basePath)}"`,
        'Write basePath as a path prefix such as "/docs", or leave it out.',
      );
    if (basePath.endsWith('/'))
      throw fail(
        file,
        `Specified basePath should not end with /, found "${basePath}"`,
        'Remove the trailing slash from basePath.',
      );
    settings.basePath = basePath;
  }
  if (trailingSlash !== undefined) settings.trailingSlash = trailingSlash === true;
  if (env !== undefined) settings.env = checkEnv(env, file);
  if (typeof headers === 'function')
    settings.headers = checkHeaderRules(await (headers as () => unknown)(), file);
  if (typeof redirects === 'function')
    settings.redirects = checkRedirectRules(await (redirects as () => unknown)(), file);
  settings.serverExternalPackages = names(
    record.serverExternalPackages,
    file,
    'serverExternalPackages',
  );
  settings.transpilePackages = names(record.transpilePackages, file, 'transpilePackages');
  readCacheKeys(record, settings, file, projectDir);
  return settings;
}

const PROFILE_KEYS = new Set(['stale', 'revalidate', 'expire']);

// cacheComponents, cacheLife, cacheMaxMemorySize and cacheHandlers, checked as Next.js checks
// them (a wrong type is a config error that names the key).
function readCacheKeys(
  record: Record<string, unknown>,
  settings: NextConfigSettings,
  file: string,
  projectDir: string,
): void {
  const { cacheComponents, cacheLife, cacheMaxMemorySize, cacheHandlers } = record;
  if (cacheComponents !== undefined) {
    if (typeof cacheComponents !== 'boolean')
      throw fail(file, '`cacheComponents` must be true or false.', 'Write cacheComponents: true.');
    settings.cacheComponents = cacheComponents;
  }
  if (cacheMaxMemorySize !== undefined) {
    if (typeof cacheMaxMemorySize !== 'number' || !(cacheMaxMemorySize >= 0))
      throw fail(
        file,
        '`cacheMaxMemorySize` must be a number of bytes (0 or more).',
        'Write it as 50 * 1024 * 1024, or 0 to keep nothing in memory.',
      );
    settings.cacheMaxMemorySize = cacheMaxMemorySize;
  }
  if (cacheLife !== undefined) {
    const example = 'Write cacheLife as { brief: { stale: 0, revalidate: 1, expire: 60 } }.';
    if (typeof cacheLife !== 'object' || cacheLife === null || Array.isArray(cacheLife))
      throw fail(file, '`cacheLife` must be an object of profiles.', example);
    const profiles: Record<string, CacheLifeProfile> = {};
    for (const [name, profile] of Object.entries(cacheLife)) {
      if (typeof profile !== 'object' || profile === null)
        throw fail(file, `cacheLife.${name} must be an object.`, example);
      const checked: CacheLifeProfile = {};
      for (const [key, value] of Object.entries(profile as Record<string, unknown>)) {
        if (value === undefined) continue;
        if (!PROFILE_KEYS.has(key) || typeof value !== 'number' || !(value >= 0))
          throw fail(
            file,
            `cacheLife.${name}.${key} must be stale, revalidate or expire, a number of seconds.`,
            example,
          );
        checked[key as keyof CacheLifeProfile] = value;
      }
      profiles[name] = checked;
    }
    settings.cacheLife = profiles;
  }
  if (cacheHandlers !== undefined) {
    const example = "Write cacheHandlers as { default: require.resolve('./cache-handler.mjs') }.";
    if (typeof cacheHandlers !== 'object' || cacheHandlers === null || Array.isArray(cacheHandlers))
      throw fail(file, '`cacheHandlers` must be an object of module paths.', example);
    const modules: Record<string, string> = {};
    for (const [name, path] of Object.entries(cacheHandlers)) {
      if (path === undefined) continue;
      if (typeof path !== 'string' || path === '')
        throw fail(file, `cacheHandlers.${name} must be the path of a module.`, example);
      modules[name] = isAbsolute(path) ? path : resolve(projectDir, path);
    }
    settings.cacheHandlers = modules;
  }
}

/**
 * The warning about the keys approute does not apply, or `undefined` when there are none.
 * @param settings what {@link readNextConfig} returned
 */
export function ignoredKeysWarning(settings: NextConfigSettings): string | undefined {
  if (settings.ignored.length === 0) return undefined;
  return (
    `${settings.file ?? 'next.config'} sets ${settings.ignored.join(', ')}, which approute does ` +
    'not apply (it applies basePath, trailingSlash, env, headers, redirects, ' +
    'serverExternalPackages, transpilePackages, cacheComponents, cacheLife, ' +
    'cacheMaxMemorySize and cacheHandlers).'
  );
}

async function loadConfig(
  projectDir: string,
  outDir: string,
  file: string,
  phase: ConfigPhase,
): Promise<unknown> {
  const source = join(projectDir, file);
  const outFile = join(outDir, 'next.config.mjs');
  await mkdir(outDir, { recursive: true });
  try {
    await build({
      entryPoints: [source],
      outfile: outFile,
      absWorkingDir: projectDir,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      // A CommonJS config reads __dirname; an ES one import.meta.url: both name the config file.
      define: {
        __dirname: JSON.stringify(projectDir),
        __filename: JSON.stringify(source),
        'import.meta.url': JSON.stringify(pathToFileURL(source).href),
      },
      banner: {
        js: "import { createRequire as __approuteCreateRequire } from 'node:module';\nconst require = __approuteCreateRequire(import.meta.url);",
      },
      plugins: [nextConstants],
    });
  } catch (error) {
    const messages = (error as { errors?: { text: string }[] }).errors;
    throw fail(
      file,
      messages ? messages.map((m) => m.text).join('\n') : String(error),
      'Fix the config file so that it compiles.',
    );
  }
  let exported: unknown;
  try {
    const loaded = (await import(`${pathToFileURL(outFile).href}?t=${String(Date.now())}`)) as {
      default?: unknown;
    };
    exported = loaded.default;
    // A CommonJS config compiled to ESM: `export default module.exports`, which may hold `default`.
    if (
      typeof exported === 'object' &&
      exported !== null &&
      '__esModule' in exported &&
      'default' in exported
    )
      exported = (exported as { default: unknown }).default;
    if (typeof exported === 'function')
      exported = await (exported as (phase: string, context: object) => unknown)(phase, {
        defaultConfig: {},
      });
  } catch (error) {
    throw fail(
      file,
      `failed to load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      'Fix the error in the config file.',
    );
  }
  return exported;
}

function checkEnv(env: unknown, file: string): Record<string, string> {
  if (typeof env !== 'object' || env === null || Array.isArray(env))
    throw fail(file, '`env` must be an object of strings.', 'Write env as { KEY: "value" }.');
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === null) continue;
    if (/^(?:NODE_.+)|^(?:__.+)$/i.test(key) || key === 'NEXT_RUNTIME')
      throw fail(
        file,
        `The key "${key}" under "env" in ${file} is not allowed. https://nextjs.org/docs/messages/env-key-not-allowed`,
        'Rename the key: NODE_*, __* and NEXT_RUNTIME are reserved.',
      );
    if (typeof value !== 'string')
      throw fail(
        file,
        `env.${key} must be a string, received ${typeof value}.`,
        'Give every env value as a string.',
      );
    checked[key] = value;
  }
  return checked;
}

function names(value: unknown, file: string, key: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string'))
    throw fail(
      file,
      `\`${key}\` must be an array of package names.`,
      `Write ${key} as ['package-a', '@scope/b'].`,
    );
  return value;
}
