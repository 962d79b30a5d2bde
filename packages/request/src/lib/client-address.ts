// The client's address as `@vercel/functions` reads it: `ipAddress(request)` is the `X-Real-IP`
// header, `geolocation(request)` the `X-Vercel-IP-*` headers, which Vercel's proxy sets. Behind a
// proxy the server trusts, they are the proxy's, and `X-Real-IP` falls back to the first
// `X-Forwarded-For` entry, then the connection's address; without one, a client's own are dropped
// and `X-Real-IP` is the address the adapter saw. Applied when the request's headers are built.

/**
 * The connection a request came on, as far as the client's address goes: a Node socket is one
 * (its `remoteAddress`, read only when the headers are built).
 */
export interface ClientConnection {
  readonly remoteAddress?: string | undefined;
}

const GEOLOCATION = [
  'x-vercel-ip-city',
  'x-vercel-ip-country',
  'x-vercel-ip-country-region',
  'x-vercel-ip-latitude',
  'x-vercel-ip-longitude',
  'x-vercel-ip-postal-code',
];

function firstEntry(list: string | null): string | undefined {
  const first = list?.split(',', 1)[0]?.trim();
  return first === '' ? undefined : first;
}

/**
 * Whether a header is one only a trusted proxy may set (`X-Real-IP`, `X-Vercel-IP-*`), so that
 * a lazy request built from raw headers can leave a client's own out as it copies them.
 * @param name the header name, any case
 */
export function isProxyHeader(name: string): boolean {
  if (name.length < 9 || (name.charCodeAt(0) | 0x20) !== 0x78 /* x */) return false;
  const lower = name.toLowerCase();
  return lower === 'x-real-ip' || GEOLOCATION.includes(lower);
}

/**
 * Sets `X-Real-IP` (and drops untrusted geolocation headers) on a request's headers.
 * @param headers the request's headers, as received
 * @param client the connection the request came on
 * @param trustProxy whether `X-Real-IP`, `X-Forwarded-For` and `X-Vercel-IP-*` come from a
 *   trusted proxy
 * @param filtered whether the client's own proxy headers were already left out
 */
export function applyClientAddress(
  headers: Headers,
  client: ClientConnection,
  trustProxy: boolean,
  filtered = false,
): void {
  if (trustProxy) {
    if (headers.has('x-real-ip')) return;
    const address =
      firstEntry(headers.get('x-forwarded-for')) ?? plainAddress(client.remoteAddress);
    if (address !== undefined) headers.set('x-real-ip', address);
    return;
  }
  if (!filtered) {
    headers.delete('x-real-ip');
    for (const name of GEOLOCATION) headers.delete(name);
  }
  const address = plainAddress(client.remoteAddress);
  if (address !== undefined) headers.set('x-real-ip', address);
}

/**
 * An address as a client would write it: `::ffff:192.0.2.1` (how Node reports IPv4 clients of
 * a dual-stack socket) as `192.0.2.1`.
 * @param address the address reported, if any
 */
export function plainAddress(address: string | undefined): string | undefined {
  return address?.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
