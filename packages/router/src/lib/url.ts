/** The path and query of a request URL, cut from the string without parsing it. */
export interface UrlParts {
  pathname: string;
  /** `?…` or `''`. */
  search: string;
}

/**
 * Cuts the path and the query out of an absolute URL string (`scheme://authority/path?query`).
 * @param url an absolute URL, as `Request#url` gives it
 */
export function splitUrl(url: string): UrlParts {
  const authority = url.indexOf('//');
  const start = url.indexOf('/', authority === -1 ? 0 : authority + 2);
  if (start === -1) return { pathname: '/', search: '' };
  let end = url.length;
  const hash = url.indexOf('#', start);
  if (hash !== -1) end = hash;
  const query = url.indexOf('?', start);
  if (query !== -1 && query < end)
    return { pathname: url.slice(start, query), search: url.slice(query, end) };
  return { pathname: url.slice(start, end), search: '' };
}

/**
 * Cuts an origin-form request target (`/path?query`) into path and query; a raw `#fragment`
 * (which no client should send) is dropped.
 * @param target the request target as received on the request line
 */
export function splitTarget(target: string): UrlParts {
  const hash = target.indexOf('#');
  const end = hash === -1 ? target.length : hash;
  const query = target.indexOf('?');
  return query === -1 || query > end
    ? { pathname: target.slice(0, end), search: '' }
    : { pathname: target.slice(0, query), search: target.slice(query, end) };
}

/**
 * Whether a request URL is `scheme://authority/…` (every `Request#url` but an authority-form
 * one, such as Bun's `127.0.0.1:1` for CONNECT).
 * @param url the request URL
 */
export function isOriginUrl(url: string): boolean {
  if (url.startsWith('http://') || url.startsWith('https://')) return true;
  const authority = url.indexOf('://');
  return authority > 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(url.slice(0, authority));
}

/** Where a request path stands against its canonical form. */
export interface CanonicalPath {
  /** The canonical path: dot segments resolved, slashes collapsed, trailing slash as configured. */
  pathname: string;
  /** Whether the client must be sent there with a 308 (slashes or backslashes changed). */
  redirect: boolean;
}

// Whether a path may be non-canonical: a backslash, `//`, a segment starting with a dot (or an
// encoded dot), a character WHATWG URL parsing would percent-encode, or a trailing slash.
function isSuspect(path: string): boolean {
  const length = path.length;
  if (length > 1 && path.charCodeAt(length - 1) === 0x2f) return true;
  for (let index = 0; index < length; index++) {
    const code = path.charCodeAt(index);
    if (code <= 0x20 || code >= 0x7f) return true;
    switch (code) {
      case 0x2f /* / */: {
        const next = path.charCodeAt(index + 1);
        if (
          next === 0x2f ||
          next === 0x2e ||
          next === 0x5c ||
          (next === 0x25 &&
            path.charCodeAt(index + 2) === 0x32 &&
            (path.charCodeAt(index + 3) | 0x20) === 0x65)
        )
          return true;
        break;
      }
      case 0x5c /* \ */:
      case 0x22 /* " */:
      case 0x3c /* < */:
      case 0x3e /* > */:
      case 0x60 /* ` */:
      case 0x7b /* { */:
      case 0x7d /* } */:
        return true;
    }
  }
  return false;
}

/**
 * Canonicalises a request path: dot segments are resolved as WHATWG URL parsing does (no
 * redirect), repeated slashes, backslashes and the trailing slash are fixed with a 308.
 * @param pathname the raw request path, starting with `/`
 * @param trailingSlash `true` to want a trailing slash (except on file-like last segments)
 */
export function canonicalPath(pathname: string, trailingSlash: boolean): CanonicalPath {
  const suspect = isSuspect(pathname);
  if (!trailingSlash && !suspect) return { pathname, redirect: false };
  let path = pathname;
  let redirect = false;
  if (suspect) {
    path = new URL(`http://h${pathname}`).pathname;
    const collapsed = path.replace(/\/{2,}/g, '/');
    redirect = collapsed !== path || pathname.includes('\\');
    path = collapsed;
  }
  const wanted = trailingSlash
    ? withTrailingSlash(path)
    : path.length > 1 && path.endsWith('/')
      ? path.slice(0, -1)
      : path;
  return { pathname: wanted, redirect: redirect || wanted !== path };
}

// Next.js's trailingSlash rules: a last segment like `name.ext` is served without the slash,
// one without any dot gets it, and `/.well-known/…` is left as sent.
function withTrailingSlash(path: string): string {
  if (path === '/' || /^\/\.well-known(?:\/|$)/.test(path)) return path;
  const bare = path.endsWith('/') ? path.slice(0, -1) : path;
  const last = bare.slice(bare.lastIndexOf('/') + 1);
  if (/^[^/]+\.\w+$/.test(last)) return bare;
  if (!last.includes('.')) return `${bare}/`;
  return path;
}

/**
 * Removes the base path from a canonical path, or gives `null` when the path is outside it.
 * @param pathname the canonical path
 * @param basePath `''` or a prefix like `/base`
 */
export function stripBasePath(pathname: string, basePath: string): string | null {
  if (basePath === '') return pathname;
  if (pathname === basePath) return '/';
  if (pathname.startsWith(basePath) && pathname.charCodeAt(basePath.length) === 47 /* / */) {
    return pathname.slice(basePath.length);
  }
  return null;
}
