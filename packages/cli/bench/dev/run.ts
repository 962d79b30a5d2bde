// `approute dev` beside `next dev` (Next.js 16.4.6, Turbopack, from conformance/), in one run,
// on two copies of one small app: start to first answer (cold: no .approute, no .next), first
// hit of each other route, and reload after a save (the time from writing the file to the
// first answer with the new body). Both servers run side by side while the saves alternate.
//
//   pnpm --filter approute bench:dev         (SAVES=7 for more saves)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const approute = join(repo, 'packages/cli/bin/approute.js');
const next = join(repo, 'conformance/node_modules/next/dist/bin/next');
const SAVES = Number(process.env.SAVES ?? 5);

const ROUTES: Record<string, string> = {
  'app/api/hello/route.ts':
    "import { NextResponse } from 'next/server';\nexport function GET() {\n  return NextResponse.json({ message: 'hello 0' });\n}\n",
  'app/api/users/[id]/route.ts':
    'export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {\n  const { id } = await context.params;\n  return Response.json({ id });\n}\n',
  'app/api/me/route.ts':
    "import { cookies, headers } from 'next/headers';\nexport async function GET() {\n  const session = (await cookies()).get('session')?.value ?? null;\n  return Response.json({ session, agent: (await headers()).get('user-agent') });\n}\n",
  'app/api/time/route.ts':
    "export const dynamic = 'force-static';\nexport function GET() {\n  return Response.json({ at: Date.now() });\n}\n",
};
const OTHERS = ['/api/users/1', '/api/me', '/api/time'];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function project(root: string, name: string): Promise<string> {
  const dir = join(root, name);
  for (const [file, source] of Object.entries(ROUTES)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), source);
  }
  await writeFile(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  return dir;
}

async function get(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined;
  }
}

interface Server {
  name: string;
  dir: string;
  url: string;
  child: ChildProcess;
  firstAnswer: number;
  firstHits: number[];
  reloads: number[];
}

async function start(name: string, dir: string, command: string[]): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...command, '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dir,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  for (;;) {
    const res = await get(`${url}/api/hello`);
    if (res?.status === 200) break;
    if (performance.now() - started > 120_000) throw new Error(`${name} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const firstAnswer = performance.now() - started;
  const firstHits: number[] = [];
  for (const path of OTHERS) {
    const began = performance.now();
    const res = await get(url + path);
    if (res?.status !== 200) throw new Error(`${name} ${path}: ${String(res?.status)}`);
    firstHits.push(performance.now() - began);
  }
  return { name, dir, url, child, firstAnswer, firstHits, reloads: [] };
}

async function save(server: Server, n: number): Promise<void> {
  const body = `hello ${String(n)}`;
  const source = ROUTES['app/api/hello/route.ts']?.replace('hello 0', body) ?? '';
  const began = performance.now();
  await writeFile(join(server.dir, 'app/api/hello/route.ts'), source);
  for (;;) {
    const res = await get(`${server.url}/api/hello`);
    if (res?.body.includes(body)) break;
    if (performance.now() - began > 30_000)
      throw new Error(`${server.name} missed save ${String(n)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  server.reloads.push(performance.now() - began);
}

const root = await mkdtemp(join(repo, 'conformance', '.bench-dev-'));
const servers: Server[] = [];
try {
  servers.push(
    await start('approute dev', await project(root, 'approute'), [approute, 'dev', '.']),
  );
  servers.push(await start('next dev', await project(root, 'next'), [next, 'dev']));
  // Let next dev settle its background work before the saves.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (let n = 1; n <= SAVES; n++) {
    for (const server of servers) {
      await save(server, n);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
} finally {
  for (const server of servers) {
    if (server.child.pid) process.kill(-server.child.pid, 'SIGTERM');
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  await rm(root, { recursive: true, force: true });
}

const ms = (value: number) => String(Math.round(value));
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? NaN;
const [a, b] = servers as [Server, Server];
console.log(`\n| measure | ${a.name} | ${b.name} | ratio |`);
console.log('| --- | ---: | ---: | ---: |');
console.log(
  `| start → first answer (GET /api/hello, cold) | ${ms(a.firstAnswer)} ms | ${ms(b.firstAnswer)} ms | ${(b.firstAnswer / a.firstAnswer).toFixed(1)}× |`,
);
OTHERS.forEach((path, i) => {
  const x = a.firstHits[i] ?? NaN;
  const y = b.firstHits[i] ?? NaN;
  console.log(`| first hit of ${path} | ${ms(x)} ms | ${ms(y)} ms | ${(y / x).toFixed(0)}× |`);
});
const range = (values: number[]) =>
  `${ms(median(values))} ms (${sorted(values).map(ms).join(' / ')})`;
console.log(
  `| reload after a save, median of ${String(SAVES)} | ${range(a.reloads)} | ${range(b.reloads)} | ${(median(b.reloads) / median(a.reloads)).toFixed(1)}× |`,
);
