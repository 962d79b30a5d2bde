// cacheLife profiles: Next.js 16's built-in ones, the app's own (next.config `cacheLife`, or
// the router's `cacheLife` option), and inline objects, validated as Next validates them.
import { INFINITE_CACHE } from './handler.js';

/** A cacheLife profile, in seconds. `Infinity` (or leaving `expire` out) is "never". */
export interface CacheLifeProfile {
  stale?: number;
  revalidate?: number;
  expire?: number;
}

/** A profile with every field resolved, as entries are written with it. */
export interface ResolvedCacheLife {
  stale: number;
  revalidate: number;
  expire: number;
}

/** Next.js 16's built-in profiles (`next/dist/server/config-shared.js`). */
export const BUILT_IN_PROFILES: Readonly<Record<string, CacheLifeProfile>> = Object.freeze({
  default: { revalidate: 60 * 15, expire: INFINITE_CACHE },
  seconds: { stale: 30, revalidate: 1, expire: 60 },
  minutes: { stale: 60 * 5, revalidate: 60, expire: 60 * 60 },
  hours: { stale: 60 * 5, revalidate: 60 * 60, expire: 60 * 60 * 24 },
  days: { stale: 60 * 5, revalidate: 60 * 60 * 24, expire: 60 * 60 * 24 * 7 },
  weeks: { stale: 60 * 5, revalidate: 60 * 60 * 24 * 7, expire: 60 * 60 * 24 * 30 },
  max: { stale: 60 * 5, revalidate: 60 * 60 * 24 * 30, expire: 60 * 60 * 24 * 365 },
});

/** The client-side stale time a profile without one gets (Next's `staleTimes.static`). */
export const DEFAULT_STALE = 300;

const KEYS = ['stale', 'revalidate', 'expire'] as const;

function normalizeValue(
  key: (typeof KEYS)[number],
  value: unknown,
  where: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (value === false) {
    if (key === 'stale')
      throw new Error(
        'Pass `Infinity` instead of `false` if you want to cache on the client forever without checking with the server.',
      );
    if (key === 'revalidate')
      throw new Error(
        'Pass `Infinity` instead of `false` if you do not want to revalidate by time.',
      );
    throw new Error(
      'Pass `Infinity` instead of `false` if you want to cache on the server forever without checking with the origin.',
    );
  }
  if (typeof value !== 'number') throw new Error(`The ${key} option must be a number of seconds.`);
  if (value === Infinity) return INFINITE_CACHE;
  if (!Number.isFinite(value))
    throw new Error(
      where === undefined
        ? `Invalid \`cacheLife()\` option "${key}" provided, expected a finite number of seconds or Infinity, received ${String(value)}.`
        : `Invalid "cacheLife.${where}.${key}" provided, expected a finite number of seconds or Infinity, received ${String(value)}`,
    );
  return value;
}

/**
 * Validates a profile object and turns `Infinity` into {@link INFINITE_CACHE}.
 * @param profile the profile as written
 * @param name the profile's name in the config, or `undefined` for an inline one
 */
export function normalizeProfile(profile: CacheLifeProfile, name?: string): CacheLifeProfile {
  const normalized: CacheLifeProfile = {};
  for (const key of KEYS) {
    const value = normalizeValue(key, (profile as Record<string, unknown>)[key], name);
    if (value !== undefined) normalized[key] = value;
  }
  if (
    normalized.revalidate !== undefined &&
    normalized.expire !== undefined &&
    normalized.revalidate > normalized.expire
  ) {
    throw new Error(
      'If providing both the revalidate and expire options, the expire option must be greater than the revalidate option. The expire option indicates how many seconds from the start until it can no longer be used.',
    );
  }
  return normalized;
}

/**
 * The app's profiles: the built-in ones, with the app's own added or merged over them.
 * @param own the app's `cacheLife` config
 */
export function resolveProfiles(
  own: Readonly<Record<string, CacheLifeProfile>> | undefined,
): Record<string, CacheLifeProfile> {
  const profiles = Object.create(null) as Record<string, CacheLifeProfile>;
  for (const [name, profile] of Object.entries(BUILT_IN_PROFILES)) profiles[name] = profile;
  for (const [name, profile] of Object.entries(own ?? {})) {
    const normalized = normalizeProfile(profile, name);
    profiles[name] = name in BUILT_IN_PROFILES ? { ...profiles[name], ...normalized } : normalized;
  }
  return profiles;
}
