// `'use cache'` as a compile-time transform, as Next.js's compiler does it: a function whose
// body starts with the directive (or every exported async function of a file that starts with
// it) is rewritten into a call of the cache runtime, with its body moved into an inner
// function:
//
//   export async function load(id) { 'use cache'; return db.get(id); }
//   ↓
//   export async function load(...args) { return cachedCall("lib/data.ts#load", "default", load$uc0, this, args); }
//   async function load$uc0(id) { return db.get(id); }
//
// The source is TypeScript: esbuild strips the types first, acorn parses the result,
// magic-string edits it, and the source maps of both steps are composed, so stack traces still
// point into the file as written. Only functions at the top level of a module are supported;
// a nested one (which would close over variables of its caller) is a build error that says so.
import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, sep } from 'node:path';
import remapping from '@jridgewell/remapping';
import { parse, type Node } from 'acorn';
import { transform, type Loader, type Plugin } from 'esbuild';
import MagicString from 'magic-string';

/** The specifier the rewritten code imports the cache runtime from. */
export const USE_CACHE_RUNTIME = 'approute:use-cache';

/** A `'use cache'` the build cannot compile: the file, the line and what to do. */
export class UseCacheError extends Error {
  override readonly name = 'UseCacheError';
  /**
   * @param file the source file
   * @param line the line of the function
   * @param message what is wrong and how to fix it
   */
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

const DIRECTIVE = /^use cache(?::\s*(.*))?$/;

/** Whether a source mentions the directive at all (the cheap test before parsing). */
export function mentionsUseCache(source: string): boolean {
  return source.includes('use cache');
}

interface Fn extends Node {
  type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression';
  id?: { name: string; start: number; end: number } | null;
  async: boolean;
  generator: boolean;
  params: Node[];
  body: Node & { type: string; body?: Statement[] };
  expression?: boolean;
}
interface Statement extends Node {
  directive?: string;
  expression?: Node & { value?: unknown };
}

function directiveOf(statements: readonly Statement[] | undefined): Statement | undefined {
  for (const statement of statements ?? []) {
    if (statement.type !== 'ExpressionStatement' || statement.directive === undefined) return;
    if (DIRECTIVE.test(statement.directive)) return statement;
  }
  return undefined;
}

function kindOf(directive: string, file: string, line: number): string {
  const named = DIRECTIVE.exec(directive)?.[1]?.trim();
  const kind = named === undefined || named === '' ? 'default' : named;
  if (kind === 'private')
    throw new UseCacheError(
      file,
      line,
      '"use cache: private" is not supported by approute: it caches per navigation in Next.js, which route handlers do not have. Use "use cache" and pass what the function reads from the request as arguments.',
    );
  return kind;
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Options of {@link transformUseCache}. */
export interface UseCacheTransformOptions {
  /** The file's path relative to the project: part of each function's id and of errors. */
  file: string;
  /** esbuild's loader for the file (`ts`, `tsx`, `js`, …). */
  loader: Loader;
  /** Whether the app has Cache Components on (`'use cache'` needs it, as in Next.js). */
  cacheComponents: boolean;
}

/**
 * Rewrites the `'use cache'` functions of one source file; `undefined` when it has none.
 * @param source the file as written
 * @param options its path, loader and the app's Cache Components switch
 * @returns JavaScript (JSX kept) with an inline source map to the file as written
 */
export async function transformUseCache(
  source: string,
  options: UseCacheTransformOptions,
): Promise<string | undefined> {
  if (!mentionsUseCache(source)) return undefined;
  const { file } = options;
  const stripped = await transform(source, {
    loader: options.loader,
    format: 'esm',
    target: 'esnext',
    // JSX becomes calls here (acorn reads no JSX), with React's automatic runtime as in Next.
    jsx: 'automatic',
    sourcemap: 'external',
    sourcefile: file,
    legalComments: 'inline',
  });
  const code = stripped.code;
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as Node & {
    body: Statement[];
  };
  const edits = new MagicString(code);
  const fileDirective = directiveOf(program.body);
  const fileKind = fileDirective
    ? kindOf(fileDirective.directive ?? '', file, lineAt(code, fileDirective.start))
    : undefined;
  let count = 0;
  const line = (node: Node) => lineAt(code, node.start);

  const rewrite = (
    fn: Fn,
    name: string,
    kind: string,
    directive: Statement | undefined,
    at: Node,
  ) => {
    if (!fn.async)
      throw new UseCacheError(
        file,
        line(fn),
        `"use cache" functions must be async functions (${name}).`,
      );
    if (fn.generator)
      throw new UseCacheError(
        file,
        line(fn),
        `"use cache" cannot be used on a generator (${name}).`,
      );
    if (!options.cacheComponents)
      throw new UseCacheError(
        file,
        line(fn),
        'To use "use cache", please enable the feature flag `cacheComponents` in your Next.js config (approute: --cache-components, or the router option cacheComponents).',
      );
    const inner = `${name.replace(/[^\w$]/g, '_')}$uc${String(count++)}`;
    const id = JSON.stringify(`${file}#${name}`);
    const body = fn.body;
    const rest = directive
      ? code.slice(directive.end, body.end)
      : code.slice(body.start + 1, body.end);
    const call = `__approute_cached(${id}, ${JSON.stringify(kind)}, ${inner}, ${fn.type === 'ArrowFunctionExpression' ? 'undefined' : 'this'}, __approute_args)`;
    if (fn.type === 'FunctionDeclaration') {
      const headEnd = fn.id ? fn.id.end : code.indexOf('(', fn.start);
      const params = code.slice(headEnd, body.start);
      edits.overwrite(headEnd, body.end, `(...__approute_args) { return ${call}; }`);
      edits.appendRight(body.end, `\nasync function ${inner}${params}{${rest}`);
      return;
    }
    const innerSource =
      body.type === 'BlockStatement'
        ? `${code.slice(fn.start, body.start)}{${rest}`
        : code.slice(fn.start, fn.end);
    edits.overwrite(fn.start, fn.end, `(async function (...__approute_args) { return ${call}; })`);
    edits.prependLeft(at.start, `const ${inner} = ${innerSource};\n`);
  };

  // esbuild moves exports into `export { a, b as default }` lists: a top-level declaration is
  // exported when a list names it.
  const exportedNames = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const specifiers = (
      statement as Node & {
        specifiers?: (Node & { local: { name?: string } })[];
        source?: Node | null;
      }
    ).specifiers;
    if ((statement as Node & { source?: Node | null }).source) continue;
    for (const specifier of specifiers ?? [])
      if (specifier.local.name) exportedNames.add(specifier.local.name);
  }
  const visitTop = (statement: Statement) => {
    let target: Node = statement;
    let exported =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration';
    if (exported)
      target = (statement as Node & { declaration: Node | null }).declaration ?? statement;
    if (target.type === 'FunctionDeclaration')
      exported ||= exportedNames.has((target as Fn).id?.name ?? '');
    if (target.type === 'VariableDeclaration')
      exported ||= (
        target as Node & { declarations: (Node & { id: { name?: string } })[] }
      ).declarations.some((d) => exportedNames.has(d.id.name ?? ''));
    if (
      target.type === 'FunctionDeclaration' ||
      (statement.type === 'ExportDefaultDeclaration' && isFunction(target))
    ) {
      const fn = target as Fn;
      const name = fn.id?.name ?? 'default';
      const own = directiveOf(fn.body.body);
      const kind = own
        ? kindOf(own.directive ?? '', file, line(fn))
        : exported
          ? fileKind
          : undefined;
      if (kind) rewrite(fn, name, kind, own, statement);
      visitNested(fn.body, own !== undefined || (exported && fileKind !== undefined));
      return;
    }
    if (target.type === 'VariableDeclaration') {
      for (const declarator of (
        target as Node & {
          declarations: (Node & { id: Node & { name?: string }; init: Node | null })[];
        }
      ).declarations) {
        const init = declarator.init;
        if (init && isFunction(init)) {
          const fn = init as Fn;
          const own = fn.body.type === 'BlockStatement' ? directiveOf(fn.body.body) : undefined;
          const name = declarator.id.name ?? 'anonymous';
          const kind = own
            ? kindOf(own.directive ?? '', file, line(fn))
            : exported
              ? fileKind
              : undefined;
          if (kind && fn.async) rewrite(fn, name, kind, own, statement);
          else if (kind && exported && !own)
            throw new UseCacheError(
              file,
              line(fn),
              `Only async functions are allowed to be exported in a "use cache" file (${name}).`,
            );
          visitNested(fn.body, true);
        } else if (init) visitNested(init, false);
      }
      return;
    }
    visitNested(statement, false);
  };

  // A directive anywhere below the top level: a build error naming the function.
  const visitNested = (node: Node, skipSelf: boolean) => {
    walk(node, (child) => {
      if (child === node && skipSelf) return;
      if (!isFunction(child)) return;
      const fn = child as Fn;
      if (fn.body.type !== 'BlockStatement') return;
      if (directiveOf(fn.body.body))
        throw new UseCacheError(
          file,
          line(fn),
          `"use cache" inside another function is not supported by approute (it would close over that function's variables): move ${fn.id?.name ?? 'the function'} to the top level of the module and pass what it reads as arguments.`,
        );
    });
  };

  for (const statement of program.body) visitTop(statement);
  if (count === 0) return undefined;
  edits.prepend(
    `import { cachedCall as __approute_cached } from ${JSON.stringify(USE_CACHE_RUNTIME)};\n`,
  );
  const map = remapping(
    [
      edits.generateMap({ hires: true, source: file, includeContent: true }).toString(),
      stripped.map,
    ],
    () => null,
  );
  const inline = Buffer.from(map.toString()).toString('base64');
  return `${edits.toString()}\n//# sourceMappingURL=data:application/json;base64,${inline}\n`;
}

function isFunction(node: Node): boolean {
  return (
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression'
  );
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const value of Object.values(node as unknown as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) walk(value, visit);
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/**
 * The esbuild plugin that applies {@link transformUseCache} to the project's own source files
 * (dependencies are left as they are, as Next.js leaves `node_modules`).
 * @param projectDir the project folder: ids and errors name files relative to it
 * @param cacheComponents whether the app has Cache Components on
 */
export function useCachePlugin(projectDir: string, cacheComponents: boolean): Plugin {
  return {
    name: 'approute-use-cache',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.namespace !== 'file' || args.path.includes(`${sep}node_modules${sep}`))
          return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!mentionsUseCache(source)) return undefined;
        const file = relative(projectDir, args.path).split(sep).join('/');
        const ext = extname(args.path).replace(/^\.[cm]?/, '');
        // JSX in .js files too, as the compilation reads them (Next.js allows it).
        const loader = (ext === 'ts' || ext === 'tsx' ? ext : 'jsx') as Loader;
        try {
          const contents = await transformUseCache(source, { file, loader, cacheComponents });
          return contents === undefined
            ? { contents: source, loader, resolveDir: dirname(args.path) }
            : { contents, loader: 'js', resolveDir: dirname(args.path) };
        } catch (error) {
          if (error instanceof UseCacheError)
            return { errors: [{ text: error.message, location: { file, line: error.line } }] };
          throw error;
        }
      });
    },
  };
}
