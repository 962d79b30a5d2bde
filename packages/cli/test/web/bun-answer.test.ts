// On Bun the fetch export hands back an answer it has at once as a Response, not a promise:
// Bun then sends it without waiting on anything. An async GET that awaited nothing counts (its
// promise has settled when it returns, and Bun.peek reads it); one that awaits does not.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bunBinary } from '@approute/runtimes';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWebBundle } from '../../src/lib/build-web.ts';
import { scanApp } from '../../src/lib/scan.ts';

const projectDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
let outDir: string;
let bundle: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'approute-web-answer-'));
  bundle = join(outDir, 'index.mjs');
  const manifest = await scanApp(projectDir);
  await buildWebBundle({ projectDir, manifest, outFile: bundle, conditions: ['source'] });
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

interface Answer {
  promise: boolean;
  status: number;
  body: string;
}

it('answers at once on Bun when nothing had to be awaited, and through a promise otherwise', async () => {
  const script = join(outDir, 'ask.mjs');
  await writeFile(
    script,
    `const { default: app } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const server = { requestIP: () => ({ address: '127.0.0.1' }), stop() {} };
const ask = (path) => app.fetch(new Request('http://127.0.0.1' + path), server);
const paths = ['/settled', '/hello', '/dashboard/acme', '/nowhere'];
// The first request of a route loads its module, which is awaited.
for (const path of paths) await ask(path);
const answers = {};
for (const path of paths) {
  const answer = ask(path);
  const response = await answer;
  answers[path] = { promise: answer instanceof Promise, status: response.status, body: await response.text() };
}
console.log(JSON.stringify(answers));
process.exit(0);
`,
  );
  const { stdout } = await promisify(execFile)(bunBinary(), [script], { timeout: 30_000 });
  const answers = JSON.parse(stdout) as Record<string, Answer>;
  expect(answers['/settled']).toEqual({ promise: false, status: 200, body: '{"settled":true}' });
  expect(answers['/hello']).toMatchObject({ promise: false, status: 200 });
  expect(answers['/nowhere']).toEqual({ promise: false, status: 404, body: '' });
  expect(answers['/dashboard/acme']).toEqual({
    promise: true,
    status: 200,
    body: '{"team":"acme","path":"/dashboard/acme"}',
  });
});
