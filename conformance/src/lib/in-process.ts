// A client that calls an app in-process instead of over a socket: each case request becomes a
// `Request` handed to the app's fetch handler, the raw request target travelling beside it (as
// the Node adapter passes it), and the answer is read as the HTTP client reads one.
import type { CaseRequest, CaseResponse } from './case.js';
import { gaveUp } from './http.js';
import type { CaseClient } from './run.js';

/** What an app gets to know about the connection, as `@approute/request`'s `AppContext`. */
export interface InProcessContext {
  onClose: (callback: () => void) => void;
  waitUntil: (promise: Promise<unknown>) => void;
  target: string;
}

/** An app: a fetch handler that takes the connection context an adapter gives. */
export type InProcessApp = (
  request: Request,
  context: InProcessContext,
) => Response | Promise<Response>;

/** A request the Fetch API cannot represent, so only a server adapter can hand it to an app. */
export class NotRepresentableError extends Error {
  override readonly name = 'NotRepresentableError';
}

/** Sends case requests to an app called in-process. */
export class InProcessClient implements CaseClient {
  readonly #app: InProcessApp;
  readonly #origin: string;

  /**
   * @param app the app
   * @param origin the origin its requests get
   */
  constructor(app: InProcessApp, origin = 'http://127.0.0.1:3000') {
    this.#app = app;
    this.#origin = origin;
  }

  /**
   * Hands one request to the app and reads the whole answer.
   * @param request the case request; its path is also passed raw
   */
  async send(request: CaseRequest): Promise<CaseResponse> {
    const started = performance.now();
    const controller = new AbortController();
    let fetchRequest: Request;
    try {
      // Bytes, not a string: a string body would get a content type no HTTP client sends.
      const body =
        typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
      const init: RequestInit & { duplex: 'half' } = {
        method: request.method ?? 'GET',
        signal: controller.signal,
        duplex: 'half',
      };
      if (request.headers) init.headers = request.headers;
      if (request.bodyChunks) {
        const encoder = new TextEncoder();
        const chunks = [...request.bodyChunks];
        init.body = new ReadableStream<Uint8Array>({
          pull(controller) {
            const next = chunks.shift();
            if (next === undefined) controller.close();
            else controller.enqueue(encoder.encode(next));
          },
        });
      } else if (body) init.body = new Blob([new Uint8Array(body)]);
      fetchRequest = new Request(this.#origin + request.path, init);
    } catch (error) {
      throw new NotRepresentableError(
        `the Fetch API cannot make this request (${(error as Error).message})`,
      );
    }
    // As an adapter does: the raw target beside the request, and the close callbacks (after())
    // called once the answer was read to its end or cancelled.
    const closers: (() => void)[] = [];
    const context: InProcessContext = {
      onClose: (callback) => closers.push(callback),
      waitUntil: (promise) => void promise.catch(() => undefined),
      target: request.path,
    };
    const answer = Promise.resolve(this.#app(fetchRequest, context));
    let response: Response;
    if (request.abortAfterMs === undefined) response = await answer;
    else {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(resolve, request.abortAfterMs, undefined);
      });
      const first = await Promise.race([answer, timeout]);
      clearTimeout(timer);
      if (first === undefined) {
        // The client gives up before an answer: its signal aborts, the answer is dropped.
        controller.abort();
        void answer.then(
          async (late) => {
            await late.body?.cancel().catch(() => undefined);
            for (const callback of closers) callback();
          },
          () => undefined,
        );
        return gaveUp();
      }
      response = first;
    }
    const chunks: { at: number; text: string }[] = [];
    const raw: Uint8Array[] = [];
    const decoder = new TextDecoder();
    let bodyError: string | undefined;
    const reader = response.body?.getReader();
    try {
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        raw.push(value);
        chunks.push({
          at: Math.round(performance.now() - started),
          text: decoder.decode(value, { stream: true }),
        });
        if (request.abortAfterChunks !== undefined && chunks.length >= request.abortAfterChunks) {
          // The client goes away: its signal aborts and the body is cancelled.
          controller.abort();
          await reader.cancel().catch(() => undefined);
          break;
        }
      }
    } catch (error) {
      bodyError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    for (const callback of closers) callback();
    const headers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const [name, value] of response.headers) (headers[name] ??= []).push(value);
    const body = chunks.map((c) => c.text).join('');
    return {
      status: response.status,
      statusText: response.statusText,
      headers,
      body,
      bytes: new Uint8Array(Buffer.concat(raw)),
      chunks,
      bodyError,
      header: (name) => headers[name.toLowerCase()]?.[0],
      json: () => JSON.parse(body) as unknown,
    };
  }
}
