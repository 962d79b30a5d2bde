import { parseSetCookie } from 'cookie';
import {
  cookieValueText,
  findCookie,
  normalizeResponseCookie,
  parseCookieHeader,
  serializeResponseCookie,
  setCookieName,
  type CookieOptions,
  type RequestCookie,
  type ResponseCookie,
} from './cookie-text.js';

/** Internal hooks of a cookie store; not part of the public API. */
export const STORE_TOUCHED = Symbol('approute.cookies.touched');
/** Asked before every change; throws when changes are not allowed (inside `after()`). */
export const STORE_GUARD = Symbol('approute.cookies.guard');

/** What a store asks before every change (the request scope that owns it). */
export interface CookieGuard {
  /** Throws when the cookies may not change now. */
  checkCookieChange(): void;
}
/** Seeds a store with request cookies (path `/`), unchecked and not counted as changes. */
export const STORE_SEED = Symbol('approute.cookies.seed');

/**
 * The cookies a response sets (`response.cookies`, and the store `cookies()` returns): each
 * change is written to the bound `Set-Cookie` fields, one field per cookie.
 */
export class ResponseCookies {
  readonly #parsed = new Map<string, ResponseCookie>();
  readonly #headers: Headers | undefined;
  // Set-Cookie fields the bound headers came with, kept byte for byte until their name changes.
  #raw: Map<string, string[]> | undefined = undefined;
  // The seed's `Cookie` header while only one name was asked for (most handlers read one
  // cookie): that cookie is found in it without parsing the others, and parsed into #parsed,
  // the same object kept, on anything else.
  #header: string | undefined = undefined;
  #asked: ResponseCookie | undefined = undefined;
  /**
   * @internal names passed to `set`/`delete`, in the order first touched; `null` while a
   * tracking store has none (the Set is made on the first change), `undefined` when not tracking
   */
  [STORE_TOUCHED]?: Set<string> | null;
  /** @internal */
  [STORE_GUARD]?: CookieGuard;

  /**
   * Creates a store, optionally bound to a response's headers and seeded from their `Set-Cookie` fields.
   * @param headers the headers to keep in step, or none for a free-standing store
   */
  constructor(headers?: Headers) {
    this.#headers = headers;
    if (!headers) return;
    for (const field of headers.getSetCookie()) {
      const name = setCookieName(field);
      if (name === '') continue;
      const parsed = parseSetCookie(field);
      const cookie: ResponseCookie = { name, value: parsed.value ?? '' };
      if (parsed.path !== undefined) cookie.path = parsed.path;
      if (parsed.expires) cookie.expires = parsed.expires;
      if (parsed.maxAge !== undefined) cookie.maxAge = parsed.maxAge;
      if (parsed.domain !== undefined) cookie.domain = parsed.domain;
      if (parsed.secure) cookie.secure = true;
      if (parsed.httpOnly) cookie.httpOnly = true;
      if (parsed.sameSite !== undefined) cookie.sameSite = parsed.sameSite;
      if (parsed.partitioned) cookie.partitioned = true;
      if (parsed.priority !== undefined) cookie.priority = parsed.priority;
      this.#parsed.set(name, cookie);
      this.#raw ??= new Map<string, string[]>();
      const raw = this.#raw.get(name);
      if (raw) raw.push(field);
      else this.#raw.set(name, [field]);
    }
  }

  /** The number of cookies. */
  get size(): number {
    return this.#cookies().size;
  }

  /** Iterates `[name, cookie]` pairs in store order. */
  [Symbol.iterator](): MapIterator<[string, ResponseCookie]> {
    return this.#cookies()[Symbol.iterator]();
  }

  /**
   * The cookie with this name, or `undefined`.
   * @param name a cookie name, or a cookie whose name to look up
   */
  get(name: string | RequestCookie): ResponseCookie | undefined {
    const key = typeof name === 'string' ? name : name.name;
    const header = this.#header;
    if (header === undefined) return this.#parsed.get(key);
    const asked = this.#asked;
    if (asked?.name === key) return asked;
    if (asked !== undefined) return this.#cookies().get(key);
    const found = findCookie(header, key);
    if (found === undefined) return undefined;
    return (this.#asked = { name: key, value: found.value, path: '/' });
  }

  /**
   * Every cookie, or every cookie with the given name.
   * @param name an optional name (or cookie) to filter by
   */
  getAll(name?: string | RequestCookie): ResponseCookie[] {
    if (name === undefined) return [...this.#cookies().values()];
    const cookie = this.get(name);
    return cookie ? [cookie] : [];
  }

  /**
   * Whether a cookie with this name is in the store.
   * @param name the cookie name
   */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /**
   * Sets a cookie; setting a name again replaces it in place.
   * @param args `(name, value, options?)` or `(cookie)`
   * @throws InvalidCookieError when the name, value or an attribute is not valid
   */
  set(
    ...args: [name: string, value: string, options?: CookieOptions] | [cookie: ResponseCookie]
  ): this {
    this[STORE_GUARD]?.checkCookieChange();
    const cookie =
      args.length === 1 ? { ...args[0] } : { ...args[2], name: args[0], value: args[1] };
    cookie.value = cookieValueText(cookie.name, cookie.value);
    this.#store(normalizeResponseCookie(cookie));
    return this;
  }

  /**
   * Expires a cookie: value `''` and `Expires` in 1970, keeping the path and domain given.
   * @param args a name, or the cookie's `name` with its `path`/`domain`
   */
  delete(...args: [name: string] | [options: Omit<ResponseCookie, 'value' | 'expires'>]): this {
    this[STORE_GUARD]?.checkCookieChange();
    const options = typeof args[0] === 'string' ? { name: args[0] } : args[0];
    const cookie: ResponseCookie = { ...options, value: '', expires: new Date(0) };
    delete cookie.maxAge;
    this.#store(normalizeResponseCookie(cookie));
    return this;
  }

  /** @internal */
  [STORE_SEED](cookies: Iterable<RequestCookie> | string): void {
    // A `Cookie` header is parsed into the store when more than one cookie is asked for.
    if (typeof cookies === 'string') {
      if (cookies !== '') this.#header = cookies;
    } else
      for (const { name, value } of cookies) this.#parsed.set(name, { name, value, path: '/' });
  }

  /** The `Set-Cookie` field values of every cookie, joined with `; ` (for display only). */
  toString(): string {
    return [...this.#cookies().values()].map(serializeResponseCookie).join('; ');
  }

  // Every cookie, the seed's header parsed first if it was not yet.
  #cookies(): Map<string, ResponseCookie> {
    const header = this.#header;
    if (header === undefined) return this.#parsed;
    this.#header = undefined;
    parseCookieHeader(header, this.#parsed, '/');
    // The cookie a handler already got stays the store's (same place: `set` keeps the order).
    const asked = this.#asked;
    this.#asked = undefined;
    if (asked !== undefined) this.#parsed.set(asked.name, asked);
    return this.#parsed;
  }

  #store(cookie: ResponseCookie): void {
    this.#cookies().set(cookie.name, cookie);
    this.#raw?.delete(cookie.name);
    const touched = this[STORE_TOUCHED];
    if (touched !== undefined) (this[STORE_TOUCHED] = touched ?? new Set()).add(cookie.name);
    const headers = this.#headers;
    if (!headers) return;
    headers.delete('set-cookie');
    for (const [name, stored] of this.#parsed) {
      const raw = this.#raw?.get(name);
      if (raw) for (const field of raw) headers.append('set-cookie', field);
      else headers.append('set-cookie', serializeResponseCookie(stored));
    }
  }
}

/**
 * The `Set-Cookie` field values for the cookies that were set or deleted in a store, in store order.
 * @param store a store that tracks changed names
 */
export function changedSetCookies(store: ResponseCookies): { name: string; field: string }[] {
  const touched = store[STORE_TOUCHED];
  const fields: { name: string; field: string }[] = [];
  if (!touched || touched.size === 0) return fields;
  for (const [name, cookie] of store) {
    if (touched.has(name)) fields.push({ name, field: serializeResponseCookie(cookie) });
  }
  return fields;
}
