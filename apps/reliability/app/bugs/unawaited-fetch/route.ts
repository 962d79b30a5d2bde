// A route bug: a forgotten `await` on a fetch that fails (nothing listens on port 1).
export async function GET() {
  void fetch('http://127.0.0.1:1/unreachable');
  return new Response('answered');
}
