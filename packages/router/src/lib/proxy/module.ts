import { ProxyStartupError } from './errors.js';

/** `proxy` (Next.js 16) or `middleware` (the deprecated name, still accepted). */
export type ProxyKind = 'proxy' | 'middleware';

/** A proxy function as Next.js calls it: `(request, event)`, answering a `Response` or nothing. */
export type ProxyFunction = (
  request: Request,
  event: { waitUntil(promise: Promise<unknown>): void },
) => Response | null | undefined | Promise<Response | null | undefined>;

/** A loaded proxy module: the function to run and its `config` export. */
export interface LoadedProxy {
  handler: ProxyFunction;
  /** The module's `config` export, for {@link parseProxyConfig}. */
  config: unknown;
}

/**
 * The file-name part of the proxy file's path, `proxy` or `middleware`.
 * @param file the proxy file, e.g. `src/middleware.ts`
 */
export function proxyKindOf(file: string): ProxyKind {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.startsWith('middleware.') ? 'middleware' : 'proxy';
}

/**
 * Picks the function a proxy module exports, as Next.js does: the export named after the file
 * (`proxy` in `proxy.ts`, `middleware` in `middleware.ts`), else the default export.
 * @param mod the module's namespace object
 * @param file the proxy file, relative to the project folder, for the error message
 * @throws ProxyStartupError with Next.js's message when neither is a function
 */
export function pickProxyFunction(mod: Record<string, unknown>, file: string): LoadedProxy {
  const kind = proxyKindOf(file);
  const handler = typeof mod[kind] === 'function' ? mod[kind] : mod.default;
  if (typeof handler !== 'function') {
    const shown = file.startsWith('.') ? file : `./${file}`;
    // The first line is what `next build` (Turbopack) prints; the second names the file.
    throw new ProxyStartupError(
      'ERR_PROXY_NO_FUNCTION',
      `${kind === 'proxy' ? 'Proxy' : 'Middleware'} is missing expected function export name\nThe file "${shown}" must export a function, either as a default export or as a named "${kind}" export.`,
      [file],
      kind === 'proxy' && typeof mod.middleware === 'function'
        ? `Rename the exported function "middleware" to "proxy" (or export it as the default export).`
        : `Export the function: \`export function ${kind}(request) { … }\` or \`export default function ${kind}(request) { … }\`.`,
    );
  }
  return { handler: handler as ProxyFunction, config: mod.config };
}
