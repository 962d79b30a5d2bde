import { describe, expect, it } from 'vitest';
import { INFINITE_CACHE } from './cache/handler.js';
import { resolveProfiles } from './cache/profiles.js';
import { RequestCache } from './cache/request-cache.js';
import { CacheRuntime } from './cache/runtime.js';
import { implicitTags, pagePathOf } from './cache/tags.js';
import { revalidatePath, revalidateTag, updateTag } from './cache-apis.js';
import { createRequestScope, OutsideRequestScopeError, runInScope } from './scope.js';

const handler = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  refreshTags: () => Promise.resolve(),
  getExpiration: () => Promise.resolve(0),
  updateTags: () => Promise.resolve(),
};

function inRequest(call: () => void) {
  const warnings: string[] = [];
  const runtime = new CacheRuntime({
    handler,
    builtIn: true,
    profiles: resolveProfiles(undefined),
    logger: { error: () => undefined, warn: (m) => warnings.push(m) },
    buildId: 'test',
    dev: false,
    cacheComponents: false,
    now: () => 1,
  });
  const scope = createRequestScope(new Request('http://localhost/x'));
  scope.cache = new RequestCache({ runtime, route: '/x', page: '/x/route', pathname: '/x' });
  runInScope(scope, call);
  return { pending: scope.cache.pending, warnings };
}

describe('implicit tags', () => {
  it('are a layout tag per folder, the route file and the path, as Next.js makes them', () => {
    expect(pagePathOf('app/(shop)/cart/[id]/route.ts')).toBe('/(shop)/cart/[id]/route');
    expect(pagePathOf('src/app/route.js')).toBe('/route');
    expect(implicitTags('/static/plain/[key]/route', '/static/plain/k')).toEqual([
      '_N_T_/layout',
      '_N_T_/static/layout',
      '_N_T_/static/plain/layout',
      '_N_T_/static/plain/[key]/layout',
      '_N_T_/static/plain/[key]/route',
      '_N_T_/static/plain/k',
    ]);
    expect(implicitTags('/route', '/')).toEqual([
      '_N_T_/layout',
      '_N_T_/route',
      '_N_T_/',
      '_N_T_/index',
    ]);
  });
});

describe('revalidatePath', () => {
  it('records the implicit tag of the path, without a trailing slash, and with its type', () => {
    const { pending } = inRequest(() => {
      revalidatePath('/stats/');
      revalidatePath('/blog/[slug]', 'layout');
      revalidatePath('/', 'layout');
      revalidatePath('relative');
    });
    expect(pending.map((p) => p.tag)).toEqual([
      '_N_T_/stats',
      '_N_T_/blog/[slug]/layout',
      '_N_T_/layout',
      '_N_T_relative',
    ]);
  });

  it('warns about a dynamic path without a type, as Next.js does', () => {
    const { warnings } = inRequest(() => {
      revalidatePath('/blog/[slug]');
    });
    expect(warnings.join('\n')).toContain(
      'Warning: a dynamic page path "/blog/[slug]" was passed to "revalidatePath", but the "type" parameter is missing.',
    );
  });

  it("throws Next.js's invariant error outside a request", () => {
    expect(() => {
      revalidatePath('/x');
    }).toThrow('Invariant: static generation store missing in revalidatePath("/x")');
    expect(() => {
      revalidateTag('x', 'max');
    }).toThrow(OutsideRequestScopeError);
  });
});

describe('revalidateTag', () => {
  it('records the tag with its profile; the one-argument form warns', () => {
    const { pending, warnings } = inRequest(() => {
      revalidateTag('a', 'max');
      revalidateTag('b');
      revalidateTag('c', { expire: Infinity });
    });
    expect(pending.map((p) => [p.tag, p.profile])).toEqual([
      ['a', 'max'],
      ['b', undefined],
      ['c', { expire: INFINITE_CACHE }],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"revalidateTag" without the second argument is now deprecated');
  });
});

describe('updateTag', () => {
  it('throws in a route handler, naming revalidateTag', () => {
    expect(() => updateTag('x')).toThrow(
      'updateTag can only be called from within a Server Action. To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead.',
    );
  });
});
