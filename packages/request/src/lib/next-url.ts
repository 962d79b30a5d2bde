/** What a {@link NextURL} is told about the app it serves. */
export interface NextURLOptions {
  /** The app's base path (`/base`); the URL's pathname is read without it when it starts with it. */
  basePath?: string;
}

function hasPrefix(pathname: string, prefix: string): boolean {
  return prefix !== '' && (pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * `request.nextUrl`: the request URL with the members of `URL`, where `pathname` excludes the
 * app's `basePath`, plus the Next.js extras (`basePath`, `buildId`, `locale`, `defaultLocale`).
 */
export class NextURL {
  #url: URL;
  #basePath = '';
  #buildId: string | undefined;
  readonly #options: NextURLOptions;

  /**
   * Parses an absolute URL.
   * @param input the URL (string or `URL`)
   * @param options the app's `basePath`
   */
  constructor(input: string | URL, options: NextURLOptions = {}) {
    this.#options = options;
    this.#url = new URL(String(input));
    this.#analyze();
  }

  #analyze(): void {
    const basePath = this.#options.basePath ?? '';
    this.#basePath = hasPrefix(this.#url.pathname, basePath) ? basePath : '';
  }

  #setFullPath(basePath: string, pathname: string): void {
    this.#url.pathname = basePath !== '' && pathname === '/' ? basePath : basePath + pathname;
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
    return this.#url.href;
  }
  set href(value: string) {
    this.#url = new URL(value);
    this.#analyze();
  }

  /** The URL's origin. */
  get origin(): string {
    return this.#url.origin;
  }

  /** The scheme with its colon (`https:`). */
  get protocol(): string {
    return this.#url.protocol;
  }
  set protocol(value: string) {
    this.#url.protocol = value;
  }

  /** The user name, usually `''`. */
  get username(): string {
    return this.#url.username;
  }
  set username(value: string) {
    this.#url.username = value;
  }

  /** The password, usually `''`. */
  get password(): string {
    return this.#url.password;
  }
  set password(value: string) {
    this.#url.password = value;
  }

  /** Host name and port. */
  get host(): string {
    return this.#url.host;
  }
  set host(value: string) {
    this.#url.host = value;
  }

  /** Host name without the port. */
  get hostname(): string {
    return this.#url.hostname;
  }
  set hostname(value: string) {
    this.#url.hostname = value;
  }

  /** The port, `''` for the scheme's default. */
  get port(): string {
    return this.#url.port;
  }
  set port(value: string) {
    this.#url.port = value;
  }

  /** The path without the base path (`/` at the base path itself). */
  get pathname(): string {
    const full = this.#url.pathname;
    return this.#basePath === '' ? full : full.slice(this.#basePath.length) || '/';
  }
  set pathname(value: string) {
    this.#setFullPath(this.#basePath, value.startsWith('/') ? value : `/${value}`);
  }

  /** The query with its `?`, or `''`. */
  get search(): string {
    return this.#url.search;
  }
  set search(value: string) {
    this.#url.search = value;
  }

  /** The query as live `URLSearchParams`. */
  get searchParams(): URLSearchParams {
    return this.#url.searchParams;
  }

  /** The fragment with its `#`, or `''`. */
  get hash(): string {
    return this.#url.hash;
  }
  set hash(value: string) {
    this.#url.hash = value;
  }

  /** A copy that can be changed without touching this one. */
  clone(): NextURL {
    const copy = new NextURL(this.#url, this.#options);
    copy.#basePath = this.#basePath;
    copy.#buildId = this.#buildId;
    return copy;
  }

  /** The full URL (`href`). */
  toString(): string {
    return this.#url.href;
  }

  /** The full URL (`href`), so that `JSON.stringify` writes a string. */
  toJSON(): string {
    return this.#url.href;
  }
}
