#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { allCases } from './lib/all-cases.js';
import { runCases } from './lib/run.js';

const { values } = parseArgs({ options: { url: { type: 'string' } } });
if (!values.url) {
  process.stderr.write('Usage: approute-conformance --url http://127.0.0.1:3000\n');
  process.exit(1);
}
const results = await runCases(values.url, allCases);
for (const r of results) process.stdout.write(`${r.outcome === 'pass' ? 'pass' : 'FAIL'}  ${r.id}${r.error ? `  ${r.error}` : ''}\n`);
const failed = results.filter((r) => r.outcome === 'fail').length;
process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
