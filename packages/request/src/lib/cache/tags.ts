// Cache tags as Next.js 16 makes them: the implicit ("soft") tags every request carries, which
// is what `revalidatePath` reaches, and the checks on tags given by the app.

/** The prefix of implicit tags. */
export const IMPLICIT_TAG = '_N_T_';
/** The longest tag `fetch`, `unstable_cache` and `cacheTag` accept. */
export const TAG_MAX_LENGTH = 256;
/** The most tags one entry keeps. */
export const TAG_MAX_ITEMS = 128;
/** The longest path `revalidatePath` accepts. */
export const SOFT_TAG_MAX_LENGTH = 1024;

const OUT_OF_CLASS_CHAR = /[^\t\x20-\x7e]/;
const OUT_OF_CLASS_RUN = /[^\t\x20-\x7e]+/g;

/**
 * Percent-encodes everything but tab and printable ASCII, as Next does at every tag boundary,
 * so that a tag can travel in a header; idempotent on ASCII.
 * @param value a tag or path
 */
export function encodeHeaderSafe(value: string): string {
  return OUT_OF_CLASS_CHAR.test(value)
    ? value.replace(OUT_OF_CLASS_RUN, (run) => encodeURIComponent(run))
    : value;
}

/**
 * The page path Next.js derives implicit tags from: the route file below the app folder, route
 * groups and slots kept, ending in `/route` (`app/(shop)/cart/[id]/route.ts` → `/(shop)/cart/[id]/route`).
 * @param file the route file, relative to the project
 */
export function pagePathOf(file: string): string {
  const below = file.replace(/^(?:src\/)?app(?=\/)/, '').replace(/\/route\.[^./]+$/, '/route');
  return below.startsWith('/') ? below : `/${below}`;
}

/**
 * The implicit tags of a request: a layout tag for every folder of the route's page path, the
 * route file's tag, and the pathname's.
 * @param page the page path ({@link pagePathOf})
 * @param pathname the request path below the base path, e.g. `/static/plain/k`
 */
export function implicitTags(page: string, pathname: string): string[] {
  const tags = new Set(derivedTags(page));
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  tags.add(encodeHeaderSafe(`${IMPLICIT_TAG}${path}`));
  if (tags.has(`${IMPLICIT_TAG}/`)) tags.add(`${IMPLICIT_TAG}/index`);
  if (tags.has(`${IMPLICIT_TAG}/index`)) tags.add(`${IMPLICIT_TAG}/`);
  return [...tags];
}

// The tags of a page path are the same strings for every request of its route: made once, so
// that the entries of one route share them.
const derivedOf = new Map<string, readonly string[]>();

function derivedTags(page: string): readonly string[] {
  let found = derivedOf.get(page);
  if (found) return found;
  const derived = ['/layout'];
  let end = page.indexOf('/', 1);
  for (;;) {
    if (end === -1) end = page.length;
    let current = page.slice(0, end);
    if (current) {
      if (!current.endsWith('/page') && !current.endsWith('/route'))
        current = `${current}${current.endsWith('/') ? '' : '/'}layout`;
      derived.push(current);
    }
    if (end === page.length) break;
    end = page.indexOf('/', end + 1);
  }
  found = derived.map((tag) => encodeHeaderSafe(`${IMPLICIT_TAG}${tag}`));
  if (derivedOf.size < 10_000) derivedOf.set(page, found);
  return found;
}

/**
 * The valid tags of a list, encoded; the invalid ones and those past the limit are dropped with
 * a warning, as Next does.
 * @param tags what the app passed
 * @param description what passed them, for the warning (`fetch https://…`)
 * @param warn where the warning goes
 */
export function validateTags(
  tags: readonly unknown[],
  description: string,
  warn: (message: string) => void,
): string[] {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (typeof tag !== 'string')
      invalid.push(`tag: "${String(tag)}" invalid type, must be a string`);
    else if (tag.length > TAG_MAX_LENGTH)
      invalid.push(`tag: "${tag}" exceeded max length of ${TAG_MAX_LENGTH}`);
    else valid.push(encodeHeaderSafe(tag));
    if (valid.length > TAG_MAX_ITEMS) {
      warn(
        `Warning: exceeded max tag count for ${description}, dropped tags: ${tags.slice(i).map(String).join(', ')}`,
      );
      valid.length = TAG_MAX_ITEMS;
      break;
    }
  }
  if (invalid.length > 0)
    warn(`Warning: invalid tags passed to ${description}: \n${invalid.join('\n')}`);
  return valid;
}
