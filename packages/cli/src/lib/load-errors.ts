// A route module that fails to load, told in terms of the project: which route file, which
// package is missing and the command that installs it, which export does not exist. Node's
// own messages name the compiled module (`.approute/server/…/route.mjs`) and nothing else.
import { stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NEXT_ENTRIES } from './next-entries.js';
import { CliError } from './errors.js';

/** A route module that could not be loaded; `cause` is what Node threw. */
export class RouteLoadError extends CliError {
  override name = 'RouteLoadError';
  /** The route file, relative to the project. */
  readonly file: string;

  /**
   * @param file the route file, relative to the project
   * @param message what failed and the fix
   * @param cause what Node threw
   */
  constructor(file: string, message: string, cause: unknown) {
    super('ERR_ROUTE_LOAD', message);
    this.file = file;
    this.cause = cause;
    this.stack = message;
  }
}

const LOCKFILES: [string, string][] = [
  ['pnpm-lock.yaml', 'pnpm add'],
  ['yarn.lock', 'yarn add'],
  ['bun.lock', 'bun add'],
  ['bun.lockb', 'bun add'],
  ['package-lock.json', 'npm i'],
];

/**
 * The command that installs a package in a project, by the lockfile found from the project
 * folder up (`npm i` when there is none).
 * @param projectDir the project folder
 * @param name the package name
 */
export async function installCommand(projectDir: string, name: string): Promise<string> {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    for (const [file, command] of LOCKFILES) {
      if (
        await stat(join(dir, file)).then(
          () => true,
          () => false,
        )
      )
        return `${command} ${name}`;
    }
    if (dirname(dir) === dir) return `npm i ${name}`;
  }
}

/** The package a bare specifier names: `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

const isBare = (specifier: string) => !/^(?:\.{0,2}\/|[a-z][a-z\d+.-]*:)/i.test(specifier);

let nextModules: Map<string, string> | undefined;
/** `file:` URL of each `@approute/request` entry → the `next/*` module it serves. */
function nextModuleOf(url: string): string | undefined {
  nextModules ??= new Map(
    Object.entries(NEXT_ENTRIES).map(([module, entry]) => [
      pathToFileURL(fileURLToPath(import.meta.resolve(`@approute/request/${entry}`))).href,
      module,
    ]),
  );
  return nextModules.get(url);
}

function where(path: string, projectDir: string): string {
  const file = path.startsWith('file:') ? fileURLToPath(path) : path;
  return relative(projectDir, file) || file;
}

/**
 * The error to show for a route module that failed to load: a missing package names the
 * route and the install command, a missing export names the module and the export; anything
 * else (a top-level throw) is returned unchanged, its stack (source-mapped) pointing at the
 * user's code.
 * @param error what `import()` rejected with
 * @param file the route file, relative to the project
 * @param projectDir the project folder (for the install command and relative paths)
 */
export async function explainLoadError(
  error: unknown,
  file: string,
  projectDir: string,
): Promise<unknown> {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const missing = /^Cannot find (?:package|module) '([^']+)' imported from (.+)$/.exec(
    error.message,
  );
  if (code === 'ERR_MODULE_NOT_FOUND' && missing?.[1] && missing[2] && isBare(missing[1])) {
    const [, specifier, importer] = missing;
    const name = packageName(specifier);
    const from = where(importer, projectDir);
    const through = from.includes('node_modules') ? ` through ${from}` : '';
    return new RouteLoadError(
      file,
      `${file} imports "${specifier}"${through}, but the package ${name} is not installed ` +
        `in this project. Install it: ${await installCommand(projectDir, name)}`,
      error,
    );
  }
  const noExport =
    /^The requested module '([^']+)' does not provide an export named '([^']+)'$/.exec(
      error.message,
    );
  if (error.name === 'SyntaxError' && noExport?.[1] && noExport[2]) {
    const [, module, name] = noExport;
    const next = nextModuleOf(module);
    const shown = next ?? (isBare(module) ? module : where(module, projectDir));
    const fix = next
      ? ` approute's ${next} does not provide it: see the list of what approute provides in its README.`
      : ' Check the name, or the version of the package installed.';
    return new RouteLoadError(
      file,
      `${file} (or a module it imports) imports ${name} from "${shown}", which has no export ` +
        `named ${name}.${fix}`,
      error,
    );
  }
  return error;
}

// Frames of Node's module loader and of approute itself say nothing about the user's code.
const OWN_FRAME = new RegExp(
  String.raw`^\s+at .*(?:node:internal|${fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')})`,
);

/**
 * The error a build fails with when a route module does not load: as
 * {@link explainLoadError}, and a top-level throw names the route file above its stack.
 * @param error what `import()` rejected with
 * @param file the route file, relative to the project
 * @param projectDir the project folder
 */
export async function buildLoadError(
  error: unknown,
  file: string,
  projectDir: string,
): Promise<RouteLoadError> {
  const explained = await explainLoadError(error, file, projectDir);
  if (explained instanceof RouteLoadError) return explained;
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  const shown = stack
    .split('\n')
    .filter((line) => !OWN_FRAME.test(line))
    .join('\n');
  return new RouteLoadError(
    file,
    `Failed to load ${file}: its module threw while it was loaded (as \`next build\` runs it, ` +
      `to collect its exports):\n${shown}`,
    error,
  );
}
