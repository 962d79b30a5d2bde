// The text forms of cookies: parsing a request's `Cookie` header, checking names and
// attributes, and writing one `Set-Cookie` field in the order docs/spec.md gives.
import { RequestApiError } from './errors.js';

/** A cookie as a request carries it: a name and a value, nothing else. */
export interface RequestCookie {
  name: string;
  value: string;
}

/** A cookie as a response sets it, with the attributes `Set-Cookie` can carry. */
export interface ResponseCookie extends RequestCookie {
  /** Defaults to `/`; an empty string leaves the attribute out. */
  path?: string;
  /** A `Date` or milliseconds since the epoch. */
  expires?: Date | number;
  /** Seconds; a positive value also sets `expires` to now plus that many seconds. */
  maxAge?: number;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  /** Written as given; `true` is written `Strict`. */
  sameSite?: boolean | 'lax' | 'strict' | 'none' | 'Lax' | 'Strict' | 'None';
  partitioned?: boolean;
  /** Written as given. */
  priority?: 'low' | 'medium' | 'high' | 'Low' | 'Medium' | 'High';
}

/** The attributes of a {@link ResponseCookie}, as `set(name, value, options)` takes them. */
export type CookieOptions = Omit<ResponseCookie, 'name' | 'value'>;

/** Thrown when a cookie name, value or attribute would not make a well-formed header. */
export class InvalidCookieError extends RequestApiError {
  override readonly name = 'InvalidCookieError';
  /** The cookie whose name, value or attribute was rejected. */
  readonly cookieName: string;
  constructor(cookieName: string, message: string) {
    super('ERR_INVALID_COOKIE', message);
    this.cookieName = cookieName;
  }
}

// RFC 6265 §4.1.1: cookie-name = token. Like jshttp/cookie we accept every visible ASCII
// character except `;` and `=` (which end a name); controls, spaces and non-ASCII are refused,
// so a name can never break out of its header.
const NAME = /^[\u0021-\u003A\u003C\u003E-\u007E]+$/;
// RFC 6265 §4.1.1: path-value = <any CHAR except CTLs or ";">.
const PATH = /^[\u0020-\u003A\u003C-\u007E]*$/;
// RFC 6265 §4.1.1: domain-value = <subdomain> (RFC 1034 §3.5, RFC 1123 §2.1); a leading dot is tolerated.
const DOMAIN =
  /^\.?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const SAME_SITE = new Set(['lax', 'strict', 'none']);
const PRIORITY = new Set(['low', 'medium', 'high']);

/** Throws an {@link InvalidCookieError} unless `name` is a valid cookie name. */
export function checkCookieName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new InvalidCookieError(
      String(name),
      `Invalid cookie name ${JSON.stringify(String(name))}: use visible ASCII characters other than ";" and "=".`,
    );
  }
  return name;
}

/** Percent-encodes a cookie value, turning a lone surrogate into an {@link InvalidCookieError}. */
export function encodeCookieValue(name: string, value: unknown): string {
  const text = cookieValueText(name, value);
  try {
    return encodeURIComponent(text);
  } catch {
    throw new InvalidCookieError(
      name,
      `Invalid value for cookie "${name}": it is not well-formed Unicode.`,
    );
  }
}

/**
 * Parses a `Cookie` header: pairs split on `;`, a pair without `=` has the value `'true'`,
 * values are percent-decoded and a pair that fails to decode is dropped, and on a repeated
 * name the last pair wins (keeping the first one's place).
 * @param header the header value
 * @param cookies the map to add the cookies to (a new one by default)
 * @param path a `path` to give every cookie (a response cookie store's are `/`)
 */
export function parseCookieHeader(
  header: string,
  cookies = new Map<string, RequestCookie>(),
  path?: string,
): Map<string, RequestCookie> {
  let start = 0;
  const length = header.length;
  while (start < length) {
    let end = header.indexOf(';', start);
    if (end === -1) end = length;
    const pairStart = start;
    start = end + 1;
    let eq = header.indexOf('=', pairStart);
    if (eq >= end) eq = -1;
    const name = trimmedRange(header, pairStart, eq === -1 ? end : eq);
    if (name === '') continue;
    const value = pairValue(header, eq, end);
    if (value === undefined) continue;
    const cookie: RequestCookie & { path?: string } =
      path === undefined ? { name, value } : { name, value, path };
    cookies.set(name, cookie);
  }
  return cookies;
}

/**
 * The cookie `parseCookieHeader(header).get(name)` would give, found without parsing the
 * other pairs: the last pair with that name whose value decodes.
 * @param header the header value
 * @param name the cookie name
 */
export function findCookie(header: string, name: string): RequestCookie | undefined {
  if (name === '') return undefined;
  let found: RequestCookie | undefined;
  let start = 0;
  const length = header.length;
  while (start < length) {
    let end = header.indexOf(';', start);
    if (end === -1) end = length;
    const pairStart = start;
    start = end + 1;
    let eq = header.indexOf('=', pairStart);
    if (eq >= end) eq = -1;
    if (!nameIs(header, pairStart, eq === -1 ? end : eq, name)) continue;
    const value = pairValue(header, eq, end);
    if (value !== undefined) found = { name, value };
  }
  return found;
}

// The value of the pair whose `=` is at `eq` (-1: none, the value is 'true') and which ends at
// `end`, percent-decoded; `undefined` when it does not decode (the pair is dropped).
function pairValue(header: string, eq: number, end: number): string | undefined {
  if (eq === -1) return 'true';
  const value = trimmedRange(header, eq + 1, end);
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

// Whether `header.slice(from, to)`, trimmed, is `name`; without copying when its ends are
// plain characters after spaces and tabs (what `trim()` would remove first).
function nameIs(header: string, from: number, to: number, name: string): boolean {
  while (from < to && (header.charCodeAt(from) === 0x20 || header.charCodeAt(from) === 0x09))
    from++;
  while (to > from && (header.charCodeAt(to - 1) === 0x20 || header.charCodeAt(to - 1) === 0x09))
    to--;
  if (from === to) return false;
  const first = header.charCodeAt(from);
  const last = header.charCodeAt(to - 1);
  if (mayTrim(first, last)) return trimmed(header.slice(from, to)) === name;
  return to - from === name.length && header.startsWith(name, from);
}

// `text.slice(from, to).trim()`, cutting spaces and tabs by index first, so that the common
// pair (`; name=value`) is one slice and no trim. The ends are read in `text`: on
// JavaScriptCore a cut string is a view that its first read copies out.
function trimmedRange(text: string, from: number, to: number): string {
  let first = text.charCodeAt(from);
  while (from < to && (first === 0x20 || first === 0x09)) first = text.charCodeAt(++from);
  let last = text.charCodeAt(to - 1);
  while (to > from && (last === 0x20 || last === 0x09)) last = text.charCodeAt(--to - 1);
  if (from === to) return '';
  const cut = text.slice(from, to);
  return mayTrim(first, last) ? cut.trim() : cut;
}

// Whether a text that starts with `first` and ends with `last` could lose characters to
// `trim()`: every character it removes is at most U+0020 or at least U+00A0.
function mayTrim(first: number, last: number): boolean {
  return first <= 0x20 || first >= 0xa0 || last <= 0x20 || last >= 0xa0;
}

// `text.trim()`, called only when an end could be whitespace (see mayTrim).
function trimmed(text: string): string {
  const length = text.length;
  if (length === 0) return text;
  return mayTrim(text.charCodeAt(0), text.charCodeAt(length - 1)) ? text.trim() : text;
}

/** Fills in the defaults a stored response cookie gets: `path: '/'`, and `expires` from `maxAge`. */
export function normalizeResponseCookie(cookie: ResponseCookie): ResponseCookie {
  checkCookieName(cookie.name);
  if (typeof cookie.expires === 'number') cookie.expires = new Date(cookie.expires);
  if (cookie.maxAge !== undefined) {
    if (!Number.isInteger(cookie.maxAge)) {
      throw new InvalidCookieError(
        cookie.name,
        `Invalid maxAge for cookie "${cookie.name}": ${String(cookie.maxAge)} is not a whole number of seconds.`,
      );
    }
    if (cookie.maxAge !== 0) cookie.expires = new Date(Date.now() + cookie.maxAge * 1000);
  }
  cookie.path ??= '/';
  // Serialise once now so that a bad attribute fails at `set`, where the caller can see it.
  serializeResponseCookie(cookie);
  return cookie;
}

/**
 * Writes one `Set-Cookie` field value: `name=encodeURIComponent(value)`, then `Path`,
 * `Expires`, `Max-Age`, `Domain`, `Secure`, `HttpOnly`, `SameSite`, `Partitioned`, `Priority`,
 * each only when given (the order Next.js writes them in).
 */
export function serializeResponseCookie(cookie: ResponseCookie): string {
  const { name } = cookie;
  let text = `${checkCookieName(name)}=${encodeCookieValue(name, cookie.value)}`;
  if (cookie.path) {
    if (!PATH.test(cookie.path)) throw invalidAttribute(name, 'path', cookie.path);
    text += `; Path=${cookie.path}`;
  }
  if (cookie.expires !== undefined) {
    const expires = typeof cookie.expires === 'number' ? new Date(cookie.expires) : cookie.expires;
    if (!(expires instanceof Date) || Number.isNaN(expires.getTime()))
      throw invalidAttribute(name, 'expires', cookie.expires);
    text += `; Expires=${expires.toUTCString()}`;
  }
  if (cookie.maxAge !== undefined) {
    if (!Number.isInteger(cookie.maxAge)) throw invalidAttribute(name, 'maxAge', cookie.maxAge);
    text += `; Max-Age=${cookie.maxAge}`;
  }
  if (cookie.domain) {
    if (!DOMAIN.test(cookie.domain)) throw invalidAttribute(name, 'domain', cookie.domain);
    text += `; Domain=${cookie.domain}`;
  }
  if (cookie.secure) text += '; Secure';
  if (cookie.httpOnly) text += '; HttpOnly';
  if (cookie.sameSite) {
    const sameSite = cookie.sameSite === true ? 'Strict' : cookie.sameSite;
    if (typeof sameSite !== 'string' || !SAME_SITE.has(sameSite.toLowerCase()))
      throw invalidAttribute(name, 'sameSite', sameSite);
    text += `; SameSite=${sameSite}`;
  }
  if (cookie.partitioned) text += '; Partitioned';
  if (cookie.priority) {
    if (typeof cookie.priority !== 'string' || !PRIORITY.has(cookie.priority.toLowerCase())) {
      throw invalidAttribute(name, 'priority', cookie.priority);
    }
    text += `; Priority=${cookie.priority}`;
  }
  return text;
}

/** The cookie name a `Set-Cookie` field sets: the text before the first `=`, trimmed. */
export function setCookieName(field: string): string {
  const eq = field.indexOf('=');
  const semi = field.indexOf(';');
  const end = eq === -1 || (semi !== -1 && semi < eq) ? -1 : eq;
  return end === -1 ? '' : field.slice(0, end).trim();
}

/**
 * A cookie value as text: a string as it is, `null`/`undefined` as `''`, a number, boolean or
 * bigint through `String`; anything else is an {@link InvalidCookieError}.
 */
export function cookieValueText(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value == null) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  throw new InvalidCookieError(
    name,
    `Invalid value for cookie "${name}": expected a string, got ${typeof value}.`,
  );
}

function invalidAttribute(name: string, attribute: string, value: unknown): InvalidCookieError {
  return new InvalidCookieError(
    name,
    `Invalid ${attribute} for cookie "${name}": ${typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`}.`,
  );
}
