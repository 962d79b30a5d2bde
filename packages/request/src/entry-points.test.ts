import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as cacheEntry from './cache.js';
import * as headersEntry from './headers.js';
import * as root from './index.js';
import * as internal from './internal.js';
import * as navigationEntry from './navigation.js';
import * as serverEntry from './server.js';

describe('entry points', () => {
  it('/server exports what next/server exports, plus the cookie and URL classes', () => {
    expect(Object.keys(serverEntry).sort()).toEqual([
      'ImageResponse',
      'NextFetchEvent',
      'NextRequest',
      'NextResponse',
      'NextURL',
      'RequestCookies',
      'ResponseCookies',
      'URLPattern',
      'after',
      'connection',
      'userAgent',
      'userAgentFromString',
    ]);
  });

  it('/cache exports the caching functions of next/cache', () => {
    expect(Object.keys(cacheEntry).sort()).toEqual([
      'cacheLife',
      'cacheTag',
      'refresh',
      'revalidatePath',
      'revalidateTag',
      'unstable_cache',
      'unstable_cacheLife',
      'unstable_cacheTag',
      'unstable_noStore',
      'updateTag',
    ]);
  });

  it('/headers exports cookies, headers and draftMode, like next/headers', () => {
    expect(Object.keys(headersEntry).sort()).toEqual(['cookies', 'draftMode', 'headers']);
  });

  it('/navigation exports the control-flow functions and RedirectType, like next/navigation', () => {
    expect(Object.keys(navigationEntry).sort()).toEqual([
      'RedirectType',
      'forbidden',
      'notFound',
      'permanentRedirect',
      'redirect',
      'unauthorized',
      'unstable_rethrow',
    ]);
  });

  it('the root holds every public entry point, the app contract and the errors, no seams', () => {
    for (const entry of [serverEntry, headersEntry, navigationEntry, cacheEntry]) {
      for (const [name, value] of Object.entries(entry)) {
        expect(root[name as keyof typeof root], name).toBe(value);
      }
    }
    expect(root.ResponseAborted.prototype).toBeInstanceOf(root.RequestApiError);
    for (const seam of Object.keys(internal)) expect(Object.keys(root), seam).not.toContain(seam);
  });

  it('/internal holds the seams the router and adapters use', () => {
    expect(Object.keys(internal).sort()).toEqual([
      'CacheRuntime',
      'DynamicServerError',
      'IMPLICIT_TAG',
      'LightResponse',
      'MIN_PRERENDERABLE_EXPIRE',
      'NativeResponse',
      'RESPOND',
      'RequestCache',
      'RequestScope',
      'StaticBailoutError',
      'activeScope',
      'asNextRequest',
      'bodyLimitCrossed',
      'bodyLimitOf',
      'bufferedResponse',
      'cachedCall',
      'controlFlowResponse',
      'createLazyRequest',
      'createProduction',
      'createRequestScope',
      'decodeAnswer',
      'encodeAnswer',
      'enterScope',
      'guardHandler',
      'hasField',
      'hasValidAuthority',
      'implicitTags',
      'isExpired',
      'isLazyRequest',
      'isStale',
      'isValidHost',
      'lightState',
      'middlewareOnlyKind',
      'normalizeProfile',
      'pagePathOf',
      'patchFetch',
      'payloadTooLargeResponse',
      'payloadTooLargeText',
      'readControlFlow',
      'readStream',
      'resolveProfiles',
      'responderOf',
      'runAfterTasks',
      'runInScope',
      'streamOf',
      'syncParams',
      'toRequest',
      'trackDynamic',
      'uncaughtPrefix',
      'validAuthorityEnd',
      'withScopeCookies',
    ]);
  });
});

describe('errors', () => {
  it('every error class of the package extends RequestApiError with an ERR_ code and the name Next.js gives it', async () => {
    const { InvalidCookieError } = await import('./lib/cookie-text.js');
    // Next.js throws plain Errors (name 'Error') except ResponseAborted; InvalidCookieError and
    // PayloadTooLargeError have no Next.js counterpart (it neither validates cookies nor limits
    // a route handler's body).
    const made: [root.RequestApiError, string][] = [
      [new InvalidCookieError('a', 'bad'), 'InvalidCookieError'],
      [new root.ReadonlyHeadersError('set', 'x'), 'Error'],
      [new root.ReadonlyRequestCookiesError(), 'Error'],
      [new root.OutsideRequestScopeError('cookies'), 'Error'],
      [new root.MalformedURLError('x', undefined), 'Error'],
      [new root.InvalidAfterTaskError(), 'Error'],
      [new root.ResponseAborted(), 'ResponseAborted'],
      [new root.PageSignatureError('/proxy'), 'Error'],
      [new root.PayloadTooLargeError(1), 'PayloadTooLargeError'],
    ];
    for (const [error, name] of made) {
      expect(error).toBeInstanceOf(root.RequestApiError);
      expect(error.code).toMatch(/^ERR_[A-Z_]+$/);
      expect(error.name).toBe(name);
    }
  });
});

describe('runtime neutrality', () => {
  it('imports node:async_hooks in scope-storage.ts only, and no other node:* module', () => {
    const dir = new URL('./', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    );
    expect(files.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const file of files) {
      for (const match of readFileSync(new URL(file, dir), 'utf8').matchAll(
        /from '(node:[^']+)'/g,
      )) {
        found.push(`${file.replaceAll('\\', '/')}: ${match[1] ?? ''}`);
      }
    }
    expect(found).toEqual(['lib/scope-storage.ts: node:async_hooks']);
  });
});
