#!/usr/bin/env node
// The client probes of the next-compat monorepo: one script, run against any server of
// `apps/web` (real `next start`, `approute start`, the web bundle under Bun), so that the
// answers can be compared. Each probe is a real HTTP exchange over undici; the next-auth probes
// go through the sign-in flow a browser does (CSRF token, cookie jar).
//
//   node probe.mjs http://127.0.0.1:3000 [--json]
//
// Prints one line per probe and a summary ("N passed, N failed"); exits 1 if any failed.
import { Buffer } from 'node:buffer';
import { createHmac, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, URLSearchParams } from 'node:url';
import { Agent, request } from 'undici';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
/** The secret in apps/web/.env.local (fake, test data). */
const WEBHOOK_SECRET = 'whsec_fake_probe_secret_4f1c2a';
/** What the in-process model of apps/web/src/lib/model.ts streams. */
const REPLY = 'The route streams one word at a time.';

class ProbeError extends Error {
  name = 'ProbeError';
}

function check(condition, message) {
  if (!condition) throw new ProbeError(message);
}

function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

/** A cookie jar for one origin: enough of RFC 6265 for the probes (name, value, Max-Age=0). */
class CookieJar {
  #cookies = new Map();

  store(setCookie) {
    for (const line of [setCookie ?? []].flat()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, val = ''] = attribute.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
        return false;
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  has(name) {
    return this.#cookies.has(name);
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Runs every probe against a server of apps/web.
 * @param {string} base the server's origin, e.g. `http://127.0.0.1:3000`
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ name: string, ok: boolean, error?: string, ms: number }[]>}
 */
export async function runProbes(base, options = {}) {
  const log = options.log ?? (() => undefined);
  const origin = new URL(base).origin;
  const dispatcher = new Agent({ connections: 4, headersTimeout: 15_000, bodyTimeout: 15_000 });
  const jar = new CookieJar();
  const tenant = `probe-${randomUUID().slice(0, 8)}`;
  const state = { csrfToken: '' };
  const results = [];

  /** One request; the body is read as text (or left to the caller with `stream: true`). */
  async function http(path, init = {}) {
    const headers = { ...init.headers };
    if (init.withCookies) headers.cookie = jar.header();
    const res = await request(`${origin}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body,
      dispatcher,
    });
    if (init.withCookies) jar.store(res.headers['set-cookie']);
    if (init.stream) return res;
    const text = await res.body.text();
    const status = res.statusCode;
    return { status, headers: res.headers, text, json: () => parseJson(status, text) };
  }

  function parseJson(status, text) {
    try {
      return JSON.parse(text);
    } catch {
      const shown = JSON.stringify(text.slice(0, 200));
      throw new ProbeError(`status ${status}, a body that is not JSON: ${shown}`);
    }
  }

  function form(fields) {
    return {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      withCookies: true,
    };
  }

  const trpcInput = (value) => encodeURIComponent(JSON.stringify(value));

  async function probe(name, run) {
    const started = performance.now();
    try {
      await run();
      const ms = Math.round(performance.now() - started);
      results.push({ name, ok: true, ms });
      log(`ok    ${name}`);
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const message =
        error instanceof ProbeError
          ? error.message
          : `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`;
      results.push({ name, ok: false, error: message, ms });
      log(`FAIL  ${name}: ${message}`);
    }
  }

  // Route basics, next.config and the workspace package.
  await probe('hello: NextResponse.json answers 200 application/json', async () => {
    const res = await http('/api/hello');
    equal(res.status, 200, 'status');
    check(
      String(res.headers['content-type']).startsWith('application/json'),
      `content-type: ${res.headers['content-type']}`,
    );
    equal(res.json(), { hello: 'world' }, 'body');
  });
  await probe('next.config headers(): x-acme-config on /api/*', async () => {
    const res = await http('/api/hello');
    equal(res.headers['x-acme-config'] ?? null, 'next.config', 'x-acme-config');
  });
  await probe('users/[id]: await params, user from @acme/db', async () => {
    const res = await http('/api/users/u1');
    equal(res.status, 200, 'status');
    equal(res.json(), { id: 'u1', name: 'Ada Lovelace' }, 'body');
  });
  await probe('users/[id]: notFound() answers 404', async () => {
    equal((await http('/api/users/nobody')).status, 404, 'status');
  });
  await probe('echo: headers() and cookies() read the request', async () => {
    const res = await http('/api/echo?q=search', {
      headers: { 'x-probe': '42', cookie: 'theme=dark' },
    });
    equal(res.status, 200, 'status');
    equal(res.json(), { probe: '42', theme: 'dark', q: 'search' }, 'body');
    equal(res.headers['x-echo'] ?? null, 'yes', 'x-echo');
  });
  await probe('echo: cookies().set() sends Set-Cookie', async () => {
    const res = await http('/api/echo');
    const cookies = [res.headers['set-cookie'] ?? []].flat();
    check(
      cookies.some((line) => /^visited=yes; Path=\/; HttpOnly; SameSite=lax$/i.test(line)),
      `set-cookie: ${JSON.stringify(cookies)}`,
    );
  });

  // Environment.
  let env;
  const readEnv = async () => (env ??= (await http('/api/env')).json());
  await probe('.env: PUBLIC_GREETING is loaded', async () => {
    equal((await readEnv()).greeting, 'hello from .env', 'PUBLIC_GREETING');
  });
  await probe('.env.local overrides .env: DATABASE_URL', async () => {
    equal(
      (await readEnv()).databaseUrl,
      'postgres://acme:fake-password@127.0.0.1:5432/acme_local',
      'DATABASE_URL',
    );
  });
  await probe('.env.production applies in production: ENV_TIER', async () => {
    equal((await readEnv()).tier, 'production-file', 'ENV_TIER');
  });
  await probe('NODE_ENV is production', async () => {
    equal((await readEnv()).nodeEnv, 'production', 'NODE_ENV');
  });
  await probe('next.config env: APP_FLAVOR', async () => {
    equal((await readEnv()).flavor, 'next-compat', 'APP_FLAVOR');
  });
  await probe('globalThis.WebSocket is defined', async () => {
    equal((await readEnv()).webSocket, 'function', 'typeof WebSocket');
  });
  await probe('CJS default import: CredentialsProvider and NextAuth are functions', async () => {
    equal(
      (await http('/api/interop')).json(),
      { credentialsProvider: 'function', nextAuth: 'function' },
      'typeof',
    );
  });

  // next-auth v4: the sign-in flow a browser goes through.
  await probe('next-auth: /api/auth/providers lists credentials', async () => {
    const res = await http('/api/auth/providers');
    equal(res.status, 200, 'status');
    const body = res.json();
    equal(
      [body.credentials?.id, body.credentials?.type],
      ['credentials', 'credentials'],
      'provider',
    );
  });
  await probe('next-auth: /api/auth/csrf gives a token and its cookie', async () => {
    const res = await http('/api/auth/csrf', { withCookies: true });
    equal(res.status, 200, 'status');
    state.csrfToken = res.json().csrfToken;
    check(/^[0-9a-f]{64}$/.test(state.csrfToken ?? ''), `csrfToken: ${state.csrfToken}`);
    check(jar.has('next-auth.csrf-token'), 'no next-auth.csrf-token cookie');
  });
  await probe('next-auth: the session is empty before sign-in', async () => {
    const res = await http('/api/auth/session', { withCookies: true });
    equal([res.status, res.json()], [200, {}], 'status and session');
  });
  await probe('next-auth: sign-in without the CSRF token is refused', async () => {
    const res = await http('/api/auth/callback/credentials', {
      ...form({ email: 'ada@example.test', password: 'correct horse', json: 'true' }),
      withCookies: false,
    });
    check(String(res.json().url).includes('csrf=true'), `url: ${res.json().url}`);
    const cookies = [res.headers['set-cookie'] ?? []].flat();
    check(!cookies.some((line) => line.startsWith('next-auth.session-token=')), 'session set');
  });
  await probe('next-auth: a wrong password answers 401 CredentialsSignin', async () => {
    const res = await http(
      '/api/auth/callback/credentials',
      form({ csrfToken: state.csrfToken, email: 'ada@example.test', password: 'x', json: 'true' }),
    );
    equal(res.status, 401, 'status');
    check(String(res.json().url).includes('error=CredentialsSignin'), `url: ${res.json().url}`);
    check(!jar.has('next-auth.session-token'), 'a session cookie was set');
  });
  await probe('next-auth: the right password sets the session cookie', async () => {
    const res = await http(
      '/api/auth/callback/credentials',
      form({
        csrfToken: state.csrfToken,
        email: 'ada@example.test',
        password: 'correct horse',
        json: 'true',
      }),
    );
    equal(res.status, 200, 'status');
    check(jar.has('next-auth.session-token'), 'no next-auth.session-token cookie');
  });
  await probe('next-auth: /api/auth/session names the user', async () => {
    const body = (await http('/api/auth/session', { withCookies: true })).json();
    equal([body.user?.email, body.userId], ['ada@example.test', 'u1'], 'user');
  });
  await probe('getServerSession: /api/me answers 401 without a cookie', async () => {
    const res = await http('/api/me');
    equal([res.status, res.json()], [401, { error: 'unauthenticated' }], 'answer');
  });
  await probe('getServerSession: /api/me sees the session', async () => {
    const res = await http('/api/me', { withCookies: true });
    equal(res.status, 200, 'status');
    equal(res.json().user, { name: 'Ada Lovelace', email: 'ada@example.test' }, 'user');
  });

  // withAuth: cookies() then getServerSession() then userAgent().
  await probe('withAuth: cookies() finds no session cookie → 401', async () => {
    const res = await http('/api/profile', { headers: { cookie: 'theme=dark' } });
    equal([res.status, res.json().reason], [401, 'no session cookie'], 'answer');
  });
  await probe('withAuth: a forged session cookie → 401 invalid session', async () => {
    const res = await http('/api/profile', {
      headers: { cookie: 'next-auth.session-token=forged' },
    });
    equal([res.status, res.json().reason], [401, 'invalid session'], 'answer');
  });
  await probe('withAuth + userAgent(): Chrome on macOS', async () => {
    const res = await http('/api/profile', {
      withCookies: true,
      headers: { 'user-agent': CHROME_MAC },
    });
    equal(res.status, 200, 'status');
    equal(
      res.json(),
      {
        email: 'ada@example.test',
        browser: 'Chrome',
        os: 'Mac OS',
        device: 'desktop',
        isBot: false,
      },
      'profile',
    );
  });
  await probe('userAgent(): Googlebot is a bot', async () => {
    const res = await http('/api/profile', {
      withCookies: true,
      headers: { 'user-agent': GOOGLEBOT },
    });
    equal(res.json().isBot, true, 'isBot');
  });

  // tRPC v11, fetch adapter.
  await probe('tRPC: query', async () => {
    const res = await http(`/api/trpc/greeting?input=${trpcInput({ name: 'Ada' })}`);
    equal([res.status, res.json()], [200, { result: { data: { text: 'Hello, Ada!' } } }], 'answer');
  });
  await probe('tRPC: batched queries', async () => {
    const input = trpcInput({ 0: 'u2', 1: { name: 'Grace' } });
    const res = await http(`/api/trpc/user.byId,greeting?batch=1&input=${input}`);
    equal(
      res.json(),
      [
        { result: { data: { id: 'u2', name: 'Grace Hopper' } } },
        { result: { data: { text: 'Hello, Grace!' } } },
      ],
      'batch',
    );
  });
  await probe('tRPC: invalid input answers 400 BAD_REQUEST', async () => {
    const res = await http(`/api/trpc/greeting?input=${trpcInput({})}`);
    equal([res.status, res.json().error?.data?.code], [400, 'BAD_REQUEST'], 'answer');
  });
  await probe('tRPC: NOT_FOUND answers 404', async () => {
    const res = await http(`/api/trpc/user.byId?input=${trpcInput('nobody')}`);
    equal([res.status, res.json().error?.data?.code], [404, 'NOT_FOUND'], 'answer');
  });
  await probe('tRPC: a protected mutation without a session answers 401', async () => {
    const res = await http('/api/trpc/note.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'anonymous' }),
    });
    equal([res.status, res.json().error?.data?.code], [401, 'UNAUTHORIZED'], 'answer');
  });
  await probe(
    'tRPC: mutation with the session; @acme/db reads x-tenant via headers()',
    async () => {
      const res = await http('/api/trpc/note.add', {
        method: 'POST',
        withCookies: true,
        headers: { 'content-type': 'application/json', 'x-tenant': tenant },
        body: JSON.stringify({ text: 'from the probe' }),
      });
      equal(res.status, 200, 'status');
      const note = res.json().result?.data;
      equal(
        [note?.tenant, note?.author, note?.text],
        [tenant, 'ada@example.test', 'from the probe'],
        'note',
      );
    },
  );
  await probe("tRPC: the tenant's notes, and only them", async () => {
    const res = await http('/api/trpc/note.list', {
      withCookies: true,
      headers: { 'x-tenant': tenant },
    });
    const notes = res.json().result?.data ?? [];
    equal(
      notes.map((note) => [note.tenant, note.text]),
      [[tenant, 'from the probe']],
      'notes',
    );
  });
  await probe('tRPC: the tenant is "public" without the header', async () => {
    equal(
      (await http('/api/trpc/tenant')).json(),
      { result: { data: { tenant: 'public' } } },
      'tenant',
    );
  });

  // The AI SDK's UI message stream (SSE), read chunk by chunk.
  await probe('stream: AI SDK answer arrives in chunks over time, text intact', async () => {
    const res = await http('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'Tell me how streaming works.' }),
      stream: true,
    });
    equal(res.statusCode, 200, 'status');
    equal(String(res.headers['content-type']).split(';')[0], 'text/event-stream', 'content-type');
    equal(res.headers['x-vercel-ai-ui-message-stream'] ?? null, 'v1', 'stream header');
    const arrivals = [];
    let text = '';
    for await (const chunk of res.body) {
      arrivals.push(performance.now());
      text += chunk.toString('utf8');
    }
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => block.slice('data: '.length));
    equal(events.at(-1), '[DONE]', 'last event');
    const deltas = events
      .slice(0, -1)
      .map((data) => JSON.parse(data))
      .filter((event) => event.type === 'text-delta')
      .map((event) => event.delta);
    equal(deltas.join(''), REPLY, 'text');
    // 8 deltas 60 ms apart: a buffered answer arrives in one or two reads, at once.
    check(arrivals.length >= 5, `only ${arrivals.length} chunk(s) arrived`);
    const spread = arrivals.at(-1) - arrivals[0];
    check(spread >= 250, `all chunks arrived within ${Math.round(spread)} ms`);
  });

  // A webhook signed with HMAC-SHA256 over the raw body; @vercel/functions waitUntil.
  const eventId = `evt_${randomUUID()}`;
  const payload = JSON.stringify({ id: eventId, type: 'invoice.paid' });
  const sign = (body) =>
    `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
  await probe('webhook: a bad signature answers 400', async () => {
    const res = await http('/api/webhooks/acme', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-acme-signature': sign(`${payload} `) },
      body: payload,
    });
    equal([res.status, res.json()], [400, { error: 'invalid signature' }], 'answer');
  });
  let answeredAt = 0;
  await probe('webhook: a good signature over request.text() answers 200', async () => {
    const res = await http('/api/webhooks/acme', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-acme-signature': sign(payload) },
      body: payload,
    });
    answeredAt = Date.now();
    equal([res.status, res.json()], [200, { received: true, id: eventId }], 'answer');
  });
  await probe('waitUntil: the event is recorded after the response went out', async () => {
    check(answeredAt > 0, 'the webhook did not answer');
    let recorded;
    for (let tries = 0; tries < 40 && !recorded; tries += 1) {
      const { events } = (await http('/api/webhooks/acme')).json();
      recorded = events.find((event) => event.id === eventId);
      if (!recorded) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    check(recorded, 'the event was never recorded');
    check(
      recorded.recordedAt > answeredAt,
      `recorded at ${recorded.recordedAt}, before the answer arrived at ${answeredAt}`,
    );
  });

  // next/og.
  await probe('ImageResponse: a 1200×630 PNG', async () => {
    const res = await request(`${origin}/api/og?title=Probe`, { dispatcher });
    const bytes = Buffer.from(await res.body.arrayBuffer());
    equal(res.statusCode, 200, 'status');
    equal(res.headers['content-type'] ?? null, 'image/png', 'content-type');
    equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
    equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR', 'first chunk');
    equal([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1200, 630], 'size');
    check(bytes.length > 2_000, `only ${bytes.length} bytes`);
  });

  // Sign-out ends the session.
  await probe('next-auth: sign-out clears the session', async () => {
    const res = await http('/api/auth/signout', form({ csrfToken: state.csrfToken, json: 'true' }));
    equal(res.status, 200, 'status');
    check(!jar.has('next-auth.session-token'), 'the session cookie is still set');
    equal((await http('/api/me', { withCookies: true })).status, 401, '/api/me after sign-out');
  });

  await dispatcher.close();
  return results;
}

async function main() {
  const args = process.argv.slice(2);
  const base = args.find((arg) => !arg.startsWith('--'));
  if (!base || !/^https?:\/\//.test(base)) {
    console.error('usage: node probe.mjs <base URL, e.g. http://127.0.0.1:3000> [--json]');
    process.exit(2);
  }
  const json = args.includes('--json');
  const results = await runProbes(base, { log: json ? undefined : (line) => console.log(line) });
  const failed = results.filter((result) => !result.ok).length;
  if (json) console.log(JSON.stringify(results, null, 2));
  else console.log(`probes: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
