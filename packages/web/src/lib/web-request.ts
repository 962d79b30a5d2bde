import { NextRequest, ResponseAborted } from '@approute/request';
import { createLazyRequest, type ClientConnection } from '@approute/request/internal';

const lazyHeaders = 'Bun' in globalThis;

/** A signal that aborts with `ResponseAborted` when the runtime's request signal aborts. */
function followSignal(upstream: AbortSignal | undefined): AbortSignal {
  const controller = new AbortController();
  if (upstream?.aborted) controller.abort(new ResponseAborted());
  else
    upstream?.addEventListener(
      'abort',
      () => {
        controller.abort(new ResponseAborted());
      },
      { once: true },
    );
  return controller.signal;
}

interface BunServer {
  requestIP(request: Request): { address: string } | null;
}
interface DenoServeInfo {
  remoteAddr: { hostname?: string };
}

/**
 * Where the client's address comes from (`X-Real-IP`, which `@vercel/functions` reads): Bun's
 * `server.requestIP()`, Deno's `info.remoteAddr`, workerd's `CF-Connecting-IP` (set by
 * Cloudflare); on Vercel's edge runtime the platform sets `X-Real-IP` itself.
 * @param request the runtime's request
 * @param env what the runtime passed beside it (Bun's server, Deno's info, a Worker's env)
 */
function clientOf(request: Request, env: unknown): ClientConnection | undefined {
  if (typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === 'string') return undefined;
  if (typeof (env as Partial<BunServer> | undefined)?.requestIP === 'function') {
    const server = env as BunServer;
    return {
      get remoteAddress() {
        return server.requestIP(request)?.address;
      },
    };
  }
  const info = env as Partial<DenoServeInfo> | undefined;
  if (typeof info?.remoteAddr?.hostname === 'string')
    return { remoteAddress: info.remoteAddr.hostname };
  if (
    (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ===
    'Cloudflare-Workers'
  ) {
    return {
      get remoteAddress() {
        return request.headers.get('cf-connecting-ip') ?? undefined;
      },
    };
  }
  return undefined;
}

/**
 * Wraps a runtime's request in a lazy `NextRequest`: headers are copied into a mutable
 * `Headers` only when read (Deno and workerd hand out immutable ones, and
 * `request.cookies.set()` rewrites the `cookie` header), the body is passed through when read,
 * and `request.signal` aborts with `ResponseAborted` when the runtime's does.
 * @param request the runtime's request
 * @param bodyLimit the limit of the buffered body readers (default `DEFAULT_BODY_LIMIT`)
 * @param env what the runtime passed beside the request (for the client's address)
 * @param url the runtime's URL without its `#fragment`, when the caller read it already
 */
export function toNextRequest(
  request: Request,
  bodyLimit?: number,
  env?: unknown,
  url?: string,
): Request {
  if (request instanceof NextRequest) return request;
  if (url === undefined) {
    url = request.url;
    // Bun and Deno keep a raw `#fragment` of the request target in the URL; no target carries one.
    const hash = url.indexOf('#');
    if (hash !== -1) url = url.slice(0, hash);
  }
  return createLazyRequest({
    method: request.method,
    url,
    bodyLimit,
    // On Bun, read when first needed: Bun builds the Headers of a request it serves only when
    // asked, and they stay readable after the answer went out. Deno's refuse to be read then
    // ("Request closed"), when an after() callback may still want them: taken at once there.
    headers: lazyHeaders ? () => request.headers : request.headers,
    client: clientOf(request, env),
    body: () => request.body,
    // Following the runtime's signal costs more than the rest of this wrapper (Bun builds the
    // signal on first read), so it is done only when something reads `request.signal`.
    signal: () => followSignal(request.signal),
  });
}
