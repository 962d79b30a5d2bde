import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const demoDir = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../node_modules/approute/bin/approute.js', import.meta.url));
let child: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
  // The demo is served by the approute command exactly as a user runs it.
  child = spawn(process.execPath, [bin, 'start', '.', '--port', '0'], { cwd: demoDir, detached: true });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const ready = /ready on (http:\/\/\S+)/.exec(output);
    if (ready?.[1]) {
      baseUrl = ready[1];
      break;
    }
  }
  if (!baseUrl) throw new Error(`approute start did not get ready:\n${output}`);
});

afterAll(async () => {
  if (child.pid !== undefined && child.exitCode === null) {
    process.kill(-child.pid, 'SIGTERM');
    await once(child, 'exit');
  }
  await rm(`${demoDir}/.approute`, { recursive: true, force: true });
});

describe('demo app', () => {
  it('GET /hello answers the documented JSON', async () => {
    const res = await request(`${baseUrl}/hello`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('{"message":"Hello World"}');
  });
});
