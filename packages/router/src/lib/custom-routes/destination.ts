// Where a redirect rule sends the client, as Next.js computes the Location: the destination's
// path compiled with the captured parameters (path-to-regexp 6, values inserted as captured),
// its query values interpolated, then merged over the request's query (the destination's
// values win), repeated slashes in the path collapsed. Keys and values that came from the
// request are percent-encoded again; those written in the destination are kept as written.
import { compile } from 'path-to-regexp-v6';
import { interpolate, type RuleParams } from './match.js';

// A parameter name hidden from the URL parser, so that `:name` in a host or path survives it.
const HIDDEN = '__APPROUTE_COLON__';

type Query = Map<string, string[]>;

/** A destination parsed once, when the rule is compiled. */
export interface CompiledDestination {
  /**
   * The Location for one request.
   * @param params what the source and the conditions captured
   * @param search the request's query, `?…` or `''`
   */
  location(params: RuleParams, search: string): string;
}

/**
 * Parses a destination.
 * @param destination the rule's destination, base path already in front of a path
 */
export function compileDestination(destination: string): CompiledDestination {
  const hidden = destination.replace(/:(\w)/g, `${HIDDEN}$1`);
  const external = !hidden.startsWith('/');
  const url = new URL(hidden, 'http://n');
  const reveal = (text: string) => text.split(HIDDEN).join(':');
  const origin = external ? reveal(`${url.protocol}//${url.host}`) : '';
  const pathname = compile(reveal(url.pathname) + reveal(url.hash), { validate: false });
  const destQuery = queryOf(url.search, reveal);
  return {
    location(params, search) {
      const [path = '', hash] = pathname(params).split('#', 2);
      const merged: Query = queryOf(search);
      const fromRequest = new Set<string>();
      for (const [key, values] of merged) {
        fromRequest.add(key);
        for (const value of values) fromRequest.add(value);
      }
      for (const [key, values] of destQuery)
        merged.set(
          key,
          values.map((value) => interpolate(value, params)),
        );
      const encode = (text: string) => (fromRequest.has(text) ? encodeURIComponent(text) : text);
      const pairs: string[] = [];
      for (const [key, values] of merged)
        for (const value of values) pairs.push(`${encode(key)}=${encode(value)}`);
      const start = external ? interpolate(origin, params) : '';
      const clean = path.replace(/\/\/+/g, '/').replace(/[?#]/g, encodeURIComponent);
      return `${start}${clean}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}${hash ? `#${hash}` : ''}`;
    },
  };
}

function queryOf(search: string, reveal: (text: string) => string = (text) => text): Query {
  const query: Query = new Map();
  for (const [key, value] of new URLSearchParams(search)) {
    const name = reveal(key);
    const values = query.get(name);
    if (values) values.push(reveal(value));
    else query.set(name, [reveal(value)]);
  }
  return query;
}
