// A route bug: a timer callback that throws, outside any promise.
export async function GET() {
  setTimeout(() => {
    throw new Error('route bug: a timer callback threw');
  }, 0);
  return new Response('answered');
}
