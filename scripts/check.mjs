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
const phases = given.length > 0
  ? [['run', ...given, '--continue=dependencies-successful']]
  : [
      ['run', 'build', 'typecheck', 'lint', '--continue=dependencies-successful'],
      ['run', 'test', '--concurrency=1', '--continue=dependencies-successful'],
    ];

// Vitest's summary line, e.g. "      Tests  3 failed | 40 passed | 2 skipped (45)".
const summary = /^\S*:\s*test:\s+Tests\s+(.+)\(\d+\)\s*$/;
const counts = { passed: 0, failed: 0, skipped: 0 };
let pending = '';
const ansi = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

function collect(chunk) {
  process.stdout.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const match = summary.exec(line.replace(ansi, ''));
    if (!match) continue;
    for (const part of match[1].split('|')) {
      const [, n, kind] = /(\d+)\s+(\w+)/.exec(part.trim()) ?? [];
      if (kind === 'passed' || kind === 'failed') counts[kind] += Number(n);
      else if (kind === 'skipped' || kind === 'todo') counts.skipped += Number(n);
    }
  }
}

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(turbo, args, { stdio: ['ignore', 'pipe', 'inherit'], shell: process.platform === 'win32' });
    child.stdout.on('data', collect);
    child.on('error', (error) => {
      console.error(`scripts/check.mjs: could not start turbo (${error.message}); run the install first`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

let failed = 0;
for (const args of phases) {
  // A failing phase does not stop the next: the tests still run and report.
  if ((await run(args)) !== 0) failed += 1;
}
process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
