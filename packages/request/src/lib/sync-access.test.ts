import { describe, expect, it } from 'vitest';
import { NextRequest } from './next-request.js';
import { cookies, draftMode, headers } from './request-apis.js';
import { createRequestScope, runInScope, type RequestScope } from './scope.js';
import { syncParams } from './sync-access.js';

const LEARN = 'Learn more: https://nextjs.org/docs/messages/sync-dynamic-apis';

function compatScope(dev: boolean, cookie = 'a=1; b=2'): [RequestScope, string[]] {
  const warnings: string[] = [];
  const scope = createRequestScope(
    new NextRequest('http://localhost/x', { headers: { cookie, 'x-a': 'one' } }),
  );
  scope.syncAccess = {
    route: '/blog/[slug]',
    warn: dev ? (message) => warnings.push(message) : undefined,
  };
  return [scope, warnings];
}

// What code written for Next.js 14 does: use the promise as if it were the value.
type Sync<T> = Promise<T> & T;
interface SyncCookies {
  get(name: string): unknown;
  has(name: string): boolean;
  set(name: string, value: string): unknown;
  readonly size: number;
  [Symbol.iterator](): IterableIterator<[string, unknown]>;
}
interface SyncHeaders {
  get(name: string): string | null;
  set(name: string, value: string): void;
}
interface SyncDraftMode {
  readonly isEnabled: boolean;
  enable(): void;
}

describe('params with synchronous access (Next.js 15)', () => {
  it('is a promise of the params that also carries each param', async () => {
    const [scope] = compatScope(false);
    const params = syncParams({ slug: 'a b', rest: ['x', 'y'] }, scope) as Sync<{
      slug: string;
      rest: string[];
    }>;
    expect(params).toBeInstanceOf(Promise);
    expect(params.slug).toBe('a b');
    expect(params.rest).toEqual(['x', 'y']);
    expect(await params).toEqual({ slug: 'a b', rest: ['x', 'y'] });
  });

  it('never copies a name that would shadow a Promise member', async () => {
    const [scope] = compatScope(false);
    const params = syncParams({ then: 'x', id: '1' }, scope);
    expect(typeof params.then).toBe('function');
    expect(await params).toEqual({ then: 'x', id: '1' });
  });

  it("warns in development with Next.js 15's text, once per request", () => {
    const [scope, warnings] = compatScope(true);
    const params = syncParams({ slug: 'a', 'my-id': '2' }, scope) as Sync<Record<string, string>>;
    expect(params.slug).toBe('a');
    expect(params.slug).toBe('a');
    expect(params['my-id']).toBe('2');
    expect(warnings).toEqual([
      `Route "/blog/[slug]" used \`params.slug\`. \`params\` should be awaited before using its properties. ${LEARN}`,
      `Route "/blog/[slug]" used \`params["my-id"]\`. \`params\` should be awaited before using its properties. ${LEARN}`,
    ]);
  });

  it('warns about enumeration, naming what could not be copied (and about each read)', () => {
    const [scope, warnings] = compatScope(true);
    const params = syncParams({ id: '1', then: 't' }, scope) as unknown as Record<string, string>;
    expect({ ...params }).toEqual({ id: '1' });
    expect(warnings).toEqual([
      `Route "/blog/[slug]" used \`...params\` or similar expression. \`params\` should be awaited before using its properties. The following properties were not available through enumeration because they conflict with builtin property names: \`then\`. ${LEARN}`,
      `Route "/blog/[slug]" used \`params.id\`. \`params\` should be awaited before using its properties. ${LEARN}`,
    ]);
  });

  it('is silent in production', () => {
    const [scope, warnings] = compatScope(false);
    const params = syncParams({ slug: 'a' }, scope) as Sync<{ slug: string }>;
    expect(params.slug).toBe('a');
    expect(warnings).toEqual([]);
  });
});

describe('cookies(), headers() and draftMode() with synchronous access', () => {
  it('cookies() can be used before it is awaited, and is the same promise each call', async () => {
    const [scope, warnings] = compatScope(true);
    await runInScope(scope, async () => {
      const promise = cookies();
      const store = promise as unknown as SyncCookies;
      expect(cookies()).toBe(promise);
      expect(store.get('a')).toEqual({ name: 'a', value: '1', path: '/' });
      expect(store.has('b')).toBe(true);
      expect(store.size).toBe(2);
      store.set('c', '3');
      expect((await promise).get('c')?.value).toBe('3');
      expect(Array.from(store, ([name]) => name)).toEqual(['a', 'b', 'c']);
    });
    expect(warnings).toEqual([
      `Route "/blog/[slug]" used \`cookies().get('a')\`. \`cookies()\` should be awaited before using its value. ${LEARN}`,
      `Route "/blog/[slug]" used \`cookies().has('b')\`. \`cookies()\` should be awaited before using its value. ${LEARN}`,
      `Route "/blog/[slug]" used \`cookies().size\`. \`cookies()\` should be awaited before using its value. ${LEARN}`,
      `Route "/blog/[slug]" used \`cookies().set('c', ...)\`. \`cookies()\` should be awaited before using its value. ${LEARN}`,
      `Route "/blog/[slug]" used \`...cookies()\` or similar iteration. \`cookies()\` should be awaited before using its value. ${LEARN}`,
    ]);
  });

  it('headers() can be read before it is awaited and stays read-only', () => {
    const [scope, warnings] = compatScope(true);
    runInScope(scope, () => {
      const view = headers() as unknown as SyncHeaders;
      expect(view.get('x-a')).toBe('one');
      expect(() => {
        view.set('x-a', 'two');
      }).toThrow('Headers cannot be modified.');
    });
    expect(warnings[0]).toBe(
      `Route "/blog/[slug]" used \`headers().get('x-a')\`. \`headers()\` should be awaited before using its value. ${LEARN}`,
    );
    expect(warnings[1]).toContain("used `headers().set('x-a', ...)`.");
  });

  it('draftMode() has isEnabled, enable() and disable() on the promise', () => {
    const [scope, warnings] = compatScope(true);
    runInScope(scope, () => {
      const mode = draftMode() as unknown as SyncDraftMode;
      expect(mode.isEnabled).toBe(false);
      mode.enable();
      expect(mode.isEnabled).toBe(true);
    });
    expect(warnings).toEqual([
      `Route "/blog/[slug]" used \`draftMode().isEnabled\`. \`draftMode()\` should be awaited before using its value. ${LEARN}`,
      `Route "/blog/[slug]" used \`draftMode().enable()\`. \`draftMode()\` should be awaited before using its value. ${LEARN}`,
    ]);
  });

  it('without the switch, the promise has no members (Next.js 16)', () => {
    const scope = createRequestScope(new NextRequest('http://localhost/x'));
    runInScope(scope, () => {
      expect((cookies() as unknown as Partial<SyncCookies>).get).toBeUndefined();
      expect((headers() as unknown as Partial<SyncHeaders>).get).toBeUndefined();
      expect((draftMode() as unknown as Partial<SyncDraftMode>).isEnabled).toBeUndefined();
    });
  });
});
