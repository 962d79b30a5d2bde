// `redirect()`, `notFound()` and friends throw errors that the router turns into responses.
// The errors carry Next.js's `digest` strings, so code written for Next.js that inspects
// `error.digest` (or rethrows with `unstable_rethrow`) behaves the same here.

/** How a redirect replaces the browser history entry (kept for Next.js compatibility). */
export const RedirectType = { push: 'push', replace: 'replace' } as const;
/** `'push'` or `'replace'`. */
export type RedirectType = (typeof RedirectType)[keyof typeof RedirectType];

const REDIRECT = 'NEXT_REDIRECT';
const FALLBACK = 'NEXT_HTTP_ERROR_FALLBACK';

/** Thrown by `redirect()` and `permanentRedirect()`; the router answers 307 or 308. */
export class RedirectError extends Error {
  // Next.js throws a plain Error whose message is 'NEXT_REDIRECT'.
  override readonly name = 'Error';
  readonly code = REDIRECT;
  /** `NEXT_REDIRECT;<type>;<url>;<status>;`, as Next.js writes it. */
  readonly digest: string;
  /** The target, exactly as given. */
  readonly url: string;
  /** 307 or 308. */
  readonly status: 307 | 308;
  constructor(url: string, status: 307 | 308, type: RedirectType) {
    super(REDIRECT);
    this.url = url;
    this.status = status;
    this.digest = `${REDIRECT};${type};${url};${status};`;
  }
}

/** Thrown by `notFound()`, `forbidden()` and `unauthorized()`; the router answers with its status. */
export class HTTPAccessFallbackError extends Error {
  // Next.js throws a plain Error whose message is the digest.
  override readonly name = 'Error';
  readonly code = FALLBACK;
  /** `NEXT_HTTP_ERROR_FALLBACK;<status>`, as Next.js writes it. */
  readonly digest: string;
  /** 404, 403 or 401. */
  readonly status: 404 | 403 | 401;
  constructor(status: 404 | 403 | 401) {
    const digest = `${FALLBACK};${status}`;
    super(digest);
    this.status = status;
    this.digest = digest;
  }
}

/** What a control-flow error asks the router to answer. */
export type ControlFlow =
  | { kind: 'redirect'; status: 307 | 308; url: string }
  | { kind: 'status'; status: 404 | 403 | 401 };

/**
 * Reads a control-flow error by its `digest`, so that errors from another copy of this
 * package (or from Next.js itself) are recognised too.
 * @param error anything thrown
 */
export function readControlFlow(error: unknown): ControlFlow | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
  const digest = error.digest;
  if (typeof digest !== 'string') return undefined;
  if (digest.startsWith(`${REDIRECT};`)) {
    const parts = digest.split(';');
    const status = Number(parts.at(-2));
    if (parts.length < 5 || (status !== 307 && status !== 308)) return undefined;
    return { kind: 'redirect', status, url: parts.slice(2, -2).join(';') };
  }
  if (digest.startsWith(`${FALLBACK};`)) {
    const status = Number(digest.slice(FALLBACK.length + 1));
    if (status === 404 || status === 403 || status === 401) return { kind: 'status', status };
  }
  return undefined;
}

/**
 * Ends the handler with a 307 redirect to `url` (kept exactly as given, relative or absolute).
 * @param url the target
 * @param type history behaviour, kept for compatibility
 */
export function redirect(url: string, type: RedirectType = RedirectType.replace): never {
  throw new RedirectError(url, 307, type);
}

/**
 * Ends the handler with a 308 redirect to `url` (kept exactly as given).
 * @param url the target
 * @param type history behaviour, kept for compatibility
 */
export function permanentRedirect(url: string, type: RedirectType = RedirectType.replace): never {
  throw new RedirectError(url, 308, type);
}

/** Ends the handler with a 404 and an empty body. */
export function notFound(): never {
  throw new HTTPAccessFallbackError(404);
}

/** Ends the handler with a 403 and an empty body. */
export function forbidden(): never {
  throw new HTTPAccessFallbackError(403);
}

/** Ends the handler with a 401 and an empty body. */
export function unauthorized(): never {
  throw new HTTPAccessFallbackError(401);
}

/**
 * Rethrows `error` when it is a control-flow error, so a `catch` block does not swallow a
 * `redirect()` or `notFound()`.
 * @param error the caught value
 */
export function unstable_rethrow(error: unknown): void {
  if (readControlFlow(error)) throw error;
}
