// Per-process counters, on globalThis because each route may get its own copy of this module.
export function next(name: string): number {
  const g = globalThis as { __cacheFixtureCounters?: Map<string, number> };
  g.__cacheFixtureCounters ??= new Map();
  const value = (g.__cacheFixtureCounters.get(name) ?? 0) + 1;
  g.__cacheFixtureCounters.set(name, value);
  return value;
}
