import { cacheLife, cacheTag } from 'next/cache';
import { freshHit, type Hit } from './upstream';

// 'use cache' functions: each reads the upstream with no-store, so an upstream hit is one run.
// Every entry is tagged `c-<key>`.

export async function cachedDefault(key: string): Promise<Hit> {
  'use cache';
  cacheTag(`c-${key}`);
  return freshHit(key);
}

export async function cachedSeconds(key: string): Promise<Hit> {
  'use cache';
  cacheLife('seconds');
  cacheTag(`c-${key}`);
  return freshHit(key);
}

export async function cachedBrief(key: string): Promise<Hit> {
  'use cache';
  cacheLife('brief');
  cacheTag(`c-${key}`);
  return freshHit(key);
}

export async function cachedInline(key: string): Promise<Hit> {
  'use cache';
  cacheLife({ stale: 0, revalidate: 2, expire: 60 });
  cacheTag(`c-${key}`);
  return freshHit(key);
}

export async function cachedMax(key: string): Promise<Hit> {
  'use cache';
  cacheLife('max');
  cacheTag(`c-${key}`, `c2-${key}`);
  return freshHit(key);
}

// The second argument is part of the cache key.
export async function cachedArgs(key: string, n: string): Promise<Hit & { n: string }> {
  'use cache';
  cacheTag(`c-${key}`);
  return { ...(await freshHit(key)), n };
}

// A stamp that differs between any two runs: the time in ms alone repeats when a refresh runs
// in the same millisecond as the run it replaces (in-process, it can).
function stampNow(): number {
  return Date.now() + Math.random();
}

// No upstream: a time stamp, for routes prerendered at build (no upstream runs then).
export async function cachedStamp(tag: string): Promise<{ tag: string; stamp: number }> {
  'use cache';
  cacheTag(tag);
  return { tag, stamp: stampNow() };
}

export async function cachedBriefStamp(tag: string): Promise<{ tag: string; stamp: number }> {
  'use cache';
  cacheLife('brief');
  cacheTag(tag);
  return { tag, stamp: stampNow() };
}

export const cachedByProfile: Record<string, (key: string) => Promise<Hit>> = {
  default: cachedDefault,
  seconds: cachedSeconds,
  brief: cachedBrief,
  inline: cachedInline,
  max: cachedMax,
};
