// The matcher against a slow reference written straight from the precedence rule: every route
// is tried with path-to-regexp's own compiled expression, and of those that match, the one
// whose segment kinds rank lowest from the left (static < [x] < [...x] < [[...x]]) wins.
import fc from 'fast-check';
import { match as compileMatch } from 'path-to-regexp';
import { describe, expect, it } from 'vitest';
import { MalformedParamError, RouteStartupError } from './errors.js';
import { createManifest } from './manifest.js';
import type { ManifestRoute } from './manifest-types.js';
import { RouteMatcher } from './matcher.js';
import { pathPattern } from './test-utils/path-pattern.js';

const RANK = { static: 0, single: 1, catchall: 2, 'optional-catchall': 3 } as const;

function rankOf(route: ManifestRoute): number[] {
  const ranks: number[] = [];
  for (const segment of route.segments) ranks.push(RANK[segment.kind]);
  return ranks;
}

function compareRanks(a: number[], b: number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const diff = (a[index] ?? 0) - (b[index] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

type Outcome = { id: string; params: unknown } | 'malformed' | null;

function referenceMatch(routes: readonly ManifestRoute[], path: string): Outcome {
  const candidates = routes.filter((route) =>
    compileMatch(pathPattern(route), { decode: false, sensitive: true })(path),
  );
  const best = candidates.sort((a, b) => compareRanks(rankOf(a), rankOf(b)))[0];
  if (!best) return null;
  try {
    const found = compileMatch(pathPattern(best), { sensitive: true })(path);
    if (!found) return null;
    return {
      id: best.id,
      params: best.segments.every((s) => s.kind === 'static') ? undefined : { ...found.params },
    };
  } catch {
    return 'malformed';
  }
}

function fastMatch(matcher: RouteMatcher, path: string): Outcome {
  try {
    const found = matcher.match(path);
    return found && { id: found.route.id, params: found.params && { ...found.params } };
  } catch (error) {
    if (error instanceof MalformedParamError) return 'malformed';
    throw error;
  }
}

// Parameter names follow their depth, so two routes never name one position differently.
const folderAt = (depth: number, last: boolean) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'c', '__proto__') },
    { weight: 3, arbitrary: fc.constant(`[s${depth}]`) },
    ...(last ? [fc.constant(`[...c${depth}]`), fc.constant(`[[...o${depth}]]`)] : []),
  );

const routeId = fc
  .integer({ min: 0, max: 4 })
  .chain((length) =>
    fc.tuple(...Array.from({ length }, (_, depth) => folderAt(depth, depth === length - 1))),
  )
  .map((folders) => `/${folders.join('/')}`);

// Keeps the routes that together still form an app Next.js would build.
function buildable(ids: readonly string[]): ManifestRoute[] {
  const files: string[] = [];
  for (const id of new Set(ids)) {
    const file = id === '/' ? 'route.ts' : `${id.slice(1)}/route.ts`;
    try {
      createManifest([...files, file]);
      files.push(file);
    } catch (error) {
      if (!(error instanceof RouteStartupError)) throw error;
    }
  }
  return createManifest(files).routes;
}

const segment = fc.constantFrom(
  'a',
  'b',
  'c',
  'x',
  'A',
  '__proto__',
  'constructor',
  'a%20b',
  'a%2Fb',
  '%E2%82%AC',
  '%25',
  'a+b',
  '%ZZ',
  '%E2%82',
);
const path = fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`);

describe('RouteMatcher against the reference matcher', () => {
  it('picks the same route and params for generated route sets and paths', () => {
    fc.assert(
      fc.property(
        fc.array(routeId, { maxLength: 14 }),
        fc.array(path, { minLength: 1, maxLength: 20 }),
        (ids, paths) => {
          const routes = buildable(ids);
          const matcher = new RouteMatcher(routes);
          for (const candidate of paths) {
            expect(fastMatch(matcher, candidate), candidate).toEqual(
              referenceMatch(routes, candidate),
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is not a vacuous comparison: generated cases do match, miss and fail to decode', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(routeId, { minLength: 3, maxLength: 14 }), path, (ids, candidate) => {
        const outcome = referenceMatch(buildable(ids), candidate);
        seen.add(outcome === null ? 'miss' : outcome === 'malformed' ? 'malformed' : 'match');
      }),
      { numRuns: 400 },
    );
    expect([...seen].sort()).toEqual(['malformed', 'match', 'miss']);
  });
});
