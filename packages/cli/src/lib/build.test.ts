import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { useFixtures, runCli, startCli } from './test-utils.js';

const fixture = useFixtures();

describe('approute build', () => {
  it('writes --body-limit, --grace-period and --crash-on-error into the web bundle only', async () => {
    const dir = await fixture('hello');
    const node = await runCli(['build', '.', '--body-limit', '1kb', '--crash-on-error'], dir);
    expect(node.code).toBe(1);
    expect(node.stderr).toContain(
      '--body-limit, --crash-on-error: a Node build takes them when it starts: pass them to ' +
        '`approute start`, or build with --target web to write them into the web bundle.',
    );
    const web = await runCli(
      [
        'build',
        '.',
        '--target',
        'web',
        '--body-limit',
        'none',
        '--grace-period',
        '2s',
        '--crash-on-error',
      ],
      dir,
    );
    expect(web.stderr).toBe('');
    expect(web.code).toBe(0);
    const bundle = await readFile(join(dir, '.approute', 'web', 'index.mjs'), 'utf8');
    expect(bundle).toContain('{ bodyLimit: Infinity, gracePeriod: 2e3, crashOnError: true }');
  });

  it('writes the manifest with each route’s methods and one compiled module per route', async () => {
    const dir = await fixture('hello');
    const result = await runCli(['build', '.'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const manifest = JSON.parse(
      await readFile(join(dir, '.approute', 'manifest.json'), 'utf8'),
    ) as {
      version: number;
      routes: { id: string; file: string; methods: string[] }[];
    };
    expect(manifest.version).toBe(2);
    expect(manifest.routes.map(({ id, file, methods }) => ({ id, file, methods }))).toEqual([
      { id: '/grouped', file: 'app/(group)/grouped/route.ts', methods: ['POST'] },
      { id: '/hello', file: 'app/hello/route.ts', methods: ['GET'] },
    ]);
    const compiled = await readFile(
      join(dir, '.approute', 'server', 'app', 'hello', 'route.mjs'),
      'utf8',
    );
    // next/server is not bundled: it stays an import of the one installed @approute/request,
    // by a path relative to the module (no absolute path in the build folder).
    expect(compiled).toMatch(/from "(?:\.\.\/)+[^"]*request\/dist\/server\.js"/);
    expect(compiled).not.toContain(dir);
    expect(
      (
        await stat(join(dir, '.approute', 'server', 'app', '(group)', 'grouped', 'route.mjs'))
      ).isFile(),
    ).toBe(true);
  });

  it('prints the route table: path, methods, file', async () => {
    const dir = await fixture('hello');
    const result = await runCli(['routes', dir], process.cwd());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Route         Methods  Revalidate  Expire  File',
        '┌ ƒ /grouped  POST                         app/(group)/grouped/route.ts',
        '└ ƒ /hello    GET                          app/hello/route.ts',
        '',
        '○  (Static)   prerendered at build',
        'ƒ  (Dynamic)  run on each request',
        '',
        '2 routes',
        '',
      ].join('\n'),
    );
  });

  it('marks static, SSG and dynamic routes and shows revalidate as next build does', async () => {
    // next build 16.4.6 prints for the same app/: ƒ /api/hello, /posts/[id] with ● /posts/1
    // and ● /posts/2 (1h, 1y), ○ /stats, ○ /time (1m, 1y), ƒ /users/[id].
    const dir = await fixture('table');
    const result = await runCli(['routes', '.'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Route            Methods  Revalidate  Expire  File',
        '┌ ƒ /api/hello   GET                          app/api/hello/route.ts',
        '├   /posts/[id]  GET                          app/posts/[id]/route.ts',
        '│ ├ ● /posts/1            1h          1y',
        '│ └ ● /posts/2            1h          1y',
        '├ ○ /stats       GET                          app/stats/route.ts',
        '├ ○ /time        GET      1m          1y      app/time/route.ts',
        '└ ƒ /users/[id]  GET                          app/users/[id]/route.ts',
        '',
        '○  (Static)   prerendered at build',
        '●  (SSG)      prerendered at build (uses generateStaticParams)',
        'ƒ  (Dynamic)  run on each request',
        '',
        '5 routes',
        '',
      ].join('\n'),
    );
  });

  it('reports a compile error with its path from the current folder, line, column and code frame', async () => {
    const dir = await fixture('broken');
    // Run from the folder above the project: the path must open from there.
    const result = await runCli(['build', basename(dir)], dirname(dir));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'approute build: Failed to compile (1 error):',
        '',
        `${basename(dir)}/app/bad/route.ts:3:1: Expected ")" but found "}"`,
        '',
        '  1 | export async function GET() {',
        "  2 |   return new Response('never compiled'",
        '> 3 | }',
        '    | ^',
        '  4 |',
        '',
      ].join('\n'),
    );
  });

  it('names the missing app folder and the fix', async () => {
    const result = await runCli(['build', 'no-such-project'], process.cwd());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^approute build: No app folder at .*no-such-project\/app or .*no-such-project\/src\/app\.\nCreate the folder with a route\.ts inside, or pass the folder that holds your project\.\n$/,
    );
  });
});

describe('approute build, static routes', () => {
  it('produces a force-static GET at build, and start serves that very answer', async () => {
    const dir = await fixture('static');
    expect((await runCli(['build', '.'], dir)).code).toBe(0);
    const {
      entries: [stored],
    } = JSON.parse(await readFile(join(dir, '.approute', 'prerendered.json'), 'utf8')) as {
      entries: { path: string; entry: { body: string } }[];
    };
    expect(stored?.path).toBe('/stats');
    const built = Buffer.from(stored?.entry.body ?? '', 'base64').toString();
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      for (let i = 0; i < 2; i++) {
        const res = await request(`${app.url}/stats`);
        expect(res.headers['cache-control']).toBe('s-maxage=31536000');
        expect(await res.body.text()).toBe(built);
      }
    } finally {
      await app.stop();
    }
  });

  it('fails the build when a dynamic = "error" route reads the request', async () => {
    const dir = await fixture('static-error');
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'approute build: Route /bad with `dynamic = "error"` couldn\'t be rendered statically because it used `request.headers`.\n' +
        "Remove `dynamic = 'error'` from app/bad/route.ts to make the route dynamic, or stop reading request.headers in its GET.\n",
    );
  });
});

describe('approute build --target web', () => {
  it(
    'also writes one module whose default export answers fetch requests',
    { timeout: 30_000 },
    async () => {
      const dir = await fixture('full');
      const result = await runCli(['build', '.', '--target', 'web'], dir);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(
        /approute build: web bundle .*\.approute\/web\/index\.mjs \(2 routes, \d+ bytes\)/,
      );
      const bundle = (await import(
        pathToFileURL(join(dir, '.approute', 'web', 'index.mjs')).href
      )) as {
        default: { fetch: (request: Request) => Promise<Response> };
      };
      const res = await bundle.default.fetch(
        new Request('http://app.test/dashboard/acme', { headers: { cookie: 'theme=dark' } }),
      );
      expect(await res.json()).toEqual({ team: 'acme', theme: 'dark', path: '/dashboard/acme' });
    },
  );

  it('refuses an unknown target', async () => {
    const dir = await fixture('full');
    const result = await runCli(['build', '.', '--target', 'deno'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('approute build: Unknown build target "deno": use node or web.\n');
  });
});
