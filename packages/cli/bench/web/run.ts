// Bare Bun.serve against approute's Web adapter on Bun, same routes, same run, with autocannon.
// Run with `pnpm --filter @approute/web bench`; ROUNDS, DURATION (seconds) and CONNECTIONS tune it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bunBinary, startBun, type RuntimeServer } from '@approute/runtimes';
import autocannon from 'autocannon';
import { buildWebBundle } from '../../src/lib/build-web.ts';
import { scanApp } from '../../src/lib/scan.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const DURATION = Number(process.env.DURATION ?? 4);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const PATHS = ['/hello', '/dashboard/acme'] as const;
const EXPECTED: Record<(typeof PATHS)[number], string> = {
  '/hello': '{"message":"Hello World"}',
  '/dashboard/acme': '{"team":"acme"}',
};

interface Sample {
  rps: number;
  p99: number;
  /** Server CPU time per request, in microseconds: steadier than req/s on a busy machine. */
  cpu: number;
}

const TICK_US = 1_000_000 / 100; // Linux clock ticks (USER_HZ) are 1/100 s.

/** User plus system CPU time of a process so far, in microseconds (Linux /proc). */
async function cpuTime(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

async function load(server: RuntimeServer, path: string, duration: number): Promise<Sample> {
  const url = `${server.url}${path}`;
  const before = await cpuTime(server.pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration, pipelining: 1 });
  const used = (await cpuTime(server.pid)) - before;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${url}: ${String(result.non2xx)} non-2xx answers, ${String(result.errors)} errors`,
    );
  }
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpu: used / Math.max(1, result.requests.total),
  };
}

async function check(server: RuntimeServer): Promise<void> {
  for (const path of PATHS) {
    const body = await (await fetch(`${server.url}${path}`)).text();
    if (body !== EXPECTED[path])
      throw new Error(`${server.url}${path} answered ${body}, expected ${EXPECTED[path]}`);
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const outDir = await mkdtemp(join(tmpdir(), 'approute-bench-'));
const servers: RuntimeServer[] = [];
try {
  const bundle = join(outDir, 'app.mjs');
  const projectDir = fileURLToPath(new URL('./', import.meta.url));
  await buildWebBundle({
    projectDir,
    manifest: await scanApp(projectDir),
    outFile: bundle,
    conditions: ['source'],
    minify: true,
  });
  const bare = await startBun(fileURLToPath(new URL('./bare.mjs', import.meta.url)));
  servers.push(bare);
  const approute = await startBun(bundle);
  servers.push(approute);
  const contenders = { bare, approute };
  for (const server of servers) await check(server);

  const samples: Record<string, Sample[]> = Object.create(null) as Record<string, Sample[]>;
  for (const server of servers) for (const path of PATHS) await load(server, path, 1); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so that neither side always runs on a warmer or cooler machine.
    const order =
      round % 2 === 0 ? (['bare', 'approute'] as const) : (['approute', 'bare'] as const);
    for (const path of PATHS) {
      for (const name of order) {
        const sample = await load(contenders[name], path, DURATION);
        (samples[`${name} ${path}`] ??= []).push(sample);
        process.stderr.write(
          `round ${String(round + 1)}/${String(ROUNDS)} ${name} ${path}: ${Math.round(sample.rps)} req/s, ${sample.cpu.toFixed(1)} µs CPU/req\n`,
        );
      }
    }
  }

  const bunVersion = execFileSync(bunBinary(), ['--version'], { encoding: 'utf8' }).trim();
  const cpu = cpus();
  const lines = [
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${String(cpu.length)} cores ` +
      `(server and load generator share them), ${String(Math.round(totalmem() / 2 ** 30))} GiB, Linux ${release()}; ` +
      `Bun ${bunVersion}; autocannon in Node ${process.version}, ${String(CONNECTIONS)} connections, ` +
      `median of ${String(ROUNDS)} rounds of ${String(DURATION)} s.`,
    '',
    '| route | bare `Bun.serve` req/s | approute on Bun req/s | ratio | median of per-round ratios | bare server CPU/req | approute server CPU/req | CPU ratio (bare ÷ approute) | bare p99 | approute p99 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const path of PATHS) {
    const bareRps = median((samples[`bare ${path}`] ?? []).map((s) => s.rps));
    const appRps = median((samples[`approute ${path}`] ?? []).map((s) => s.rps));
    const bareP99 = median((samples[`bare ${path}`] ?? []).map((s) => s.p99));
    const appP99 = median((samples[`approute ${path}`] ?? []).map((s) => s.p99));
    // Each round measures both sides back to back, so a round's ratio shrugs off slow drifts
    // in what else the machine is doing.
    const bareRounds = samples[`bare ${path}`] ?? [];
    const roundRatio = median(
      (samples[`approute ${path}`] ?? []).map((s, i) => s.rps / (bareRounds[i]?.rps ?? Number.NaN)),
    );
    const bareCpu = median(bareRounds.map((s) => s.cpu));
    const appCpu = median((samples[`approute ${path}`] ?? []).map((s) => s.cpu));
    lines.push(
      `| \`${path}\` | ${Math.round(bareRps).toLocaleString('en-US')} | ${Math.round(appRps).toLocaleString('en-US')} | ` +
        `${(appRps / bareRps).toFixed(2)} | ${roundRatio.toFixed(2)} | ${bareCpu.toFixed(1)} µs | ${appCpu.toFixed(1)} µs | ` +
        `${(bareCpu / appCpu).toFixed(2)} | ${String(bareP99)} ms | ${String(appP99)} ms |`,
    );
  }
  console.log(lines.join('\n'));
} finally {
  for (const server of servers) await server.stop();
  await rm(outDir, { recursive: true, force: true });
}
