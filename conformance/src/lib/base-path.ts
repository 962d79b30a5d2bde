import type { CaseContext, CaseRequest, ConformanceCase } from './case.js';

/** Thrown when a case sends a request target that a base path cannot be put in front of. */
export class BasePathError extends Error {
  override readonly name = 'BasePathError';
  readonly code = 'CONFORMANCE_BASE_PATH';
}

/**
 * A case that the mechanical base-path transform cannot carry over as it is: what to change
 * in the transformed case, and why.
 */
export interface BasePathAdjustment {
  /** Why the case cannot follow mechanically (what the app answers differently, and why). */
  reason: string;
  /**
   * Changes the transformed case (its requests already carry the base path).
   * @param c the transformed case
   * @param basePath the base path
   */
  adjust: (c: ConformanceCase, basePath: string) => ConformanceCase;
}

/**
 * A request target of the app with the base path in front, as a client of an app served
 * under that base path sends it: `/x?y` becomes `/docs/x?y`, `/` and `/?y` become `/docs`
 * and `/docs?y` (Next.js's root under a base path has no trailing slash).
 * @param basePath the base path, e.g. `/docs`
 * @param path the request target the case sends, starting with one `/`
 */
export function prefixBasePath(basePath: string, path: string): string {
  // `*`, an absolute-form target or one that opens with `//` is not a path of the app that a
  // base path goes in front of: such a case needs an adjustment of its own.
  if (!path.startsWith('/') || path.startsWith('//'))
    throw new BasePathError(`cannot put the base path ${basePath} in front of ${path}`);
  return path === '/' || path.startsWith('/?') ? basePath + path.slice(1) : basePath + path;
}

function prefixRequest(basePath: string, request: CaseRequest): CaseRequest {
  return { ...request, path: prefixBasePath(basePath, request.path) };
}

function prefixContext(basePath: string, context: CaseContext): CaseContext {
  return { ...context, send: (request) => context.send(prefixRequest(basePath, request)) };
}

/**
 * The cases again for the fixture app served under a base path, as Next.js reruns its own
 * suites with `basePath` in next.config: every request the case sends (its `request`, and
 * each one its `run()` or `check()` sends) gets the base path in front; the expectations stay
 * as they are (what a route handler answers does not depend on where the app is mounted:
 * `redirect('/x')` sends `Location: /x` as written, the handler's params and body are the
 * same). A case whose answer does differ gets an adjustment, by id. The ids stay the same, so
 * that a runtime's limits and the known failures still name them.
 * @param cases the cases
 * @param basePath the base path, e.g. `/docs`
 * @param adjustments changes to single transformed cases, by id, each with its reason
 * @returns the transformed cases, in the same order
 */
export function withBasePath(
  cases: readonly ConformanceCase[],
  basePath: string,
  adjustments: Readonly<Record<string, BasePathAdjustment>> = {},
): ConformanceCase[] {
  const ids = new Set(cases.map((c) => c.id));
  const unknown = Object.keys(adjustments).filter((id) => !ids.has(id));
  if (unknown.length > 0)
    throw new BasePathError(`adjustments for cases that are not given: ${unknown.join(', ')}`);
  return cases.map((c) => {
    const { run, check } = c;
    const moved: ConformanceCase = {
      ...c,
      title: `${c.title} (under basePath ${basePath})`,
      ...(c.request ? { request: prefixRequest(basePath, c.request) } : {}),
      ...(run ? { run: (context: CaseContext) => run(prefixContext(basePath, context)) } : {}),
      ...(check
        ? { check: (response, context) => check(response, prefixContext(basePath, context)) }
        : {}),
    };
    const adjustment = Object.hasOwn(adjustments, c.id) ? adjustments[c.id] : undefined;
    return adjustment ? adjustment.adjust(moved, basePath) : moved;
  });
}
