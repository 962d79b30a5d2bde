/** The stable identifier of each error the router throws. */
export type RouterErrorCode = RouteStartupErrorCode | 'ERR_MALFORMED_PARAM';

/** The stable identifier of each startup error: a problem to fix in the app before it serves. */
export type RouteStartupErrorCode =
  | 'ERR_ROUTE_CONFLICT'
  | 'ERR_ROUTE_PAGE_CONFLICT'
  | 'ERR_DUPLICATE_ROUTE_FILE'
  | 'ERR_AMBIGUOUS_ROUTES'
  | 'ERR_DIFFERENT_SLUG_NAMES'
  | 'ERR_CATCH_ALL_NOT_LAST'
  | 'ERR_OPTIONAL_CATCH_ALL_SPECIFICITY'
  | 'ERR_CATCH_ALL_KINDS'
  | 'ERR_REPEATED_SLUG_NAME'
  | 'ERR_OPTIONAL_PARAM'
  | 'ERR_INVALID_SEGMENT'
  | 'ERR_INVALID_ROUTE_EXPORT'
  | 'ERR_INVALID_SEGMENT_CONFIG'
  | 'ERR_INVALID_STATIC_PARAMS'
  | 'ERR_STATIC_PARAMS_MISMATCH'
  | 'ERR_DYNAMIC_USAGE_IN_STATIC_ROUTE'
  | 'ERR_STATIC_PRODUCTION_FAILED'
  | 'ERR_CACHE_COMPONENTS_SEGMENT_CONFIG'
  | 'ERR_PROXY_MATCHER'
  | 'ERR_DUPLICATE_PROXY_FILE'
  | 'ERR_PROXY_AND_MIDDLEWARE'
  | 'ERR_PROXY_NO_FUNCTION'
  | 'ERR_INVALID_CUSTOM_ROUTE';

/** The base of every error `@approute/router` throws: `code` tells them apart. */
export class RouterError extends Error {
  /** Which error this is. */
  readonly code: RouterErrorCode;

  /**
   * @param code the stable error code
   * @param message what went wrong
   */
  constructor(code: RouterErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * An error found while reading an app folder, a route module or producing a static answer at
 * build: it names the files involved (posix paths relative to the project, `app/x/route.ts`)
 * and how to fix it. A command line shows its message without a stack.
 */
export class RouteStartupError extends RouterError {
  override name = 'RouteStartupError';
  declare readonly code: RouteStartupErrorCode;
  /** The files involved, relative to the project. */
  readonly files: readonly string[];
  /** What to change to make the error go away. */
  readonly fix: string;

  /**
   * @param code the stable error code
   * @param message the problem, in Next.js's words where it has them
   * @param files the files involved, relative to the project
   * @param fix what to change
   */
  constructor(code: RouteStartupErrorCode, message: string, files: readonly string[], fix: string) {
    super(code, `${message}\n${fix}`);
    this.files = files;
    this.fix = fix;
  }
}

const list = (files: readonly string[]) => files.join(', ');
const either = (files: readonly string[]) =>
  files.length === 2 ? `${files[0] ?? ''} or ${files[1] ?? ''}` : `one of ${files.join(', ')}`;

/** Two route files, in different groups or slots, answer the same URL. */
export class RouteConflictError extends RouteStartupError {
  override name = 'RouteConflictError';
  /**
   * @param pathname the URL both routes answer, e.g. `/same`
   * @param files the two route files, the one found later first
   * @param inApp the same files relative to the app folder, as Next.js names them
   */
  constructor(
    pathname: string,
    files: readonly [string, string],
    inApp: readonly [string, string],
  ) {
    super(
      'ERR_ROUTE_CONFLICT',
      `Conflicting routes at ${pathname}: route at ${withoutExt(inApp[0])} and route at ${withoutExt(inApp[1])}`,
      files,
      `Keep one route for ${pathname}: delete or move ${either(files)}.`,
    );
  }
}

/** A `route.*` and a `page.*` answer the same URL. */
export class RoutePageConflictError extends RouteStartupError {
  override name = 'RoutePageConflictError';
  /**
   * @param pathname the URL both answer
   * @param route the route file
   * @param page the page file
   * @param inApp the route and page files relative to the app folder, as Next.js names them
   */
  constructor(pathname: string, route: string, page: string, inApp: readonly [string, string]) {
    super(
      'ERR_ROUTE_PAGE_CONFLICT',
      `Conflicting route and page at ${pathname}: route at ${withoutExt(inApp[0])} and page at ${withoutExt(inApp[1])}`,
      [route, page],
      `A URL is served by a route handler or by a page, not both: delete ${page} or move ${route} to another folder.`,
    );
  }
}

/** Two `route.*` files in one folder, e.g. `route.ts` beside `route.js`. */
export class DuplicateRouteFileError extends RouteStartupError {
  override name = 'DuplicateRouteFileError';
  /**
   * @param pathname the URL both files would answer
   * @param files the route files in the same folder
   */
  constructor(pathname: string, files: readonly string[]) {
    super(
      'ERR_DUPLICATE_ROUTE_FILE',
      `Multiple route files at ${pathname}: ${files.map(withoutDir).join(', ')} in the same folder`,
      files,
      `Keep one route file in the folder: delete all but one of ${list(files)}.`,
    );
  }
}

/** Sibling dynamic folders that differ only in their parameter names (`[id]` and `[slug]`). */
export class AmbiguousRoutesError extends RouteStartupError {
  override name = 'AmbiguousRoutesError';
  /**
   * @param groups each ambiguous pattern (`/x/[*]`) with the route ids and files it matches
   */
  constructor(
    groups: readonly { pattern: string; ids: readonly string[]; files: readonly string[] }[],
  ) {
    const lines = groups.map(
      (group) =>
        `Ambiguous route pattern "${group.pattern}" matches multiple routes:\n${group.ids.map((id) => `  - ${id}`).join('\n')}`,
    );
    const files = groups.flatMap((group) => group.files);
    super(
      'ERR_AMBIGUOUS_ROUTES',
      `Ambiguous app routes detected:\n\n${lines.join('\n\n')}\n\nThese routes cannot be distinguished from each other when matching URLs.`,
      files,
      `Give each such folder a different static segment, or merge them into one dynamic folder: ${list(files)}.`,
    );
  }
}

/** One position in the URL uses two parameter names (`[id]/a` beside `[slug]/b`). */
export class DifferentSlugNamesError extends RouteStartupError {
  override name = 'DifferentSlugNamesError';
  /**
   * @param first the name seen first
   * @param second the other name
   * @param files the route files using each name
   */
  constructor(first: string, second: string, files: readonly string[]) {
    super(
      'ERR_DIFFERENT_SLUG_NAMES',
      `You cannot use different slug names for the same dynamic path ('${first}' !== '${second}').`,
      files,
      `Rename the folders so that one name is used at this position: ${list(files)}.`,
    );
  }
}

/** A catch-all folder has folders with routes below it. */
export class CatchAllNotLastError extends RouteStartupError {
  override name = 'CatchAllNotLastError';
  /**
   * @param id the route id, e.g. `/y/[...a]/b`
   * @param file the route file
   */
  constructor(id: string, file: string) {
    super(
      'ERR_CATCH_ALL_NOT_LAST',
      `Catch-all must be the last part of the URL in route "${id}".`,
      [file],
      `Move ${file} up into the catch-all folder, or make that folder a single dynamic segment.`,
    );
  }
}

/** A route at `/z` beside an optional catch-all `/z/[[...a]]`, which already answers `/z`. */
export class OptionalCatchAllSpecificityError extends RouteStartupError {
  override name = 'OptionalCatchAllSpecificityError';
  /**
   * @param prefix the route that the optional catch-all also answers, e.g. `/z`
   * @param id the optional catch-all route id
   * @param files the two route files
   */
  constructor(prefix: string, id: string, files: readonly string[]) {
    super(
      'ERR_OPTIONAL_CATCH_ALL_SPECIFICITY',
      `You cannot define a route with the same specificity as an optional catch-all route ("${prefix}" and "${id}").`,
      files,
      `Delete ${either(files)}, or turn the optional catch-all into a required one ([...name]).`,
    );
  }
}

/** A required and an optional catch-all at the same position (`[...a]` beside `[[...a]]`). */
export class CatchAllKindsConflictError extends RouteStartupError {
  override name = 'CatchAllKindsConflictError';
  /**
   * @param required the required catch-all segment, e.g. `[...a]`
   * @param optional the optional catch-all segment, e.g. `[[...a]]`
   * @param files the route files using each
   */
  constructor(required: string, optional: string, files: readonly string[]) {
    super(
      'ERR_CATCH_ALL_KINDS',
      `You cannot use both a required and optional catch-all route at the same level ("${required}" and "${optional}").`,
      files,
      `Keep one of the two catch-all folders: ${list(files)}.`,
    );
  }
}

/** One parameter name used twice in a route (`/v/[a]/[a]`). */
export class RepeatedSlugNameError extends RouteStartupError {
  override name = 'RepeatedSlugNameError';
  /**
   * @param name the repeated parameter name
   * @param id the route id
   * @param file the route file
   */
  constructor(name: string, id: string, file: string) {
    super(
      'ERR_REPEATED_SLUG_NAME',
      `You cannot have the same slug name "${name}" repeat within a single dynamic path in route "${id}".`,
      [file],
      `Rename one of the "${name}" folders on the way to ${file}.`,
    );
  }
}

/** An optional single parameter `[[id]]`, which Next.js does not support. */
export class OptionalParamError extends RouteStartupError {
  override name = 'OptionalParamError';
  /**
   * @param segment the folder name, e.g. `[[id]]`
   * @param id the route id
   * @param file the route file
   */
  constructor(segment: string, id: string, file: string) {
    super(
      'ERR_OPTIONAL_PARAM',
      `Optional route parameters are not yet supported ("${segment}") in route "${id}".`,
      [file],
      `Rename the folder to [${segment.slice(2, -2)}] and add a route one level up, or use an optional catch-all [[...${segment.slice(2, -2)}]].`,
    );
  }
}

/** A folder name that is neither a static name nor a well-formed `[param]`. */
export class InvalidSegmentError extends RouteStartupError {
  override name = 'InvalidSegmentError';
  /**
   * @param segment the folder name
   * @param reason what is wrong with it, in Next.js's words
   * @param file the route file below the folder
   */
  constructor(segment: string, reason: string, file: string) {
    super(
      'ERR_INVALID_SEGMENT',
      reason,
      [file],
      `Rename the folder "${segment}" on the way to ${file}: use [name], [...name] or [[...name]].`,
    );
  }
}

/** A route module exports a method name (`GET`, …) bound to something that is not a function. */
export class InvalidRouteExportError extends RouteStartupError {
  override name = 'InvalidRouteExportError';
  /**
   * @param method the export name
   * @param type what the export is instead (`typeof`)
   * @param file the route file
   */
  constructor(method: string, type: string, file: string) {
    super(
      'ERR_INVALID_ROUTE_EXPORT',
      `Route file '${file}' exports ${method} as ${article(type)}, not a function.`,
      [file],
      `Export the handler as a function: export async function ${method}(request) { … }, or rename the export.`,
    );
  }
}

/** A static answer could not be produced at build; the handler's error was logged before. */
export class StaticProductionError extends RouteStartupError {
  override name = 'StaticProductionError';
  /**
   * @param id the route id
   * @param file the route file
   */
  constructor(id: string, file: string) {
    super(
      'ERR_STATIC_PRODUCTION_FAILED',
      `Producing the static answer of ${id} (${file}) failed; the cause is logged above.`,
      [file],
      `Fix the GET handler of ${file}, or make the route dynamic (export const dynamic = 'force-dynamic').`,
    );
  }
}

/** A route exports segment config that Cache Components replace (a build error in Next.js). */
export class CacheComponentsConfigError extends RouteStartupError {
  override name = 'CacheComponentsConfigError';
  /**
   * @param file the route file
   * @param option the export, e.g. `dynamic`
   */
  constructor(file: string, option: string) {
    super(
      'ERR_CACHE_COMPONENTS_SEGMENT_CONFIG',
      `Route segment config "${option}" is not compatible with \`nextConfig.cacheComponents\`. Please remove it. (in ${file})`,
      [file],
      `Remove the "${option}" export from ${file}; with Cache Components, cache data with "use cache" and cacheLife() instead.`,
    );
  }
}

/** A dynamic segment of the request path is not valid percent-encoding (`%ZZ`, cut UTF-8). */
export class MalformedParamError extends RouterError {
  override name = 'MalformedParamError';
  /** The request path whose dynamic segment failed to decode. */
  readonly path: string;

  /**
   * @param path the request path
   */
  constructor(path: string) {
    super('ERR_MALFORMED_PARAM', `Malformed percent-encoding in a dynamic segment of "${path}"`);
    this.path = path;
  }
}

function withoutExt(file: string): string {
  return `/${file.replace(/\.[^./]+$/, '')}`;
}

function withoutDir(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function article(type: string): string {
  if (type === 'null' || type === 'undefined') return type;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
