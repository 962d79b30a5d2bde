import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AmbiguousRoutesError,
  CatchAllKindsConflictError,
  CatchAllNotLastError,
  DifferentSlugNamesError,
  DuplicateRouteFileError,
  InvalidSegmentError,
  OptionalCatchAllSpecificityError,
  OptionalParamError,
  RepeatedSlugNameError,
  RouteConflictError,
  RoutePageConflictError,
  RouteStartupError,
} from '@approute/router';
import { scanApp } from './scan.js';

const fixture = (scenario: string) =>
  fileURLToPath(new URL(`../../test/trees/${scenario}`, import.meta.url));

async function scanError(scenario: string): Promise<RouteStartupError> {
  const error: unknown = await scanApp(fixture(scenario)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof RouteStartupError))
    throw new Error(`expected a startup error from ${scenario}, got ${String(error)}`);
  return error;
}

describe('scanApp', () => {
  it('reads every route file kind, groups, slots, private folders, escapes and literal names', async () => {
    const manifest = await scanApp(fixture('tree'));
    expect(manifest.version).toBe(2);
    expect(manifest.routes.map(({ id, file }) => [id, file])).toEqual([
      ['/%41', 'app/%41/route.mts'],
      ['/%5Funderscore', 'app/%5Funderscore/route.ts'],
      ['/(.)intercepted', 'app/(.)intercepted/route.tsx'],
      ['/about', 'app/(marketing)/about/route.js'],
      ['/cart/[id]', 'app/(shop)/(deep)/cart/[id]/route.ts'],
      ['/photos', 'app/@modal/photos/route.mjs'],
      ['/CaseSensitive', 'app/CaseSensitive/route.jsx'],
      ['/blog/[...slug]', 'app/blog/[...slug]/route.ts'],
      ['/café', 'app/café/route.ts'],
      ['/docs/[[...slug]]', 'app/docs/[[...slug]]/route.ts'],
      ['/hello', 'app/hello/route.ts'],
      ['/', 'app/route.ts'],
      ['/shop/[tag]/[item]', 'app/shop/[tag]/[item]/route.ts'],
      ['/sitemap.xml', 'app/sitemap.xml/route.ts'],
    ]);
    const segments = (id: string) => manifest.routes.find((route) => route.id === id)?.segments;
    expect(segments('/%5Funderscore')).toEqual([{ kind: 'static', value: '_underscore' }]);
    expect(segments('/café')).toEqual([{ kind: 'static', value: 'caf%C3%A9' }]);
    expect(segments('/docs/[[...slug]]')).toEqual([
      { kind: 'static', value: 'docs' },
      { kind: 'optional-catchall', name: 'slug' },
    ]);
    expect(segments('/')).toEqual([]);
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  });

  it('skips a _private folder and serves %5F as an underscore', async () => {
    const manifest = await scanApp(fixture('private-only'));
    expect(manifest.routes.map((route) => [route.id, route.segments])).toEqual([
      ['/%5Fshown', [{ kind: 'static', value: '_shown' }]],
    ]);
  });

  it('names both files when a route and a page answer one URL', async () => {
    const error = await scanError('conflict-route-page');
    expect(error).toBeInstanceOf(RoutePageConflictError);
    expect(error.name).toBe('RoutePageConflictError');
    expect(error.code).toBe('ERR_ROUTE_PAGE_CONFLICT');
    expect(error.files).toEqual(['app/x/route.ts', 'app/x/page.tsx']);
    expect(error.message).toBe(
      'Conflicting route and page at /x: route at /x/route and page at /x/page\n' +
        'A URL is served by a route handler or by a page, not both: delete app/x/page.tsx or move app/x/route.ts to another folder.',
    );
  });

  it('finds a route and a page in different groups', async () => {
    const error = await scanError('conflict-route-page-group');
    expect(error.message.split('\n')[0]).toBe(
      'Conflicting route and page at /x: route at /(site)/x/route and page at /(docs)/x/page',
    );
  });

  it('names both route files when two groups answer one URL', async () => {
    const error = await scanError('conflict-groups');
    expect(error).toBeInstanceOf(RouteConflictError);
    expect(error.code).toBe('ERR_ROUTE_CONFLICT');
    expect(error.files).toEqual(['app/(b)/same/route.ts', 'app/(a)/same/route.ts']);
    expect(error.message).toBe(
      'Conflicting routes at /same: route at /(b)/same/route and route at /(a)/same/route\n' +
        'Keep one route for /same: delete or move app/(b)/same/route.ts or app/(a)/same/route.ts.',
    );
  });

  it('treats a @slot folder like a group when looking for conflicts', async () => {
    const error = await scanError('conflict-slot');
    expect(error).toBeInstanceOf(RouteConflictError);
    expect(error.message.split('\n')[0]).toBe(
      'Conflicting routes at /x: route at /x/route and route at /@slot/x/route',
    );
  });

  it('refuses sibling dynamic folders that differ only in their names', async () => {
    const error = await scanError('ambiguous');
    expect(error).toBeInstanceOf(AmbiguousRoutesError);
    expect(error.code).toBe('ERR_AMBIGUOUS_ROUTES');
    expect(error.files).toEqual(['app/x/[id]/route.ts', 'app/x/[slug]/route.ts']);
    expect(error.message).toBe(
      'Ambiguous app routes detected:\n\n' +
        'Ambiguous route pattern "/x/[*]" matches multiple routes:\n  - /x/[id]\n  - /x/[slug]\n\n' +
        'These routes cannot be distinguished from each other when matching URLs.\n' +
        'Give each such folder a different static segment, or merge them into one dynamic folder: app/x/[id]/route.ts, app/x/[slug]/route.ts.',
    );
  });

  it('refuses two parameter names at one position', async () => {
    const error = await scanError('different-slugs');
    expect(error).toBeInstanceOf(DifferentSlugNamesError);
    expect(error.code).toBe('ERR_DIFFERENT_SLUG_NAMES');
    expect(error.message).toBe(
      "You cannot use different slug names for the same dynamic path ('id' !== 'slug').\n" +
        'Rename the folders so that one name is used at this position: app/[id]/a/route.ts, app/[slug]/b/route.ts.',
    );
  });

  it('refuses a catch-all that is not last', async () => {
    const error = await scanError('catch-all-not-last');
    expect(error).toBeInstanceOf(CatchAllNotLastError);
    expect(error.files).toEqual(['app/y/[...a]/b/route.ts']);
    expect(error.message).toBe(
      'Catch-all must be the last part of the URL in route "/y/[...a]/b".\n' +
        'Move app/y/[...a]/b/route.ts up into the catch-all folder, or make that folder a single dynamic segment.',
    );
  });

  it('refuses a route with the same specificity as an optional catch-all', async () => {
    const error = await scanError('optional-specificity');
    expect(error).toBeInstanceOf(OptionalCatchAllSpecificityError);
    expect(error.message.split('\n')[0]).toBe(
      'You cannot define a route with the same specificity as an optional catch-all route ("/z" and "/z/[[...a]]").',
    );
    expect(error.files).toEqual(['app/z/route.ts', 'app/z/[[...a]]/route.ts']);
  });

  it('refuses the root route beside a root optional catch-all', async () => {
    const error = await scanError('root-optional');
    expect(error.message.split('\n')[0]).toBe(
      'You cannot define a route with the same specificity as an optional catch-all route ("/" and "/[[...all]]").',
    );
  });

  it('refuses a repeated parameter name', async () => {
    const error = await scanError('repeated-slug');
    expect(error).toBeInstanceOf(RepeatedSlugNameError);
    expect(error.message.split('\n')[0]).toBe(
      'You cannot have the same slug name "a" repeat within a single dynamic path in route "/v/[a]/[a]".',
    );
  });

  it('refuses an optional single parameter', async () => {
    const error = await scanError('optional-param');
    expect(error).toBeInstanceOf(OptionalParamError);
    expect(error.code).toBe('ERR_OPTIONAL_PARAM');
    expect(error.message).toBe(
      'Optional route parameters are not yet supported ("[[id]]") in route "/[[id]]".\n' +
        'Rename the folder to [id] and add a route one level up, or use an optional catch-all [[...id]].',
    );
  });

  it('refuses two route files in one folder', async () => {
    const error = await scanError('duplicate-file');
    expect(error).toBeInstanceOf(DuplicateRouteFileError);
    expect(error.files).toEqual(['app/x/route.js', 'app/x/route.ts']);
    expect(error.message).toBe(
      'Multiple route files at /x: route.js, route.ts in the same folder\nKeep one route file in the folder: delete all but one of app/x/route.js, app/x/route.ts.',
    );
  });

  it('refuses a required and an optional catch-all side by side', async () => {
    const error = await scanError('catch-all-kinds');
    expect(error).toBeInstanceOf(CatchAllKindsConflictError);
    expect(error.message.split('\n')[0]).toBe(
      'You cannot use both a required and optional catch-all route at the same level ("[...a]" and "[[...a]]").',
    );
  });

  it('refuses a parameter without a name', async () => {
    const error = await scanError('invalid-segment');
    expect(error).toBeInstanceOf(InvalidSegmentError);
    expect(error.message.split('\n')[0]).toBe("Segment names may not be empty ('[...]').");
  });

  it('names both places it looked when there is no app folder', async () => {
    const missing = fixture('does-not-exist');
    await expect(scanApp(missing)).rejects.toMatchObject({
      code: 'ERR_APP_DIR_NOT_FOUND',
      message: expect.stringContaining(`${missing}/app or ${missing}/src/app`) as string,
    });
  });

  it('finds src/app when there is no app folder at the root, as Next.js does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'approute-src-app-'));
    try {
      await mkdir(join(dir, 'src', 'app', 'hello'), { recursive: true });
      await writeFile(join(dir, 'src', 'app', 'hello', 'route.ts'), 'export const GET = () => 1;');
      expect((await scanApp(dir)).routes.map((route) => route.file)).toEqual([
        'src/app/hello/route.ts',
      ]);
      await mkdir(join(dir, 'app', 'root'), { recursive: true });
      await writeFile(join(dir, 'app', 'root', 'route.ts'), 'export const GET = () => 1;');
      expect((await scanApp(dir)).routes.map((route) => route.file)).toEqual(['app/root/route.ts']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
