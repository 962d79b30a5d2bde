// Errors point at the user's code: stacks mapped back to the route's TypeScript, a route
// module that does not load named with the fix.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, useFixtures, waitFor } from './test-utils.js';

const fixture = useFixtures();

async function addRoute(dir: string, name: string, source: string): Promise<void> {
  await mkdir(join(dir, 'app', name), { recursive: true });
  await writeFile(join(dir, 'app', name, 'route.ts'), source);
}

describe('stack traces point at the route file', () => {
  it('dev: the 500 body and the log show app/throw/route.ts:2:9, not the compiled module', async () => {
    const dir = await fixture('full');
    const app = await startCli(['dev', '.', '--port', '0'], dir);
    try {
      const body = await (await request(`${app.url}/throw`)).body.text();
      expect(body).toMatch(/^Error: handler exploded\n\s+at GET \(.*\/app\/throw\/route\.ts:2:9\)/);
      expect(body).not.toContain('.mjs');
      await waitFor(() => app.output().includes('route.ts:2:9'));
      expect(app.output()).not.toMatch(/route\.mjs/);
    } finally {
      await app.stop();
    }
  });

  it('start: the production log shows app/throw/route.ts:2:9', async () => {
    const dir = await fixture('full');
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      const res = await request(`${app.url}/throw`);
      expect(res.statusCode).toBe(500);
      expect(await res.body.text()).toBe('');
      await waitFor(() => app.output().includes('handler exploded'));
      expect(app.output()).toMatch(/\n\s+at GET \(.*\/app\/throw\/route\.ts:2:9\)/);
      expect(app.output()).not.toMatch(/route\.mjs/);
    } finally {
      await app.stop();
    }
  });
});

describe('a route module that does not load', () => {
  it('build: a package that is not installed names the route and the install command', async () => {
    const dir = await fixture('hello');
    await addRoute(
      dir,
      'pad',
      "import pad from 'left-pad-not-installed/sub';\nexport const GET = () => new Response(pad('x'));\n",
    );
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    // Packages are resolved when the routes compile: the compile error says it, at the import.
    expect(result.stderr).toContain(
      'app/pad/route.ts:1:17: app/pad/route.ts imports "left-pad-not-installed/sub", but the package left-pad-not-installed is not installed in this project. Install it: npm i left-pad-not-installed\n',
    );
  });

  it('build: the install command follows the lockfile', async () => {
    const dir = await fixture('hello');
    await writeFile(join(dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    await addRoute(
      dir,
      'pad',
      "import 'left-pad-not-installed';\nexport const GET = () => new Response('');\n",
    );
    const result = await runCli(['build', '.'], dir);
    expect(result.stderr).toContain('Install it: pnpm add left-pad-not-installed\n');
  });

  it('build: a top-level throw names the route, with a stack into its source', async () => {
    const dir = await fixture('hello');
    await addRoute(
      dir,
      'tl',
      "const url = process.env.NO_SUCH_VARIABLE;\nif (!url) throw new Error('DATABASE_URL is not set');\nexport const GET = () => new Response(url);\n",
    );
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^approute build: Failed to load app\/tl\/route\.ts: its module threw while it was loaded .*\nError: DATABASE_URL is not set\n\s+at .*\/app\/tl\/route\.ts:2:17\)\n$/,
    );
  });

  it('build: a missing export of next/* names the route and the module', async () => {
    const dir = await fixture('hello');
    await addRoute(
      dir,
      'ua',
      "import { notAnExport } from 'next/server';\nexport const GET = () => Response.json(notAnExport());\n",
    );
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `app/ua/route.ts:1:10: app/ua/route.ts imports "notAnExport" from "next/server", which approute's next/server does not provide. It provides: `,
    );
  });

  it('dev: the route answers the explanation, the other routes keep working', async () => {
    const dir = await fixture('hello');
    await addRoute(
      dir,
      'pad',
      "import 'left-pad-not-installed';\nexport const GET = () => new Response('');\n",
    );
    const app = await startCli(['dev', '.', '--port', '0'], dir);
    try {
      const res = await request(`${app.url}/pad`);
      expect(res.statusCode).toBe(500);
      expect(await res.body.text()).toContain(
        'app/pad/route.ts imports "left-pad-not-installed", but the package left-pad-not-installed is not installed in this project. Install it: npm i left-pad-not-installed',
      );
      expect(await (await request(`${app.url}/hello`)).body.json()).toEqual({
        message: 'Hello World',
      });
      await waitFor(() => app.output().includes('Failed to compile (1 error)'));
    } finally {
      await app.stop();
    }
  });
});
