// How compiled modules import what stays outside them: @approute/request, the packages kept
// external (Next's `serverExternalPackages`) and, for the routes, the bundled dependencies.
// While esbuild builds, each such import is a link, `approute-link:<kind>:<path from the project
// folder>` (no absolute path gets into the output, its source maps included); when
// the output is written, every link becomes the specifier Node resolves from that output file:
// the bare package name when it resolves from the project folder to the same file (so the
// build folder works wherever the project and its node_modules go), otherwise a path relative
// to the output file (the same relative layout is needed then: see docs/architecture.md).
// esbuild shares its `__require` helper between chunks, so a `require()` may run with another
// output file's `require`: every output's `require` is therefore made relative to the output
// folder's root, and `require()` links are paths from there.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { OutputFile } from 'esbuild';

const PREFIX = 'approute-link:';
const LINK = /"approute-link:(import|require):([^"]+)"/g;

/** How a linked module is loaded: `import` (ES module syntax) or `require()`. */
export type LinkKind = 'import' | 'require';

/** Whether a specifier is a link. */
export const isLink = (specifier: string): boolean => specifier.startsWith(PREFIX);

/** The banner every output starts with: a real `require` for bundled CommonJS code. */
export const REQUIRE_BANNER =
  "import { createRequire as __approuteCreateRequire } from 'node:module';\n" +
  'const require = __approuteCreateRequire(import.meta.url);';
const BANNER_BASE = '__approuteCreateRequire(import.meta.url)';

/** The links of one project, and the bare names known to resolve to their targets. */
export class OutputLinks {
  readonly #bare = new Map<string, string>();
  readonly #project: string;
  readonly #root: string;

  /**
   * @param project the project folder: links are relative to it
   * @param root the output folder: every output's `require` resolves from it
   */
  constructor(project: string, root: string) {
    this.#project = project;
    this.#root = root;
  }

  /**
   * A link to a file, to mark external during a build.
   * @param kind how it is loaded
   * @param file the absolute path of the file
   * @param bare a bare specifier that resolves from the project folder to the same file
   */
  link(kind: LinkKind, file: string, bare?: string): string {
    const path = relative(this.#project, file).split(sep).join('/');
    if (bare !== undefined) this.#bare.set(path, bare);
    return `${PREFIX}${kind}:${path}`;
  }

  /**
   * The specifier an output file uses for a linked file.
   * @param kind how it is loaded
   * @param path the linked file, relative to the project as in the link
   * @param from the output file that loads it
   */
  specifier(kind: LinkKind, path: string, from: string): string {
    const bare = this.#bare.get(path);
    if (bare !== undefined) return bare;
    const file = join(this.#project, path);
    // An import specifier is a URL (`%`, `#`, `?` must be escaped); require() takes a path.
    if (kind === 'require') return dotted(relative(this.#root, file));
    return dotted(relative(dirname(from), file))
      .split('/')
      .map(encodeURIComponent)
      .join('/');
  }

  /**
   * Writes esbuild's output files, each link turned into its specifier.
   * @param files the output files of a build made with `write: false`
   */
  async write(files: readonly OutputFile[]): Promise<void> {
    const folders = new Set(files.map((file) => dirname(file.path)));
    await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
    await Promise.all(
      files.map((file) => {
        if (!file.path.endsWith('.mjs')) return writeFile(file.path, file.contents);
        const root = `${dotted(relative(dirname(file.path), this.#root))}/`;
        const text = file.text
          .replace(
            BANNER_BASE,
            `__approuteCreateRequire(new URL(${JSON.stringify(root)}, import.meta.url))`,
          )
          .replace(LINK, (_whole, kind: LinkKind, target: string) =>
            JSON.stringify(this.specifier(kind, target, file.path)),
          );
        return writeFile(file.path, text);
      }),
    );
  }
}

// A relative path as a specifier: posix separators, `./` in front unless it climbs.
function dotted(path: string): string {
  const posix = path.split(sep).join('/');
  if (posix === '') return '.';
  return posix.startsWith('../') || posix === '..' ? posix : `./${posix}`;
}
