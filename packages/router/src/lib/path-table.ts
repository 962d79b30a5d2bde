// Strings to values, for the route matcher's static paths and segments. A request path is a
// fresh string on every request, and `Map#get` with a fresh string key makes V8 internalize it
// first (hash every character, look it up in the string table, make it a thin string): about
// 700 instructions a lookup under callgrind on Node 26, more than the rest of a match. Here
// the key is looked up by its length and two of its characters (a small integer, which V8
// hashes for nothing), then compared: about 250.

function hintOf(text: string, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return 0;
  return (
    ((length << 16) ^ (text.charCodeAt(end - 1) << 8) ^ text.charCodeAt(start + (length >> 1))) &
    0x3fffffff
  );
}

/** A string-keyed table looked up by a range of a string, without cutting it out. */
export class PathTable<T> {
  // Per hint, keys and values alternating.
  readonly #buckets = new Map<number, (string | T)[]>();

  /**
   * The value under `text.slice(start, end)`, or `undefined`.
   * @param text the string holding the key
   * @param start where the key starts (default 0)
   * @param end where it ends, exclusive (default `text.length`)
   */
  get(text: string, start = 0, end = text.length): T | undefined {
    const bucket = this.#buckets.get(hintOf(text, start, end));
    if (bucket === undefined) return undefined;
    const whole = start === 0 && end === text.length;
    for (let index = 0; index < bucket.length; index += 2) {
      const key = bucket[index] as string;
      if (whole ? key === text : key.length === end - start && text.startsWith(key, start))
        return bucket[index + 1] as T;
    }
    return undefined;
  }

  /**
   * Whether `key` is in the table.
   * @param key the key
   */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * Puts `value` under `key`, replacing what was there.
   * @param key the key
   * @param value its value, not `undefined`
   */
  set(key: string, value: T): void {
    const hint = hintOf(key, 0, key.length);
    let bucket = this.#buckets.get(hint);
    if (bucket === undefined) this.#buckets.set(hint, (bucket = []));
    for (let index = 0; index < bucket.length; index += 2) {
      if (bucket[index] === key) {
        bucket[index + 1] = value;
        return;
      }
    }
    bucket.push(key, value);
  }
}
