// The proxy at build time: found beside the app folder, compiled with the routes, loaded once
// and checked as `next build` checks it (a proxy function, a valid `config.matcher`), so that
// every mistake is a build error naming the file and the fix. The routes module then carries
// the file, its normalised matcher and a loader (routes-module.ts).
import {
  compileMatcherEntries,
  parseProxyConfig,
  pickProxyFunction,
  type MatcherEntry,
  type ProxyFile,
} from '@approute/router';
import { findProxyFile } from './proxy-file.js';

/** A checked proxy: its file and the matcher the router compiles. */
export interface BuiltProxy {
  /** Relative to the project, posix separators: `proxy.ts`, `src/middleware.js`. */
  file: string;
  /** The normalised `config.matcher`, or `undefined` when the proxy runs for every request. */
  matcher: MatcherEntry[] | undefined;
}

/**
 * Finds a project's proxy file and prints what Next.js prints about it: the deprecation of
 * `middleware.*`, and a warning for each look-alike that is not read (`proxy.mjs`).
 * @param projectDir the project folder
 * @param warn where warnings go
 * @throws ProxyStartupError when both `proxy.*` and `middleware.*` exist
 */
export async function discoverProxy(
  projectDir: string,
  warn: (message: string) => void,
): Promise<ProxyFile | undefined> {
  const { proxy, ignored } = await findProxyFile(projectDir);
  if (proxy?.warning) warn(`⚠ ${proxy.warning}`);
  for (const file of ignored) {
    warn(
      `⚠ ${file} is not read: the proxy is proxy.ts or proxy.js (or middleware.*) in the ` +
        `folder that holds the app folder${proxy ? `, here ${proxy.file}` : ''}.`,
    );
  }
  return proxy;
}

/**
 * Checks a loaded proxy module as `next build` does.
 * @param mod the module's namespace
 * @param file the proxy file, relative to the project
 * @param basePath the base path the app is served under (`''` for none)
 * @throws ProxyStartupError when it exports no proxy function; ProxyMatcherError for an
 *   invalid `config.matcher` (both name the file and the fix)
 */
export function checkProxyModule(
  mod: Record<string, unknown>,
  file: string,
  basePath = '',
): BuiltProxy {
  pickProxyFunction(mod, file);
  const matcher = parseProxyConfig(mod.config, file);
  // The wrapped sources (base path, transport suffixes) must compile too.
  compileMatcherEntries(matcher, { file, basePath });
  return { file, matcher };
}

/**
 * The proxy's lines of the route table `approute routes` prints.
 * @param proxy the checked proxy, if any
 */
export function formatProxy(proxy: BuiltProxy | undefined): string {
  if (!proxy) return '';
  const rows = (proxy.matcher ?? []).map((entry) => {
    const conditions = [
      ...(entry.has ?? []).map((c) => `has ${describeCondition(c)}`),
      ...(entry.missing ?? []).map((c) => `missing ${describeCondition(c)}`),
    ];
    return conditions.length > 0 ? `${entry.source} (${conditions.join(', ')})` : entry.source;
  });
  const lines = [`Proxy  ${proxy.file}`];
  if (rows.length === 0) lines.push('  runs for every request (no config.matcher)');
  else
    for (const [index, row] of rows.entries())
      lines.push(`  ${index === 0 ? 'matcher' : '       '}  ${row}`);
  return `${lines.join('\n')}\n`;
}

function describeCondition(condition: NonNullable<MatcherEntry['has']>[number]): string {
  const what = condition.type === 'host' ? 'host' : `${condition.type} ${condition.key}`;
  return condition.value === undefined ? what : `${what} = ${condition.value}`;
}
