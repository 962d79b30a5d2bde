import { Readable } from 'node:stream';
import { Client, type Dispatcher } from 'undici';
import type { CaseRequest, CaseResponse } from './case.js';

// A body sent piece by piece, each piece its own write, a few milliseconds apart.
async function* pieces(chunks: readonly string[]): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const [i, chunk] of chunks.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    yield encoder.encode(chunk);
  }
}

/** What a request the client gave up on before any answer gets: status 0, nothing else. */
export function gaveUp(): CaseResponse {
  return {
    status: 0,
    statusText: '',
    headers: Object.create(null) as Record<string, string[]>,
    body: '',
    bytes: new Uint8Array(0),
    chunks: [],
    bodyError: 'aborted before an answer',
    header: () => undefined,
    json: () => {
      throw new SyntaxError('no answer');
    },
  };
}

/** Sends case requests to one origin over a keep-alive connection, paths exactly as written. */
export class CaseHttpClient {
  readonly #origin: string;
  #client: Client;

  /** @param baseUrl the server's origin, e.g. `http://127.0.0.1:3000` */
  constructor(baseUrl: string) {
    this.#origin = new URL(baseUrl).origin;
    this.#client = this.#connect();
  }

  #connect(): Client {
    return new Client(this.#origin, {
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
      keepAliveTimeout: 1_000,
      pipelining: 0,
    });
  }

  /**
   * Sends one request and reads the whole answer; a body that breaks off is reported in
   * `bodyError` with the text received until then.
   * @param request the request, its path sent raw
   */
  async send(request: CaseRequest): Promise<CaseResponse> {
    const started = performance.now();
    const controller = new AbortController();
    const timer =
      request.abortAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            controller.abort();
          }, request.abortAfterMs);
    let res: Dispatcher.ResponseData<unknown>;
    try {
      res = await this.#client.request({
        method: request.method ?? 'GET',
        path: request.path,
        headers: request.headers,
        body: request.bodyChunks ? Readable.from(pieces(request.bodyChunks)) : request.body,
        signal: controller.signal,
      });
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      // Given up before any answer: start afresh for the next request.
      await this.#client.destroy().catch(() => undefined);
      this.#client = this.#connect();
      return gaveUp();
    } finally {
      clearTimeout(timer);
    }
    const chunks: { at: number; text: string }[] = [];
    const raw: Uint8Array[] = [];
    const decoder = new TextDecoder();
    let bodyError: string | undefined;
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        raw.push(chunk);
        chunks.push({
          at: Math.round(performance.now() - started),
          text: decoder.decode(chunk, { stream: true }),
        });
        if (request.abortAfterChunks !== undefined && chunks.length >= request.abortAfterChunks) {
          controller.abort();
          break;
        }
      }
    } catch (error) {
      bodyError =
        error instanceof Error
          ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`
          : String(error);
    }
    if (bodyError !== undefined || request.abortAfterChunks !== undefined) {
      // The connection is gone or in an unknown state: start afresh for the next request.
      await this.#client.destroy().catch(() => undefined);
      this.#client = this.#connect();
    }
    const headers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      headers[name.toLowerCase()] = Array.isArray(value) ? value : [value];
    }
    const body = chunks.map((c) => c.text).join('');
    return {
      status: res.statusCode,
      statusText: (res as { statusText?: string }).statusText ?? '',
      headers,
      body,
      bytes: new Uint8Array(Buffer.concat(raw)),
      chunks,
      bodyError,
      header: (name) => headers[name.toLowerCase()]?.[0],
      json: () => JSON.parse(body) as unknown,
    };
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.#client.close().catch(() => undefined);
  }
}
