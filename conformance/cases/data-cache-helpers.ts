import type { CaseContext, CaseResponse } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';

// Shared steps of the data cache cases. Both cache fixtures (`fixtures-cache/`,
// `fixtures-cache-components/`) read an upstream that counts hits (`src/lib/upstream.ts`); a
// route's answer carries the `hit` number it got, so an answer from cache repeats a number and
// a fresh one shows the next. `/hits/<key>` reads the count without touching it.

/** What the data routes answer: the upstream key and the hit number they got. */
export interface HitAnswer {
  key: string;
  hit: number;
}

/**
 * GETs a path and returns its JSON answer, failing on a status other than 200.
 * @param send the case's send
 * @param path the request path
 */
export async function getJson<T = HitAnswer>(
  send: CaseContext['send'],
  path: string,
): Promise<T & { response: CaseResponse }> {
  const response = await send({ path });
  ensure(response.status === 200, `GET ${path}: expected 200, got ${response.status}`);
  return { ...(response.json() as T), response };
}

/**
 * POSTs to one of the fixtures' `/api/*` routes and returns its JSON answer.
 * @param send the case's send
 * @param path the request path with its query
 */
export async function post(
  send: CaseContext['send'],
  path: string,
): Promise<{ ok: boolean; error?: { name: string; message: string } }> {
  const response = await send({ method: 'POST', path });
  ensure(response.status === 200, `POST ${path}: expected 200, got ${response.status}`);
  return response.json() as { ok: boolean; error?: { name: string; message: string } };
}

/**
 * `revalidateTag(tag, profile)` through the fixture; without `profile`, the one-argument form.
 * @param send the case's send
 * @param tag the tag
 * @param profile `max`, a cacheLife profile name, `expire<N>` for `{ expire: N }`, or nothing
 */
export async function revalidateTag(
  send: CaseContext['send'],
  tag: string,
  profile?: string,
): Promise<void> {
  const query = `tag=${encodeURIComponent(tag)}${profile ? `&profile=${profile}` : ''}`;
  const answer = await post(send, `/api/revalidate-tag?${query}`);
  ensure(answer.ok, `revalidateTag threw: ${JSON.stringify(answer.error)}`);
}

/**
 * `revalidatePath(path, type)` through the fixture.
 * @param send the case's send
 * @param path the path argument, sent percent-encoded
 * @param type `page`, `layout`, or nothing
 */
export async function revalidatePath(
  send: CaseContext['send'],
  path: string,
  type?: string,
): Promise<void> {
  const query = `path=${encodeURIComponent(path)}${type ? `&type=${type}` : ''}`;
  const answer = await post(send, `/api/revalidate-path?${query}`);
  ensure(answer.ok, `revalidatePath threw: ${JSON.stringify(answer.error)}`);
}

/**
 * How many times the upstream answered for a key.
 * @param send the case's send
 * @param key the upstream key
 */
export async function upstreamHits(send: CaseContext['send'], key: string): Promise<number> {
  return (await getJson<{ hits: number }>(send, `/hits/${key}`)).hits;
}

/**
 * Asserts the hit numbers a series of reads got, e.g. `[1, 1, 2]`.
 * @param what the reads, for the message
 * @param actual the hit numbers seen
 * @param expected the hit numbers Next.js gives
 */
export function hitsAre(what: string, actual: readonly number[], expected: readonly number[]) {
  ensure(
    actual.length === expected.length && actual.every((hit, i) => hit === expected[i]),
    `${what}: expected upstream hits ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
  );
}

/**
 * Reads `path` every `everyMs` until its hit number changes from `from`, for at most
 * `timeoutMs`; returns the hit numbers seen (the last one the new hit).
 * @param context the case's context
 * @param path the path to read
 * @param from the hit number of the answer cached now
 * @param everyMs the polling interval
 * @param timeoutMs when to give up
 */
export async function readUntilChanged(
  context: CaseContext,
  path: string,
  from: number,
  everyMs = 200,
  timeoutMs = 6_000,
): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await context.sleep(everyMs);
    const { hit } = await getJson(context.send, path);
    seen.push(hit);
    if (hit !== from) return seen;
  }
  throw new Error(
    `GET ${path} still answered hit ${from} after ${timeoutMs} ms: ${seen.join(',')}`,
  );
}
