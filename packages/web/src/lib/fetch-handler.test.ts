import { describe, expect, it } from 'vitest';
import { createFetchExport, createFetchHandler } from './fetch-handler.js';
import type { AppContext, AppHandler } from '@approute/request';

/** An app that answers with `respond`, given the context the adapter handed it. */
function recordingApp(respond: (context: AppContext) => Response): AppHandler {
  return (_request, context = {}) => Promise.resolve(respond(context));
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createFetchHandler', () => {
  it('returns an answer the app made at once as a Response, and a later one as a promise', async () => {
    const handler = createFetchHandler((request) =>
      request.url.endsWith('/later') ? Promise.resolve(new Response('later')) : new Response('now'),
    );
    const now = handler(new Request('http://localhost/now'));
    expect(now).toBeInstanceOf(Response);
    expect(await (now as Response).text()).toBe('now');
    const later = handler(new Request('http://localhost/later'));
    expect(later).toBeInstanceOf(Promise);
    expect(await (await later).text()).toBe('later');
  });

  it("hands the app the runtime's ctx.waitUntil, called on the context itself", async () => {
    const kept: Promise<unknown>[] = [];
    const ctx = {
      promises: kept,
      waitUntil(this: { promises: Promise<unknown>[] }, promise: Promise<unknown>) {
        this.promises.push(promise);
      },
    };
    const app = recordingApp((context) => {
      context.waitUntil?.(Promise.resolve('background'));
      return new Response('ok');
    });
    const response = await createFetchHandler(app)(new Request('http://localhost/'), {}, ctx);
    expect(await response.text()).toBe('ok');
    expect(kept).toHaveLength(1);
    expect(await kept[0]).toBe('background');
  });

  it('takes waitUntil from the second argument when the runtime passes a context there', async () => {
    const kept: Promise<unknown>[] = [];
    const app = recordingApp((context) => {
      context.waitUntil?.(Promise.resolve(1));
      return new Response(null, { status: 204 });
    });
    await createFetchHandler(app)(new Request('http://localhost/'), {
      waitUntil: (p: Promise<unknown>) => kept.push(p),
    });
    expect(kept).toHaveLength(1);
  });

  it('calls onClose callbacks only after the whole body was read', async () => {
    const events: string[] = [];
    const app = recordingApp((context) => {
      context.onClose?.(() => events.push('closed'));
      return new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('a'));
            controller.enqueue(new TextEncoder().encode('b'));
            controller.close();
          },
        }),
        { status: 201, headers: { 'x-kept': 'yes' } },
      );
    });
    const response = await createFetchHandler(app)(new Request('http://localhost/'));
    expect(response.status).toBe(201);
    expect(response.headers.get('x-kept')).toBe('yes');
    await tick();
    expect(events).toEqual([]);
    expect(await response.text()).toBe('ab');
    await tick();
    expect(events).toEqual(['closed']);
  });

  it('calls onClose callbacks when the runtime cancels the body', async () => {
    let cancelled = false;
    const events: string[] = [];
    const app = recordingApp((context) => {
      context.onClose?.(() => events.push('closed'));
      return new Response(
        new ReadableStream<Uint8Array>({
          pull: () => new Promise(() => undefined),
          cancel: () => {
            cancelled = true;
          },
        }),
      );
    });
    const response = await createFetchHandler(app)(new Request('http://localhost/'));
    await response.body?.cancel(new Error('client went away'));
    await tick();
    expect(cancelled).toBe(true);
    expect(events).toEqual(['closed']);
  });

  it('calls onClose callbacks for a response without a body, after it was returned', async () => {
    const events: string[] = [];
    const app = recordingApp((context) => {
      context.onClose?.(() => events.push('closed'));
      return new Response(null, { status: 204 });
    });
    const response = await createFetchHandler(app)(new Request('http://localhost/'));
    events.push('returned');
    expect(response.status).toBe(204);
    await tick();
    expect(events).toEqual(['returned', 'closed']);
  });

  it('returns the response of the app untouched when nothing waits for the close', async () => {
    const answer = new Response('same');
    const response = await createFetchHandler(recordingApp(() => answer))(
      new Request('http://localhost/'),
    );
    expect(response).toBe(answer);
  });

  it('answers an empty 500 and logs when the app itself fails', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => logged.push(error);
    try {
      const failing: AppHandler = () => Promise.reject(new Error('router broke'));
      const response = await createFetchHandler(failing)(new Request('http://localhost/'));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('');
      expect(logged).toEqual([new Error('router broke')]);
    } finally {
      console.error = original;
    }
  });

  it('offers the { fetch } object that a module exports as its default', async () => {
    const exported = createFetchExport(recordingApp(() => new Response('hi')));
    expect(Object.getPrototypeOf(exported)).toBe(Object.prototype);
    expect(await (await exported.fetch(new Request('http://localhost/'))).text()).toBe('hi');
  });
});

describe('createFetchHandler under Deno.serve', () => {
  it("runs onClose callbacks when Deno's info.completed settles, leaving the body alone", async () => {
    const events: string[] = [];
    const answer = new Response('streamed as is');
    const app = recordingApp((context) => {
      context.onClose?.(() => events.push('closed'));
      return answer;
    });
    let complete!: () => void;
    const info = {
      remoteAddr: { hostname: '127.0.0.1', port: 1 },
      completed: new Promise<void>((resolve) => (complete = resolve)),
    };
    const response = await createFetchHandler(app)(new Request('http://localhost/'), info);
    expect(response).toBe(answer);
    await tick();
    expect(events).toEqual([]);
    complete();
    await tick();
    expect(events).toEqual(['closed']);
  });
});
