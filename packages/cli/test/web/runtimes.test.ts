// The fixture app, bundled by `buildWebBundle`, served by each fetch runtime, asked over HTTP.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bunBinary, RUNTIME_NAMES, runtimes, type RuntimeServer } from '@approute/runtimes';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebBundle } from '../../src/lib/build-web.ts';
import { scanApp } from '../../src/lib/scan.ts';

const projectDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
let outDir: string;
let bundle: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'approute-web-'));
  bundle = join(outDir, 'index.mjs');
  const manifest = await scanApp(projectDir);
  await buildWebBundle({ projectDir, manifest, outFile: bundle, conditions: ['source'] });
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe.each(RUNTIME_NAMES)('the fixture app on %s', (name) => {
  let server: RuntimeServer;

  beforeAll(async () => {
    server = await runtimes[name](bundle);
  }, 60_000);

  afterAll(async () => {
    await server.stop();
  });

  it('answers a static route', async () => {
    const response = await request(`${server.url}/hello`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(await response.body.json()).toEqual({ message: 'Hello World' });
  });

  it('hands a dynamic route its decoded params as a promise', async () => {
    const response = await request(`${server.url}/dashboard/acme%20co`);
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ team: 'acme co', path: '/dashboard/acme%20co' });
  });

  it('produces a static GET once and marks it cacheable', async () => {
    const response = await request(`${server.url}/static`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('s-maxage=31536000');
    expect(await response.body.text()).toBe('made at request time');
  });

  it('answers 404 for a path no route serves', async () => {
    const response = await request(`${server.url}/nowhere`);
    expect(response.statusCode).toBe(404);
    await response.body.dump();
  });

  it('turns cookies().set into one Set-Cookie field per cookie', async () => {
    const response = await request(`${server.url}/cookies`, { headers: { cookie: 'seen=1' } });
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe('seen 1');
    expect(response.headers['set-cookie']).toEqual([
      'visited=yes; Path=/',
      'theme=dark; Path=/; Max-Age=0; HttpOnly',
    ]);
  });

  it('answers 405 with Allow for a method the route does not export, and runs the one it does', async () => {
    const refused = await request(`${server.url}/submit`);
    expect(refused.statusCode).toBe(405);
    expect(refused.headers.allow).toBe('OPTIONS, POST');
    expect(await refused.body.text()).toBe('');

    const accepted = await request(`${server.url}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 1 }),
    });
    expect(accepted.statusCode).toBe(201);
    expect(await accepted.body.json()).toEqual({ received: { n: 1 } });
  });

  it('answers HEAD from GET with the headers and no body', async () => {
    const response = await request(`${server.url}/hello`, { method: 'HEAD' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(await response.body.text()).toBe('');
  });

  it('streams a body as it is produced', async () => {
    const started = Date.now();
    const response = await request(`${server.url}/stream`);
    const arrivals: { text: string; at: number }[] = [];
    for await (const chunk of response.body)
      arrivals.push({ text: String(chunk), at: Date.now() - started });
    expect(arrivals.map((arrival) => arrival.text).join('')).toBe('part 0\npart 1\npart 2\n');
    // Three parts 150 ms apart: a buffered body would arrive all at once at the end.
    const first = arrivals[0]?.at ?? 0;
    const last = arrivals.at(-1)?.at ?? 0;
    expect(last - first).toBeGreaterThanOrEqual(200);
  });

  it('lets request.cookies.set rewrite the cookie header, though the runtime hands immutable headers', async () => {
    const response = await request(`${server.url}/request-cookies`, {
      headers: { cookie: 'gone=1; kept=2' },
    });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({
      cookie: 'kept=2; added=yes',
      names: ['kept', 'added'],
    });
  });

  it('aborts request.signal with ResponseAborted and cancels the body when the client goes away', async () => {
    const id = `${name}-abort-${String(Date.now())}`;
    const response = await request(`${server.url}/abort?id=${id}`);
    for await (const chunk of response.body) {
      expect(String(chunk)).toContain('tick');
      break;
    }
    let log: string[] = [];
    const wanted =
      name === 'workerd'
        ? [`${id}:abort:ResponseAborted`]
        : [`${id}:abort:ResponseAborted`, `${id}:cancel`];
    for (
      let attempt = 0;
      attempt < 40 && !wanted.every((event) => log.includes(event));
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = (await (await request(`${server.url}/after-log`)).body.json()) as string[];
    }
    // workerd aborts the signal but does not cancel a body stream the client left.
    for (const event of wanted) expect(log).toContain(event);
  });

  it('runs after() callbacks once the response is out', async () => {
    const id = `${name}-${String(Date.now())}`;
    const response = await request(`${server.url}/after?id=${id}`);
    expect(await response.body.text()).toBe('scheduled');
    let log: string[] = [];
    for (let attempt = 0; attempt < 40 && !log.includes(id); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = (await (await request(`${server.url}/after-log`)).body.json()) as string[];
    }
    expect(log).toContain(id);
  });
});

// On Bun the fetch export hands back an answer it has at once as a Response, not a promise:
// Bun then sends it without waiting on anything. An async GET that awaited nothing counts (its
// promise has settled when it returns, and Bun.peek reads it); one that awaits does not.
interface Answer {
  promise: boolean;
  status: number;
  body: string;
}

it('answers at once on Bun when nothing had to be awaited, and through a promise otherwise', async () => {
  const script = join(outDir, 'ask.mjs');
  await writeFile(
    script,
    `const { default: app } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const server = { requestIP: () => ({ address: '127.0.0.1' }), stop() {} };
const ask = (path) => app.fetch(new Request('http://127.0.0.1' + path), server);
const paths = ['/settled', '/hello', '/dashboard/acme', '/nowhere'];
// The first request of a route loads its module, which is awaited.
for (const path of paths) await ask(path);
const answers = {};
for (const path of paths) {
  const answer = ask(path);
  const response = await answer;
  answers[path] = { promise: answer instanceof Promise, status: response.status, body: await response.text() };
}
console.log(JSON.stringify(answers));
process.exit(0);
`,
  );
  const { stdout } = await promisify(execFile)(bunBinary(), [script], { timeout: 30_000 });
  const answers = JSON.parse(stdout) as Record<string, Answer>;
  expect(answers['/settled']).toEqual({ promise: false, status: 200, body: '{"settled":true}' });
  expect(answers['/hello']).toMatchObject({ promise: false, status: 200 });
  expect(answers['/nowhere']).toEqual({ promise: false, status: 404, body: '' });
  expect(answers['/dashboard/acme']).toEqual({
    promise: true,
    status: 200,
    body: '{"team":"acme","path":"/dashboard/acme"}',
  });
});
