// Every import approute cannot serve is a build error naming the importing file (or package),
// the name, and what approute provides instead: at `approute build`, in the web bundle, and in
// `dev` (log and response body).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, useFixtures } from '../src/lib/test-utils.js';

const fixture = useFixtures();

async function projectWith(files: Record<string, string>): Promise<string> {
  const dir = await fixture('hello');
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  return dir;
}

const CASES: { name: string; files: Record<string, string>; at: string; message: RegExp }[] = [
  {
    name: 'a name next/server does not export',
    files: {
      'app/missing/route.ts':
        "import { foo } from 'next/server';\nexport const GET = () => new Response(String(foo));\n",
    },
    at: 'app/missing/route.ts:1',
    message:
      /app\/missing\/route\.ts imports "foo" from "next\/server", which approute's next\/server does not provide\. It provides: [^\n]*NextResponse/,
  },
  {
    name: 'a default import of next/headers',
    files: {
      'app/missing/route.ts':
        "import headers from 'next/headers';\nexport const GET = () => new Response(String(headers));\n",
    },
    at: 'app/missing/route.ts:1',
    message:
      /app\/missing\/route\.ts imports a default export from "next\/headers", which approute's next\/headers does not provide\. It provides: [^\n]*cookies/,
  },
  {
    name: 'client-only, with Next’s words',
    files: {
      'app/client/route.ts': "import 'client-only';\nexport const GET = () => new Response('x');\n",
    },
    at: 'app/client/route.ts:1',
    message:
      /'client-only' cannot be imported from a Server Component module\. It should only be used from a Client Component\. \(imported by app\/client\/route\.ts\)/,
  },
  {
    name: 'a deep next/dist import inside an npm package, naming the package',
    files: {
      'app/deep/route.ts':
        "import { plugin } from 'next-plugin-x';\nexport const GET = () => new Response(String(plugin));\n",
      'node_modules/next-plugin-x/package.json':
        '{ "name": "next-plugin-x", "version": "2.1.0", "main": "lib/index.js" }',
      'node_modules/next-plugin-x/lib/index.js':
        "exports.plugin = require('next/dist/server/web/spec-extension/request');\n",
    },
    at: 'node_modules/next-plugin-x/lib/index.js:1',
    message:
      /"next\/dist\/server\/web\/spec-extension\/request" \(imported by the package next-plugin-x@2\.1\.0 \(lib\/index\.js\)\) is a file inside Next\.js, which approute does not ship: approute provides next\/server, next\/headers, next\/navigation, next\/cache, next\/og\./,
  },
];

describe('imports approute cannot serve', () => {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (const { name, files, at, message } of CASES) {
    it(`${name}: approute build fails, naming the importer and what approute provides`, async () => {
      const dir = await projectWith(files);
      const built = await runCli(['build', '.'], dir);
      expect(built.code).toBe(1);
      expect(built.stderr).toMatch(new RegExp(`${escape(at)}:\\d+: ${message.source}`));
      expect(built.stderr).not.toMatch(/\n\s+at /);
      const web = await runCli(['build', '.', '--target', 'web'], dir);
      expect(web.code).toBe(1);
      // The web build compiles the Node target first: the same error stops it.
      expect(web.stderr).toMatch(new RegExp(`${escape(at)}:\\d+: ${message.source}`));
    });
  }

  it('in dev: the same message in the log and in the answer, until the file is fixed', async () => {
    const dir = await projectWith({});
    const app = await startCli(['dev', '.', '--port', '0'], dir);
    try {
      const file = join(dir, 'app', 'hello', 'route.ts');
      await writeFile(
        file,
        "import { foo } from 'next/server';\nexport const GET = () => new Response(String(foo));\n",
      );
      let body = '';
      for (let i = 0; i < 100 && !body.includes('does not provide'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        body = await (await request(`${app.url}/hello`)).body.text();
      }
      const message =
        /app\/hello\/route\.ts:1:10: app\/hello\/route\.ts imports "foo" from "next\/server", which approute's next\/server does not provide\. It provides: [^\n]*NextResponse/;
      expect(body).toMatch(message);
      // The log comes through another pipe than the answer, and may come after it.
      await expect.poll(app.output, { timeout: 5_000 }).toMatch(message);
      await writeFile(file, "export const GET = () => new Response('fixed');\n");
      for (let i = 0; i < 100 && body !== 'fixed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        body = await (await request(`${app.url}/hello`)).body.text();
      }
      expect(body).toBe('fixed');
    } finally {
      await app.stop();
    }
  });
});

describe('server-only', () => {
  it('is an empty module on the server, in a route and in what it imports', async () => {
    const dir = await projectWith({
      'app/private/route.ts':
        "import 'server-only';\nimport { secret } from '../../lib/secret';\nexport const GET = () => new Response(secret);\n",
      'lib/secret.ts': "import 'server-only';\nexport const secret = 'kept on the server';\n",
    });
    expect((await runCli(['build', '.'], dir)).code).toBe(0);
    const app = await startCli(['start', '.', '--port', '0'], dir);
    try {
      expect(await (await request(`${app.url}/private`)).body.text()).toBe('kept on the server');
    } finally {
      await app.stop();
    }
  });
});
