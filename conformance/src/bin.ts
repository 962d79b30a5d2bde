#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { allCases } from './lib/all-cases.js';
import { loadKnownFailures, runTarget } from './lib/matrix.js';
import { fixturesDir } from './lib/paths.js';
import {
  cell,
  formatTable,
  readmeMatrix,
  toJson,
  toMarkdown,
  type Matrix,
  type TargetColumn,
} from './lib/report.js';
import { runCases } from './lib/run.js';
import { allTargets } from './lib/targets/index.js';

const USAGE = `Usage: approute-conformance --url <origin> [options]
       approute-conformance --target <name|all> [--target <name> …] [options]

Runs the route-handler conformance cases over HTTP and prints a case × target table.

  --url <origin>      a server that serves the fixture project (fixtures/app), e.g. http://127.0.0.1:3000
  --name <label>      the column name for --url (default: url)
  --nextjs            the --url server is Next.js or aims to behave like it: report declared
                      approute divergences that fail there as "known divergence"
  --target <name>     start one of the suite's own targets (repeatable; "all" for every one)
  --filter <text>     run only the cases whose id contains <text>
  --report <file>     also write <file>.md and <file>.json (Markdown and JSON reports)
  --summary           print the summary and failures only, not the full table
  --readme <file>     replace the matrix between the markers <!-- matrix:start --> and
                      <!-- matrix:end --> of <file> (the suite's README) with this run's
  --list              list the targets and the cases, then exit
  -h, --help          this help

The exit code is 1 when a case fails on --url or on a required target (approute, Next.js);
third-party targets and known failures (known-failures.json) are reported only.
`;

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    name: { type: 'string' },
    nextjs: { type: 'boolean' },
    target: { type: 'string', multiple: true },
    filter: { type: 'string' },
    report: { type: 'string' },
    summary: { type: 'boolean' },
    list: { type: 'boolean' },
    readme: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const targets = allTargets();
const cases = values.filter ? allCases.filter((c) => c.id.includes(values.filter ?? '')) : allCases;

if (values.help || (!values.url && !values.target && !values.list)) {
  process.stdout.write(USAGE);
  process.exit(values.help ? 0 : 1);
}

if (values.list) {
  process.stdout.write('targets:\n');
  for (const t of targets)
    process.stdout.write(
      `  ${t.name.padEnd(24)} ${t.title}${t.pending ? ` (pending: ${t.pending})` : ''}\n`,
    );
  process.stdout.write(`\ncases (${cases.length}):\n`);
  for (const c of cases) process.stdout.write(`  ${c.id.padEnd(56)} ${c.title}\n`);
  process.exit(0);
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const columns: TargetColumn[] = [];
if (values.url) {
  log(`running ${cases.length} cases against ${values.url}`);
  const results = await runCases(values.url, cases, { nextjsCompatible: values.nextjs ?? false });
  columns.push({
    name: values.name ?? 'url',
    title: values.url,
    group: 'url',
    status: 'ran',
    results,
  });
}
const wanted = values.target ?? [];
const selected = wanted.includes('all')
  ? targets
  : wanted.map((name) => targets.find((t) => t.name === name) ?? name);
for (const target of selected) {
  if (typeof target === 'string') {
    process.stderr.write(`approute-conformance: unknown target "${target}"; --list shows them\n`);
    process.exit(1);
  }
  columns.push(await runTarget(target, cases, { fixtures: fixturesDir(), log }));
}

const matrix: Matrix = {
  generatedAt: new Date().toISOString(),
  cases,
  columns,
  knownFailures: loadKnownFailures(),
};
const table = formatTable(matrix);
process.stdout.write(values.summary ? table.slice(table.indexOf('\nsummary:') + 1) : table);
if (values.report) {
  const base = values.report.replace(/\.(md|json)$/, '');
  writeFileSync(`${base}.md`, toMarkdown(matrix));
  writeFileSync(`${base}.json`, `${JSON.stringify(toJson(matrix), null, 2)}\n`);
  log(`wrote ${base}.md and ${base}.json`);
}
if (values.readme) {
  const readme = readFileSync(values.readme, 'utf8');
  const start = readme.indexOf('<!-- matrix:start -->');
  const end = readme.indexOf('<!-- matrix:end -->');
  if (start < 0 || end < start)
    throw new Error(`${values.readme} has no <!-- matrix:start --> … <!-- matrix:end --> block`);
  writeFileSync(
    values.readme,
    `${readme.slice(0, start)}<!-- matrix:start -->\n${readmeMatrix(matrix)}\n${readme.slice(end)}`,
  );
  log(`updated the matrix in ${values.readme}`);
}
const failing = columns.some(
  (column) =>
    column.group !== 'third-party' &&
    (column.status === 'error' ||
      (column.results ?? []).some((r) => cell(matrix, column, r.id) === 'fail')),
);
process.exitCode = failing ? 1 : 0;
