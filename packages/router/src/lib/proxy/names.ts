import { ProxyStartupError } from './errors.js';
import { proxyKindOf, type ProxyKind } from './module.js';

/**
 * The extensions of a proxy file: Next.js's default `pageExtensions`. `next build` does not read
 * `proxy.mjs` or `proxy.mts` (seen on Next.js 16.4.6), so neither is a proxy here.
 */
export const PROXY_EXTENSIONS = ['tsx', 'ts', 'jsx', 'js'] as const;

const PROXY_FILE = new RegExp(`^(?:proxy|middleware)\\.(?:${PROXY_EXTENSIONS.join('|')})$`);
const LOOKALIKE = /^(?:proxy|middleware)\.(?:mts|mjs|cts|cjs)$/;

/**
 * Whether a file name is a proxy file name (`proxy.ts`, `middleware.js`, …).
 * @param name a bare file name
 */
export function isProxyFileName(name: string): boolean {
  return PROXY_FILE.test(name);
}

/**
 * Whether a file name looks like a proxy file that Next.js does not read (`proxy.mjs`).
 * @param name a bare file name
 */
export function isIgnoredProxyFileName(name: string): boolean {
  return LOOKALIKE.test(name);
}

/** The proxy file a project uses, and what Next.js prints about it. */
export interface ProxyFile {
  /** Relative to the project folder, posix separators: `proxy.ts`, `src/middleware.js`. */
  file: string;
  kind: ProxyKind;
  /** Next.js's deprecation warning for `middleware.*`, to print once at startup. */
  warning?: string;
}

/**
 * Next.js's deprecation warning for the `middleware` file name (printed by `next build` and
 * `next dev`).
 */
export const MIDDLEWARE_DEPRECATION =
  'The "middleware" file convention is deprecated. Please use "proxy" instead.\n\n' +
  '  To migrate automatically, run:\n' +
  '  npx @next/codemod@canary middleware-to-proxy .\n\n' +
  '  Learn more: https://nextjs.org/docs/messages/middleware-to-proxy';

/**
 * Chooses the proxy file among the proxy file names found beside `app/` (the project folder,
 * or `src/` when the app lives in `src/app`), as Next.js does.
 * @param found the proxy files found there, relative to the project folder (`src/proxy.ts`)
 * @returns the file, or `undefined` when there is none
 * @throws ProxyStartupError with Next.js's message when both `proxy.*` and `middleware.*`
 *   exist, and when one name exists with two extensions
 */
export function chooseProxyFile(found: readonly string[]): ProxyFile | undefined {
  const proxies = found.filter((file) => proxyKindOf(file) === 'proxy');
  const middlewares = found.filter((file) => proxyKindOf(file) === 'middleware');
  if (proxies.length > 0 && middlewares.length > 0) {
    const proxy = proxies[0] ?? '';
    const middleware = middlewares[0] ?? '';
    throw new ProxyStartupError(
      'ERR_PROXY_AND_MIDDLEWARE',
      `Both middleware file "./${middleware}" and proxy file "./${proxy}" are detected. Please use "./${proxy}" only. Learn more: https://nextjs.org/docs/messages/middleware-to-proxy`,
      [middleware, proxy],
      `Move the code of ${middleware} into ${proxy} (export it as \`proxy\`) and delete ${middleware}.`,
    );
  }
  const files = proxies.length > 0 ? proxies : middlewares;
  if (files.length > 1) {
    // Next.js silently takes the last in `pageExtensions` order; two candidates are an error
    // here, so that the one that runs is never a guess.
    throw new ProxyStartupError(
      'ERR_DUPLICATE_PROXY_FILE',
      `Multiple proxy files: ${files.join(', ')}`,
      files,
      `Keep one proxy file: delete all but one of ${files.join(' and ')}.`,
    );
  }
  const file = files[0];
  if (file === undefined) return undefined;
  const kind = proxyKindOf(file);
  return kind === 'middleware' ? { file, kind, warning: MIDDLEWARE_DEPRECATION } : { file, kind };
}
