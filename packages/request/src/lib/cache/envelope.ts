// The bytes approute stores for an HTTP answer (a static GET answer, a `fetch` response): a
// 4-byte length, a JSON head (status, status text, header fields in order with each
// `Set-Cookie` on its own, the URL), then the body as it is.

/** The head of a stored answer. */
export interface AnswerHead {
  status: number;
  statusText: string;
  headers: [string, string][];
  url?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * One answer as bytes.
 * @param head status, status text, header fields
 * @param body the body bytes
 */
export function encodeAnswer(head: AnswerHead, body: Uint8Array): Uint8Array {
  const json = encoder.encode(JSON.stringify(head));
  const bytes = new Uint8Array(4 + json.length + body.length);
  new DataView(bytes.buffer).setUint32(0, json.length);
  bytes.set(json, 4);
  bytes.set(body, 4 + json.length);
  return bytes;
}

/**
 * An answer back from its bytes; `undefined` when they are not one (another writer's entry).
 * @param bytes what {@link encodeAnswer} made
 */
export function decodeAnswer(
  bytes: Uint8Array,
): { head: AnswerHead; body: Uint8Array } | undefined {
  if (bytes.length < 4) return undefined;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (4 + length > bytes.length) return undefined;
  try {
    const head = JSON.parse(decoder.decode(bytes.subarray(4, 4 + length))) as AnswerHead;
    if (typeof head.status !== 'number' || !Array.isArray(head.headers)) return undefined;
    return { head, body: bytes.subarray(4 + length) };
  } catch {
    return undefined;
  }
}

/**
 * A stream of one chunk.
 * @param bytes the chunk
 */
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * Reads a stream whole.
 * @param stream the stream
 */
export async function readStream(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
