// A signed session cookie: `<user, base64url>.<HMAC-SHA-256, base64url>`, made by
// /api/session and checked by proxy.ts with Web Crypto (the same code on Node and in the web
// bundle).

const encoder = new TextEncoder();
const secret =
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
    .DEMO_SESSION_SECRET ?? 'approute-demo-secret';
let key: Promise<CryptoKey> | undefined;

function hmacKey(): Promise<CryptoKey> {
  key ??= crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  return key;
}

function encode(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decode(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** The name of the session cookie. */
export const SESSION_COOKIE = 'session';

/**
 * A session token for a user name.
 * @param user the name to sign
 */
export async function createSession(user: string): Promise<string> {
  const payload = encode(encoder.encode(user));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(), encoder.encode(payload));
  return `${payload}.${encode(new Uint8Array(signature))}`;
}

/**
 * The user a session token was made for, or `undefined` when it is missing or forged.
 * @param token the cookie's value
 */
export async function readSession(token: string | undefined): Promise<string | undefined> {
  const [payload, signature, extra] = (token ?? '').split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const bytes = decode(signature);
  if (!bytes) return undefined;
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(), bytes, encoder.encode(payload));
  if (!valid) return undefined;
  const user = decode(payload);
  return user && new TextDecoder().decode(user);
}
