import { connect } from 'node:net';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppHandler } from '@approute/request';
import { LightResponse, NativeResponse } from './light-response.js';
import { serve, type RunningServer } from './serve.js';
import { sleep } from './test-utils.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('serve', () => {
  it('listens on a free port and reports its URL', async () => {
    running = await serve({
      port: 0,
      handleSignals: false,
      fetch: (req) => new Response(new URL(req.url).pathname),
    });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await request(`${running.url}/x`)).body.text()).toBe('/x');
  });

  it('makes the global Response light until the last server closes; string bodies arrive whole with their length', async () => {
    running = await serve({
      port: 0,
      handleSignals: false,
      fetch: () => new Response('light body', { headers: { 'x-a': '1' } }),
    });
    expect(globalThis.Response).toBe(LightResponse);
    const second = await serve({ port: 0, handleSignals: false, fetch: () => new Response('2') });
    const res = await request(running.url);
    expect(res.headers['content-length']).toBe('10');
    expect(res.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(res.headers['x-a']).toBe('1');
    expect(await res.body.text()).toBe('light body');
    await running.close();
    running = undefined;
    expect(globalThis.Response).toBe(LightResponse);
    await second.close();
    expect(globalThis.Response).toBe(NativeResponse);
  });

  it('hands the app its onClose hook, called back once the response was sent', async () => {
    const events: string[] = [];
    const app: AppHandler = (_req, context) => {
      context?.onClose?.(() => events.push('closed'));
      events.push('handled');
      return Promise.resolve(new Response('body'));
    };
    running = await serve({ port: 0, handleSignals: false, fetch: app });
    const res = await request(running.url);
    expect(await res.body.text()).toBe('body');
    for (let i = 0; i < 50 && events.length < 2; i++) await sleep(5);
    expect(events).toEqual(['handled', 'closed']);
  });

  it('close() lets an in-flight request finish, refuses new connections, and resolves', async () => {
    let started: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    running = await serve({
      port: 0,
      handleSignals: false,
      fetch: async () => {
        started();
        await sleep(200);
        return new Response('finished');
      },
    });
    const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
    const pending = request(running.url, { dispatcher });
    await inFlight;
    const closed = running.close();
    const { port } = new URL(running.url);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => {
        resolve(true);
      });
    });
    expect(refused).toBe(true);
    const res = await pending;
    expect(await res.body.text()).toBe('finished');
    // The keep-alive connection is closed once idle, so close() resolves without waiting for its timeout.
    const started2 = Date.now();
    await closed;
    expect(Date.now() - started2).toBeLessThan(2_000);
    running = undefined;
    await dispatcher.close();
  });

  it('close() cuts requests still running after the grace period', async () => {
    running = await serve({
      port: 0,
      handleSignals: false,
      gracePeriod: 100,
      fetch: async () => {
        await sleep(5_000);
        return new Response('too late');
      },
    });
    const pending = request(running.url).then(
      () => 'answered',
      () => 'cut',
    );
    await sleep(50);
    const before = Date.now();
    await running.close();
    running = undefined;
    expect(Date.now() - before).toBeLessThan(2_000);
    expect(await pending).toBe('cut');
  });

  it('close() waits for the waitUntil work of answered requests, within the grace period', async () => {
    const finished: string[] = [];
    running = await serve({
      port: 0,
      handleSignals: false,
      fetch: (request, context) => {
        const ms = Number(new URL(request.url).searchParams.get('ms'));
        context?.waitUntil?.(sleep(ms).then(() => finished.push(String(ms))));
        return new Response('answered');
      },
    });
    await request(`${running.url}/?ms=300`).then((res) => res.body.text());
    const before = performance.now();
    await running.close();
    running = undefined;
    expect(finished).toEqual(['300']);
    expect(performance.now() - before).toBeGreaterThanOrEqual(250);
  });

  it('close() gives up on waitUntil work at the end of the grace period', async () => {
    let finished = false;
    running = await serve({
      port: 0,
      handleSignals: false,
      gracePeriod: 100,
      fetch: (_request, context) => {
        context?.waitUntil?.(sleep(3_000).then(() => (finished = true)));
        return new Response('answered');
      },
    });
    await request(running.url).then((res) => res.body.text());
    const before = performance.now();
    await running.close();
    running = undefined;
    expect(performance.now() - before).toBeLessThan(1_000);
    expect(finished).toBe(false);
  });
});

describe('errors nobody caught', () => {
  it('an unhandled rejection from a handler is logged and the server keeps serving', async () => {
    const lines: unknown[][] = [];
    const original = console.error;
    console.error = (...data: unknown[]) => lines.push(data);
    try {
      running = await serve({
        port: 0,
        handleSignals: false,
        fetch: () => {
          void Promise.reject(new Error('forgotten'));
          return new Response('answered');
        },
      });
      const res = await request(running.url);
      expect(await res.body.text()).toBe('answered');
      await sleep(50);
      const again = await request(running.url);
      expect(again.statusCode).toBe(200);
      await again.body.dump();
    } finally {
      console.error = original;
    }
    expect(lines.filter((line) => line[0] === ' ⨯ unhandledRejection:')).toHaveLength(2);
    expect((lines[0]?.[1] as Error).message).toBe('forgotten');
  });
});
