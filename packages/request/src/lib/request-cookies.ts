import {
  checkCookieName,
  cookieValueText,
  encodeCookieValue,
  findCookie,
  parseCookieHeader,
  type RequestCookie,
} from './cookie-text.js';

/** On a request: gives its `Cookie` header without building `headers` when it can (a lazy request). */
export const COOKIE_HEADER = Symbol('approute.request.cookieHeader');

type HeadersSource =
  Headers | { readonly headers: Headers; readonly [COOKIE_HEADER]?: () => string | null };

/**
 * The `Cookie` header of a request (or of its headers), read without building a lazy
 * request's `headers` when it can be.
 * @param source a request, or its headers
 */
export function cookieHeaderOf(source: HeadersSource): string | null {
  if (source instanceof Headers) return source.get('cookie');
  const read = source[COOKIE_HEADER];
  return read ? read.call(source) : source.headers.get('cookie');
}

/**
 * The cookies a request carries (`request.cookies`), read from its `Cookie` header; changing
 * them rewrites that header.
 */
export class RequestCookies {
  readonly #source: HeadersSource;
  readonly #header: string | null;
  // Parsed on first need. Until then a lookup by name scans the header for that one cookie,
  // and the cookie it found is kept, so that the map built later holds the same object.
  #parsed: Map<string, RequestCookie> | undefined = undefined;
  #found: RequestCookie | undefined = undefined;
  #foundName: string | undefined = undefined;

  /**
   * Reads the cookies of a request.
   * @param source the request's `Headers`, or an object whose `headers` gives them (read on each change)
   */
  constructor(source: HeadersSource) {
    this.#source = source;
    this.#header = cookieHeaderOf(source);
  }

  #map(): Map<string, RequestCookie> {
    let parsed = this.#parsed;
    if (parsed) return parsed;
    const header = this.#header;
    parsed = header ? parseCookieHeader(header) : new Map<string, RequestCookie>();
    const found = this.#found;
    if (found && parsed.has(found.name)) parsed.set(found.name, found);
    return (this.#parsed = parsed);
  }

  /** The number of cookies. */
  get size(): number {
    return this.#map().size;
  }

  /** Iterates `[name, { name, value }]` pairs in header order. */
  [Symbol.iterator](): MapIterator<[string, RequestCookie]> {
    return this.#map()[Symbol.iterator]();
  }

  /**
   * The cookie with this name, or `undefined`.
   * @param name a cookie name, or a cookie whose name to look up
   */
  get(name: string | RequestCookie): RequestCookie | undefined {
    const key = typeof name === 'string' ? name : name.name;
    if (this.#parsed) return this.#parsed.get(key);
    if (key === this.#foundName) return this.#found;
    // A second name: parse them all (a handler that reads two cookies will likely read more).
    if (this.#foundName !== undefined) return this.#map().get(key);
    this.#foundName = key;
    const header = this.#header;
    return (this.#found = header ? findCookie(header, key) : undefined);
  }

  /**
   * Every cookie, or every cookie with the given name.
   * @param name an optional name (or cookie) to filter by
   */
  getAll(name?: string | RequestCookie): RequestCookie[] {
    if (name === undefined) return [...this.#map().values()];
    const cookie = this.get(name);
    return cookie ? [cookie] : [];
  }

  /**
   * Whether a cookie with this name exists.
   * @param name the cookie name
   */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /**
   * Sets a cookie and rewrites the request's `Cookie` header.
   * @param args `(name, value)` or `({ name, value })`
   */
  set(...args: [name: string, value: string] | [cookie: RequestCookie]): this {
    const [name, value] = args.length === 1 ? [args[0].name, args[0].value] : args;
    checkCookieName(name);
    const text = cookieValueText(name, value);
    encodeCookieValue(name, text);
    this.#map().set(name, { name, value: text });
    this.#write();
    return this;
  }

  /**
   * Removes cookies and rewrites the request's `Cookie` header.
   * @param names one name, or several
   * @returns whether the cookie existed (one per name when given several)
   */
  delete(names: string): boolean;
  delete(names: string[]): boolean[];
  delete(names: string | string[]): boolean | boolean[] {
    const result = Array.isArray(names)
      ? names.map((name) => this.#map().delete(name))
      : this.#map().delete(names);
    this.#write();
    return result;
  }

  /** Removes every cookie and the request's `Cookie` header value. */
  clear(): this {
    this.#map().clear();
    this.#write();
    return this;
  }

  /** The cookies as a `Cookie` header value: `a=1; b=2`, values percent-encoded. */
  toString(): string {
    let text = '';
    for (const cookie of this.#map().values()) {
      text += `${text === '' ? '' : '; '}${cookie.name}=${encodeCookieValue(cookie.name, cookie.value)}`;
    }
    return text;
  }

  #headers(): Headers {
    const source = this.#source;
    return source instanceof Headers ? source : source.headers;
  }

  #write(): void {
    this.#headers().set('cookie', this.toString());
  }
}
