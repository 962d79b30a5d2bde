import { describe, expect, it } from 'vitest';
import {
  bufferedResponse,
  hasField,
  LightResponse,
  lightState,
  NativeResponse,
} from './light-response.js';

const Light = LightResponse as unknown as typeof Response;

async function snapshot(response: Response): Promise<unknown> {
  const clone = response.clone();
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    type: response.type,
    url: response.url,
    redirected: response.redirected,
    headers: [...response.headers],
    bodyUsed: response.bodyUsed,
    text: await response.text(),
    usedAfter: response.bodyUsed,
    cloneText: await clone.text(),
  };
}

// Each body is made twice (a stream can back one response only).
const cases: [string, () => BodyInit | null | undefined, ResponseInit | undefined][] = [
  ['no body', () => undefined, undefined],
  ['null body, 204', () => null, { status: 204 }],
  ['string body', () => 'héllo', undefined],
  [
    'string, status text and headers',
    () => 'x',
    { status: 201, statusText: 'Made It', headers: { 'x-a': '1', 'content-type': 'text/x' } },
  ],
  [
    'string with set-cookie headers',
    () => 'x',
    {
      headers: [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ],
    },
  ],
  ['bytes', () => new Uint8Array([104, 105]), { status: 202 }],
  ['a stream (built real)', () => new Blob(['blob']).stream(), undefined],
  ['URLSearchParams (built real)', () => new URLSearchParams('a=1&b=2'), undefined],
];

describe('LightResponse', () => {
  it.each(cases)('behaves as the native Response: %s', async (_name, body, init) => {
    expect(await snapshot(new Light(body(), init))).toEqual(
      await snapshot(new NativeResponse(body(), init)),
    );
  });

  it('Response.json matches the native one, with and without a content type given', async () => {
    expect(await snapshot(Light.json({ a: [1, 'é'] }))).toEqual(
      await snapshot(NativeResponse.json({ a: [1, 'é'] })),
    );
    const init = { status: 422, headers: { 'Content-Type': 'application/problem+json' } };
    expect(await snapshot(Light.json({ e: 1 }, init))).toEqual(
      await snapshot(NativeResponse.json({ e: 1 }, init)),
    );
    // An init the light one cannot hold goes to the native one, errors included (Node 26's
    // takes a null init, older ones throw for it).
    for (const odd of [null, 5, { status: 204 }] as unknown as ResponseInit[]) {
      let native: Response | Error;
      try {
        native = NativeResponse.json([1], odd);
      } catch (error) {
        native = error as Error;
      }
      if (native instanceof Error) expect(() => Light.json([1], odd)).toThrow(native.message);
      else expect(await snapshot(Light.json([1], odd))).toEqual(await snapshot(native));
    }
    expect(() => Light.json(undefined)).toThrow(new TypeError('Value is not JSON serializable'));
  });

  it.each([
    ['a status out of range', 'x', { status: 600 }],
    ['a body with status 204', 'x', { status: 204 }],
    ['a status text with a newline', 'x', { statusText: 'a\nb' }],
    ['an invalid header name', 'x', { headers: { 'bad name': '1' } }],
  ] as [string, BodyInit, ResponseInit][])(
    'throws what the native constructor throws for %s',
    (_name, body, init) => {
      let native: unknown;
      try {
        new Response(body, init);
      } catch (error) {
        native = error;
      }
      expect(native).toBeInstanceOf(Error);
      expect(() => new Light(body, init)).toThrow((native as Error).constructor);
    },
  );

  it('is instanceof Response, and native responses are instanceof it', () => {
    const light = new Light('x');
    expect(light instanceof Response).toBe(true);
    expect(new Response('x') instanceof Light).toBe(true);
    expect(Object.prototype.toString.call(light)).toBe('[object Response]');
  });

  it('keeps subclasses working: their own members and their own instanceof', async () => {
    class Sub extends Light {
      get extra(): string {
        return `status ${String(this.status)}`;
      }
    }
    const sub = new Sub('body', { status: 201 });
    expect(sub.extra).toBe('status 201');
    expect(sub instanceof Sub).toBe(true);
    expect(new Light('x') instanceof Sub).toBe(false);
    expect(await sub.text()).toBe('body');
  });

  it('keeps headers changed after the body was read in the headers it reports', async () => {
    const light = new Light('x');
    const headers = light.headers;
    await light.text();
    headers.set('x-late', '1');
    expect(light.headers.get('x-late')).toBe('1');
    expect(light.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
  });

  it('exposes its string or bytes body to the adapter until something reads the stream', () => {
    const light = new Light('payload');
    expect(lightState(light)?.body).toBe('payload');
    expect(light.body).toBeInstanceOf(ReadableStream);
    expect(lightState(light)).toBeUndefined();
    expect(lightState(new NativeResponse('native'))).toBeUndefined();
    const bytes = new Uint8Array([1, 2]);
    const state = lightState(new Light(bytes));
    expect(state?.body).toEqual(bytes);
    expect(state?.body).not.toBe(bytes);
  });
});

describe('hasField', () => {
  it('looks at the names of flat fields only, never at a value', () => {
    const fields = ['x-note', 'content-type', 'content-length', '2'];
    expect(hasField(fields, 'content-length')).toBe(true);
    expect(hasField(fields, 'content-type')).toBe(false);
    expect(hasField([], 'content-type')).toBe(false);
  });
});

describe('bufferedResponse', () => {
  const answer = {
    status: 200,
    statusText: 'Fine',
    fields: [
      'cache-control',
      's-maxage=60',
      'content-type',
      'text/plain',
      'set-cookie',
      'a=1',
      'set-cookie',
      'b=2',
    ],
    body: new Uint8Array([104, 105]),
  };
  const native = () =>
    new NativeResponse(new Uint8Array([104, 105]), {
      status: 200,
      statusText: 'Fine',
      headers: [
        ['cache-control', 's-maxage=60'],
        ['content-type', 'text/plain'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ],
    });

  it('is native while light responses are off', async () => {
    const response = bufferedResponse(answer);
    expect(lightState(response)).toBeUndefined();
    expect(Object.getPrototypeOf(response)).toBe(NativeResponse.prototype);
    expect(await snapshot(response)).toEqual(await snapshot(native()));
  });

  it('answers a string body as a headers init would, with and without a content type', async () => {
    for (const fields of [[], ['content-type', 'application/json', 'x-a', '1'], ['x-a', '1']]) {
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < fields.length; i += 2)
        pairs.push([fields[i] ?? '', fields[i + 1] ?? '']);
      const ours = bufferedResponse({ status: 201, statusText: '', fields, body: '{"a":1}' });
      const theirs = new NativeResponse('{"a":1}', { status: 201, headers: pairs });
      expect(await snapshot(ours)).toEqual(await snapshot(theirs));
    }
  });

  it('is light while they are on, with its fields and bytes as given, and answers the same', async () => {
    const previous = globalThis.Response;
    globalThis.Response = Light;
    try {
      const response = bufferedResponse(answer);
      const state = lightState(response);
      expect(state?.fields).toBe(answer.fields);
      expect(state?.body).toBe(answer.body);
      expect(await snapshot(response)).toEqual(await snapshot(native()));
      // Reading it left the answer as it was, for the next request.
      expect(answer.fields).toHaveLength(8);
      expect([...answer.body]).toEqual([104, 105]);
      const headed = bufferedResponse(answer);
      headed.headers.set('x-late', '1');
      expect(headed.headers.get('x-late')).toBe('1');
      expect(answer.fields).toHaveLength(8);
      expect(bufferedResponse({ ...answer, status: 204 }).body).toBeNull();
    } finally {
      globalThis.Response = previous;
    }
  });
});
