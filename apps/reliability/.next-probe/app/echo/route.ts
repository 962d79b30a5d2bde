// Streams the request body straight back.
export async function POST(request: Request) {
  return new Response(request.body, { headers: { 'content-type': 'application/octet-stream' } });
}
