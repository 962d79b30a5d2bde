import { describe, expect, it } from 'vitest';
import { NextFetchEvent, PageSignatureError } from './next-fetch-event.js';

describe('NextFetchEvent', () => {
  it('hands waitUntil() promises to the context, and names its page', () => {
    const kept: Promise<unknown>[] = [];
    const event = new NextFetchEvent({
      page: '/proxy',
      context: { waitUntil: (p) => kept.push(p) },
    });
    const work = Promise.resolve(1);
    event.waitUntil(work);
    expect(kept).toEqual([work]);
    expect(event.sourcePage).toBe('/proxy');
  });

  it('takes waitUntil() without a context', () => {
    expect(() => {
      new NextFetchEvent({ page: '/proxy' }).waitUntil(Promise.resolve());
    }).not.toThrow();
  });

  it('refuses the removed members with the Next.js message', () => {
    const event = new NextFetchEvent({ page: '/middleware' });
    expect(() => event.request).toThrow(PageSignatureError);
    expect(() => event.respondWith()).toThrow(
      'The middleware "/middleware" accepts an async API directly with the form:',
    );
  });
});
