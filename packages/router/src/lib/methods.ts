// Method semantics, decided once per route when its module loads: every method maps to an
// endpoint, as Next.js's `autoImplementMethods` builds it. A method the module does not export
// answers 405 with `Allow`, OPTIONS answers 204 with `Allow`, HEAD runs GET and drops the body;
// a method token outside the seven answers 501 before any module is loaded.
import { empty, withoutBody } from './answers.js';
import type { Call, Endpoint } from './call.js';

/** The HTTP methods a route module may export, in the order Next.js lists them. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** One of the seven HTTP methods a route module may export. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Every method's endpoint for one route. */
export type MethodTable = Readonly<Record<HttpMethod, Endpoint>>;

const METHOD_SET: ReadonlySet<string> = new Set(HTTP_METHODS);

/**
 * Tells whether a method token is one of the seven route handler methods.
 * @param method the request method, as the request carries it
 */
export function isHttpMethod(method: string): method is HttpMethod {
  return METHOD_SET.has(method);
}

/**
 * The `Allow` header value for a route exporting `methods`: those methods, plus `HEAD` when
 * `GET` exists, plus `OPTIONS`, sorted by plain string order and joined with `", "`.
 * @param methods the methods the route module exports
 */
export function allowHeader(methods: Iterable<HttpMethod>): string {
  const allowed = new Set<string>(methods);
  if (allowed.has('GET')) allowed.add('HEAD');
  allowed.add('OPTIONS');
  return [...allowed].sort().join(', ');
}

/** The answer to a method token that is none of the seven: 501, whatever the route. */
export function notImplemented(): Response {
  return empty(501);
}

const answerWith =
  (status: 204 | 405, allow: string): Endpoint =>
  (call) => {
    call.respond(empty(status, { allow }));
  };

// HEAD answers what the GET (or the module's own HEAD) answers, without the body.
const bodiless =
  (endpoint: Endpoint): Endpoint =>
  (call) => {
    const respond = call.respond;
    endpoint({
      ...call,
      respond: (response) => {
        respond(withoutBody(response));
      },
    } satisfies Call);
  };

/**
 * Builds the complete method table of a route from the endpoints of the methods it exports.
 * @param exported an endpoint for each method the module exports
 */
export function methodTable(exported: Partial<Record<HttpMethod, Endpoint>>): MethodTable {
  const methods = HTTP_METHODS.filter((method) => exported[method] !== undefined);
  const allow = allowHeader(methods);
  const notAllowed = answerWith(405, allow);
  const head = exported.HEAD ?? exported.GET;
  return {
    GET: exported.GET ?? notAllowed,
    HEAD: head ? bodiless(head) : notAllowed,
    POST: exported.POST ?? notAllowed,
    PUT: exported.PUT ?? notAllowed,
    PATCH: exported.PATCH ?? notAllowed,
    DELETE: exported.DELETE ?? notAllowed,
    OPTIONS: exported.OPTIONS ?? answerWith(204, allow),
  };
}
