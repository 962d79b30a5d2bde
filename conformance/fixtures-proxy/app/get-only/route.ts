// A GET-only route behind the proxy: other methods end in 405 after the proxy ran.
export async function GET() {
  return Response.json({ route: '/get-only' });
}
