// The one text form of prerendered static answers: `prerendered.json` in a Node build, and
// the same JSON inside a web bundle, decoded there. Runtime-neutral (atob/btoa), because the
// web bundle imports the decoder.
import type { PrerenderedEntry, PrerenderResult } from '@approute/router';

/** A prerendered entry as JSON: the body in base64. */
export type StoredEntry = Omit<PrerenderedEntry, 'entry'> & {
  entry: Omit<PrerenderedEntry['entry'], 'body'> & { body: string };
};

const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

/**
 * The JSON form of prerendered answers.
 * @param entries what the router prerendered
 */
export function encodePrerendered(entries: readonly PrerenderedEntry[]): StoredEntry[] {
  return entries.map(({ path, route, entry }) => ({
    path,
    route,
    entry: { ...entry, body: toBase64(entry.body) },
  }));
}

/**
 * Prerendered answers back from their JSON form.
 * @param stored the JSON form
 */
export function decodePrerendered(stored: readonly StoredEntry[]): PrerenderedEntry[] {
  return stored.map(({ path, route, entry }) => ({
    path,
    route,
    entry: { ...entry, body: fromBase64(entry.body) },
  }));
}

/** `prerendered.json`: the answers, and the routes the build found dynamic. */
export interface StoredPrerender {
  entries: StoredEntry[];
  dynamic: string[];
}

/**
 * The JSON form of what the build prerendered.
 * @param result `router.static.prerender()`'s result
 */
export function encodePrerender(result: PrerenderResult): StoredPrerender {
  return { entries: encodePrerendered(result.entries), dynamic: result.dynamic };
}

/**
 * What the build prerendered, back from its JSON form (a bare list of answers, as older builds
 * wrote it, reads as no dynamic routes).
 * @param stored the JSON form
 */
export function decodePrerender(stored: StoredPrerender | readonly StoredEntry[]): PrerenderResult {
  if (Array.isArray(stored))
    return { entries: decodePrerendered(stored as StoredEntry[]), dynamic: [] };
  const found = stored as StoredPrerender;
  return { entries: decodePrerendered(found.entries), dynamic: found.dynamic };
}
