import { describe, expect, it } from 'vitest';
import {
  forbidden,
  HTTPAccessFallbackError,
  notFound,
  permanentRedirect,
  readControlFlow,
  redirect,
  RedirectError,
  RedirectType,
  unauthorized,
  unstable_rethrow,
} from './navigation.js';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('navigation errors', () => {
  it('redirect() throws a 307 redirect error with the URL as given and the Next.js digest', () => {
    const error = caught(() => redirect('/a;b?c=1'));
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({
      message: 'NEXT_REDIRECT',
      status: 307,
      url: '/a;b?c=1',
      digest: 'NEXT_REDIRECT;replace;/a;b?c=1;307;',
    });
    expect(readControlFlow(error)).toEqual({ kind: 'redirect', status: 307, url: '/a;b?c=1' });
  });

  it('permanentRedirect() throws a 308 redirect error', () => {
    const error = caught(() => permanentRedirect('https://example.com/', RedirectType.push));
    expect(readControlFlow(error)).toEqual({
      kind: 'redirect',
      status: 308,
      url: 'https://example.com/',
    });
    expect((error as RedirectError).digest).toBe('NEXT_REDIRECT;push;https://example.com/;308;');
  });

  it('notFound(), forbidden() and unauthorized() throw 404, 403 and 401', () => {
    expect(readControlFlow(caught(notFound))).toEqual({ kind: 'status', status: 404 });
    expect(readControlFlow(caught(forbidden))).toEqual({ kind: 'status', status: 403 });
    expect(readControlFlow(caught(unauthorized))).toEqual({ kind: 'status', status: 401 });
    expect(caught(notFound)).toBeInstanceOf(HTTPAccessFallbackError);
    expect((caught(notFound) as HTTPAccessFallbackError).digest).toBe(
      'NEXT_HTTP_ERROR_FALLBACK;404',
    );
  });

  it('recognises the digest of an error from elsewhere, and nothing else', () => {
    expect(readControlFlow({ digest: 'NEXT_REDIRECT;replace;/x;308;' })).toEqual({
      kind: 'redirect',
      status: 308,
      url: '/x',
    });
    expect(readControlFlow({ digest: 'NEXT_REDIRECT;replace;/x;200;' })).toBeUndefined();
    expect(readControlFlow({ digest: 'NEXT_HTTP_ERROR_FALLBACK;500' })).toBeUndefined();
    expect(readControlFlow(new Error('NEXT_REDIRECT'))).toBeUndefined();
    expect(readControlFlow(null)).toBeUndefined();
    expect(readControlFlow('NEXT_REDIRECT')).toBeUndefined();
    expect(readControlFlow({ digest: 42 })).toBeUndefined();
  });

  it('unstable_rethrow rethrows control-flow errors only', () => {
    const error = caught(() => redirect('/x'));
    expect(() => {
      unstable_rethrow(error);
    }).toThrow(RedirectError);
    expect(() => {
      unstable_rethrow(new Error('plain'));
    }).not.toThrow();
  });

  it('RedirectType has push and replace', () => {
    expect(RedirectType).toEqual({ push: 'push', replace: 'replace' });
  });
});
