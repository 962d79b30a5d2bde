// The two data cache fixture projects and what serving them needs: their cases, an upstream
// that counts hits (`CACHE_UPSTREAM`), and, for approute, the next.config keys they set given
// as `approute build` flags (approute reads those settings from flags and router options).
import { join } from 'node:path';
import { cacheComponentsCases } from '../../cases/cache-components.js';
import { dataCacheCases } from '../../cases/data-cache.js';
import type { ConformanceCase } from './case.js';
import { packageRoot } from './paths.js';

/** The next.config keys a cache fixture sets, as approute's router options. */
export interface CacheFixtureConfig {
  cacheComponents?: boolean;
  cacheLife?: Record<string, { stale?: number; revalidate?: number; expire?: number }>;
}

/** One cache fixture project. */
export interface CacheFixture {
  /** Its folder name in the package. */
  name: 'fixtures-cache' | 'fixtures-cache-components';
  cases: readonly ConformanceCase[];
  /** What its next.config.mjs sets, for approute. */
  config: CacheFixtureConfig;
  /** The same as `approute build` flags. */
  approuteBuildArgs: readonly string[];
}

function flags(config: CacheFixtureConfig): string[] {
  const args = config.cacheComponents ? ['--cache-components'] : [];
  for (const [name, profile] of Object.entries(config.cacheLife ?? {})) {
    const parts = Object.entries(profile).map(([key, value]) => `${key}=${String(value)}`);
    args.push('--cache-life', `${name}:${parts.join(',')}`);
  }
  return args;
}

function fixture(
  name: CacheFixture['name'],
  cases: readonly ConformanceCase[],
  config: CacheFixtureConfig,
): CacheFixture {
  return { name, cases, config, approuteBuildArgs: flags(config) };
}

/** Both cache fixtures, with what their next.config.mjs sets. */
export const cacheFixtures: readonly CacheFixture[] = [
  fixture('fixtures-cache', dataCacheCases, {
    cacheLife: { brief: { stale: 0, revalidate: 1, expire: 2 } },
  }),
  fixture('fixtures-cache-components', cacheComponentsCases, {
    cacheComponents: true,
    cacheLife: { brief: { stale: 0, revalidate: 1, expire: 3 } },
  }),
];

/**
 * The folder of a cache fixture project.
 * @param fixture the fixture
 */
export function cacheFixtureDir(fixture: CacheFixture): string {
  return join(packageRoot(), fixture.name);
}
