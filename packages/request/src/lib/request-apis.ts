import type { ReadonlyHeaders } from './readonly-headers.js';
import type { ResponseCookies } from './response-cookies.js';
import { trackDynamic } from './cache/dynamic.js';
import { currentScope, scopeCookies, scopeHeaders, type RequestScope } from './scope.js';
import { syncCookies, syncDraftMode, syncHeaders } from './sync-access.js';

/** The draft-mode switch of the current request (`draftMode()`). */
export interface DraftMode {
  /** Whether this request is in draft mode. */
  readonly isEnabled: boolean;
  /** Turns draft mode on: sets the `__prerender_bypass` cookie. */
  enable(): void;
  /** Turns draft mode off: expires the `__prerender_bypass` cookie. */
  disable(): void;
}

const DRAFT_COOKIE = '__prerender_bypass';
// One secret per process, as Next.js's preview-mode id is one per build. Made on first use:
// Workers refuse random values at module scope.
let draftSecret: string | undefined;
const secret = (): string => (draftSecret ??= globalThis.crypto.randomUUID());

/**
 * The current request's cookies as a store: reads see the request's cookies and every change
 * made in this request; `set` and `delete` become `Set-Cookie` fields on the response.
 * @throws OutsideRequestScopeError outside a request
 */
export function cookies(): Promise<ResponseCookies> {
  const scope = currentScope('cookies');
  const refused = dynamicRead(scope, 'cookies');
  if (refused) return refused;
  if (scope.syncAccess) {
    return ((scope.exotic ??= {}).cookies ??= syncCookies(
      scopeCookies(scope),
      scope,
    )) as Promise<ResponseCookies>;
  }
  return Promise.resolve(scopeCookies(scope));
}

/**
 * The current request's headers, read-only.
 * @throws OutsideRequestScopeError outside a request
 */
export function headers(): Promise<ReadonlyHeaders> {
  const scope = currentScope('headers');
  const refused = dynamicRead(scope, 'headers');
  if (refused) return refused;
  if (scope.syncAccess) {
    return ((scope.exotic ??= {}).headers ??= syncHeaders(
      scopeHeaders(scope),
      scope,
    )) as Promise<ReadonlyHeaders>;
  }
  return Promise.resolve(scopeHeaders(scope));
}

// Request data cannot be read inside a cached function (its result is shared by every
// request), and makes a static answer being produced dynamic.
function dynamicRead(scope: RequestScope, api: 'cookies' | 'headers'): Promise<never> | undefined {
  const inside = scope.cacheScope;
  if (inside) {
    const where = inside.kind === 'use-cache' ? '`"use cache"`' : '`unstable_cache()`';
    const more =
      inside.kind === 'use-cache'
        ? 'https://nextjs.org/docs/messages/next-request-in-use-cache'
        : 'https://nextjs.org/docs/app/api-reference/functions/unstable_cache';
    return Promise.reject(
      new Error(
        `Route "${inside.route}": \`${api}()\` can't be read inside ${where}. Read it outside the cached function and pass what you need as an argument.\nLearn more: ${more}`,
      ),
    );
  }
  if (scope.cache?.production) {
    try {
      trackDynamic(scope, api);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return undefined;
}

/**
 * The current request's draft-mode switch.
 * @throws OutsideRequestScopeError outside a request
 */
export function draftMode(): Promise<DraftMode> {
  const scope = currentScope('draftMode');
  if (scope.syncAccess) {
    return ((scope.exotic ??= {}).draftMode ??= syncDraftMode(
      draftModeOf(scope),
      scope,
    )) as Promise<DraftMode>;
  }
  return Promise.resolve(draftModeOf(scope));
}

function draftModeOf(scope: RequestScope): DraftMode {
  return {
    get isEnabled() {
      return scope.draftMode ?? scopeCookies(scope).get(DRAFT_COOKIE)?.value === secret();
    },
    enable() {
      scopeCookies(scope).set(DRAFT_COOKIE, secret(), {
        httpOnly: true,
        sameSite: 'none',
        secure: true,
        path: '/',
      });
      scope.draftMode = true;
    },
    disable() {
      scopeCookies(scope).set(DRAFT_COOKIE, '', {
        httpOnly: true,
        sameSite: 'none',
        secure: true,
        path: '/',
        expires: new Date(0),
      });
      scope.draftMode = false;
    },
  };
}
