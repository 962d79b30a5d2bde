import { request } from 'undici';

/**
 * Tells whether an HTTP server answers at an origin: any answer counts, whatever its status.
 * @param origin e.g. `http://127.0.0.1:3000`
 * @param timeoutMs how long to wait for the answer's headers
 * @returns `undefined` when something answered, otherwise why not (e.g. `ECONNREFUSED`)
 */
export async function unreachable(origin: string, timeoutMs = 5_000): Promise<string | undefined> {
  try {
    const response = await request(new URL('/', origin), {
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    return error instanceof Error ? error.name : String(error);
  }
}
