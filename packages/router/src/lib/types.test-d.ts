import { describe, expectTypeOf, it } from 'vitest';
import type { RouteContext, RouteParams } from './types.js';

describe('RouteContext', () => {
  it('gives a Promise of string params for single segments', () => {
    expectTypeOf<RouteContext<'/shop/[tag]/[item]'>>().toEqualTypeOf<{
      params: Promise<{ tag: string; item: string }>;
    }>();
    expectTypeOf<RouteContext<'/dashboard/[team]'>>().toEqualTypeOf<{
      params: Promise<{ team: string }>;
    }>();
  });

  it('gives string[] for a catch-all and an optional key for an optional catch-all', () => {
    expectTypeOf<RouteContext<'/blog/[...slug]'>>().toEqualTypeOf<{
      params: Promise<{ slug: string[] }>;
    }>();
    expectTypeOf<RouteContext<'/docs/[[...slug]]'>>().toEqualTypeOf<{
      params: Promise<{ slug?: string[] }>;
    }>();
    expectTypeOf<RouteParams<'/[lang]/docs/[[...path]]'>>().toEqualTypeOf<{
      lang: string;
      path?: string[];
    }>();
  });

  it('gives undefined params for a static route, groups and slots included', () => {
    expectTypeOf<RouteContext<'/about'>>().toEqualTypeOf<{ params: undefined }>();
    expectTypeOf<RouteContext<'/'>>().toEqualTypeOf<{ params: undefined }>();
    expectTypeOf<RouteContext<'/(shop)/@modal/cart'>>().toEqualTypeOf<{ params: undefined }>();
  });

  it('keeps unusual names as written', () => {
    expectTypeOf<RouteParams<'/[__proto__]/[constructor]'>>().toEqualTypeOf<{
      __proto__: string;
      constructor: string;
    }>();
  });

  it('falls back to a loose context for a plain string', () => {
    expectTypeOf<RouteContext<string>>().toEqualTypeOf<{
      params: Promise<Record<string, string | string[]>> | undefined;
    }>();
  });
});
