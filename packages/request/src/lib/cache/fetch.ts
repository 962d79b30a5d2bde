// The global `fetch`, patched as Next.js patches it: outside a request it is the original; inside
// one, the cache options decide whether an answer comes from the data cache — `cache:
// 'force-cache'` or `next.revalidate` > 0 / `false` cache it (with `next.tags`), `cache:
// 'no-store'` and `next.revalidate: 0` do not, and a fetch without options is not cached (the
// Next.js 15 default). While a static answer is produced, a fetch's revalidate shortens the
// answer's, its tags become the answer's, and an uncached fetch makes the answer dynamic (not
// under `force-static`).
import { activeScope, type RequestScope } from '../scope.js';
import { DynamicServerError, trackDynamic } from './dynamic.js';
import { decodeAnswer, encodeAnswer } from './envelope.js';
import { bodyKey, sha256 } from './fetch-key.js';
import { INFINITE_CACHE } from './handler.js';
import type { RequestCache } from './request-cache.js';
import { validateTags } from './tags.js';

/** The `next` member of a `fetch` init, as Next.js reads it. */
export interface NextFetchOptions {
  revalidate?: number | false;
  tags?: string[];
}

type FetchInit = RequestInit & { next?: NextFetchOptions };
type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const ORIGINAL = Symbol.for('approute.fetch.original');

function normalizeRevalidate(value: unknown, route: string): number | undefined {
  if (value === false || value === Infinity) return INFINITE_CACHE;
  if (typeof value === 'number' && !Number.isNaN(value) && value > -1) return value;
  if (value !== undefined)
    throw new Error(
      `Invalid revalidate value "${JSON.stringify(value)}" on "${route}", must be a non-negative number or false`,
    );
  return undefined;
}

// The revalidate Next settles on for one fetch, and whether it was the "no config" default.
function decide(
  cache: RequestCache,
  scope: RequestScope,
  cacheOption: RequestCache['fetchCache'],
  nextRevalidate: unknown,
): { revalidate: number | undefined; auto: boolean } {
  let option = cacheOption;
  let revalidate = nextRevalidate;
  const pageMode =
    scope.cacheScope?.kind === 'unstable-cache'
      ? 'force-no-store'
      : cache.fetchCache === 'auto'
        ? undefined
        : cache.fetchCache;
  if (
    typeof option === 'string' &&
    revalidate !== undefined &&
    ((option === 'force-cache' && revalidate === 0) ||
      (option === 'no-store' && (revalidate === false || (revalidate as number) > 0)))
  ) {
    option = undefined;
    revalidate = undefined;
  }
  const optOut =
    option === 'no-cache' ||
    option === 'no-store' ||
    pageMode === 'force-no-store' ||
    pageMode === 'only-no-store';
  if (option === 'force-cache' && revalidate === undefined) revalidate = false;
  else if (optOut || (!pageMode && !option && !revalidate && cache.forceDynamic)) revalidate = 0;
  let final = normalizeRevalidate(revalidate, cache.route);
  const auto =
    pageMode === undefined &&
    (option === undefined || option === 'default') &&
    revalidate === undefined;
  switch (pageMode) {
    case 'only-no-store':
      if (option === 'force-cache' || (final !== undefined && final > 0))
        throw new Error(
          `cache: 'force-cache' used on fetch with 'export const fetchCache = 'only-no-store'`,
        );
      break;
    case 'only-cache':
      if (option === 'no-store')
        throw new Error(
          `cache: 'no-store' used on fetch with 'export const fetchCache = 'only-cache'`,
        );
      break;
    case 'force-cache':
      if (revalidate === undefined || revalidate === 0) final = INFINITE_CACHE;
      break;
    default:
      break;
  }
  if (final === undefined) {
    if (pageMode === 'default-cache' && !cache.noStore) final = INFINITE_CACHE;
    else if (pageMode === 'default-no-store' || cache.noStore || auto) final = 0;
    else final = cache.production ? cache.production.revalidate : INFINITE_CACHE;
  }
  return { revalidate: final, auto };
}

// A Request made by Next-aware code may carry `next` too.
function nextOf(request: Request | undefined): NextFetchOptions | undefined {
  return (request as { next?: NextFetchOptions } | undefined)?.next;
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

function stripped(init: FetchInit | undefined): RequestInit | undefined {
  if (!init) return init;
  const rest: FetchInit = { ...init };
  delete rest.next;
  delete rest.cache;
  return rest;
}

async function keyOf(
  input: RequestInfo | URL,
  init: FetchInit | undefined,
): Promise<string | undefined> {
  const request = input instanceof Request ? input : undefined;
  const url = urlOf(input);
  const headers = new Headers(init?.headers ?? request?.headers);
  const body = await bodyKey(init?.body ?? undefined);
  if (body === undefined || (request?.body && init?.body === undefined)) return undefined;
  return `fetch:${await sha256(
    JSON.stringify([
      'v1',
      url,
      (init?.method ?? request?.method ?? 'GET').toUpperCase(),
      [...headers],
      init?.mode ?? request?.mode,
      init?.redirect ?? request?.redirect,
      init?.credentials ?? request?.credentials,
      init?.referrer ?? request?.referrer,
      init?.referrerPolicy ?? request?.referrerPolicy,
      init?.integrity ?? request?.integrity,
      body,
    ]),
  )}`;
}

async function patchedFetch(
  original: Fetch,
  input: RequestInfo | URL,
  givenInit: RequestInit | undefined,
): Promise<Response> {
  const init: FetchInit | undefined = givenInit;
  const scope = activeScope();
  const cache = scope?.cache;
  if (!scope || !cache) return original(input, stripped(init));
  const runtime = cache.runtime;
  const request = input instanceof Request ? input : undefined;
  const next = init?.next ?? nextOf(request);
  const description = `fetch ${urlOf(input)}`;
  const tags = validateTags(next?.tags ?? [], description, (m) => {
    runtime.logger.warn(m);
  });
  const inside = scope.cacheScope;
  if (inside?.kind === 'use-cache')
    for (const tag of tags) if (!inside.tags.includes(tag)) inside.tags.push(tag);
  cache.collect(tags);
  const option = (init?.cache ?? (request?.cache === 'default' ? undefined : request?.cache)) as
    RequestCache['fetchCache'] | undefined;
  const { revalidate, auto } = decide(cache, scope, option, next?.revalidate);
  const final = revalidate ?? 0;
  const production = cache.production;
  if (production && !inside) {
    if (auto && runtime.cacheComponents && !production.forceStatic) {
      production.dynamic ??= 'fetch()';
      throw new DynamicServerError(
        `Route ${cache.route} used an uncached \`fetch()\`: it is not prerendered.`,
      );
    }
    if (!(production.forceStatic && final === 0) && !auto && final < production.revalidate) {
      if (final === 0) trackDynamic(scope, `revalidate: 0 fetch ${description.slice(6)}`);
      if (normalizeRevalidate(next?.revalidate, cache.route) === final)
        production.revalidate = final;
    }
  }
  if (inside?.kind === 'use-cache' && final > 0 && final < inside.inner.revalidate && !auto)
    inside.inner.revalidate = final;
  if (!(final > 0)) return original(input, stripped(init));
  const key = await keyOf(input, init);
  if (key === undefined) return original(input, stripped(init));
  const fetchAndStore = async (): Promise<Response> => {
    const started = runtime.now();
    const response = await original(input, stripped(init));
    if (response.status !== 200) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    const head = {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      url: response.url,
    };
    await runtime.write(runtime.handler, key, encodeAnswer(head, body), {
      tags,
      stale: 0,
      revalidate: final,
      expire: INFINITE_CACHE,
      timestamp: started,
    });
    return answer(head, body);
  };
  const read = await runtime.read(runtime.handler, key, cache.softTags, {
    expiration: await cache.expiration(runtime.handler),
    pending: cache.pending,
  });
  const decoded = read && decodeAnswer(read.bytes);
  if (read && decoded) {
    if (!read.stale) return answer(decoded.head, decoded.body);
    if (!cache.consumerCaches(scope)) {
      cache.background(runtime.refreshOnce(key, fetchAndStore));
      return answer(decoded.head, decoded.body);
    }
  }
  return fetchAndStore();
}

function answer(
  head: { status: number; statusText: string; headers: [string, string][]; url?: string },
  body: Uint8Array,
): Response {
  const response = new Response(body.slice(), {
    status: head.status,
    statusText: head.statusText,
    headers: head.headers,
  });
  if (head.url) Object.defineProperty(response, 'url', { value: head.url });
  return response;
}

/**
 * Replaces `globalThis.fetch` with the caching one, once per process (or isolate); later calls
 * change nothing.
 */
export function patchFetch(): void {
  const holder = globalThis as typeof globalThis & { [ORIGINAL]?: Fetch };
  if (holder[ORIGINAL]) return;
  const original = globalThis.fetch.bind(globalThis);
  holder[ORIGINAL] = original;
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    patchedFetch(original, input, init);
  Object.defineProperty(fetch, 'name', { value: 'fetch' });
  globalThis.fetch = fetch;
}
