import { RouteStartupError } from '../errors.js';

/**
 * A `proxy.ts` (or `middleware.ts`) that Next.js refuses to build: two proxy files, no proxy
 * function, or a `config.matcher` it cannot parse. `files` are relative to the project folder.
 */
export class ProxyStartupError extends RouteStartupError {
  override name = 'ProxyStartupError';
}

/** An invalid `export const config = { matcher }`: which entry, and what is wrong with it. */
export class ProxyMatcherError extends ProxyStartupError {
  override name = 'ProxyMatcherError';
  /** Where in `config` the problem is, e.g. `matcher[1].has[0].key`; `''` for `config` itself. */
  readonly path: string;

  /**
   * @param file the proxy file, relative to the project folder (`proxy.ts`, `src/middleware.js`)
   * @param path where in `config` the problem is
   * @param problem what is wrong, in Next.js's words where it has them
   * @param fix what to change
   */
  constructor(file: string, path: string, problem: string, fix: string) {
    super(
      'ERR_PROXY_MATCHER',
      `${file} contains invalid middleware config: ${problem}${path ? ` at "${path}"` : ''}`,
      [file],
      fix,
    );
    this.path = path;
  }
}
