import {
  AmbiguousRoutesError,
  CatchAllKindsConflictError,
  CatchAllNotLastError,
  DifferentSlugNamesError,
  DuplicateRouteFileError,
  OptionalCatchAllSpecificityError,
  RepeatedSlugNameError,
  RouteConflictError,
  RoutePageConflictError,
} from './errors.js';
import type { Segment } from './segments.js';

/** A `route.*` or `page.*` file of the app folder, its folders read. */
export interface AppFile {
  /** The file, relative to the project (`app/x/route.ts`). */
  file: string;
  /** The file relative to the app folder (`x/route.ts`), as Next.js's messages name it. */
  inApp: string;
  kind: 'route' | 'page';
  /** The folder holding the file, relative to the app folder. */
  dir: string;
  /** The URL-visible folder path: `/shop/[tag]`. */
  id: string;
  /** The URL-visible folders (groups and slots removed). */
  segments: Segment[];
}

/**
 * Throws the first startup error the files contain, checked in the order a reader would fix
 * them: one folder, one route, two routes at one URL, then the shape of the whole tree.
 * @param entries the app files, sorted by file path
 */
export function checkAppFiles(entries: readonly AppFile[]): void {
  const routes = entries.filter((entry) => entry.kind === 'route');
  checkFolders(routes);
  for (const route of routes) checkRoute(route);
  checkSameUrl(entries);
  checkAmbiguous(routes);
  checkTree(routes);
}

function checkFolders(routes: readonly AppFile[]): void {
  const byDir = new Map<string, AppFile[]>();
  for (const route of routes) byDir.set(route.dir, [...(byDir.get(route.dir) ?? []), route]);
  for (const same of byDir.values()) {
    if (same.length > 1 && same[0])
      throw new DuplicateRouteFileError(
        same[0].id,
        same.map((route) => route.file),
      );
  }
}

function checkRoute(route: AppFile): void {
  const names = new Set<string>();
  route.segments.forEach((segment, index) => {
    if (!('name' in segment)) return;
    if (segment.kind !== 'single' && index < route.segments.length - 1)
      throw new CatchAllNotLastError(route.id, route.file);
    if (names.has(segment.name))
      throw new RepeatedSlugNameError(segment.name, route.id, route.file);
    names.add(segment.name);
  });
}

function checkSameUrl(entries: readonly AppFile[]): void {
  const routes = new Map<string, AppFile>();
  const pages = new Map<string, AppFile>();
  for (const entry of entries) {
    const seen = (entry.kind === 'route' ? routes : pages).get(entry.id);
    // Next.js names the file found later first.
    if (seen && entry.kind === 'route')
      throw new RouteConflictError(entry.id, [entry.file, seen.file], [entry.inApp, seen.inApp]);
    if (!seen) (entry.kind === 'route' ? routes : pages).set(entry.id, entry);
  }
  for (const [id, route] of routes) {
    const page = pages.get(id);
    if (page) {
      throw new RoutePageConflictError(id, route.file, page.file, [route.inApp, page.inApp]);
    }
  }
}

const WILDCARDS = { single: '[*]', catchall: '[...*]', 'optional-catchall': '[[...*]]' } as const;

function checkAmbiguous(routes: readonly AppFile[]): void {
  const byPattern = new Map<string, AppFile[]>();
  for (const route of routes) {
    const pattern = `/${route.segments.map((segment) => ('name' in segment ? WILDCARDS[segment.kind] : segment.folder)).join('/')}`;
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), route]);
  }
  const groups = [...byPattern]
    .filter(([, same]) => same.length > 1)
    .map(([pattern, same]) => ({
      pattern,
      ids: same.map((route) => route.id),
      files: same.map((route) => route.file),
    }));
  if (groups.length > 0) throw new AmbiguousRoutesError(groups);
}

interface Slot {
  name: string;
  /** The route that put the name here. */
  id: string;
  file: string;
  node: TreeNode;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  single?: Slot;
  catchall?: Slot;
  optional?: Slot;
  route?: AppFile;
}

const newNode = (): TreeNode => ({ children: new Map() });

function checkTree(routes: readonly AppFile[]): void {
  const root = newNode();
  for (const route of routes) {
    let node = root;
    for (const segment of route.segments) {
      if (segment.kind === 'static') {
        const child = node.children.get(segment.value) ?? newNode();
        node.children.set(segment.value, child);
        node = child;
        continue;
      }
      if (!('name' in segment)) continue;
      const key =
        segment.kind === 'single'
          ? 'single'
          : segment.kind === 'catchall'
            ? 'catchall'
            : 'optional';
      const slot = node[key];
      if (slot && slot.name !== segment.name) {
        throw new DifferentSlugNamesError(slot.name, segment.name, [slot.file, route.file]);
      }
      const next = slot ?? { name: segment.name, file: route.file, node: newNode(), id: route.id };
      node[key] = next;
      if (node.catchall && node.optional) {
        throw new CatchAllKindsConflictError(
          `[...${node.catchall.name}]`,
          `[[...${node.optional.name}]]`,
          [node.catchall.file, node.optional.file],
        );
      }
      node = next.node;
    }
    node.route = route;
  }
  visit(root);
}

function visit(node: TreeNode): void {
  if (node.route && node.optional) {
    throw new OptionalCatchAllSpecificityError(node.route.id, node.optional.id, [
      node.route.file,
      node.optional.file,
    ]);
  }
  for (const child of node.children.values()) visit(child);
  if (node.single) visit(node.single.node);
}
