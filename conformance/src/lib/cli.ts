import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { allCases } from './all-cases.js';
import type { ConformanceCase } from './case.js';
import { copyFixtures, FixturesTargetError } from './fixtures.js';
import { loadKnownFailures, runTarget } from './matrix.js';
import { fixturesDir, packageRoot } from './paths.js';
import { unreachable } from './probe.js';
import { cell, formatTable, type Matrix, type TargetColumn } from './report.js';
import { updateReadme, writeReports } from './report-files.js';
import { isRuntime, RUNTIMES, runtimeLimits } from './runtime-limits.js';
import { runCases } from './run.js';
import { allTargets, type Target } from './targets/index.js';

const SYNOPSIS = `Usage: approute-conformance --url <origin> [--runtime <name>] [options]
       approute-conformance --target <name|all> [--target <name> …] [options]
       approute-conformance fixtures <dir>
       approute-conformance --list | --version | --help
`;

/** Printed by `--help`. */
export const USAGE = `${SYNOPSIS}
Runs the route-handler conformance cases over HTTP and prints a case × target table.

Commands:
  fixtures <dir>      copy the fixture project (app/, next.config.mjs, tsconfig.json) into
                      <dir>, a new or empty folder; serve it with your runtime, then use --url

Options:
  --url <origin>      a server that serves the fixture project, e.g. http://127.0.0.1:3000
  --runtime <name>    the runtime the --url server runs on: node, bun, deno, workerd or
                      edge-runtime; the cases that runtime cannot pass (runtime-limits.json)
                      show as "runtime limit" with the reason, not counted as failures
  --name <label>      the column name for --url (default: url)
  --nextjs            the --url server is Next.js or aims to behave like it: report declared
                      approute divergences that fail there as "known divergence"
  --target <name>     start one of the suite's own targets (repeatable; "all" for every one)
  --filter <text>     run only the cases whose id contains <text> (an error if none does)
  --report <file>     also write <file>.md, <file>.json and <file>.html (a page with the
                      matrix to filter, every failure and the rules)
  --summary           print the summary and failures only, not the full table
  --readme <file>     replace the matrix between the lines <!-- matrix:start --> and
                      <!-- matrix:end --> of <file> (the suite's README) with this run's
  --list              list the targets and the cases, then exit
  --version           print the suite's version
  -h, --help          this help

Exit codes:
  0  every case passed (runtime limits, known divergences and known failures aside)
  1  a case failed on --url or on a required target, a target could not start, nothing
     answers at --url, or the fixtures could not be copied
  2  wrong usage: an unknown option or command, a missing value, an unknown target or
     runtime, or a --filter that matches no case
`;

/** Where the command line prints. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  url: { type: 'string' },
  runtime: { type: 'string' },
  name: { type: 'string' },
  nextjs: { type: 'boolean' },
  target: { type: 'string', multiple: true },
  filter: { type: 'string' },
  report: { type: 'string' },
  summary: { type: 'boolean' },
  list: { type: 'boolean' },
  readme: { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

// parseArgs's own messages suggest `--` tricks that do not apply here: say what was wrong.
function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const text = error instanceof Error ? error.message : String(error);
    const flag = /'([^']+)'/.exec(text)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${flag}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(`option ${flag.replace(/ <value>$/, '')} needs a value`);
    throw new UsageError(text);
  }
}

function selectCases(filter: string | undefined): readonly ConformanceCase[] {
  if (filter === undefined) return allCases;
  const cases = allCases.filter((c) => c.id.includes(filter));
  if (cases.length === 0)
    throw new UsageError(`no case id contains "${filter}" (--list shows every case)`);
  return cases;
}

function selectTargets(wanted: readonly string[], targets: Target[]): Target[] {
  if (wanted.includes('all')) return targets;
  return wanted.map((name) => {
    const target = targets.find((t) => t.name === name);
    if (!target) throw new UsageError(`unknown target "${name}" (--list shows them)`);
    return target;
  });
}

function checkOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url ${url} is not a URL: give an origin like http://127.0.0.1:3000`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UsageError(`--url ${url}: the suite speaks HTTP; give an http:// or https:// origin`);
  return parsed.origin;
}

function version(): string {
  const manifest = readFileSync(`${packageRoot()}/package.json`, 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

function list(io: CliOutput, targets: Target[], cases: readonly ConformanceCase[]): void {
  io.out('targets:\n');
  for (const t of targets)
    io.out(`  ${t.name.padEnd(24)} ${t.title}${t.pending ? ` (pending: ${t.pending})` : ''}\n`);
  io.out(`\ncases (${cases.length}):\n`);
  for (const c of cases) io.out(`  ${c.id.padEnd(56)} ${c.title}\n`);
}

async function run(argv: string[], io: CliOutput): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === 'fixtures') {
    if (rest.length !== 1) throw new UsageError('fixtures needs one folder: fixtures <dir>');
    const dir = copyFixtures(rest[0] ?? '');
    io.out(
      `copied the fixture project to ${dir}\n` +
        'serve it with your runtime (production mode, one process), then run\n' +
        '  approute-conformance --url http://127.0.0.1:<port>\n',
    );
    return 0;
  }
  if (command !== undefined) throw new UsageError(`unknown command "${command}"`);

  const cases = selectCases(values.filter);
  const targets = allTargets();
  if (values.list) {
    list(io, targets, cases);
    return 0;
  }
  if (values.runtime !== undefined && values.url === undefined)
    throw new UsageError("--runtime describes the --url server; the suite's targets know theirs");
  if (values.url === undefined && values.target === undefined)
    throw new UsageError('give --url <origin> or --target <name>');
  if (values.runtime !== undefined && !isRuntime(values.runtime))
    throw new UsageError(`unknown runtime "${values.runtime}": use one of ${RUNTIMES.join(', ')}`);
  const selected = selectTargets(values.target ?? [], targets);
  const origin = values.url === undefined ? undefined : checkOrigin(values.url);

  const log = (message: string) => {
    io.err(`${message}\n`);
  };
  const columns: TargetColumn[] = [];
  if (origin !== undefined) {
    const why = await unreachable(origin);
    if (why !== undefined) {
      io.err(
        `approute-conformance: nothing answers at ${origin} (${why}): start the server that ` +
          'serves the fixture project first (approute-conformance fixtures <dir> copies it)\n',
      );
      return 1;
    }
    const runtime = values.runtime !== undefined && isRuntime(values.runtime) ? values.runtime : '';
    log(`running ${cases.length} cases against ${origin}${runtime ? ` (on ${runtime})` : ''}`);
    const results = await runCases(origin, cases, { nextjsCompatible: values.nextjs ?? false });
    columns.push({
      name: values.name ?? 'url',
      title: origin,
      group: 'url',
      status: 'ran',
      results,
      ...(runtime ? { runtime, limits: runtimeLimits(runtime) } : {}),
    });
  }
  for (const target of selected)
    columns.push(await runTarget(target, cases, { fixtures: fixturesDir(), log }));

  const matrix: Matrix = {
    generatedAt: new Date().toISOString(),
    cases,
    columns,
    knownFailures: loadKnownFailures(),
  };
  const table = formatTable(matrix);
  io.out(values.summary ? table.slice(table.indexOf('\nsummary:') + 1) : table);
  for (const column of columns) {
    const passing = Object.keys(column.limits ?? {}).filter((id) =>
      column.results?.some((r) => r.id === id && r.outcome === 'pass'),
    );
    if (passing.length > 0)
      log(`${column.name}: these runtime limits did not apply: ${passing.join(', ')}`);
  }
  if (values.report !== undefined) log(`wrote ${writeReports(matrix, values.report).join(', ')}`);
  if (values.readme !== undefined) {
    updateReadme(matrix, values.readme);
    log(`updated the matrix in ${values.readme}`);
  }
  const failing = columns.some(
    (column) =>
      column.group !== 'third-party' &&
      (column.status === 'error' ||
        (column.results ?? []).some((r) => cell(matrix, column, r.id) === 'fail')),
  );
  return failing ? 1 : 0;
}

/**
 * Runs the `approute-conformance` command line.
 * @param argv the arguments after the command name
 * @param io where to print
 * @returns the exit code: 0 all passed, 1 a case failed or the run could not happen, 2 usage
 */
export async function main(argv: string[], io: CliOutput): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`approute-conformance: ${error.message}\n\n${SYNOPSIS}(--help lists every option)\n`);
      return 2;
    }
    if (error instanceof FixturesTargetError) {
      io.err(`approute-conformance fixtures: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
