import { probe } from '../../lib/probe';

const CHUNK = new Uint8Array(64 * 1024).fill(97);

// Streams `size` bytes, producing a chunk only when the consumer asks for one.
export async function GET(request: Request) {
  const size = Number(new URL(request.url).searchParams.get('size') ?? 1024);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= size) {
          controller.close();
          return;
        }
        const n = Math.min(CHUNK.byteLength, size - sent);
        controller.enqueue(n === CHUNK.byteLength ? CHUNK : CHUNK.subarray(0, n));
        sent += n;
      },
      cancel() {
        probe().cancelled += 1;
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { headers: { 'content-length': String(size) } });
}
