#!/usr/bin/env node
// Runs every check through turbo (build, typecheck, lint, test), passes its output through,
// and ends with one line that sums the vitest results of every package:
// "tests: N passed, N failed, N skipped". Exits with turbo's exit code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tasks = process.argv.slice(2);
const args = ['run', ...(tasks.length > 0 ? tasks : ['build', 'typecheck', 'lint', 'test']), '--continue=dependencies-successful'];
const turbo = fileURLToPath(new URL('../node_modules/.bin/turbo', import.meta.url));
const child = spawn(turbo, args, { stdio: ['ignore', 'pipe', 'inherit'], shell: process.platform === 'win32' });

// Vitest's summary line, e.g. "      Tests  3 failed | 40 passed | 2 skipped (45)".
const summary = /^\S*:\s*test:\s+Tests\s+(.+)\(\d+\)\s*$/;
const counts = { passed: 0, failed: 0, skipped: 0 };
let pending = '';
const ansi = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

child.stdout.on('data', (chunk) => {
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
});

child.on('error', (error) => {
  console.error(`scripts/check.mjs: could not start turbo (${error.message}); run the install first`);
  process.exit(1);
});

child.on('close', (code) => {
  process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  process.exit(code ?? 1);
});
