// Cache keys of `fetch` and `unstable_cache` calls: SHA-256 (Web Crypto, on every runtime) of
// everything that can change the answer.

const encoder = new TextEncoder();

/**
 * The hex SHA-256 of a text.
 * @param text the text
 */
export async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/**
 * The body of a request as text for its key, or `undefined` when it cannot be read without
 * consuming it (a stream): such a request is not cached.
 * @param body what `init.body` was
 */
export async function bodyKey(body: unknown): Promise<string | undefined> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return toBase64(new Uint8Array(body));
  if (ArrayBuffer.isView(body))
    return toBase64(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  if (typeof Blob !== 'undefined' && body instanceof Blob)
    return toBase64(new Uint8Array(await body.arrayBuffer()));
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    const parts: string[] = [];
    for (const [name, value] of body.entries())
      parts.push(
        `${name}=${typeof value === 'string' ? value : toBase64(new Uint8Array(await value.arrayBuffer()))}`,
      );
    return parts.join('&');
  }
  return undefined;
}
