import { stringify, TokenData, type Token } from 'path-to-regexp';
import { InvalidSegmentError, OptionalParamError } from './errors.js';
import { checkAppFiles, type AppFile } from './conflicts.js';
import type { ManifestRoute, RouteManifest } from './manifest-types.js';
import { encodeSegment, parseSegment, type Segment } from './segments.js';

const ROUTE_FILE = /^route\.(?:ts|js|mjs|mts|tsx|jsx)$/;
const PAGE_FILE = /^page\.(?:ts|js|mjs|mts|tsx|jsx|md|mdx)$/;

/**
 * Builds the route manifest from the files of an `app/` folder, throwing the typed startup
 * error for every conflict Next.js refuses to build. Runs anywhere: no file system needed.
 * @param files posix paths relative to the app folder, e.g. `shop/[tag]/route.ts`
 */
export function createManifest(files: Iterable<string>): RouteManifest {
  const entries: AppFile[] = [];
  for (const file of [...files].sort()) {
    const folders = file.split('/');
    const base = folders.pop() ?? '';
    const kind = ROUTE_FILE.test(base) ? 'route' : PAGE_FILE.test(base) ? 'page' : undefined;
    // `_private` folders and everything below them are not routable.
    if (!kind || folders.some((folder) => folder.startsWith('_'))) continue;
    const segments = folders.map(parseSegment).filter((segment) => segment.kind !== 'hidden');
    const id = `/${segments.map((segment) => segment.folder).join('/')}`;
    if (kind === 'route') {
      for (const segment of segments) {
        if (segment.kind !== 'invalid') continue;
        if (segment.optionalParam) throw new OptionalParamError(segment.folder, id, file);
        throw new InvalidSegmentError(segment.folder, segment.reason, file);
      }
    }
    entries.push({ file, kind, dir: folders.join('/'), id, segments });
  }
  checkAppFiles(entries);
  const routes = entries.filter((entry) => entry.kind === 'route').map(toManifestRoute);
  return { version: 1, routes };
}

function toManifestRoute(entry: AppFile): ManifestRoute {
  const tokens: Token[] = [];
  const params: ManifestRoute['params'] = [];
  for (const segment of entry.segments) tokens.push(...segmentTokens(segment, params));
  if (tokens.length === 0) tokens.push({ type: 'text', value: '/' });
  return { id: entry.id, pathname: stringify(new TokenData(tokens)), file: entry.file, params };
}

function segmentTokens(segment: Segment, params: ManifestRoute['params']): Token[] {
  const slash: Token = { type: 'text', value: '/' };
  switch (segment.kind) {
    case 'static':
      return [{ type: 'text', value: `/${encodeSegment(segment.value)}` }];
    case 'single':
      params.push({ name: segment.name, kind: segment.kind });
      return [slash, { type: 'param', name: segment.name }];
    case 'catchall':
      params.push({ name: segment.name, kind: segment.kind });
      return [slash, { type: 'wildcard', name: segment.name }];
    case 'optional-catchall':
      params.push({ name: segment.name, kind: segment.kind });
      return [{ type: 'group', tokens: [slash, { type: 'wildcard', name: segment.name }] }];
    default:
      return [];
  }
}
