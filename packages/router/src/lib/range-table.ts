// A string-keyed table looked up by a range of a longer string, without cutting the range out.
// A request path is a fresh string on every request: `Map#get` with it makes V8 internalize
// the string first (hash it, look it up in the string table, turn it into a thin string),
// which costs more than the rest of a route match (measured with callgrind on Node 26: ~600
// instructions per lookup). Hashing the range here and comparing in place allocates nothing.

interface Slot<T> {
  key: string;
  value: T;
}

// FNV-style over UTF-16 code units, kept within a small integer so that the bucket key
// stays a small integer (V8 hashes those without allocating).
function hashRange(text: string, start: number, end: number): number {
  let hash = end - start;
  for (let index = start; index < end; index++) {
    hash = (Math.imul(hash, 31) + text.charCodeAt(index)) & 0x3fffffff;
  }
  return hash;
}

/** Strings to values, looked up by `text.slice(start, end)` without slicing. */
export class RangeTable<T> {
  readonly #buckets = new Map<number, Slot<T>[]>();

  /** The number of keys. */
  size = 0;

  /**
   * The value under `key`, or `undefined`.
   * @param key the key
   */
  get(key: string): T | undefined {
    return this.getRange(key, 0, key.length);
  }

  /**
   * The value under `text.slice(start, end)`, or `undefined`.
   * @param text the string holding the key
   * @param start where the key starts
   * @param end where it ends (exclusive)
   */
  getRange(text: string, start: number, end: number): T | undefined {
    const bucket = this.#buckets.get(hashRange(text, start, end));
    if (bucket === undefined) return undefined;
    const length = end - start;
    for (const slot of bucket) {
      if (slot.key.length === length && text.startsWith(slot.key, start)) return slot.value;
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
   * @param value its value (not `undefined`)
   */
  set(key: string, value: T): void {
    const hash = hashRange(key, 0, key.length);
    let bucket = this.#buckets.get(hash);
    if (bucket === undefined) this.#buckets.set(hash, (bucket = []));
    for (const slot of bucket) {
      if (slot.key === key) {
        slot.value = value;
        return;
      }
    }
    bucket.push({ key, value });
    this.size += 1;
  }
}
