/** What a {@link NextURL} is told about the app it serves. */
export interface NextURLOptions {
  /** The app's base path (`/base`); the URL's pathname is read without it when it starts with it. */
  basePath?: string;
}

function hasPrefix(pathname: string, prefix: string): boolean {
  return prefix !== '' && (pathname === prefix || pathname.startsWith(`${prefix}/`));
}

// A request's `nextUrl` is built from `request.url`, which is always a serialised URL: its
// pathname, query and href are plain substrings of it. So a NextURL made for a request
// (`nextUrlOf`) parses nothing until a member needs the URL itself, and `searchParams` then
// is a URLSearchParams of the query alone, kept live both ways by the subclass below: a change
// through it rewrites the query, and a new query (`search`, `href`) is reflected in it.

let writeQuery: (url: NextURL, query: string) => void;

// Whether this runtime's URLSearchParams can be subclassed (then request URLs are read lazily).
const canSubclass = (() => {
  try {
    class Probe extends URLSearchParams {}
    return new Probe('a=1').get('a') === '1';
  } catch {
    return false;
  }
})();

/** `searchParams` of a NextURL read lazily: every change goes back to the URL's query. */
class LiveSearchParams extends URLSearchParams {
  readonly #owner: NextURL;

  constructor(query: string, owner: NextURL) {
    super(query);
    this.#owner = owner;
  }

  /** Takes the pairs of a new query, in place (`url.search = …` does this to `url.searchParams`). */
  replaceWith(query: string): void {
    for (const name of new Set(this.keys())) super.delete(name);
    for (const [name, value] of new URLSearchParams(query)) super.append(name, value);
  }

  override append(name: string, value: string): void {
    super.append(name, value);
    writeQuery(this.#owner, this.toString());
  }

  override delete(name: string, value?: string): void {
    if (value === undefined) super.delete(name);
    else super.delete(name, value);
    writeQuery(this.#owner, this.toString());
  }

  override set(name: string, value: string): void {
    super.set(name, value);
    writeQuery(this.#owner, this.toString());
  }

  override sort(): void {
    super.sort();
    writeQuery(this.#owner, this.toString());
  }
}
Object.defineProperty(LiveSearchParams, 'name', { value: 'URLSearchParams' });

// Where the path of a serialised http(s) URL starts, and where its query and fragment start.
function pathStartOf(href: string): number {
  return href.indexOf('/', href.indexOf('//') + 2);
}

function endOfPath(href: string, from: number): number {
  for (let i = from; i < href.length; i++) {
    const c = href.charCodeAt(i);
    if (c === 0x3f /* ? */ || c === 0x23 /* # */) return i;
  }
  return href.length;
}

let lazyInput: string | undefined;
let lastOptions: NextURLOptions = Object.freeze({ basePath: undefined });

/**
 * The `nextUrl` of a request: reads `href` (a request's serialised URL) only as far as asked.
 * @param href `request.url`
 * @param basePath the app's base path
 */
export function nextUrlOf(href: string, basePath: string | undefined): NextURL {
  // One options object per base path (an app has one), not one per request: NextURL only reads it.
  if (lastOptions.basePath !== basePath) lastOptions = Object.freeze({ basePath });
  if (!canSubclass) return new NextURL(href, lastOptions);
  lazyInput = href;
  try {
    return new NextURL(href, lastOptions);
  } finally {
    lazyInput = undefined;
  }
}

/**
 * `request.nextUrl`: the request URL with the members of `URL`, where `pathname` excludes the
 * app's `basePath`, plus the Next.js extras (`basePath`, `buildId`, `locale`, `defaultLocale`).
 */
export class NextURL {
  // The parsed URL; undefined while the URL is only `#href` (a serialised one, see above).
  #url: URL | undefined;
  #href = '';
  #params: LiveSearchParams | undefined = undefined;
  #basePath = '';
  #buildId: string | undefined;
  readonly #options: NextURLOptions;

  static {
    writeQuery = (url, query) => {
      url.#writeQuery(query);
    };
  }

  /**
   * Parses an absolute URL.
   * @param input the URL (string or `URL`)
   * @param options the app's `basePath`
   */
  constructor(input: string | URL, options: NextURLOptions = {}) {
    this.#options = options;
    if (lazyInput !== undefined && input === lazyInput) {
      this.#url = undefined;
      this.#href = input;
    } else {
      this.#url = new URL(String(input));
    }
    this.#analyze();
  }

  // The URL, parsed now if it was not yet.
  #parsed(): URL {
    return (this.#url ??= new URL(this.#href));
  }

  #writeQuery(query: string): void {
    const url = this.#url;
    if (url) {
      url.search = query;
      return;
    }
    const href = this.#href;
    const queryStart = endOfPath(href, pathStartOf(href));
    const hash = href.indexOf('#', queryStart);
    this.#href =
      href.slice(0, queryStart) +
      (query === '' ? '' : `?${query}`) +
      (hash === -1 ? '' : href.slice(hash));
  }

  #fullPathname(): string {
    const url = this.#url;
    if (url) return url.pathname;
    const href = this.#href;
    const start = pathStartOf(href);
    return href.slice(start, endOfPath(href, start));
  }

  #analyze(): void {
    const basePath = this.#options.basePath ?? '';
    this.#basePath = basePath !== '' && hasPrefix(this.#fullPathname(), basePath) ? basePath : '';
  }

  #setFullPath(basePath: string, pathname: string): void {
    this.#parsed().pathname = basePath !== '' && pathname === '/' ? basePath : basePath + pathname;
  }

  /** The base path this URL was found under (`''` when none). */
  get basePath(): string {
    return this.#basePath;
  }
  set basePath(value: string) {
    const pathname = this.pathname;
    this.#basePath = value === '' || value.startsWith('/') ? value : `/${value}`;
    this.#setFullPath(this.#basePath, pathname);
  }

  /** Always `undefined` on approute: there is no build id in a request URL. */
  get buildId(): string | undefined {
    return this.#buildId;
  }
  set buildId(value: string | undefined) {
    this.#buildId = value;
  }

  /** Always `''`: approute has no i18n routing. */
  get locale(): string {
    return '';
  }
  set locale(value: string) {
    if (value !== '')
      throw new TypeError(`The NextURL configuration includes no locale "${value}"`);
  }

  /** Always `undefined`: approute has no i18n routing. */
  get defaultLocale(): string | undefined {
    return undefined;
  }

  /** The full URL, base path included. */
  get href(): string {
    return this.#url ? this.#url.href : this.#href;
  }
  set href(value: string) {
    this.#url = new URL(value);
    this.#params?.replaceWith(this.#url.search);
    this.#analyze();
  }

  /** The URL's origin. */
  get origin(): string {
    return this.#parsed().origin;
  }

  /** The scheme with its colon (`https:`). */
  get protocol(): string {
    return this.#parsed().protocol;
  }
  set protocol(value: string) {
    this.#parsed().protocol = value;
  }

  /** The user name, usually `''`. */
  get username(): string {
    return this.#parsed().username;
  }
  set username(value: string) {
    this.#parsed().username = value;
  }

  /** The password, usually `''`. */
  get password(): string {
    return this.#parsed().password;
  }
  set password(value: string) {
    this.#parsed().password = value;
  }

  /** Host name and port. */
  get host(): string {
    return this.#parsed().host;
  }
  set host(value: string) {
    this.#parsed().host = value;
  }

  /** Host name without the port. */
  get hostname(): string {
    return this.#parsed().hostname;
  }
  set hostname(value: string) {
    this.#parsed().hostname = value;
  }

  /** The port, `''` for the scheme's default. */
  get port(): string {
    return this.#parsed().port;
  }
  set port(value: string) {
    this.#parsed().port = value;
  }

  /** The path without the base path (`/` at the base path itself). */
  get pathname(): string {
    const full = this.#fullPathname();
    return this.#basePath === '' ? full : full.slice(this.#basePath.length) || '/';
  }
  set pathname(value: string) {
    this.#setFullPath(this.#basePath, value.startsWith('/') ? value : `/${value}`);
  }

  /** The query with its `?`, or `''`. */
  get search(): string {
    const url = this.#url;
    if (url) return url.search;
    const href = this.#href;
    const start = endOfPath(href, pathStartOf(href));
    if (href.charCodeAt(start) !== 0x3f /* ? */) return '';
    const hash = href.indexOf('#', start);
    const search = hash === -1 ? href.slice(start) : href.slice(start, hash);
    return search === '?' ? '' : search;
  }
  set search(value: string) {
    const url = this.#parsed();
    url.search = value;
    this.#params?.replaceWith(url.search);
  }

  /** The query as live `URLSearchParams`. */
  get searchParams(): URLSearchParams {
    if (this.#params) return this.#params;
    if (this.#url) return this.#url.searchParams;
    return (this.#params = new LiveSearchParams(this.search, this));
  }

  /** The fragment with its `#`, or `''`. */
  get hash(): string {
    return this.#parsed().hash;
  }
  set hash(value: string) {
    this.#parsed().hash = value;
  }

  /** A copy that can be changed without touching this one. */
  clone(): NextURL {
    const copy = new NextURL(this.href, this.#options);
    copy.#basePath = this.#basePath;
    copy.#buildId = this.#buildId;
    return copy;
  }

  /** The full URL (`href`). */
  toString(): string {
    return this.href;
  }

  /** The full URL (`href`), so that `JSON.stringify` writes a string. */
  toJSON(): string {
    return this.href;
  }
}
