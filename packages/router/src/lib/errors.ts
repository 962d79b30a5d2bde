/**
 * The base of every error the router throws while reading an `app/` folder or a route module:
 * it names the files involved (posix paths relative to the app folder) and how to fix it.
 */
export class RouteStartupError extends Error {
  override name = 'RouteStartupError';
  /** A stable identifier of the error kind, e.g. `ERR_ROUTE_CONFLICT`. */
  readonly code: string;
  /** The files involved, relative to the app folder. */
  readonly files: readonly string[];
  /** What to change to make the error go away. */
  readonly fix: string;

  /**
   * @param code the stable error code
   * @param message the problem, in Next.js's words where it has them
   * @param files the files involved, relative to the app folder
   * @param fix what to change
   */
  constructor(code: string, message: string, files: readonly string[], fix: string) {
    super(`${message}\n${fix}`);
    this.code = code;
    this.files = files;
    this.fix = fix;
  }
}

const app = (file: string) => `app/${file}`;
const list = (files: readonly string[]) => files.map(app).join(' and ');

/** Two route files, in different groups or slots, answer the same URL. */
export class RouteConflictError extends RouteStartupError {
  override name = 'RouteConflictError';
  /**
   * @param pathname the URL both routes answer, e.g. `/same`
   * @param files the two route files, the one found later first
   */
  constructor(pathname: string, files: readonly [string, string]) {
    super(
      'ERR_ROUTE_CONFLICT',
      `Conflicting routes at ${pathname}: route at ${withoutExt(files[0])} and route at ${withoutExt(files[1])}`,
      files,
      `Keep one route for ${pathname}: delete or move ${list(files)}.`,
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
   */
  constructor(pathname: string, route: string, page: string) {
    super(
      'ERR_ROUTE_PAGE_CONFLICT',
      `Conflicting route and page at ${pathname}: route at ${withoutExt(route)} and page at ${withoutExt(page)}`,
      [route, page],
      `A URL is served by a route handler or by a page, not both: delete ${app(page)} or move ${app(route)} to another folder.`,
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
      `Move ${app(file)} up into the catch-all folder, or make that folder a single dynamic segment.`,
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
      `Delete one of ${list(files)}, or turn the optional catch-all into a required one ([...name]).`,
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
      `Rename one of the "${name}" folders on the way to ${app(file)}.`,
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
      `Rename the folder "${segment}" on the way to ${app(file)}: use [name], [...name] or [[...name]].`,
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
      `Route file '${app(file)}' exports ${method} as ${article(type)}, not a function.`,
      [file],
      `Export the handler as a function: export async function ${method}(request) { … }, or rename the export.`,
    );
  }
}

/** A dynamic segment of the request path is not valid percent-encoding (`%ZZ`, cut UTF-8). */
export class MalformedParamError extends Error {
  override name = 'MalformedParamError';
  /** Always `ERR_MALFORMED_PARAM`. */
  readonly code = 'ERR_MALFORMED_PARAM';
  /** The HTTP status an adapter answers with. */
  readonly status = 400;
  /** The raw segment that failed to decode. */
  readonly segment: string;

  /**
   * @param segment the raw path segment
   */
  constructor(segment: string) {
    super(`Malformed percent-encoding in a dynamic path segment: "${segment}"`);
    this.segment = segment;
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
