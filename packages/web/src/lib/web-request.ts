import { NextRequest } from '@approute/request';
import { createLazyRequest, type ClientConnection } from '@approute/request/internal';

const onBun = 'Bun' in globalThis;

interface BunServer {
  requestIP(request: Request): { address: string } | null;
}
interface DenoServeInfo {
  remoteAddr: { hostname?: string };
}

// Which platform this is, read once: Vercel's edge runtime sets `X-Real-IP` itself, and on
// Workers Cloudflare sets `CF-Connecting-IP`.
const platform =
  typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === 'string'
    ? 'edge'
    : (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ===
        'Cloudflare-Workers'
      ? 'workers'
      : 'other';

// Instances of classes rather than object literals with a getter: JavaScriptCore builds a
// literal's getter on every evaluation, which measured as much as the rest of this wrapper.
class BunClient implements ClientConnection {
  readonly #server: BunServer;
  readonly #request: Request;
  constructor(server: BunServer, request: Request) {
    this.#server = server;
    this.#request = request;
  }
  get remoteAddress(): string | undefined {
    return this.#server.requestIP(this.#request)?.address;
  }
}

class WorkersClient implements ClientConnection {
  readonly #request: Request;
  constructor(request: Request) {
    this.#request = request;
  }
  get remoteAddress(): string | undefined {
    return this.#request.headers.get('cf-connecting-ip') ?? undefined;
  }
}

/**
 * Where the client's address comes from (`X-Real-IP`, which `@vercel/functions` reads): Bun's
 * `server.requestIP()`, Deno's `info.remoteAddr`, workerd's `CF-Connecting-IP` (set by
 * Cloudflare); on Vercel's edge runtime the platform sets `X-Real-IP` itself. Read only when
 * the request's headers are.
 * @param request the runtime's request
 * @param env what the runtime passed beside it (Bun's server, Deno's info, a Worker's env)
 */
function clientOf(request: Request, env: unknown): ClientConnection | undefined {
  if (platform === 'edge') return undefined;
  if (typeof (env as Partial<BunServer> | undefined)?.requestIP === 'function')
    return new BunClient(env as BunServer, request);
  const info = env as Partial<DenoServeInfo> | undefined;
  if (typeof info?.remoteAddr?.hostname === 'string')
    return { remoteAddress: info.remoteAddr.hostname };
  return platform === 'workers' ? new WorkersClient(request) : undefined;
}

/**
 * Wraps a runtime's request in a lazy `NextRequest`: headers are copied into a mutable
 * `Headers` only when read (Deno and workerd hand out immutable ones, and
 * `request.cookies.set()` rewrites the `cookie` header), the body is passed through when read,
 * and `request.signal` aborts with `ResponseAborted` when the runtime's does.
 * @param request the runtime's request
 * @param url the runtime's URL without its `#fragment`
 * @param method the runtime's `request.method`, read once by the caller
 * @param bodyLimit the limit of the buffered body readers (default `DEFAULT_BODY_LIMIT`)
 * @param env what the runtime passed beside the request (for the client's address)
 */
export function toNextRequest(
  request: Request,
  url: string,
  method: string,
  bodyLimit: number | undefined,
  env: unknown,
): Request {
  if (request instanceof NextRequest) return request;
  return createLazyRequest({
    method,
    url,
    bodyLimit,
    // Its headers, body and signal are read from it when first needed (no closure each). On
    // Bun, headers too: Bun builds the Headers of a request it serves only when asked, and they
    // stay readable after the answer went out. Deno's refuse to be read then ("Request
    // closed"), when an after() callback may still want them: taken at once there.
    source: request,
    headers: onBun ? undefined : request.headers,
    // Bun's `request.url` is the WHATWG serialisation of what it parsed (checked for dot
    // segments, backslashes, percent-encoding, host case, default ports): not scanned again.
    // Deno's keeps the raw target, so it is checked there.
    serialized: onBun,
    client: clientOf(request, env),
  });
}
