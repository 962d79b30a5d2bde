// The project as Next lays it out: .env* files in Next's order with NODE_ENV set, the same on
// every target; next.config (basePath, trailingSlash, env, headers(), redirects(), flags on
// top, one warning for the rest); the Node globals; instrumentation.ts.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBun } from '@approute/runtimes';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, useFixtures, waitFor } from '../src/lib/test-utils.js';

const fixture = useFixtures();
// As from a user's shell: vitest's NODE_ENV=test is not passed on.
const SHELL = { NODE_ENV: undefined, VITEST: undefined };

const json = async (url: string) => (await request(url)).body.json();

const PRODUCTION = {
  base: '.env',
  local: '.env.local',
  mode: '.env.local',
  modeLocal: '.env.production.local',
  shell: 'shell',
  expanded: '.env+expanded',
  nodeEnv: 'production',
};

describe('.env files and NODE_ENV', () => {
  it('approute start: production files in Next’s order, the environment winning', async () => {
    const dir = await fixture('env-files');
    const app = await startCli(['start', '.', '--port', '0'], dir, {
      ...SHELL,
      FROM_SHELL: 'shell',
    });
    try {
      expect(app.output()).toContain(
        'environments: .env.production.local, .env.local, .env.production, .env',
      );
      expect(await json(`${app.url}/env`)).toEqual({
        ...PRODUCTION,
        runtime: 'nodejs',
        webSocket: 'function',
      });
    } finally {
      await app.stop();
    }
  });

  it('approute dev: NODE_ENV=development and the development files', async () => {
    const dir = await fixture('env-files');
    const app = await startCli(['dev', '.', '--port', '0'], dir, { ...SHELL, FROM_SHELL: 'shell' });
    try {
      expect(await json(`${app.url}/env`)).toMatchObject({
        mode: '.env.local',
        modeLocal: '.env.local',
        nodeEnv: 'development',
      });
      // A changed .env file is read again, as `next dev` does.
      await writeFile(
        join(dir, '.env.development.local'),
        'FROM_MODE_LOCAL=.env.development.local\n',
      );
      await waitFor(
        async () =>
          ((await json(`${app.url}/env`)) as { modeLocal: string }).modeLocal ===
          '.env.development.local',
      );
    } finally {
      await app.stop();
    }
  });

  it('NODE_ENV=test reads .env.test and not .env.local, as Next.js does', async () => {
    const dir = await fixture('env-files');
    const app = await startCli(['start', '.', '--port', '0'], dir, { NODE_ENV: 'test' });
    try {
      expect(await json(`${app.url}/env`)).toMatchObject({
        local: '.env',
        mode: '.env.test',
        // The build inlines process.env.NODE_ENV as production, as `next build` does.
        nodeEnv: 'production',
      });
    } finally {
      await app.stop();
    }
  });

  it('the web bundle carries the same values, the runtime’s environment winning (Bun)', async () => {
    const dir = await fixture('env-files');
    expect((await runCli(['build', '.', '--target', 'web'], dir, SHELL)).code).toBe(0);
    const server = await startBun(join(dir, '.approute/web/index.mjs'), {
      env: { FROM_SHELL: 'shell' },
    });
    try {
      expect(await json(`${server.url}/env`)).toEqual({
        ...PRODUCTION,
        runtime: 'edge',
        webSocket: 'function',
      });
    } finally {
      await server.stop();
    }
  });
});

describe('next.config, the cache keys', () => {
  it("cacheComponents, cacheLife and cacheHandlers apply: 'use cache' compiles, takes the app's profile and goes through the handler", async () => {
    const dir = await fixture('cache-config');
    const app = await startCli(['start', '.', '--port', '0'], dir, SHELL);
    try {
      // brief expires after 3 s: too short to prerender, so the GET runs per request.
      const first = (await json(`${app.url}/stamp`)) as { value: number; stored: string[] };
      const second = (await json(`${app.url}/stamp`)) as { value: number; stored: string[] };
      expect(second.value).toBe(first.value);
      expect(second.stored).toEqual(['use-cache']);
      expect(app.output()).toContain('cache handler:');
      expect(app.output()).not.toContain('does not apply');
    } finally {
      await app.stop();
    }
  });

  it('--cache-components on the command line wins over next.config', async () => {
    const dir = await fixture('cache-config');
    await writeFile(
      join(dir, 'next.config.mjs'),
      'export default { cacheComponents: false, cacheLife: { brief: { expire: 3 } } };\n',
    );
    const refused = await runCli(['build', '.'], dir, SHELL);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cacheComponents');
    const built = await runCli(['build', '.', '--cache-components'], dir, SHELL);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  });
});

describe('next.config', () => {
  it('basePath, trailingSlash, env, headers() and redirects() apply; one warning names the rest', async () => {
    const dir = await fixture('next-config');
    const built = await runCli(['build', '.'], dir, SHELL);
    expect(built.code).toBe(0);
    expect(built.stderr).toBe(
      'next.config.ts sets images, reactStrictMode, experimental.typedRoutes, ' +
        'which approute does not apply (it applies basePath, trailingSlash, env, headers, ' +
        'redirects, serverExternalPackages, transpilePackages, cacheComponents, cacheLife, ' +
        'cacheMaxMemorySize and cacheHandlers).\n',
    );
    const app = await startCli(['start', '.', '--port', '0'], dir, SHELL);
    try {
      const hello = await request(`${app.url}/docs/api/hello/?tag=blue`);
      expect(hello.statusCode).toBe(200);
      expect(hello.headers['x-mine']).toBe('config');
      expect(hello.headers['x-tag']).toBe('tag-blue');
      expect(await hello.body.json()).toEqual({ url: '/docs/api/hello/' });
      const slash = await request(`${app.url}/docs/api/hello`);
      expect([slash.statusCode, slash.headers.location]).toEqual([308, '/docs/api/hello/']);
      await slash.body.dump();
      expect((await request(`${app.url}/api/hello/`)).statusCode).toBe(404);
      const moved = await request(`${app.url}/docs/old/hello/?x=1`);
      expect([moved.statusCode, moved.headers.location]).toEqual([308, '/docs/api/hello/?x=1']);
      expect(await moved.body.text()).toBe('/docs/api/hello/?x=1');
      const outside = await request(`${app.url}/outside/`);
      expect([outside.statusCode, outside.headers.location]).toEqual([307, '/docs/api/hello/']);
      await outside.body.dump();
      expect(await json(`${app.url}/docs/api/env/`)).toEqual({
        inlined: 'config',
        runtime: 'config',
      });
    } finally {
      await app.stop();
    }
  });

  it('the command line’s flags win over next.config', async () => {
    const dir = await fixture('next-config');
    const app = await startCli(['start', '.', '--port', '0', '--base-path', '/flag'], dir, SHELL);
    try {
      expect((await request(`${app.url}/flag/api/hello/`)).statusCode).toBe(200);
      expect((await request(`${app.url}/docs/api/hello/`)).statusCode).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('dev reads it with the development phase, and again when it changes', async () => {
    const dir = await fixture('next-config');
    const app = await startCli(['dev', '.', '--port', '0'], dir, SHELL);
    try {
      expect(await json(`${app.url}/docs/api/env/`)).toEqual({
        inlined: 'dev-config',
        runtime: 'dev-config',
      });
      await writeFile(
        join(dir, 'next.config.ts'),
        "export default { basePath: '/moved', env: { FLAVOR: 'changed' } };\n",
      );
      await waitFor(async () => (await request(`${app.url}/moved/api/env`)).statusCode === 200);
      expect(await json(`${app.url}/moved/api/env`)).toEqual({
        inlined: 'changed',
        runtime: 'changed',
      });
    } finally {
      await app.stop();
    }
  });

  it('a CommonJS next.config.js, and a rule Next.js refuses is a build error naming it', async () => {
    const dir = await fixture('hello');
    await writeFile(
      join(dir, 'next.config.js'),
      "const { PHASE_PRODUCTION_BUILD } = require('next/constants');\n" +
        'module.exports = (phase) => ({ async redirects() { return [{ source: "/a", destination: "/b/:id" }]; }, env: { PHASE: phase === PHASE_PRODUCTION_BUILD ? "build" : "other" } });\n',
    );
    const built = await runCli(['build', '.'], dir, SHELL);
    expect(built.code).toBe(1);
    expect(built.stderr).toBe(
      'approute build: next.config.js: redirects()[0] `permanent` is not set to `true` or `false`.\n' +
        "Each redirects() rule is { source: '/old/:slug', destination: '/new/:slug', permanent: true | false } (or statusCode: 301 | 302 | 303 | 307 | 308 instead of permanent), with has?, missing?, basePath?: false.\n",
    );
    await writeFile(join(dir, 'next.config.js'), 'module.exports = { env: { NODE_ENV: "x" } };\n');
    const reserved = await runCli(['build', '.'], dir, SHELL);
    expect(reserved.stderr).toContain(
      'The key "NODE_ENV" under "env" in next.config.js is not allowed. https://nextjs.org/docs/messages/env-key-not-allowed',
    );
  });

  it('the web bundle applies the same config', { timeout: 60_000 }, async () => {
    const dir = await fixture('next-config');
    expect((await runCli(['build', '.', '--target', 'web'], dir, SHELL)).code).toBe(0);
    const bundle = (await import(pathToFileURL(join(dir, '.approute/web/index.mjs')).href)) as {
      default: { fetch: (request: Request) => Promise<Response> };
    };
    const res = await bundle.default.fetch(new Request('http://app.test/docs/api/hello/?tag=x'));
    expect([res.status, res.headers.get('x-mine'), res.headers.get('x-tag')]).toEqual([
      200,
      'config',
      'tag-x',
    ]);
    const moved = await bundle.default.fetch(new Request('http://app.test/docs/old/hello/'));
    expect([moved.status, moved.headers.get('location')]).toEqual([308, '/docs/api/hello/']);
  });
});

describe('instrumentation.ts', () => {
  const check = async (origin: string) => {
    expect(await json(`${origin}/count`)).toEqual({ registered: 1 });
    const boom = await request(`${origin}/boom?x=1`, {
      method: 'POST',
      headers: { 'x-probe': 'p' },
    });
    expect(boom.statusCode).toBe(500);
    await boom.body.dump();
    expect(await json(`${origin}/errors`)).toEqual([
      {
        message: 'boom',
        request: { path: '/boom?x=1', method: 'POST', probe: 'p' },
        context: { routerKind: 'App Router', routePath: '/boom', routeType: 'route' },
      },
    ]);
    expect(await json(`${origin}/count`)).toEqual({ registered: 1 });
  };

  it('approute start: register() once before the first request, onRequestError for a throw', async () => {
    const dir = await fixture('instrumented');
    const app = await startCli(['start', '.', '--port', '0'], dir, SHELL);
    try {
      await check(app.url);
    } finally {
      await app.stop();
    }
  });

  it('the web bundle under Bun: the same', { timeout: 60_000 }, async () => {
    const dir = await fixture('instrumented');
    expect((await runCli(['build', '.', '--target', 'web'], dir, SHELL)).code).toBe(0);
    const server = await startBun(join(dir, '.approute/web/index.mjs'));
    try {
      await check(server.url);
    } finally {
      await server.stop();
    }
  });

  it('approute dev: the same', async () => {
    const dir = await fixture('instrumented');
    const app = await startCli(['dev', '.', '--port', '0'], dir, SHELL);
    try {
      await check(app.url);
    } finally {
      await app.stop();
    }
  });
});
