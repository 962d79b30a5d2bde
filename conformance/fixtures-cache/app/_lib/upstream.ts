// The upstream the data routes read: a small HTTP server the driver starts, at the origin in
// CACHE_UPSTREAM. `GET /u/<key>` counts a hit and answers `{ key, hit }`; `GET /count/<key>`
// answers `{ key, hits }` without counting. Nothing reads it at build time (every data route
// has a dynamic segment), so the origin can change between `next build` and `next start`.

export function upstreamUrl(key: string): string {
  const origin = process.env.CACHE_UPSTREAM;
  if (!origin)
    throw new Error('CACHE_UPSTREAM is not set: start the server with the upstream origin');
  return `${origin}/u/${encodeURIComponent(key)}`;
}

export interface Hit {
  key: string;
  hit: number;
}

/** Reads one upstream answer. */
export async function read(response: Response): Promise<Hit> {
  if (!response.ok) throw new Error(`upstream answered ${response.status}`);
  return (await response.json()) as Hit;
}

/** A hit that bypasses every cache, for code inside unstable_cache. */
export async function freshHit(key: string): Promise<Hit> {
  return read(await fetch(upstreamUrl(key), { cache: 'no-store' }));
}
