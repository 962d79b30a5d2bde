import type { ServerResponse } from 'node:http';
import { hasField, lightState, NativeResponse } from '@approute/request/internal';

type Chunk = Uint8Array;
type Read = ReadableStreamReadResult<Chunk>;

const NOT_YET: unique symbol = Symbol('not yet');

/**
 * Resolves with the read if the stream already has it, or with NOT_YET after a few microtask
 * turns. A body built from a string or bytes (`Response.json`, `new Response('x')`) is ready
 * by then, so it can go out with a `Content-Length` in one `end()`; a body still being produced
 * must not hold back the headers.
 */
function readIfReady(read: Promise<Read>): Promise<Read | typeof NOT_YET> {
  return Promise.race([
    read,
    Promise.resolve()
      .then()
      .then()
      .then()
      .then((): typeof NOT_YET => NOT_YET),
  ]);
}

// Node's fetch (undici 6, in Node 20 and 22) keeps what a Response was built from, a string or
// bytes, beside the body stream in an internal state object. Writing that source directly skips
// reading a web stream (several promises per response) and gives the Content-Length for free.
// Where the state is not found (another fetch implementation), the stream path below is used.
interface BodyState {
  body: { stream: ReadableStream<Uint8Array>; source: unknown } | null;
}
const STATE = ((): symbol | undefined => {
  const probe = new NativeResponse('probe');
  for (const symbol of Object.getOwnPropertySymbols(probe)) {
    const state = (probe as unknown as Record<symbol, Partial<BodyState> | undefined>)[symbol];
    if (state?.body?.source === 'probe' && state.body.stream === probe.body) return symbol;
  }
  return undefined;
})();

/** The string or bytes a response body was built from, if it is still unread. */
function bodySource(response: Response): string | Uint8Array | undefined {
  if (STATE === undefined) return undefined;
  const body = (response as unknown as Record<symbol, BodyState | undefined>)[STATE]?.body;
  if (!body || body.stream.locked || response.bodyUsed) return undefined;
  const source = body.source;
  return typeof source === 'string' || source instanceof Uint8Array ? source : undefined;
}

// A cached answer's bytes as a latin1 string (one byte, one character), made once per body:
// node:http writes a string body with the head in one write, but bytes with a writev of two
// chunks, ~2,000 instructions more a request under callgrind on Node 26. Only bodies that are
// shared and never changed (a cached answer's) are kept, weakly, and only small ones.
const latin1Bodies = new WeakMap<Uint8Array, string>();
const LATIN1_LIMIT = 64 * 1024;

function latin1Of(body: Uint8Array): string | undefined {
  if (body.byteLength > LATIN1_LIMIT) return undefined;
  let text = latin1Bodies.get(body);
  if (text === undefined) {
    text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
    latin1Bodies.set(body, text);
  }
  return text;
}

/** The header fields of a response, flat as `writeHead` takes them. */
function headerFields(headers: Headers): string[] {
  const fields: string[] = [];
  // Headers iteration yields each Set-Cookie on its own, so every cookie stays its own field.
  for (const [name, value] of headers) fields.push(name, value);
  return fields;
}

function writeHead(res: ServerResponse, response: Response, fields: string[]): void {
  if (response.statusText === '') res.writeHead(response.status, fields);
  else res.writeHead(response.status, response.statusText, fields);
}

/** Ends a response whose whole body is known: one write, with its Content-Length. */
function endWith(
  res: ServerResponse,
  response: Response,
  fields: string[],
  body: string | Uint8Array | null,
  method: string,
): void {
  const status = response.status;
  if (method !== 'HEAD' && status !== 204 && status !== 304) {
    if (!hasField(fields, 'content-length')) {
      const length =
        body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
      fields.push('content-length', String(length));
    }
    writeHead(res, response, fields);
    res.end(body ?? undefined);
    return;
  }
  writeHead(res, response, fields);
  res.end();
}

/** Waits until the socket wants more data or is gone; resolves false when it is gone. */
function drained(res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onDrain = (): void => {
      res.off('close', onClose);
      resolve(true);
    };
    const onClose = (): void => {
      res.off('drain', onDrain);
      resolve(false);
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/**
 * Writes a fetch `Response` to a Node response: status, every header field (each `Set-Cookie`
 * its own), the body streamed with backpressure, no body for HEAD, 204 and 304, and
 * `Content-Length` when the whole body is known before the headers go out. Rejects if the body
 * stream errors; the caller ends the connection then.
 * @param response what the handler answered
 * @param res the Node response
 * @param method the request method (HEAD gets no body)
 * @param signal returns the signal that aborts when the client went away; it cancels a streaming body
 */
export function writeResponse(
  response: Response,
  res: ServerResponse,
  method: string,
  signal: () => AbortSignal,
): Promise<void> | undefined {
  const light = lightState(response);
  if (light) {
    const body = light.body;
    // The common answer, a string body whose headers nobody asked for: its content type and
    // length in one array of the right size (no copy, no growth).
    if (
      light.headers === undefined &&
      light.fields === undefined &&
      light.contentType !== undefined &&
      typeof body === 'string' &&
      method !== 'HEAD'
    ) {
      const status = light.status;
      if (status !== 204 && status !== 304) {
        const fields = [
          'content-type',
          light.contentType,
          'content-length',
          String(Buffer.byteLength(body)),
        ];
        if (light.statusText === '') res.writeHead(status, fields);
        else res.writeHead(status, light.statusText, fields);
        res.end(body);
        return undefined;
      }
    }
    // A cached answer whose headers nobody asked for: its fields as they are, length included,
    // and its bytes as a latin1 string, which node:http sends in one write with the head.
    if (
      light.sizedFields !== undefined &&
      light.fields !== undefined &&
      body !== null &&
      method !== 'HEAD' &&
      light.status !== 204 &&
      light.status !== 304
    ) {
      if (light.statusText === '') res.writeHead(light.status, light.sizedFields as string[]);
      else res.writeHead(light.status, light.statusText, light.sizedFields as string[]);
      if (typeof body === 'string') res.end(body);
      else {
        const text = latin1Of(body);
        if (text === undefined) res.end(body);
        else res.end(text, 'latin1');
      }
      return undefined;
    }
    // Headers nobody asked for are the fields it was made with (a cached answer's), or just
    // the content type the body implies.
    const fields = light.headers
      ? headerFields(light.headers)
      : light.fields
        ? light.fields.slice()
        : light.contentType === undefined
          ? []
          : ['content-type', light.contentType];
    endWith(res, response, fields, body, method);
    return undefined;
  }
  const fields = headerFields(response.headers);
  const body = response.body;
  const status = response.status;
  if (body === null || method === 'HEAD' || status === 204 || status === 304) {
    if (body !== null) void body.cancel().catch(() => undefined);
    endWith(res, response, fields, null, method);
    return undefined;
  }
  const source = bodySource(response);
  if (source !== undefined) {
    endWith(res, response, fields, source, method);
    return undefined;
  }
  return writeStream(response, body, fields, res, signal());
}

async function writeStream(
  response: Response,
  body: ReadableStream<Uint8Array>,
  fields: string[],
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  // A body that is complete at once also goes out with one end() and a Content-Length.
  let pending = reader.read();
  const first = await readIfReady(pending);
  if (first === NOT_YET) {
    writeHead(res, response, fields);
    // A slow producer's client should see the headers before the first chunk.
    res.flushHeaders();
  } else if (first.done) {
    endWith(res, response, fields, null, 'GET');
    return;
  } else {
    pending = reader.read();
    const second = await readIfReady(pending);
    if (second !== NOT_YET && second.done) {
      endWith(res, response, fields, first.value, 'GET');
      return;
    }
    writeHead(res, response, fields);
    res.write(first.value);
  }
  // A client that goes away cancels the body, so that a producer waiting on it stops too.
  const cancel = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await pump(reader, pending, res);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

async function pump(
  reader: ReadableStreamDefaultReader<Chunk>,
  pending: Promise<Read>,
  res: ServerResponse,
): Promise<void> {
  for (let read = pending; ; read = reader.read()) {
    const { done, value } = await read;
    if (done) break;
    if (res.destroyed) {
      await reader.cancel().catch(() => undefined);
      return;
    }
    if (!res.write(value) && !(await drained(res))) {
      await reader.cancel().catch(() => undefined);
      return;
    }
  }
  res.end();
}
