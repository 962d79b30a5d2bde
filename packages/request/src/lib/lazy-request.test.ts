import { describe, expect, it } from 'vitest';
import {
  asNextRequest,
  createLazyRequest,
  isLazyRequest,
  toRequest,
  type LazyRequestInit,
} from './lazy-request.js';
import { NextRequest } from './next-request.js';
import { ResponseAborted } from './contract.js';

interface Case {
  name: string;
  method: string;
  url: string;
  headers: [string, string][];
  body?: string | Uint8Array;
}

const cases: Case[] = [
  {
    name: 'GET without body',
    method: 'GET',
    url: 'http://localhost:3000/a/b?x=1&y=%20',
    headers: [
      ['Host', 'localhost:3000'],
      ['Accept', 'text/plain'],
    ],
  },
  {
    name: 'HEAD',
    method: 'HEAD',
    url: 'http://127.0.0.1:8080/',
    headers: [['Host', '127.0.0.1:8080']],
  },
  {
    name: 'POST with JSON',
    method: 'POST',
    url: 'http://localhost/api',
    headers: [
      ['Content-Type', 'application/json'],
      ['Cookie', 'a=1; b=2'],
    ],
    body: '{"a":[1,2],"b":"€"}',
  },
  {
    name: 'PUT with bad JSON',
    method: 'put',
    url: 'http://localhost/api',
    headers: [['Content-Type', 'application/json']],
    body: '{"a":',
  },
  {
    name: 'PATCH with a form',
    method: 'PATCH',
    url: 'https://example.com/form',
    headers: [['Content-Type', 'application/x-www-form-urlencoded']],
    body: 'a=1&b=x+y&c=%E2%82%AC',
  },
  {
    name: 'POST multipart with a file',
    method: 'POST',
    url: 'http://localhost/upload',
    headers: [['Content-Type', 'multipart/form-data; boundary=XyZ']],
    body: '--XyZ\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello file\r\n--XyZ--\r\n',
  },
  {
    name: 'DELETE with bytes',
    method: 'delete',
    url: 'http://localhost/x',
    headers: [
      ['X-Dup', 'a'],
      ['x-dup', 'b'],
    ],
    body: new Uint8Array([0, 1, 2, 255]),
  },
  {
    name: 'OPTIONS with an empty body',
    method: 'OPTIONS',
    url: 'http://localhost/',
    headers: [],
    body: '',
  },
];

function bodyStream(body: string | Uint8Array): ReadableStream<Uint8Array> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return new ReadableStream({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

function lazyOf(c: Case, extra: Partial<LazyRequestInit> = {}): NextRequest {
  const body = c.body;
  return createLazyRequest({
    method: c.method,
    url: c.url,
    rawHeaders: c.headers.flat(),
    ...(body === undefined ? {} : { body: () => bodyStream(body) }),
    ...extra,
  });
}

function realOf(c: Case, extra: RequestInit = {}): NextRequest {
  const init: RequestInit & { duplex?: 'half' } = {
    method: c.method,
    headers: c.headers,
    ...extra,
  };
  if (
    c.body !== undefined &&
    c.method.toUpperCase() !== 'GET' &&
    c.method.toUpperCase() !== 'HEAD'
  ) {
    init.body = bodyStream(c.body);
    init.duplex = 'half';
  }
  return new NextRequest(c.url, init);
}

// Every getter of Request.prototype this runtime has, read the same way on both requests.
const getters = Reflect.ownKeys(Request.prototype).filter(
  (key): key is string =>
    typeof key === 'string' &&
    typeof Reflect.getOwnPropertyDescriptor(Request.prototype, key)?.get === 'function',
);

function snapshot(request: Request): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of getters) {
    const value: unknown = Reflect.get(request, key);
    if (key === 'headers') out[key] = [...(value as Headers)];
    else if (key === 'signal')
      out[key] = {
        aborted: (value as AbortSignal).aborted,
        isSignal: value instanceof AbortSignal,
      };
    else if (key === 'body') out[key] = value === null ? null : value instanceof ReadableStream;
    else out[key] = value;
  }
  return out;
}

async function settle<T>(
  promise: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await promise() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.constructor.name : String(error) };
  }
}

async function formEntries(form: FormData): Promise<unknown[]> {
  const entries: unknown[] = [];
  for (const [name, value] of form) {
    entries.push(
      typeof value === 'string'
        ? [name, value]
        : [name, value instanceof File, value.name, value.type, await value.text()],
    );
  }
  return entries;
}

const readers: Record<string, (request: Request) => Promise<unknown>> = {
  text: (request) => request.text(),
  json: (request) => request.json(),
  arrayBuffer: async (request) => [...new Uint8Array(await request.arrayBuffer())],
  bytes: async (request) => [...(await request.bytes())],
  blob: async (request) => {
    const blob = await request.blob();
    return [blob instanceof Blob, blob.type, blob.size, await blob.text()];
  },
  formData: async (request) => formEntries(await request.formData()),
};

describe('a lazy request behaves exactly like a real NextRequest', () => {
  it('covers every getter Request.prototype has on this runtime', () => {
    expect(getters).toEqual(
      expect.arrayContaining([
        'method',
        'url',
        'headers',
        'body',
        'bodyUsed',
        'signal',
        'cache',
        'credentials',
        'mode',
      ]),
    );
  });

  for (const c of cases) {
    describe(c.name, () => {
      it('is an instance of NextRequest and Request, with the same constructor and tag', () => {
        const lazy = lazyOf(c);
        expect(lazy).toBeInstanceOf(NextRequest);
        expect(lazy).toBeInstanceOf(Request);
        expect(lazy.constructor).toBe(realOf(c).constructor);
        expect(Object.prototype.toString.call(lazy)).toBe(
          Object.prototype.toString.call(realOf(c)),
        );
      });

      it('answers every getter the same', () => {
        expect(snapshot(lazyOf(c))).toEqual(snapshot(realOf(c)));
      });

      it('answers the same after the body was read', async () => {
        const lazy = lazyOf(c);
        const real = realOf(c);
        await settle(() => lazy.text());
        await settle(() => real.text());
        expect(snapshot(lazy)).toEqual(snapshot(real));
      });

      for (const [name, read] of Object.entries(readers)) {
        it(`${name}() reads the same, and a second read fails the same`, async () => {
          const lazy = lazyOf(c);
          const real = realOf(c);
          expect(await settle(() => read(lazy))).toEqual(await settle(() => read(real)));
          expect(lazy.bodyUsed).toBe(real.bodyUsed);
          expect(await settle(() => read(lazy))).toEqual(await settle(() => read(real)));
        });
      }

      it('clone() gives an independent copy, and fails the same once the body is used', async () => {
        const lazy = lazyOf(c);
        const real = realOf(c);
        const lazyClone = lazy.clone();
        const realClone = real.clone();
        expect(lazyClone.constructor).toBe(realClone.constructor);
        expect(snapshot(lazyClone)).toEqual(snapshot(realClone));
        expect(await settle(() => lazyClone.text())).toEqual(await settle(() => realClone.text()));
        expect(await settle(() => lazy.text())).toEqual(await settle(() => real.text()));
        expect(await settle(() => Promise.resolve(lazy.clone()).then(() => 'cloned'))).toEqual(
          await settle(() => Promise.resolve(real.clone()).then(() => 'cloned')),
        );
      });

      it('has the same cookies and nextUrl', () => {
        const lazy = lazyOf(c);
        const real = realOf(c);
        expect(lazy.cookies.getAll()).toEqual(real.cookies.getAll());
        expect(lazy.cookies.toString()).toBe(real.cookies.toString());
        for (const key of [
          'href',
          'origin',
          'protocol',
          'host',
          'hostname',
          'port',
          'pathname',
          'search',
          'hash',
          'basePath',
          'buildId',
          'locale',
          'defaultLocale',
        ] as const) {
          expect(lazy.nextUrl[key]).toBe(real.nextUrl[key]);
        }
        expect([...lazy.nextUrl.searchParams]).toEqual([...real.nextUrl.searchParams]);
      });
    });
  }

  it('GET and HEAD have a null body and never call the body factory', () => {
    let calls = 0;
    for (const method of ['GET', 'HEAD', 'get']) {
      const lazy = createLazyRequest({
        method,
        url: 'http://localhost/',
        body: () => (calls++, bodyStream('x')),
      });
      expect(lazy.body).toBeNull();
    }
    expect(calls).toBe(0);
  });

  it('calls the body factory at most once, and only when a member needs the real request', async () => {
    let calls = 0;
    const lazy = createLazyRequest({
      method: 'POST',
      url: 'http://localhost/x',
      rawHeaders: ['cookie', 'a=1'],
      body: () => (calls++, bodyStream('hi')),
    });
    expect(lazy.method).toBe('POST');
    expect(lazy.url).toBe('http://localhost/x');
    expect(lazy.headers.get('cookie')).toBe('a=1');
    expect(lazy.cookies.get('a')?.value).toBe('1');
    expect(lazy.nextUrl.pathname).toBe('/x');
    expect(calls).toBe(0);
    expect(await lazy.text()).toBe('hi');
    expect(lazy.bodyUsed).toBe(true);
    await expect(lazy.text()).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it('reads nothing from the raw headers until headers are asked for', () => {
    const touched: PropertyKey[] = [];
    const raw = new Proxy(['host', 'localhost', 'cookie', 'a=1'], {
      get(target, key, receiver) {
        touched.push(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const lazy = createLazyRequest({ method: 'GET', url: 'http://localhost/', rawHeaders: raw });
    expect(lazy.method).toBe('GET');
    expect(lazy.url).toBe('http://localhost/');
    expect(touched).toEqual([]);
    expect(lazy.headers.get('host')).toBe('localhost');
    expect(touched.length).toBeGreaterThan(0);
  });

  it('skips HTTP/2 pseudo-headers in rawHeaders and keeps repeated headers', () => {
    const lazy = createLazyRequest({
      method: 'GET',
      url: 'http://localhost/',
      rawHeaders: [
        ':method',
        'GET',
        ':path',
        '/',
        'x-a',
        '1',
        'X-A',
        '2',
        'set-cookie',
        'a=1',
        'set-cookie',
        'b=2',
      ],
    });
    expect([...lazy.headers]).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['x-a', '1, 2'],
    ]);
  });

  it('parses cookies from the raw headers without building Headers, exactly as headers.get would give them', () => {
    const raw = [
      'Host',
      'x',
      'COOKIE',
      ' a=1; b=2 ',
      'x-a',
      '1',
      'cookie',
      'c=3',
      'Cookies',
      'no=1',
    ];
    const touched: PropertyKey[] = [];
    const lazy = createLazyRequest({ method: 'GET', url: 'http://localhost/', rawHeaders: raw });
    const real = new NextRequest('http://localhost/', {
      headers: [
        ['COOKIE', ' a=1; b=2 '],
        ['cookie', 'c=3'],
        ['Cookies', 'no=1'],
      ],
    });
    const spy = new Proxy(lazy, {
      get(target, key) {
        touched.push(key);
        return Reflect.get(target, key, target) as unknown;
      },
    });
    expect(spy.cookies.getAll()).toEqual(real.cookies.getAll());
    expect(touched).not.toContain('headers');
    lazy.cookies.set('d', '4');
    real.cookies.set('d', '4');
    expect(lazy.headers.get('cookie')).toBe(real.headers.get('cookie'));
  });

  it('takes headers in any HeadersInit form', () => {
    for (const headers of [
      { 'x-a': '1' },
      [['x-a', '1']] as [string, string][],
      new Headers({ 'x-a': '1' }),
    ]) {
      expect(
        createLazyRequest({ method: 'GET', url: 'http://localhost/', headers }).headers.get('x-a'),
      ).toBe('1');
    }
    expect([...createLazyRequest({ method: 'GET', url: 'http://localhost/' }).headers]).toEqual([]);
  });

  it('keeps headers set before the real request is built, and cookies.set() writes to the current headers', async () => {
    const lazy = createLazyRequest({
      method: 'POST',
      url: 'http://localhost/',
      rawHeaders: ['cookie', 'a=1'],
      body: () => bodyStream('b'),
    });
    lazy.headers.set('x-before', '1');
    lazy.cookies.set('b', '2');
    expect(await lazy.text()).toBe('b');
    expect(lazy.headers.get('x-before')).toBe('1');
    expect(lazy.headers.get('cookie')).toBe('a=1; b=2');
    lazy.cookies.set('c', '3');
    expect(lazy.headers.get('cookie')).toBe('a=1; b=2; c=3');
    expect(toRequest(lazy).headers.get('cookie')).toBe('a=1; b=2; c=3');
  });

  it('follows the given abort signal, with its reason', () => {
    const controller = new AbortController();
    const lazy = createLazyRequest({
      method: 'GET',
      url: 'http://localhost/',
      signal: controller.signal,
    });
    const { signal } = lazy;
    expect(signal.aborted).toBe(false);
    const reason = new Error('gone');
    controller.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
  });

  it('upper-cases the six standard methods only, like Request', () => {
    for (const method of [
      'get',
      'Post',
      'pUt',
      'delete',
      'options',
      'head',
      'patch',
      'PROPFIND',
      'Custom',
    ]) {
      expect(createLazyRequest({ method, url: 'http://localhost/' }).method).toBe(
        new Request('http://localhost/', { method }).method,
      );
    }
  });

  it('answers method, url and headers for a method Request refuses, and throws its TypeError for the rest', () => {
    const lazy = createLazyRequest({
      method: 'TRACE',
      url: 'http://localhost/t',
      rawHeaders: ['cookie', 'a=1'],
    });
    expect(lazy.method).toBe('TRACE');
    expect(lazy.url).toBe('http://localhost/t');
    expect(lazy.cookies.get('a')?.value).toBe('1');
    expect(() => new Request('http://localhost/t', { method: 'TRACE' })).toThrow(TypeError);
    expect(() => lazy.signal).toThrow(TypeError);
  });

  it('answers url in the form Request serialises it', () => {
    for (const url of [
      'http://LOCALHOST:80/a/./b/../c?q=a b',
      'http://localhost',
      'https://example.com:443/x#frag',
    ]) {
      expect(createLazyRequest({ method: 'GET', url }).url).toBe(new Request(url).url);
    }
  });

  it('takes a serialised url as given, and only a serialised one', () => {
    // What the flag promises is checked nowhere else: a url that is not serialised shows as is.
    const raw = 'http://LOCALHOST:80/a/./b';
    expect(createLazyRequest({ method: 'GET', url: raw, serialized: true }).url).toBe(raw);
    expect(createLazyRequest({ method: 'GET', url: raw }).url).toBe('http://localhost/a/b');
    // With an origin the joined URL is always checked.
    const joined = createLazyRequest({
      method: 'GET',
      origin: 'http://LOCALHOST:80',
      url: '/a/./b',
      serialized: true,
    });
    expect(joined.url).toBe('http://localhost/a/b');
  });

  it("reads a source request's headers, body and signal when they are first needed", async () => {
    const controller = new AbortController();
    const source = new Request('http://localhost/s', {
      method: 'POST',
      headers: { cookie: 'a=1', 'x-probe': 'p' },
      body: 'payload',
      signal: controller.signal,
    });
    let reads = 0;
    const counted = new Proxy(source, {
      get(target, key) {
        if (key === 'headers' || key === 'body' || key === 'signal') reads++;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const lazy = createLazyRequest({ method: 'POST', url: source.url, source: counted });
    expect(reads).toBe(0);
    expect(lazy.cookies.get('a')?.value).toBe('1');
    expect(lazy.headers.get('x-probe')).toBe('p');
    expect(reads).toBe(1);
    expect(await lazy.text()).toBe('payload');
    const { signal } = lazy;
    expect(signal.aborted).toBe(false);
    controller.abort();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(ResponseAborted);
    // Headers given beside the source win over its own.
    const given = createLazyRequest({
      method: 'GET',
      url: source.url,
      source,
      headers: { 'x-probe': 'given' },
    });
    expect(given.headers.get('x-probe')).toBe('given');
  });

  it('nextUrl reads the base path it was given', () => {
    const lazy = createLazyRequest({
      method: 'GET',
      url: 'http://localhost/base/a?b=1',
      basePath: '/base',
    });
    expect(lazy.nextUrl.basePath).toBe('/base');
    expect(lazy.nextUrl.pathname).toBe('/a');
    expect(lazy.url).toBe('http://localhost/base/a?b=1');
  });

  it('can be passed to new NextRequest(), and toRequest() gives a Request that fetch() and new Request() take', async () => {
    const lazy = createLazyRequest({
      method: 'POST',
      url: 'http://localhost/a',
      rawHeaders: ['x-a', '1'],
      body: () => bodyStream('payload'),
    });
    const copy = new NextRequest(lazy);
    expect(copy.method).toBe('POST');
    expect(copy.headers.get('x-a')).toBe('1');
    expect(await copy.text()).toBe('payload');

    const other = createLazyRequest({
      method: 'PUT',
      url: 'http://localhost/b',
      body: () => bodyStream('more'),
    });
    expect(isLazyRequest(other)).toBe(true);
    const real = toRequest(other);
    expect(isLazyRequest(real)).toBe(false);
    expect(toRequest(real)).toBe(real);
    expect(await new Request(real).text()).toBe('more');

    const asInit = createLazyRequest({
      method: 'POST',
      url: 'http://localhost/c',
      rawHeaders: ['x-b', '2'],
      body: () => bodyStream('init'),
    });
    const forwarded = new Request('http://upstream.test/c', asInit);
    expect(forwarded.method).toBe('POST');
    expect(forwarded.headers.get('x-b')).toBe('2');
    expect(await forwarded.text()).toBe('init');
  });
});

describe('asNextRequest', () => {
  it('returns a NextRequest as is', () => {
    const request = new NextRequest('http://localhost/');
    expect(asNextRequest(request)).toBe(request);
  });

  it('wraps a plain Request without copying it: reads and body go to the original', async () => {
    const original = new Request('http://localhost/base/x?y=1', {
      method: 'POST',
      body: 'abc',
      headers: { cookie: 'a=1' },
    });
    const wrapped = asNextRequest(original, { basePath: '/base' });
    expect(wrapped).toBeInstanceOf(NextRequest);
    expect(wrapped.headers).toBe(original.headers);
    expect(wrapped.cookies.get('a')?.value).toBe('1');
    expect(wrapped.nextUrl.pathname).toBe('/x');
    expect(await wrapped.text()).toBe('abc');
    expect(original.bodyUsed).toBe(true);
  });

  it('tells a NextRequest (lazy or not) a different base path without copying or building it', () => {
    const request = new NextRequest('http://localhost/base/x');
    expect(request.nextUrl.pathname).toBe('/base/x');
    expect(asNextRequest(request, { basePath: '/base' })).toBe(request);
    expect(request.nextUrl.pathname).toBe('/x');
    expect(request.nextUrl.basePath).toBe('/base');

    let calls = 0;
    const lazy = createLazyRequest({
      method: 'POST',
      url: 'http://localhost/base/y',
      body: () => (calls++, bodyStream('b')),
    });
    expect(asNextRequest(lazy, { basePath: '/base' })).toBe(lazy);
    expect(lazy.nextUrl.pathname).toBe('/y');
    expect(calls).toBe(0);
  });
});
