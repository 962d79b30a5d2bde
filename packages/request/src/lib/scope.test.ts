import { InvalidCookieError } from './cookie-text.js';
import { describe, expect, it, vi } from 'vitest';
import { createLazyRequest } from './lazy-request.js';
import { notFound, permanentRedirect, redirect, forbidden, unauthorized } from './navigation.js';
import { NextRequest } from './next-request.js';
import { NextResponse } from './next-response.js';
import { ReadonlyHeaders, ReadonlyHeadersError } from './readonly-headers.js';
import { cookies, draftMode, headers } from './request-apis.js';
import {
  after,
  activeScope,
  createRequestScope,
  enterScope,
  InvalidAfterTaskError,
  OutsideRequestScopeError,
  ReadonlyRequestCookiesError,
  runAfterTasks,
  runInScope,
  type RequestScope,
} from './scope.js';
import { controlFlowResponse, withScopeCookies } from './set-cookie-merge.js';

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

function scopeFor(cookie?: string, extra: Record<string, string> = {}): RequestScope {
  return createRequestScope(
    new NextRequest('http://localhost/x', { headers: { ...(cookie ? { cookie } : {}), ...extra } }),
  );
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('enterScope', () => {
  it('runs the work in the scope, through its awaits, and leaves no scope behind', async () => {
    const scopes = [scopeFor('n=1'), scopeFor('n=2'), scopeFor('n=3')];
    const seen: [RequestScope | undefined, string | undefined][] = [];
    const done = scopes.map(
      (scope) =>
        new Promise<void>((resolve) => {
          enterScope(
            scope,
            () => undefined,
            (wait: number) => {
              void (async () => {
                await new Promise((next) => setTimeout(next, wait));
                seen.push([activeScope(), (await cookies()).get('n')?.value]);
                resolve();
              })();
            },
            // The first one finishes last: each must still see its own scope.
            30 - scopes.indexOf(scope) * 10,
            undefined,
            undefined,
          );
        }),
    );
    expect(activeScope()).toBeUndefined();
    await Promise.all(done);
    expect(seen).toEqual([
      [scopes[2], '3'],
      [scopes[1], '2'],
      [scopes[0], '1'],
    ]);
    await new Promise((next) => setTimeout(next, 0));
    expect(activeScope()).toBeUndefined();
  });

  it("hands fn's result to then, outside the scope where the scope is not a V8 frame", async () => {
    const { frameBasedStorage } = await import('./scope-storage.js');
    const scope = scopeFor();
    const got = await new Promise<[string, boolean, boolean]>((resolve) => {
      enterScope(
        scope,
        (result: string) => {
          resolve([result, activeScope() === scope, activeScope() === undefined]);
        },
        (word: string, second: number, third: boolean) =>
          `${word} in ${activeScope() === scope ? 'scope' : 'nothing'} with ${String(second)}, ${String(third)}`,
        'called',
        2,
        true,
      );
    });
    // Node 20/22 (stores on async resources): then runs where enterScope was called;
    // Node 24+ (frames): in the microtask that entered the scope.
    expect(got).toEqual(['called in scope with 2, true', frameBasedStorage, !frameBasedStorage]);
  });

  it('keeps the stores of other AsyncLocalStorage instances the caller runs in', async () => {
    const { AsyncLocalStorage } = await import('node:async_hooks');
    const outer = new AsyncLocalStorage<string>();
    const seen = await outer.run(
      'outer value',
      () =>
        new Promise<[string | undefined, boolean]>((resolve) => {
          enterScope(
            scopeFor(),
            () => undefined,
            () => {
              resolve([outer.getStore(), activeScope() !== undefined]);
            },
            undefined,
            undefined,
            undefined,
          );
        }),
    );
    expect(seen).toEqual(['outer value', true]);
  });
});

describe('cookies()', () => {
  it('is a store seeded with the request cookies, each with path "/"', async () => {
    const scope = scopeFor('a=x; b=%20y');
    await runInScope(scope, async () => {
      const store = await cookies();
      expect(store.get('a')).toEqual({ name: 'a', value: 'x', path: '/' });
      expect(store.getAll()).toEqual([
        { name: 'a', value: 'x', path: '/' },
        { name: 'b', value: ' y', path: '/' },
      ]);
      expect(store.has('b')).toBe(true);
      expect(await cookies()).toBe(store);
    });
  });

  it('getAll() lists set and deleted cookies too; set and delete return the store', async () => {
    const scope = scopeFor('a=1; b=2');
    await runInScope(scope, async () => {
      const store = await cookies();
      expect(store.set('n', 'v')).toBe(store);
      expect(store.delete('a')).toBe(store);
      expect(store.getAll()).toEqual([
        { name: 'a', value: '', path: '/', expires: new Date(0) },
        { name: 'b', value: '2', path: '/' },
        { name: 'n', value: 'v', path: '/' },
      ]);
    });
  });

  it('works on a lazy request and a plain Request too', async () => {
    for (const request of [
      createLazyRequest({ method: 'GET', url: 'http://localhost/', rawHeaders: ['cookie', 'a=1'] }),
      new Request('http://localhost/', { headers: { cookie: 'a=1' } }),
    ]) {
      const store = await runInScope(createRequestScope(request), () => cookies());
      expect(store.get('a')?.value).toBe('1');
    }
  });

  it('throws outside a request', () => {
    expect(() => cookies()).toThrow(OutsideRequestScopeError);
    expect(() => cookies()).toThrow('`cookies` was called outside a request scope.');
    expect(() => headers()).toThrow('`headers` was called outside a request scope.');
    expect(() => draftMode()).toThrow(OutsideRequestScopeError);
    expect(() => {
      after(() => undefined);
    }).toThrow('`after` was called outside a request scope.');
  });

  it('refuses invalid names with a clear InvalidCookieError', async () => {
    await runInScope(scopeFor(), async () => {
      const store = await cookies();
      expect(() => store.set('a\r\nx', '1')).toThrow(InvalidCookieError);
    });
  });
});

describe('headers()', () => {
  it('is a read-only, live view of the request headers', async () => {
    const request = new NextRequest('http://localhost/', {
      headers: { 'x-a': '1', cookie: 'c=1' },
    });
    const scope = createRequestScope(request);
    await runInScope(scope, async () => {
      const view = await headers();
      expect(view).toBeInstanceOf(Headers);
      expect(view).toBeInstanceOf(ReadonlyHeaders);
      expect(view.get('x-a')).toBe('1');
      expect(view.has('x-b')).toBe(false);
      expect([...view]).toEqual([...request.headers]);
      expect([...view.keys()]).toEqual(['cookie', 'x-a']);
      expect([...view.values()]).toEqual(['c=1', '1']);
      expect([...view.entries()]).toEqual([...request.headers.entries()]);
      expect(view.getSetCookie()).toEqual([]);
      const seen: string[] = [];
      view.forEach((value, key, parent) => {
        seen.push(`${key}=${value}`);
        expect(parent).toBe(view);
      });
      expect(seen).toEqual(['cookie=c=1', 'x-a=1']);
      expect([...new Headers(view)]).toEqual([...request.headers]);
      expect(Object.fromEntries(view)).toEqual({ cookie: 'c=1', 'x-a': '1' });
      request.cookies.set('d', '2');
      expect(view.get('cookie')).toBe('c=1; d=2');
    });
  });

  it('set, append and delete throw the Next.js message', async () => {
    await runInScope(scopeFor(), async () => {
      const view = await headers();
      const message =
        'Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers';
      expect(() => {
        view.set('a', 'b');
      }).toThrow(ReadonlyHeadersError);
      expect(thrown(() => view.delete('x-a'))).toMatchObject({
        operation: 'delete',
        header: 'x-a',
        message,
      });
      expect(() => {
        view.append('a', 'b');
      }).toThrow(message);
      expect(() => {
        view.delete('a');
      }).toThrow(message);
    });
  });
});

describe('withScopeCookies', () => {
  async function handle(scope: RequestScope, handler: () => Promise<Response>): Promise<Response> {
    return withScopeCookies(scope, await runInScope(scope, handler));
  }

  it('returns the response untouched when no cookie was set or deleted', async () => {
    const scope = scopeFor('a=1');
    const response = new Response('x');
    const out = await handle(scope, async () => {
      (await cookies()).get('a');
      return response;
    });
    expect(out).toBe(response);
    expect(out.headers.getSetCookie()).toEqual([]);
  });

  it('adds only the names passed to set/delete, each its own field, request names first then new ones', async () => {
    const scope = scopeFor('r1=1; r2=2; r3=3');
    const out = await handle(scope, async () => {
      const store = await cookies();
      store.set('new1', 'a');
      store.delete('r2');
      store.set('r1', 'changed');
      store.set('new2', 'b c');
      return new Response('ok');
    });
    expect(out.headers.getSetCookie()).toEqual([
      'r1=changed; Path=/',
      `r2=; Path=/; Expires=${EPOCH}`,
      'new1=a; Path=/',
      'new2=b%20c; Path=/',
    ]);
    expect(await out.text()).toBe('ok');
  });

  it("keeps the response's own Set-Cookie fields byte for byte, first, and they win on a name clash", async () => {
    const scope = scopeFor();
    const out = await handle(scope, async () => {
      const store = await cookies();
      store.set('b', '1');
      store.set('shared', 'from-store');
      store.set('z', '2');
      const headers = new Headers();
      headers.append('set-cookie', 'shared=own; path=/own; Foo=Bar');
      headers.append('set-cookie', 'shared=own2');
      headers.append('set-cookie', 'other=1;httponly');
      return new Response(null, { status: 201, headers });
    });
    expect(out.status).toBe(201);
    expect(out.headers.getSetCookie()).toEqual([
      'shared=own; path=/own; Foo=Bar',
      'shared=own2',
      'other=1;httponly',
      'b=1; Path=/',
      'z=2; Path=/',
    ]);
  });

  it('merges with a NextResponse whose own cookies were set', async () => {
    const scope = scopeFor();
    const out = await handle(scope, async () => {
      (await cookies()).set('a', 'store').set('b', 'store');
      const response = NextResponse.json({});
      response.cookies.set('a', 'response');
      return response;
    });
    expect(out.headers.getSetCookie()).toEqual(['a=response; Path=/', 'b=store; Path=/']);
  });

  it('copies a response whose headers cannot change, keeping status, text and body', async () => {
    const scope = scopeFor();
    const out = await handle(scope, async () => {
      (await cookies()).set('a', '1');
      return Response.redirect('http://localhost/elsewhere', 302);
    });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('http://localhost/elsewhere');
    expect(out.headers.getSetCookie()).toEqual(['a=1; Path=/']);
  });
});

describe('controlFlowResponse', () => {
  it('turns redirect() into a 307 with Location exactly as given, the store cookies and an empty body', async () => {
    const scope = scopeFor('keep=1');
    const error = await runInScope(scope, async () => {
      (await cookies()).set('s', 'v');
      return thrown(() => redirect('/relative?x=1'));
    });
    const response = controlFlowResponse(error, scope);
    expect(response?.status).toBe(307);
    expect(response?.headers.get('location')).toBe('/relative?x=1');
    expect(response?.headers.getSetCookie()).toEqual(['s=v; Path=/']);
    expect(await response?.text()).toBe('');
  });

  it('turns permanentRedirect() into a 308', () => {
    const response = controlFlowResponse(
      thrown(() => permanentRedirect('https://example.com/a')),
      scopeFor(),
    );
    expect(response?.status).toBe(308);
    expect(response?.headers.get('location')).toBe('https://example.com/a');
  });

  it('percent-encodes only what a header cannot carry in Location', () => {
    const response = controlFlowResponse(
      thrown(() => redirect('/caf\u00e9/€?a=\r\n')),
      scopeFor(),
    );
    expect(response?.headers.get('location')).toBe('/caf\u00e9/%E2%82%AC?a=%0D%0A');
  });

  it('turns notFound(), forbidden() and unauthorized() into 404, 403 and 401 without cookies', async () => {
    const scope = scopeFor();
    await runInScope(scope, async () => {
      (await cookies()).set('dropped', '1');
    });
    for (const [fn, status] of [
      [notFound, 404],
      [forbidden, 403],
      [unauthorized, 401],
    ] as const) {
      const response = controlFlowResponse(thrown(fn), scope);
      expect(response?.status).toBe(status);
      expect(response?.headers.getSetCookie()).toEqual([]);
      expect(await response?.text()).toBe('');
    }
  });

  it('returns undefined for any other error', () => {
    expect(controlFlowResponse(new Error('x'), scopeFor())).toBeUndefined();
    expect(controlFlowResponse(new Response('x'), scopeFor())).toBeUndefined();
    expect(controlFlowResponse(undefined, scopeFor())).toBeUndefined();
  });
});

describe('after() and runAfterTasks', () => {
  it('runs tasks only when asked, concurrently and inside the scope, then the tasks they queued', async () => {
    const scope = scopeFor('a=1');
    const log: string[] = [];
    runInScope(scope, () => {
      after(async () => {
        log.push(`first:${(await cookies()).get('a')?.value ?? ''}`);
        after(() => {
          log.push('nested');
        });
      });
      after(new Promise((resolve) => setTimeout(resolve, 1)).then(() => log.push('promise')));
      after(() => {
        log.push('second');
      });
    });
    expect(log).toEqual([]);
    await runAfterTasks(scope);
    expect(log).toEqual(['second', 'first:1', 'promise', 'nested']);
  });

  it('reports a failing task and still runs the others', async () => {
    const scope = scopeFor();
    const errors: unknown[] = [];
    let ran = false;
    runInScope(scope, () => {
      after(() => {
        throw new Error('boom');
      });
      after(() => {
        ran = true;
      });
    });
    await runAfterTasks(scope, (error) => errors.push(error));
    expect(ran).toBe(true);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('logs to console.error by default', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const scope = scopeFor();
    runInScope(scope, () => {
      after(() => Promise.reject(new Error('late')));
    });
    await runAfterTasks(scope);
    expect(spy).toHaveBeenCalledWith(new Error('late'));
    spy.mockRestore();
  });

  it('cookies().set and delete inside after() throw the Next.js message; reads still work', async () => {
    const scope = scopeFor('a=1');
    const errors: unknown[] = [];
    let read: string | undefined;
    await runInScope(scope, async () => {
      const early = await cookies();
      after(async () => {
        const store = await cookies();
        read = store.get('a')?.value;
        expect(store).toBe(early);
        store.set('b', '1');
      });
      after(async () => {
        (await cookies()).delete('a');
      });
    });
    await runAfterTasks(scope, (error) => errors.push(error));
    expect(read).toBe('1');
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ReadonlyRequestCookiesError);
      expect((error as Error).message).toBe(
        'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options',
      );
    }
  });

  it('a promise that rejects before the tasks run is reported then, never left unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const scope = scopeFor();
      runInScope(scope, () => {
        after(Promise.reject(new Error('early')));
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
      const errors: unknown[] = [];
      await runAfterTasks(scope, (error) => errors.push(error));
      expect(errors).toEqual([new Error('early')]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('refuses something that is neither a function nor a promise', () => {
    runInScope(scopeFor(), () => {
      expect(() => {
        after('nope' as unknown as () => void);
      }).toThrow(InvalidAfterTaskError);
    });
  });

  it('resolves at once when nothing was queued', async () => {
    await expect(runAfterTasks(scopeFor())).resolves.toBeUndefined();
  });
});

describe('draftMode()', () => {
  it('is off by default; enable() sets the bypass cookie and disable() expires it', async () => {
    const scope = scopeFor();
    const fields = await runInScope(scope, async () => {
      const mode = await draftMode();
      expect(mode.isEnabled).toBe(false);
      mode.enable();
      expect(mode.isEnabled).toBe(true);
      return withScopeCookies(scope, new Response()).headers.getSetCookie();
    });
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatch(
      /^__prerender_bypass=[0-9a-f-]{36}; Path=\/; Secure; HttpOnly; SameSite=none$/,
    );

    const next = createRequestScope(
      new NextRequest('http://localhost/', {
        headers: { cookie: (fields[0] ?? '').split(';')[0] ?? '' },
      }),
    );
    await runInScope(next, async () => {
      const mode = await draftMode();
      expect(mode.isEnabled).toBe(true);
      mode.disable();
      expect(mode.isEnabled).toBe(false);
      expect(withScopeCookies(next, new Response()).headers.getSetCookie()).toEqual([
        `__prerender_bypass=; Path=/; Expires=${EPOCH}; Secure; HttpOnly; SameSite=none`,
      ]);
    });
  });

  it('is off for a bypass cookie it did not issue', async () => {
    const mode = await runInScope(scopeFor('__prerender_bypass=guess'), () => draftMode());
    expect(mode.isEnabled).toBe(false);
  });
});

describe('isolation', () => {
  it('1,000 concurrent requests with distinct cookies and random awaits never see each other', async () => {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const jitter = () =>
      Math.random() < 0.5 ? sleep(Math.floor(Math.random() * 5)) : Promise.resolve();
    const results = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const request = createLazyRequest({
          method: 'GET',
          url: `http://localhost/r/${i}`,
          rawHeaders: ['cookie', `id=${i}; shared=${i}`, 'x-id', String(i)],
        });
        const scope = createRequestScope(request);
        const response = await runInScope(scope, async () => {
          await jitter();
          const store = await cookies();
          const seen = [store.get('id')?.value];
          await jitter();
          store.set('mine', `v${i}`);
          await jitter();
          seen.push((await headers()).get('x-id') ?? '');
          await jitter();
          seen.push((await cookies()).get('mine')?.value ?? '');
          after(async () => {
            await jitter();
            seen.push((await cookies()).get('id')?.value ?? '');
          });
          return { seen, response: new Response(String(i)) };
        });
        const out = withScopeCookies(scope, response.response);
        await runAfterTasks(scope);
        return { i, seen: response.seen, setCookie: out.headers.getSetCookie() };
      }),
    );
    let crossTalk = 0;
    for (const { i, seen, setCookie } of results) {
      const expected = [String(i), String(i), `v${i}`, String(i)];
      if (seen.join() !== expected.join() || setCookie.join() !== `mine=v${i}; Path=/`) crossTalk++;
    }
    expect(crossTalk).toBe(0);
    expect(results).toHaveLength(1000);
  });
});
