// The `next/*` modules approute provides: each is served by the `@approute/request` entry named
// beside it. Any other `next/*` import is a build error that names the importing file and says
// what is available; so is a name one of those modules does not export.

/** The `next/*` modules a route's import graph may use, and the `@approute/request` entry of each. */
export const NEXT_ENTRIES: Readonly<Record<string, string>> = {
  'next/server': 'server',
  'next/headers': 'headers',
  'next/navigation': 'navigation',
  'next/cache': 'cache',
  'next/og': 'og',
};

/** A `next/*` module approute provides (a key of {@link NEXT_ENTRIES}). */
export type NextModule = string;

/** Matches every `next` import, supported or not. */
export const ANY_NEXT_IMPORT = /^next(?:\/|$)/;

const PROVIDED = Object.keys(NEXT_ENTRIES).join(', ');

/**
 * The `next/*` module an import names, or `undefined` when approute does not provide it.
 * `next/server.js` (the file Next.js ships for CommonJS) is `next/server`.
 * @param specifier the import as written, e.g. `next/headers`
 */
export function nextModule(specifier: string): NextModule | undefined {
  const name = specifier.endsWith('.js') ? specifier.slice(0, -3) : specifier;
  return Object.hasOwn(NEXT_ENTRIES, name) ? name : undefined;
}

/**
 * The build error for a `next/*` import approute does not provide.
 * @param specifier the import as written
 * @param importer who imports it: a project file, or a package (`next-auth@4.24.15`)
 */
export function unsupportedNextImport(specifier: string, importer: string): string {
  if (specifier.startsWith('next/dist/'))
    return (
      `"${specifier}" (imported by ${importer}) is a file inside Next.js, which approute does not ` +
      `ship: approute provides ${PROVIDED}. Import from one of those, or keep the module that ` +
      'needs Next.js internals out of the route handlers.'
    );
  return `"${specifier}" is not available outside Next.js (imported by ${importer}): approute provides ${PROVIDED}.`;
}

/**
 * The build error for a name a supported `next/*` module does not export in approute.
 * @param name the imported name (`default` for a default import)
 * @param module the module
 * @param provided what approute's module exports
 * @param importer who imports it
 */
export function missingNextExport(
  name: string,
  module: NextModule,
  provided: readonly string[],
  importer: string,
): string {
  const what = name === 'default' ? 'a default export' : `"${name}"`;
  return (
    `${importer} imports ${what} from "${module}", which approute's ${module} does not ` +
    `provide. It provides: ${provided.join(', ')}.`
  );
}
