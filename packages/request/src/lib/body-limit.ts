// The limit on the request body readers that hold the whole body in memory (`json()`,
// `text()`, `formData()`, `arrayBuffer()`, `blob()`, `bytes()`). A handler that reads
// `request.body` as a stream is not limited: it decides itself how much it keeps.
// Divergence from Next.js, which sets no limit for route handlers (docs/spec.md, Request).
import { RequestApiError } from './errors.js';

/** The default limit of the buffered body readers: 4 MiB. */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

/** A request body over the limit of the readers that buffer it whole: answered 413. */
export class PayloadTooLargeError extends RequestApiError {
  override readonly name = 'PayloadTooLargeError';
  /** The limit, in bytes. */
  readonly limit: number;

  /** @param limit the limit, in bytes */
  constructor(limit: number) {
    super(
      'ERR_PAYLOAD_TOO_LARGE',
      `The request body is larger than the limit of ${String(limit)} bytes for reading it whole ` +
        '(json(), text(), formData(), arrayBuffer(), blob(), bytes()); read request.body as a ' +
        'stream, or raise the limit (bodyLimit, --body-limit)',
    );
    this.limit = limit;
  }
}

/**
 * The body of the 413 answer, the same from every adapter.
 * @param limit the limit, in bytes
 */
export function payloadTooLargeText(limit: number): string {
  return `Payload Too Large: a request body read whole is limited to ${String(limit)} bytes\n`;
}

/**
 * The 413 answer for a body over `limit`.
 * @param limit the limit, in bytes
 */
export function payloadTooLargeResponse(limit: number): Response {
  return new Response(payloadTooLargeText(limit), {
    status: 413,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Reads a body stream whole, or rejects with {@link PayloadTooLargeError} (the stream
 * cancelled) as soon as it goes over `limit` bytes.
 * @param body the body stream
 * @param limit the most bytes accepted
 */
export async function readAtMost(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
