// vercel/next.js test/e2e/app-dir/app-routes, rerun with basePath: methods under the prefix.
export function GET(request: Request) {
  return Response.json({ method: request.method });
}

export async function POST(request: Request) {
  return Response.json({ method: request.method, body: await request.text() });
}
