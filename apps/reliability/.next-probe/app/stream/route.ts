import { probe } from '../../lib/probe';

// An endless stream, one small chunk every 20 ms; counts cancellations and request aborts.
export async function GET(request: Request) {
  request.signal.addEventListener('abort', () => {
    probe().aborted += 1;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const tick = () => {
        controller.enqueue(new TextEncoder().encode('tick\n'));
        timer = setTimeout(tick, 20);
      };
      tick();
    },
    cancel() {
      clearTimeout(timer);
      probe().cancelled += 1;
    },
  });
  return new Response(stream);
}
