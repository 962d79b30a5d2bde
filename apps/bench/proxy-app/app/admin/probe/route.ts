// Reached only when proxy.ts does not run: the bench asks for it without a session cookie and
// takes a 307 to /login as the sign that approute supports proxy.ts.
export async function GET() {
  return Response.json({ proxied: false });
}
