// Server-sent events: one event every `interval` ms (default 250), `count` of them (default 5).
export async function GET(request: Request) {
  const url = new URL(request.url);
  const count = Math.min(Math.max(Number(url.searchParams.get('count') ?? 5) || 5, 1), 50);
  const interval = Math.min(
    Math.max(Number(url.searchParams.get('interval') ?? 250) || 250, 10),
    2000,
  );
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let sent = 0;
      const tick = () => {
        sent += 1;
        const data = JSON.stringify({ n: sent, at: new Date().toISOString() });
        controller.enqueue(encoder.encode(`id: ${String(sent)}\nevent: tick\ndata: ${data}\n\n`));
        if (sent >= count) controller.close();
        else timer = setTimeout(tick, interval);
      };
      tick();
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
  });
}
