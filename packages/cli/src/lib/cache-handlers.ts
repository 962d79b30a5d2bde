// Cache handler modules, as next.config's `cacheHandlers` names them: a module whose default
// export is a cache handler (Next.js 16's `cacheHandlers` interface, e.g. `export default
// createRedisCacheHandler({ url: process.env.REDIS_URL })`). `approute start` compiles each
// with esbuild (TypeScript works, dependencies stay imports) and imports it once.
import { mkdir } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CacheHandler } from '@approute/router';
import { build } from 'esbuild';
import { CliError } from './errors.js';

const METHODS = ['get', 'set', 'refreshTags', 'getExpiration', 'updateTags'] as const;

/**
 * Parses `--cache-handler` values: `<module>` for the default handler, `<name>=<module>` for
 * `'use cache: <name>'`.
 * @param values the flag's values
 */
export function parseCacheHandlerFlags(values: readonly string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const value of values) {
    const match = /^([A-Za-z][\w-]*)=(.+)$/.exec(value);
    const [name, path] = match ? [match[1] ?? '', match[2] ?? ''] : ['default', value];
    if (path.trim() === '')
      throw new CliError(
        'ERR_BAD_CACHE_HANDLER',
        `Invalid --cache-handler "${value}": give a module path, or name=path.`,
      );
    found[name] = path;
  }
  return found;
}

function isHandler(value: unknown): value is CacheHandler {
  return (
    typeof value === 'object' &&
    value !== null &&
    METHODS.every((method) => typeof (value as Record<string, unknown>)[method] === 'function')
  );
}

/**
 * Compiles and imports cache handler modules.
 * @param projectDir paths are relative to it
 * @param outDir where the compiled modules go (`<outDir>/cache-handlers/<name>.mjs`)
 * @param modules `name` → module path
 */
export async function loadCacheHandlers(
  projectDir: string,
  outDir: string,
  modules: Readonly<Record<string, string>>,
): Promise<Record<string, CacheHandler>> {
  const handlers: Record<string, CacheHandler> = {};
  const dir = join(outDir, 'cache-handlers');
  await mkdir(dir, { recursive: true });
  for (const [name, path] of Object.entries(modules)) {
    const source = isAbsolute(path) ? path : resolve(projectDir, path);
    const outFile = join(dir, `${name}-${basename(source).replace(/\.[^.]+$/, '')}.mjs`);
    try {
      await build({
        entryPoints: [source],
        outfile: outFile,
        bundle: true,
        packages: 'external',
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'silent',
      });
    } catch (error) {
      throw new CliError(
        'ERR_BAD_CACHE_HANDLER',
        `Could not compile the cache handler module ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const mod = (await import(`${pathToFileURL(outFile).href}?t=${String(Date.now())}`)) as {
      default?: unknown;
    };
    if (!isHandler(mod.default))
      throw new CliError(
        'ERR_BAD_CACHE_HANDLER',
        `The cache handler module ${path} must export a cache handler as its default export: an object with ${METHODS.join(', ')} (Next.js's cacheHandlers interface).`,
      );
    handlers[name] = mod.default;
  }
  return handlers;
}
