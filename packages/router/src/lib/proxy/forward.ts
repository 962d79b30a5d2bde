// An external rewrite: the request goes to another origin with `fetch()` and the answer comes
// back as it arrives. The request body streams up (`duplex: 'half'`), the answer's body streams
// down, redirects are passed to the client rather than followed.

// Fields that describe one connection, not the request: never forwarded, in either direction
// (RFC 9110 §7.6.1). `host` is the destination's; the body's length is fetch()'s to frame.
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  'expect',
];

/**
 * Fetches a rewrite's external destination with the request's method, headers and body.
 * @param url the absolute destination
 * @param request the request as the destination gets it (the proxy's header changes applied)
 * @returns the destination's answer, streamed; rejects when it cannot be reached
 */
export async function forward(url: string, request: Request): Promise<Response> {
  const headers = new Headers(request.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  const method = request.method;
  // The client going away aborts the upstream request too.
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers,
    redirect: 'manual',
    signal: request.signal,
  };
  if (method !== 'GET' && method !== 'HEAD' && request.body !== null) {
    init.body = request.body;
    init.duplex = 'half';
  }
  const upstream = await fetch(url, init);
  const answer = new Headers(upstream.headers);
  // fetch() has already decoded a compressed body: neither the encoding nor the length
  // describes it any more.
  if (answer.has('content-encoding')) {
    answer.delete('content-encoding');
    answer.delete('content-length');
  }
  for (const name of HOP_BY_HOP)
    if (name !== 'host' && name !== 'content-length') answer.delete(name);
  return new Response(method === 'HEAD' ? null : upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: answer,
  });
}
