#!/usr/bin/env node
// Drives the two cache fixture projects on real Next.js (`next build && next start`) and records
// every request the data cache cases send: time since the case began, status, x-nextjs-cache,
// Cache-Control, body. It also judges each case, so a run shows both what Next.js did and
// whether the cases expect exactly that.
//
//   pnpm --filter @approute/conformance build
//   node conformance/scripts/observe-cache.mjs [classic|components …] [--out <file.md>]
//
// The upstream (src/lib/upstream.ts) runs in this process; its origin reaches the server as
// CACHE_UPSTREAM. Builds are cached by source digest (.next/approute-conformance-sources).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => import(join(root, 'dist', path));
const [{ dataCacheCases }, { cacheComponentsCases }, { CaseHttpClient }, { expectResponse }] =
  await Promise.all([
    dist('cases/data-cache.js'),
    dist('cases/cache-components.js'),
    dist('src/lib/http.js'),
    dist('src/lib/expect.js'),
  ]);
const [{ startUpstream }, { buildNext }, { freePort, startProcess, waitForOutput }] =
  await Promise.all([
    dist('src/lib/upstream.js'),
    dist('src/lib/targets/nextjs.js'),
    dist('src/lib/process.js'),
  ]);

// Timing probes: after a `revalidateTag(tag, 'max')` (or once `wait` ms have passed), read every
// 10 ms and measure how long stale answers are served before the refreshed one arrives.
const hitOf = (body) => body.hit;
const stampOf = (body) => body.stamp;
const FIXTURES = {
  classic: {
    dir: join(root, 'fixtures-cache'),
    cases: dataCacheCases,
    probes: [
      {
        name: "fetch data, revalidateTag 'max'",
        path: (k) => `/fetch/force-cache-tags/${k}`,
        tag: (k) => `f-${k}`,
        value: hitOf,
      },
      {
        name: "unstable_cache, revalidateTag 'max'",
        path: (k) => `/uc/basic/${k}`,
        tag: (k) => `uc-${k}`,
        value: hitOf,
      },
      {
        name: "force-static answer, revalidateTag 'max'",
        path: (k) => `/static/fetch-tagged/${k}`,
        tag: (k) => `s-${k}`,
        value: hitOf,
      },
      {
        name: 'fetch next.revalidate = 1, after 1.05 s',
        path: (k) => `/fetch/revalidate-1/${k}`,
        wait: 1_050,
        value: hitOf,
      },
      {
        name: 'revalidate = 1 answer, after 1.05 s',
        path: (k) => `/static/revalidate-listed/${k}`,
        wait: 1_050,
        value: (b) => b.n,
      },
    ],
  },
  components: {
    dir: join(root, 'fixtures-cache-components'),
    cases: cacheComponentsCases,
    probes: [
      {
        name: "'use cache', revalidateTag 'max'",
        path: (k) => `/data/default/${k}`,
        tag: (k) => `c-${k}`,
        value: hitOf,
      },
      {
        name: "'use cache' in a [key] GET, revalidateTag 'max'",
        path: (k) => `/static/stamp/${k}`,
        tag: (k) => `cs-${k}`,
        value: stampOf,
      },
      {
        name: "prerendered GET, revalidateTag 'max'",
        path: () => '/static/stamp',
        tag: () => 'cc-stamp',
        value: stampOf,
      },
    ],
  },
};
const ROUNDS = 5;

/** One probe round: ms from the first stale answer to the first fresh one, and stale count. */
async function probeOnce(http, probe, key) {
  const read = async () => JSON.parse((await http.send({ path: probe.path(key) })).body);
  const before = probe.value(await read());
  if (probe.tag) {
    await http.send({
      method: 'POST',
      path: `/api/revalidate-tag?tag=${probe.tag(key)}&profile=max`,
    });
  } else await sleep(probe.wait);
  let stale = 0;
  let firstStaleAt;
  for (let i = 0; i < 500; i++) {
    const value = probe.value(await read());
    const now = performance.now();
    if (value !== before) return { stale, ms: firstStaleAt === undefined ? 0 : now - firstStaleAt };
    stale += 1;
    firstStaleAt ??= now;
    await sleep(10);
  }
  return { stale, ms: Infinity };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, filter: { type: 'string' } },
});
const chosen = positionals.length > 0 ? positionals : Object.keys(FIXTURES);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const lines = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
let failures = 0;

function short(text) {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 140 ? `${oneLine.slice(0, 137)}…` : oneLine;
}

for (const name of chosen) {
  const fixture = FIXTURES[name];
  if (!fixture)
    throw new Error(`unknown fixture ${name}; one of ${Object.keys(FIXTURES).join(', ')}`);
  const upstream = await startUpstream();
  const built = await buildNext(fixture.dir);
  const port = await freePort();
  const server = startProcess({
    command: process.execPath,
    args: [
      join(root, 'node_modules/next/dist/bin/next'),
      'start',
      '--port',
      String(port),
      '--hostname',
      '127.0.0.1',
    ],
    cwd: fixture.dir,
    env: { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', CACHE_UPSTREAM: upstream.origin },
  });
  try {
    await waitForOutput(server, /Ready in/, 60_000);
    const http = new CaseHttpClient(`http://127.0.0.1:${port}`);
    say(
      `## ${name}: ${fixture.dir.slice(root.length + 1)} (${built ? 'built now' : 'build reused'})`,
    );
    say();
    let run = 0;
    const cases = values.filter
      ? fixture.cases.filter((c) => c.id.includes(values.filter))
      : fixture.cases;
    for (const c of cases) {
      const log = [];
      const started = performance.now();
      const logStart = server.output().length;
      let ids = 0;
      const context = {
        async send(request) {
          const at = Math.round(performance.now() - started);
          const response = await http.send(request);
          const cacheState = response.header('x-nextjs-cache');
          const cacheControl = response.header('cache-control');
          log.push(
            `${String(at).padStart(5)} ms ${request.method ?? 'GET'} ${request.path} → ${response.status}` +
              (cacheState ? ` [${cacheState}]` : '') +
              (cacheControl ? ` {${cacheControl}}` : '') +
              ` ${short(response.body)}`,
          );
          return response;
        },
        uniqueId: () => `${Date.now().toString(36)}-${run}-${ids++}`,
        sleep,
        async waitForLog(pattern, timeoutMs = 3_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            if (pattern.test(server.output().slice(logStart))) return true;
            if (Date.now() > deadline) return false;
            await sleep(50);
          }
        },
      };
      run += 1;
      let outcome = 'pass';
      try {
        if (c.run) await c.run(context);
        else {
          const response = await context.send(c.request);
          expectResponse(response, c.expect);
          await c.check?.(response, context);
        }
        if (c.log && !(await context.waitForLog(c.log, 3_000)))
          throw new Error(`log: expected a line matching ${String(c.log)}`);
      } catch (error) {
        outcome = `FAIL: ${error instanceof Error ? error.message : String(error)}`;
        failures += 1;
      }
      say(`### ${c.id} — ${outcome}`);
      say(c.title);
      say('```');
      for (const line of log) say(line);
      const printed = server
        .output()
        .slice(logStart)
        .split('\n')
        .filter((line) => /Error|Warning|deprecated|⨯/.test(line));
      for (const line of printed) say(`  log: ${short(line)}`);
      say('```');
    }
    say(`### timing (${ROUNDS} rounds each, reads every 10 ms)`);
    say();
    say(
      '| what | stale answers served | ms from first stale to first fresh (min / median / max) |',
    );
    say('| --- | ---: | ---: |');
    for (const probe of fixture.probes) {
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++)
        rounds.push(await probeOnce(http, probe, `probe-${Date.now().toString(36)}-${i}`));
      const ms = rounds.map((r) => r.ms).sort((a, b) => a - b);
      const stale = rounds.map((r) => r.stale);
      const f = (n) => (Number.isFinite(n) ? n.toFixed(0) : '∞');
      say(
        `| ${probe.name} | ${Math.min(...stale)}–${Math.max(...stale)} | ${f(ms[0])} / ${f(ms[Math.floor(ms.length / 2)])} / ${f(ms.at(-1))} |`,
      );
    }
    say();
    await http.close();
  } finally {
    await server.stop();
    await upstream.stop();
  }
}

say(`${failures} case(s) failed`);
if (values.out) writeFileSync(values.out, `${lines.join('\n')}\n`);
process.exitCode = failures > 0 ? 1 : 0;
