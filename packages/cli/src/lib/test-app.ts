// An app under test, in-process: the project built by the same pipeline as `approute build`
// (into a folder of its own inside the project, so that its packages resolve as they do in
// production), opened as a router, and called with no socket in between. The client keeps
// cookies as a browser would, lets after() work run as a server does once an answer is sent,
// and waits for it on request.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AppContext } from '@approute/request';
import type {
  CacheHandler,
  CacheLifeProfile,
  RouteManifest,
  Router,
  RouterLogger,
} from '@approute/router';
import { CookieJar } from 'tough-cookie';
import { openBuild } from './app.js';
import { buildApp } from './build.js';
import { OUTPUT_DIR } from './build-output.js';
import { mapCompiledFrames } from './source-frames.js';

/** Options for {@link createTestApp}. */
export interface TestAppOptions {
  /** The base path the app is built with (`--base-path`). */
  basePath?: string;
  /** Whether paths end with a slash (`--trailing-slash`). */
  trailingSlash?: boolean;
  /** 500 answers carry the error's message and stack, as under `approute dev` (default: as `start`, empty). */
  dev?: boolean;
  /** Where handler errors and warnings go; `console` by default. */
  logger?: RouterLogger;
  /**
   * The cache handler behind static GET answers and the data cache (Next.js 16's
   * `cacheHandlers` interface); the bounded in-memory one by default, filled with the build's.
   */
  cache?: CacheHandler;
  /** The clock of the cache, in ms since the epoch; `performance.timeOrigin + performance.now()` by default. */
  now?: () => number;
  /** The origin of the requests' URLs (default `http://localhost:3000`, as `next dev`'s). */
  origin?: string;
  /** Keep the cookies answers set and send them with later requests (default true). */
  cookies?: boolean;
}

/** The cookies a test app keeps between requests. */
export interface TestCookies {
  /**
   * The value of a cookie the app set (and that has not expired), as it would be sent to
   * `path` (default `/`), or `undefined`.
   */
  get(name: string, path?: string): string | undefined;
  /** Every cookie that would be sent to `path` (default `/`), by name. */
  all(path?: string): Record<string, string>;
  /** Sets a cookie as a `Set-Cookie` value would: `session=ada; Path=/`. */
  set(cookie: string): void;
  /** Forgets every cookie. */
  clear(): void;
}

/** A project's app, built and called in-process. */
export interface TestApp {
  /**
   * Sends one request to the app, as `fetch` does (a path is resolved against the origin);
   * redirects are answered, not followed. The cookies kept are sent along unless the request
   * has its own `Cookie` field; the `Set-Cookie` fields of the answer are kept.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The same as {@link TestApp.fetch}, by the name Hono's `app.request` has. */
  request(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The cookie jar (empty and unused with `cookies: false`). */
  cookies: TestCookies;
  /**
   * Waits until every answer so far was produced to its end and all `after()` callbacks and
   * background work (`waitUntil`, regeneration of stale static answers) have finished.
   */
  flush(): Promise<void>;
  /** Expires what was cached for a path, as `revalidatePath()` does. */
  revalidatePath(path: string, type?: 'layout' | 'page'): Promise<void>;
  /** Expires what was cached with a tag, as `revalidateTag()` does. */
  revalidateTag(tag: string, profile?: string | CacheLifeProfile): Promise<void>;
  /** The routes, with their methods. */
  manifest: RouteManifest;
  /** The router itself, for what the client does not cover. */
  router: Router;
  /** Removes the build. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Builds a project with approute's build pipeline and returns a client that calls its router
 * in-process: `await app.request('/api/me', { headers })`.
 * @param projectDir the project folder (the one holding `app/` or `src/app/`)
 * @param options build and router options, the origin, and whether to keep cookies
 */
export async function createTestApp(
  projectDir: string,
  options: TestAppOptions = {},
): Promise<TestApp> {
  mapCompiledFrames();
  const dir = resolve(projectDir);
  const logger = options.logger ?? console;
  await mkdir(join(dir, OUTPUT_DIR), { recursive: true });
  // Inside the project, so that the compiled routes find its node_modules.
  const outDir = await mkdtemp(join(dir, OUTPUT_DIR, 'test-'));
  let router: Router;
  let manifest: RouteManifest;
  try {
    const build = await buildApp(dir, {
      warn: (message) => {
        logger.warn(message);
      },
      outDir,
      options: { basePath: options.basePath, trailingSlash: options.trailingSlash },
    });
    manifest = build.manifest;
    router = await openBuild(outDir, {
      dev: options.dev ?? false,
      logger,
      ...(options.cache && { cache: options.cache }),
      ...(options.now && { now: options.now }),
    });
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }

  const origin = options.origin ?? 'http://localhost:3000';
  const keepCookies = options.cookies ?? true;
  const jar = new CookieJar();
  const pending = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>): void => {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    pending.add(settled);
    void settled.then(() => pending.delete(settled));
  };

  async function send(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const target =
      typeof input === 'string' && input.startsWith('/')
        ? input
        : ((url) => url.pathname + url.search)(
            new URL(input instanceof Request ? input.url : input, origin),
          );
    const url = input instanceof Request ? input.url : new URL(input, origin).href;
    const request = new Request(input instanceof Request ? input : url, init);
    if (keepCookies && !request.headers.has('cookie')) {
      const cookie = jar.getCookieStringSync(request.url);
      if (cookie) request.headers.set('cookie', cookie);
    }
    // As a server: after() starts once the answer was sent to its end (or the client left).
    const closers: (() => void)[] = [];
    const context: AppContext = {
      onClose: (callback) => closers.push(callback),
      waitUntil: track,
      target,
    };
    const response = await router.fetch(request, context);
    if (keepCookies) {
      for (const cookie of response.headers.getSetCookie()) {
        jar.setCookieSync(cookie, request.url, { ignoreError: true });
      }
    }
    const close = () => {
      for (const callback of closers.splice(0)) callback();
    };
    if (response.body === null) {
      close();
      return response;
    }
    return new Response(sendBody(response.body, close, track), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }

  const cookies: TestCookies = {
    get: (name, path = '/') =>
      jar.getCookiesSync(new URL(path, origin).href).find((cookie) => cookie.key === name)?.value,
    all: (path = '/') =>
      Object.fromEntries(
        jar.getCookiesSync(new URL(path, origin).href).map((cookie) => [cookie.key, cookie.value]),
      ),
    set: (cookie) => {
      jar.setCookieSync(cookie, origin);
    },
    clear: () => {
      jar.removeAllCookiesSync();
    },
  };

  const flush = async (): Promise<void> => {
    // after() work may schedule more: wait until nothing is left.
    while (pending.size > 0) await Promise.all(pending);
  };

  const close = async (): Promise<void> => {
    await flush();
    await rm(outDir, { recursive: true, force: true });
  };

  return {
    fetch: send,
    request: send,
    cookies,
    flush,
    revalidatePath: (path, type) => router.static.revalidatePath(path, type),
    revalidateTag: (tag, profile) => router.static.revalidateTag(tag, profile),
    manifest,
    router,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * The body as a client receives it from a server that sends it whatever the client does: it
 * is read to its end as it is produced (so after() runs even when the test does not read the
 * body), and `close` is called once it ended or the client cancelled it.
 */
function sendBody(
  body: ReadableStream<Uint8Array>,
  close: () => void,
  track: (promise: Promise<unknown>) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const pump = async (): Promise<void> => {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done || cancelled) break;
            controller.enqueue(value);
          }
          if (!cancelled) controller.close();
        } catch (error) {
          if (!cancelled) controller.error(error);
        } finally {
          close();
        }
      };
      track(pump());
    },
    async cancel(reason) {
      cancelled = true;
      await reader.cancel(reason);
    },
  });
}
