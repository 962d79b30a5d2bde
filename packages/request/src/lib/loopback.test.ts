// The model end to end over a real socket: a bare node:http server builds lazy requests from
// IncomingMessage the way an adapter does, runs a handler in the request scope and writes the
// finalised response; the client is fetch.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLazyRequest } from './lazy-request.js';
import { redirect } from './navigation.js';
import type { NextRequest } from './next-request.js';
import { NextResponse } from './next-response.js';
import { cookies, headers } from './request-apis.js';
import { after, createRequestScope, runAfterTasks, runInScope } from './scope.js';
import { controlFlowResponse, withScopeCookies } from './set-cookie-merge.js';

type Handler = (request: NextRequest) => Promise<Response>;

const afterLog: string[] = [];

const handlers: Record<string, Handler> = {
  '/echo': async (request) => {
    const body = (await request.json()) as { name: string };
    const store = await cookies();
    store.set('greeted', body.name, { httpOnly: true });
    store.delete('old');
    after(() => {
      afterLog.push(`after:${body.name}`);
    });
    const response = NextResponse.json({
      hello: body.name,
      session: request.cookies.get('session')?.value ?? null,
      path: request.nextUrl.pathname,
      agent: (await headers()).get('x-agent'),
    });
    response.cookies.set('own', '1');
    return response;
  },
  '/go': async () => {
    (await cookies()).set('flash', 'moved');
    redirect('/elsewhere?x=1');
  },
};

function toLazy(req: IncomingMessage): NextRequest {
  return createLazyRequest({
    method: req.method ?? 'GET',
    url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    rawHeaders: req.rawHeaders,
    body: () => Readable.toWeb(req) as ReadableStream<Uint8Array>,
  });
}

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const request = toLazy(req);
      const scope = createRequestScope(request);
      const handler = handlers[request.nextUrl.pathname];
      let response: Response;
      try {
        if (!handler) throw new Error('no route');
        response = withScopeCookies(scope, await runInScope(scope, () => handler(request)));
      } catch (error) {
        response = controlFlowResponse(error, scope) ?? new Response(null, { status: 500 });
      }
      const head: string[] = [];
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') head.push(name, value);
      });
      for (const field of response.headers.getSetCookie()) head.push('set-cookie', field);
      res.writeHead(response.status, head);
      res.end(Buffer.from(await response.arrayBuffer()));
      await runAfterTasks(scope);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error) reject(error);
      else resolve();
    });
  });
});

describe('over a real socket', () => {
  it('reads the body from the socket, and sends each cookie as its own Set-Cookie field', async () => {
    const response = await fetch(`${origin}/echo`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: 'session=s1; old=x',
        'x-agent': 'test',
      },
      body: JSON.stringify({ name: 'Ada Lovelace' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      hello: 'Ada Lovelace',
      session: 's1',
      path: '/echo',
      agent: 'test',
    });
    expect(response.headers.getSetCookie()).toEqual([
      'own=1; Path=/',
      'old=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'greeted=Ada%20Lovelace; Path=/; HttpOnly',
    ]);
    await expect.poll(() => afterLog).toContain('after:Ada Lovelace');
  });

  it('answers redirect() with 307, Location as given and the cookies set before it', async () => {
    const response = await fetch(`${origin}/go`, { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('/elsewhere?x=1');
    expect(response.headers.getSetCookie()).toEqual(['flash=moved; Path=/']);
    expect(await response.text()).toBe('');
  });
});
