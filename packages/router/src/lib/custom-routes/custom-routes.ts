// next.config's `headers()` and `redirects()` applied to requests, in Next.js's order: every
// header rule that matches the request path adds its fields, then the first redirect rule that
// matches answers (without those fields: Next.js drops them on a redirect), else the route
// answers and the rules' fields go on its response. A rule's field wins over the route's field
// of the same name, except `Set-Cookie`, `Vary`, `WWW-Authenticate` and `Proxy-Authenticate`,
// where the rule's values come first and the route's follow (Next.js's `sendResponse`).
import { compileCondition, matchConditions, type CompiledCondition } from '../proxy/conditions.js';
import { compileDestination } from './destination.js';
import { compileRuleSource, interpolate, sourceWithBase, type SourceMatcher } from './match.js';
import type { HeaderRule, RedirectRule, RuleScope } from './rules.js';

/** The response fields the header rules give one request, by lower-case name. */
export type RuleFields = Map<string, { name: string; values: string[] }>;

/** The header and redirect rules of an app, compiled. */
export interface CustomRoutes {
  /**
   * The fields the matching header rules set, or `undefined` when none matches.
   * @param pathname the request path as received
   * @param search the request's query, `?…` or `''`
   * @param request the request (its headers, for `has`/`missing`)
   */
  headersFor(pathname: string, search: string, request: Request): RuleFields | undefined;
  /**
   * The redirect answer of the first matching redirect rule, or `undefined`.
   * @param pathname the request path as received
   * @param search the request's query
   * @param request the request
   */
  redirectFor(pathname: string, search: string, request: Request): Response | undefined;
}

interface Compiled {
  source: SourceMatcher;
  has: readonly CompiledCondition[];
  missing: readonly CompiledCondition[];
}

// Headers that may appear more than once on a response (Next.js's list).
const REPEATABLE = new Set(['set-cookie', 'www-authenticate', 'proxy-authenticate', 'vary']);

function compileScope(rule: RuleScope, basePath: string): Compiled {
  return {
    source: compileRuleSource(sourceWithBase(rule.source, basePath, rule.basePath === false)),
    has: (rule.has ?? []).map(compileCondition),
    missing: (rule.missing ?? []).map(compileCondition),
  };
}

function matchRule(rule: Compiled, pathname: string, search: string, request: Request) {
  const params = rule.source.match(pathname);
  if (!params || (rule.has.length === 0 && rule.missing.length === 0)) return params;
  const captured = matchConditions(rule.has, rule.missing, {
    header: (name) => request.headers.get(name),
    search,
  });
  return captured && Object.assign(params, captured);
}

/**
 * Compiles header and redirect rules for an app with a base path.
 * @param headers the `headers()` rules, as {@link checkHeaderRules} returns them
 * @param redirects the `redirects()` rules
 * @param basePath the app's base path, `''` for none
 * @returns the compiled rules, or `undefined` when there are none
 */
export function compileCustomRoutes(
  headers: readonly HeaderRule[],
  redirects: readonly RedirectRule[],
  basePath: string,
): CustomRoutes | undefined {
  if (headers.length === 0 && redirects.length === 0) return undefined;
  const headerRules = headers.map((rule) => ({ ...compileScope(rule, basePath), rule }));
  const redirectRules = redirects.map((rule) => {
    const internal = rule.destination.startsWith('/') && rule.basePath !== false;
    const destination = internal
      ? sourceWithBase(rule.destination, basePath, false)
      : rule.destination;
    return {
      ...compileScope(rule, basePath),
      status: rule.statusCode ?? (rule.permanent ? 308 : 307),
      destination: compileDestination(destination),
    };
  });
  // Redirect rules never match Next.js's own `/_next` paths.
  const reserved = `${basePath}/_next`;
  return {
    headersFor(pathname, search, request) {
      let fields: RuleFields | undefined;
      for (const compiled of headerRules) {
        const params = matchRule(compiled, pathname, search, request);
        if (!params) continue;
        const hasParams = Object.keys(params).length > 0;
        fields ??= new Map();
        for (const header of compiled.rule.headers) {
          const name = hasParams ? interpolate(header.key, params) : header.key;
          const value = hasParams ? interpolate(header.value, params) : header.value;
          const lower = name.toLowerCase();
          const known = fields.get(lower);
          if (lower === 'set-cookie' && known) known.values.push(value);
          else fields.set(lower, { name, values: [value] });
        }
      }
      return fields;
    },
    redirectFor(pathname, search, request) {
      if (pathname === reserved || pathname.startsWith(`${reserved}/`)) return undefined;
      for (const compiled of redirectRules) {
        const params = matchRule(compiled, pathname, search, request);
        if (!params) continue;
        const location = compiled.destination.location(params, search);
        const headers: Record<string, string> = { location };
        if (compiled.status === 308) headers.refresh = `0;url=${location}`;
        // Next.js sends the location as the body, with no content type.
        return new Response(new TextEncoder().encode(location), {
          status: compiled.status,
          headers,
        });
      }
      return undefined;
    },
  };
}

/**
 * A response with the header rules' fields on it (see the top of this file for who wins).
 * @param response the route's answer
 * @param fields what {@link CustomRoutes.headersFor} gave
 */
export function withRuleFields(response: Response, fields: RuleFields): Response {
  const headers = new Headers();
  for (const { name, values } of fields.values())
    for (const value of values) headers.append(name, value);
  for (const [name, value] of response.headers)
    if (REPEATABLE.has(name) || !fields.has(name)) headers.append(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
