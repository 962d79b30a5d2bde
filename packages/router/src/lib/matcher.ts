import { MalformedParamError } from './errors.js';
import type { ManifestRoute, ParamKind } from './manifest-types.js';
import { buildParams, MALFORMED, type Params } from './params.js';
import { PathTable } from './path-table.js';

/** A path matched to a route. */
export interface RouteMatch {
  /** The route that answers the path. */
  route: ManifestRoute;
  /** The decoded params, a plain object; `undefined` for a route without dynamic segments. */
  params: Params | undefined;
}

// The params as the pattern declares them, which is what captures follow.
interface DynamicRoute {
  route: ManifestRoute;
  params: { name: string; kind: ParamKind }[];
}

interface TrieNode {
  statics: PathTable<TrieNode> | undefined;
  single: TrieNode | undefined;
  catchall: DynamicRoute | undefined;
  optional: DynamicRoute | undefined;
  route: DynamicRoute | undefined;
}

const newNode = (): TrieNode => ({
  statics: undefined,
  single: undefined,
  catchall: undefined,
  optional: undefined,
  route: undefined,
});

/**
 * Finds the route for a path without looking at every route: fully static routes sit in one
 * table keyed by the whole path, dynamic ones in a segment trie walked with precedence
 * static > `[x]` > `[...x]` > `[[...x]]` from the left, backtracking when a branch dead-ends.
 */
export class RouteMatcher {
  readonly #statics = new PathTable<ManifestRoute>();
  readonly #root = newNode();

  /**
   * @param routes the routes; for one path the first route added wins a tie
   */
  constructor(routes: Iterable<ManifestRoute>) {
    for (const route of routes) this.#add(route);
  }

  #add(route: ManifestRoute): void {
    const segments = route.segments;
    if (segments.every((segment) => segment.kind === 'static')) {
      const path = `/${segments.map((segment) => segment.value).join('/')}`;
      if (!this.#statics.has(path)) this.#statics.set(path, route);
      return;
    }
    const dynamic: DynamicRoute = {
      route,
      params: segments.flatMap((segment) => (segment.kind === 'static' ? [] : [segment])),
    };
    let node = this.#root;
    for (const segment of segments) {
      switch (segment.kind) {
        case 'static': {
          node.statics ??= new PathTable();
          let child = node.statics.get(segment.value);
          if (!child) node.statics.set(segment.value, (child = newNode()));
          node = child;
          break;
        }
        case 'single':
          node = node.single ??= newNode();
          break;
        case 'catchall':
          node.catchall ??= dynamic;
          return;
        case 'optional-catchall':
          node.optional ??= dynamic;
          return;
      }
    }
    node.route ??= dynamic;
  }

  /**
   * Matches a canonical path (no trailing slash except `/`, no empty segments, base path removed).
   * @param pathname the request path as received, percent-encoded
   * @returns the match, `null` for no route, or {@link MALFORMED} when a captured segment is not
   *   valid percent-encoding (answered 400)
   */
  find(pathname: string): RouteMatch | null | typeof MALFORMED {
    const route = this.#statics.get(pathname);
    if (route) return { route, params: undefined };
    // Segments are read in place: a position is the index of the `/` before a segment, and
    // `pathname.length` once every segment is consumed.
    const captures: number[] = [];
    const found = walk(this.#root, pathname, pathname === '/' ? 1 : 0, captures);
    if (!found) return null;
    const params = buildParams(found.params, pathname, captures);
    return params === MALFORMED ? MALFORMED : { route: found.route, params };
  }

  /**
   * {@link find}, throwing for a malformed segment.
   * @param pathname the canonical request path
   * @throws MalformedParamError when a captured segment is not valid percent-encoding
   */
  match(pathname: string): RouteMatch | null {
    const found = this.find(pathname);
    if (found === MALFORMED) throw new MalformedParamError(pathname);
    return found;
  }
}

function walk(
  node: TrieNode,
  path: string,
  position: number,
  captures: number[],
): DynamicRoute | undefined {
  if (position === path.length) {
    if (node.route) return node.route;
    if (node.optional) captures.push(position);
    return node.optional;
  }
  let next = path.indexOf('/', position + 1);
  if (next === -1) next = path.length;
  if (node.statics) {
    const child = node.statics.get(path, position + 1, next);
    const found = child && walk(child, path, next, captures);
    if (found) return found;
  }
  if (node.single) {
    captures.push(position);
    const found = walk(node.single, path, next, captures);
    if (found) return found;
    captures.pop();
  }
  const rest = node.catchall ?? node.optional;
  if (rest) captures.push(position);
  return rest;
}
