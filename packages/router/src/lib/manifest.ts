import { InvalidSegmentError, OptionalParamError } from './errors.js';
import { checkAppFiles, type AppFile } from './conflicts.js';
import type { RouteManifest } from './manifest-types.js';
import { parseSegment, routeSegments } from './segments.js';

const ROUTE_FILE = /^route\.(?:ts|js|mjs|mts|tsx|jsx)$/;
const PAGE_FILE = /^page\.(?:ts|js|mjs|mts|tsx|jsx|md|mdx)$/;

/** Options for {@link createManifest}. */
export interface ManifestOptions {
  /**
   * The app folder, a posix path relative to the project (`app`, or `src/app`): route files
   * are recorded (and named in errors) as `<appDir>/<file>`. Default `app`.
   */
  appDir?: string;
}

/**
 * Builds the route manifest from the files of an `app/` folder, throwing the typed startup
 * error for every conflict Next.js refuses to build. Runs anywhere: no file system needed.
 * @param files posix paths relative to the app folder, e.g. `shop/[tag]/route.ts`
 * @param options where the app folder is in the project
 */
export function createManifest(
  files: Iterable<string>,
  options: ManifestOptions = {},
): RouteManifest {
  const appDir = options.appDir ?? 'app';
  const entries: AppFile[] = [];
  for (const relative of [...files].sort()) {
    const folders = relative.split('/');
    const base = folders.pop() ?? '';
    const kind = ROUTE_FILE.test(base) ? 'route' : PAGE_FILE.test(base) ? 'page' : undefined;
    // `_private` folders and everything below them are not routable.
    if (!kind || folders.some((folder) => folder.startsWith('_'))) continue;
    const segments = folders.map(parseSegment).filter((segment) => segment.kind !== 'hidden');
    const id = `/${segments.map((segment) => segment.folder).join('/')}`;
    const file = appDir === '' ? relative : `${appDir}/${relative}`;
    if (kind === 'route') {
      for (const segment of segments) {
        if (segment.kind !== 'invalid') continue;
        if (segment.optionalParam) throw new OptionalParamError(segment.folder, id, file);
        throw new InvalidSegmentError(segment.folder, segment.reason, file);
      }
    }
    entries.push({ file, inApp: relative, kind, dir: folders.join('/'), id, segments });
  }
  checkAppFiles(entries);
  const routes = entries
    .filter((entry) => entry.kind === 'route')
    .map((entry) => ({ id: entry.id, segments: routeSegments(entry.segments), file: entry.file }));
  return { version: 2, routes };
}
