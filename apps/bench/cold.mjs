/* global fetch */
// Cold start: the time from spawning `approute start` to the first 200 answer, for a generated
// 1-route app and a 1,000-route app, built beforehand (only the start is timed). Several runs,
// alternating, median reported; with --next the same for `next start` (its build is cached in
// .cold/<app>/.next while the generated sources are unchanged). Usage:
//   node cold.mjs [--runs 7] [--routes 1,1000] [--next]
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { cpuSeconds } from './lib/load.mjs';
import { cli, here, median, stopServer } from './lib/setup.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    routes: { type: 'string', default: '1,1000' },
    next: { type: 'boolean', default: false },
  },
});
const run = promisify(execFile);
const nextBin = join(
  dirname(createRequire(import.meta.url).resolve('next/package.json')),
  'dist/bin/next',
);

// A route file of the generated app: most static, one in ten with a dynamic segment, as apps
// have them; /hello is the one asked for.
function generate(count) {
  const dir = join(here, '.cold', `routes-${count}`);
  const files = new Map([
    [
      'app/hello/route.ts',
      "export async function GET() {\n  return Response.json({ message: 'Hello World' });\n}\n",
    ],
  ]);
  for (let i = 1; i < count; i++) {
    const section = `section-${i % 25}`;
    const file =
      i % 10 === 0 ? `app/${section}/item-${i}/[id]/route.ts` : `app/${section}/page-${i}/route.ts`;
    files.set(
      file,
      `export async function GET(request: Request) {\n  return Response.json({ route: ${i}, url: request.url });\n}\n\nexport async function POST(request: Request) {\n  return Response.json({ route: ${i}, body: await request.json() });\n}\n`,
    );
  }
  const stamp = join(dir, '.generated');
  const id = `${count} routes v1`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === id) return dir;
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  writeFileSync(
    join(dir, 'next.config.mjs'),
    'export default { typescript: { ignoreBuildErrors: true }, compress: false };\n',
  );
  writeFileSync(stamp, id);
  return dir;
}

// From spawn to the first 200 of GET /hello: the ready line gives the port (port 0), then the
// request; `ready` is when the line came.
async function coldStart(command, args, cwd, readyPattern) {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    let output = '';
    const url = await new Promise((resolve, reject) => {
      const onData = (chunk) => {
        output += String(chunk);
        const match = readyPattern.exec(output);
        if (match) resolve(match[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const ready = performance.now() - started;
    for (;;) {
      const response = await fetch(`${url}/hello`).catch(() => undefined);
      if (response?.status === 200) {
        await response.arrayBuffer();
        break;
      }
      await response?.arrayBuffer();
    }
    return { ready, first: performance.now() - started, cpu: cpuSeconds(child.pid) * 1000 };
  } finally {
    await stopServer(child);
  }
}

const counts = values.routes.split(',').map(Number);
const apps = counts.map((count) => ({ count, dir: generate(count) }));
const starters = [
  {
    name: 'approute start',
    async build(dir) {
      await run(process.execPath, [cli, 'build', dir], { cwd: here, maxBuffer: 1 << 26 });
    },
    start: (dir) =>
      coldStart(
        process.execPath,
        [cli, 'start', dir, '--port', '0'],
        dir,
        /ready on (http:\/\/\S+?)\/?(\s|$)/,
      ),
  },
];
if (values.next)
  starters.push({
    name: 'next start',
    async build(dir) {
      const stamp = join(dir, '.next', 'bench-built');
      if (existsSync(stamp)) return;
      process.stderr.write(`next build ${dir} (once)\n`);
      await run(process.execPath, [nextBin, 'build', dir], {
        cwd: dir,
        maxBuffer: 1 << 26,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      });
      writeFileSync(stamp, '');
    },
    // next start -p 0 prints the port it was given, not the one it got: pick a free one.
    start: async (dir) => {
      const port = await freePort();
      return coldStart(
        process.execPath,
        [nextBin, 'start', dir, '-p', String(port), '-H', '127.0.0.1'],
        dir,
        new RegExp(`(http://(?:127\\.0\\.0\\.1|localhost):${port})`),
      );
    },
  });

async function freePort() {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const results = new Map();
for (const starter of starters) {
  for (const app of apps) await starter.build(app.dir);
  for (let i = 0; i < Number(values.runs); i++) {
    for (const app of i % 2 ? [...apps].reverse() : apps) {
      const figure = await starter.start(app.dir);
      const key = `${starter.name}\t${app.count}`;
      results.set(key, [...(results.get(key) ?? []), figure]);
      process.stderr.write(
        `${starter.name} ${app.count} routes: ready line ${figure.ready.toFixed(0)} ms, first 200 ${figure.first.toFixed(0)} ms, ${figure.cpu.toFixed(0)} ms CPU\n`,
      );
    }
  }
}

console.log(
  `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, median of ${values.runs} starts (build done beforehand)\n`,
);
console.log(
  '| server | routes | to ready line | to first 200 | ratio to the 1-route app | CPU to first 200 (main process) |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const starter of starters) {
  const base = median((results.get(`${starter.name}\t${counts[0]}`) ?? []).map((r) => r.first));
  for (const { count } of apps) {
    const list = results.get(`${starter.name}\t${count}`) ?? [];
    const first = median(list.map((r) => r.first));
    console.log(
      `| ${starter.name} | ${count.toLocaleString('en-US')} | ${median(list.map((r) => r.ready)).toFixed(0)} ms | ${first.toFixed(0)} ms | ${(first / base).toFixed(2)} | ${median(list.map((r) => r.cpu)).toFixed(0)} ms |`,
    );
  }
}
