#!/usr/bin/env node
// Runs every check through turbo, passes its output through, and ends with one line that sums
// the vitest results of every package: "tests: N passed, N failed, N skipped".
// Build, typecheck and lint run in parallel; the tests then run one package at a time, because
// many of them start servers and measure them (streams, shutdown, timing) on a two-core machine.
// With task names as arguments, runs just those (in parallel). Exits non-zero if anything failed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const turbo = fileURLToPath(new URL('../node_modules/.bin/turbo', import.meta.url));
const given = process.argv.slice(2);
const phases =
  given.length > 0
    ? [['run', ...given, '--continue=dependencies-successful']]
    : [
        ['run', 'build', 'typecheck', 'lint', '--continue=dependencies-successful'],
        ['run', 'test', '--concurrency=1', '--continue=dependencies-successful'],
      ];

// Vitest's summary lines, e.g. "Test Files  1 failed | 6 passed (7)" then
// "      Tests  3 failed | 40 passed | 2 skipped (45)". A file that fails before its tests run
// (a failing beforeAll) shows its tests as skipped, so a package counts as many failures as
// the larger of its failed tests and failed files.
const summary = /^\S*:\s*test:\s+Tests\s+(.+)\(\d+\)\s*$/;
const filesLine = /^\S*:\s*test:\s+Test Files\s+(.+)\(\d+\)\s*$/;
const counts = { passed: 0, failed: 0, skipped: 0 };
let filesFailed = 0;
// Vitest's line that names each failure ("FAIL  src/a.test.ts > case", also for a file that
// failed to run), with the error line that follows it, repeated at the end: a CI log is often
// read from its tail, and a long run pushes them far up.
const failure = /^(\S*):\s*test:\s+(FAIL\s.*)$/;
const failures = new Set();
let failedCase = '';

function parts(text) {
  const found = { passed: 0, failed: 0, skipped: 0 };
  for (const part of text.split('|')) {
    const [, n, kind] = /(\d+)\s+(\w+)/.exec(part.trim()) ?? [];
    if (kind === 'passed' || kind === 'failed') found[kind] += Number(n);
    else if (kind === 'skipped' || kind === 'todo') found.skipped += Number(n);
  }
  return found;
}
let pending = '';
const ansi = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

function collect(chunk) {
  process.stdout.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const plain = line.replace(ansi, '');
    const failing = failure.exec(plain);
    if (failing) {
      // Vitest lists the cases that failed with the same error together, above it.
      if (failedCase) failures.add(failedCase);
      failedCase = `${failing[1]}: ${failing[2].trim()}`;
      continue;
    }
    if (failedCase) {
      const error = plain.replace(/^\S*:\s*test:/, '').trim();
      if (error === '') continue;
      failures.add(`${failedCase}\n      ${error.slice(0, 300)}`);
      failedCase = '';
    }
    const files = filesLine.exec(plain);
    if (files) {
      filesFailed = parts(files[1]).failed;
      continue;
    }
    const match = summary.exec(plain);
    if (!match) continue;
    const found = parts(match[1]);
    counts.passed += found.passed;
    counts.failed += Math.max(found.failed, filesFailed);
    counts.skipped += found.skipped;
    filesFailed = 0;
  }
}

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(turbo, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      shell: process.platform === 'win32',
    });
    child.stdout.on('data', collect);
    child.on('error', (error) => {
      console.error(
        `scripts/check.mjs: could not start turbo (${error.message}); run the install first`,
      );
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// The formatter's check (width 100, .prettierrc.json) runs once over the whole repository.
function formatCheck() {
  const prettier = fileURLToPath(new URL('../node_modules/.bin/prettier', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(prettier, ['--check', '--log-level=warn', '.'], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', (code) => {
      if (code !== 0) console.error('scripts/check.mjs: run `pnpm format` to format these files');
      resolve(code ?? 1);
    });
  });
}

let failed = 0;
if (given.length === 0 && (await formatCheck()) !== 0) failed += 1;
for (const args of phases) {
  // A failing phase does not stop the next: the tests still run and report.
  if ((await run(args)) !== 0) failed += 1;
}
if (failures.size > 0) {
  process.stdout.write(`\nfailures (${failures.size}):\n`);
  for (const line of failures) process.stdout.write(`  ${line}\n`);
}
process.stdout.write(
  `\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
);
process.exit(failed > 0 ? 1 : 0);
