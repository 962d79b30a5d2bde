// The `next/*` modules approute provides: each is served by the `@approute/request` entry of
// the same name. Any other `next/*` import is a build error that says what is available.

/** The `next/*` modules a route file may import. */
export const NEXT_ENTRIES = ['server', 'headers', 'navigation', 'cache', 'og'] as const;

/** Matches every `next` import, supported or not. */
export const ANY_NEXT_IMPORT = /^next(?:\/|$)/;

const SUPPORTED = /^next\/(server|headers|navigation|cache|og)(?:\.js)?$/;

/**
 * The `@approute/request` entry that serves a `next/*` import, or `undefined` when approute
 * does not provide that module.
 * @param specifier the import as written, e.g. `next/headers`
 */
export function nextEntry(specifier: string): (typeof NEXT_ENTRIES)[number] | undefined {
  return SUPPORTED.exec(specifier)?.[1] as (typeof NEXT_ENTRIES)[number] | undefined;
}

/**
 * The build error for a `next/*` import approute does not provide.
 * @param specifier the import as written
 */
export function unsupportedNextImport(specifier: string): string {
  return `"${specifier}" is not available outside Next.js: approute provides ${NEXT_ENTRIES.map((e) => `next/${e}`).join(', ')}.`;
}
