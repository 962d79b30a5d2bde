// Every route of the demo, called in-process with approute/test: the app built by approute's
// own build, the real router, no socket. (browser.test.ts and bun.test.ts serve it over HTTP.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from 'approute/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDir } from './server.js';

let dataDir: string;
let app: TestApp;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'approute-demo-'));
  process.env.DEMO_DATA_DIR = dataDir;
  app = await createTestApp(demoDir);
}, 60_000);
afterAll(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (path: string, headers?: Record<string, string>) => app.request(path, { headers });
const postJson = (path: string, body: string) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('pages and simple routes', () => {
  it('serves the HTML page from app/route.ts at /', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<h1>approute demo</h1>');
  });

  it('answers /hello with the documented JSON', async () => {
    const res = await get('/hello');
    expect(await res.text()).toBe('{"message":"Hello World"}');
  });
});

describe('the params table of the docs', () => {
  it('/dashboard/[team] finds a team by its id and 404s an unknown one', async () => {
    expect(await (await get('/dashboard/1')).json()).toEqual({
      id: '1',
      name: 'Platform',
      members: 4,
    });
    const missing = await get('/dashboard/999');
    expect(missing.status).toBe(404);
  });

  it('/shop/[tag]/[item] receives both params', async () => {
    expect(await (await get('/shop/hats/cap')).json()).toMatchObject({
      name: 'Cap',
      price: 25,
    });
    const missing = await get('/shop/shoes/sandal');
    expect(missing.status).toBe(404);
  });

  it('/blog/[...slug] receives the segments as an array and needs at least one', async () => {
    const post = (await (await get('/blog/2026/hello')).json()) as { params: unknown };
    expect(post.params).toEqual({ slug: ['2026', 'hello'] });
    const bare = await get('/blog');
    expect(bare.status).toBe(404);
  });

  it('/docs/[[...slug]] serves its own folder and the nested pages', async () => {
    expect(await (await get('/docs')).text()).toMatch(/^Documentation index/);
    expect(await (await get('/docs/routing/params')).text()).toMatch(/Promise of params/);
  });
});

describe('teams: JSON POST with validation, kept across restarts', () => {
  it('rejects a body that is not JSON with 400 and a clear message', async () => {
    const res = await postJson('/api/teams', '{"name":');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'the body is not valid JSON' });
  });

  it('rejects invalid fields with 400 naming each field', async () => {
    const res = await postJson('/api/teams', JSON.stringify({ name: '', members: 0 }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid team',
      problems: [
        '"name" must be a non-empty string',
        '"members" must be a whole number from 1 to 100',
      ],
    });
  });

  it('creates a team (201 + Location) that survives a restart of the server', async () => {
    const res = await postJson('/api/teams', JSON.stringify({ name: 'Design', members: 2 }));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/dashboard/3');
    // A new app (a fresh build and process state) over the same data folder.
    await app.close();
    app = await createTestApp(demoDir);
    expect(await (await get('/dashboard/3')).json()).toEqual({
      id: '3',
      name: 'Design',
      members: 2,
    });
  });

  it('answers 405 with Allow for a method the route does not export', async () => {
    const res = await app.request('/api/teams', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });
});

describe('preference cookie', () => {
  it('defaults to light, sets the cookie with cookies().set and reads it back', async () => {
    expect(await (await get('/preferences')).json()).toEqual({ theme: 'light' });
    const res = await postJson('/preferences', '{"theme":"dark"}');
    expect(res.status).toBe(200);
    const setCookie = String(res.headers.get('set-cookie'));
    expect(setCookie).toMatch(
      /^theme=dark; Path=\/; Expires=[^;]+ GMT; Max-Age=31536000; SameSite=lax$/,
    );
    // The client keeps the cookie, as a browser does, and sends it with the next request.
    expect(app.cookies.get('theme')).toBe('dark');
    expect(await (await get('/preferences')).json()).toEqual({ theme: 'dark' });
    expect(await (await get('/preferences', { cookie: 'theme=light' })).json()).toEqual({
      theme: 'light',
    });
    app.cookies.clear();
  });

  it('accepts a form field and rejects an unknown theme with 400', async () => {
    const form = await app.request('/preferences', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'theme=light',
    });
    expect(await form.json()).toEqual({ theme: 'light' });
    const bad = await postJson('/preferences', '{"theme":"pink"}');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: '"theme" must be one of: light, dark' });
  });
});

describe('streaming', () => {
  it('sends server-sent events as they are produced, not all at the end', async () => {
    const started = Date.now();
    const res = await get('/feed?count=4&interval=250');
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const arrivals: { at: number; text: string }[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of res.body ?? [])
      arrivals.push({ at: Date.now() - started, text: decoder.decode(chunk, { stream: true }) });
    const events =
      arrivals
        .map((a) => a.text)
        .join('')
        .match(/event: tick/g) ?? [];
    expect(events).toHaveLength(4);
    const first = arrivals[0]?.at ?? Infinity;
    const last = arrivals.at(-1)?.at ?? 0;
    expect(last - first).toBeGreaterThanOrEqual(600);
  });
});

describe('contact form, redirects, static and CORS', () => {
  it('stores an urlencoded form and answers 303 back to the page', async () => {
    const res = await app.request('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.com&text=hello',
    });
    expect(res.status).toBe(303);
    expect(new URL(String(res.headers.get('location'))).search).toBe('?sent=1');
  });

  it('stores a multipart form, and rejects an invalid one with 400', async () => {
    const body = new FormData();
    body.set('email', 'b@example.com');
    body.set('text', 'from multipart');
    const res = await app.request('/api/messages', { method: 'POST', body });
    expect(res.status).toBe(303);
    const list = (await (await get('/api/messages')).json()) as { email: string }[];
    expect(list.map((m) => m.email)).toEqual(['a@example.com', 'b@example.com']);
    // after() wrote an audit entry for each once the 303 was sent.
    await app.flush();
    const audit = (await (await get('/api/audit')).json()) as { email: string }[];
    expect(audit.map((entry) => entry.email)).toEqual(['a@example.com', 'b@example.com']);
    const bad = await app.request('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=nope&text=',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'invalid message',
      problems: ['"email" must be an e-mail address', '"text" must not be empty'],
    });
  });

  it('redirects /go/[team] with redirect() (307, Location as given)', async () => {
    const res = await get('/go/2');
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('/dashboard/2');
  });

  it('answers the CORS preflight from the custom OPTIONS export', async () => {
    const res = await app.request('/api/cors', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('allow')).toBeNull();
  });

  it('serves the force-static /stats with the same body every time', async () => {
    const first = (await (await get('/stats')).json()) as {
      generatedAt: string;
      products: number;
    };
    const second = (await (await get('/stats')).json()) as { generatedAt: string };
    expect(first.products).toBe(3);
    expect(second.generatedAt).toBe(first.generatedAt);
  });
});

describe('proxy.ts in front of the API', () => {
  const signIn = async (name: string) => {
    const res = await postJson('/api/session', JSON.stringify({ name }));
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^session=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=lax$/);
    return cookie.split(';')[0] ?? '';
  };

  it('answers /api/private/* with 401 before the route runs when there is no session', async () => {
    app.cookies.clear();
    const res = await get('/api/private/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Cookie realm="approute demo"');
    expect(await res.json()).toEqual({
      error: 'sign in first: POST /api/session with {"name": "…"}',
    });
    // A 404 under the private prefix is behind the check too.
    expect((await get('/api/private/nothing-here')).status).toBe(401);
  });

  it('lets a signed-in request through and tells the route who it is', async () => {
    await signIn('Ada');
    // The session cookie is in the test app's jar; a client-sent x-user is replaced.
    const res = await get('/api/private/me', { 'x-user': 'someone else' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: 'Ada', signedIn: true });
  });

  it('refuses a forged session cookie', async () => {
    const cookie = await signIn('Ada');
    const forged = cookie.replace(
      /^session=[\w-]+/,
      `session=${Buffer.from('Root').toString('base64url')}`,
    );
    expect((await get('/api/private/me', { cookie: forged })).status).toBe(401);
  });

  it('answers the CORS preflight of an allowed origin itself, and no other', async () => {
    const preflight = (origin: string) =>
      app.request('/api/teams', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    // Not the route's automatic OPTIONS answer: no Allow header.
    expect(allowed.headers.get('allow')).toBeNull();
    const other = await preflight('https://evil.example');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds the CORS header to what the route answers for an allowed origin', async () => {
    const res = await get('/api/teams', { origin: 'https://app.example.com' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('vary')).toBe('origin');
    expect((await get('/api/teams')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('signs out by deleting the cookie; the proxy then answers 401 again', async () => {
    await signIn('Ada');
    const res = await app.request('/api/session', { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()[0]).toMatch(/^session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect(app.cookies.get('session')).toBeUndefined();
    expect((await get('/api/private/me')).status).toBe(401);
  });
});
