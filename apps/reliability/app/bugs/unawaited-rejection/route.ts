// A route bug: a rejected promise nobody awaits. The answer goes out; the rejection is
// unhandled a moment later.
export async function GET() {
  void Promise.reject(new Error('route bug: an unawaited rejected promise'));
  return new Response('answered');
}
