// Load generation for the throughput benches: wrk -t1 when Debian's wrk is installed (as
// shared/PERFORMANCE.md measures), autocannon otherwise; and the server's CPU time.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** Whether Debian's wrk is on PATH. */
export const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version prints its banner and exits 1; only a missing binary throws ENOENT.
    return error.code !== 'ENOENT';
  }
})();

/**
 * CPU seconds a process has used (Linux): a figure that other load on the machine disturbs far
 * less than req/s does.
 * @param {number} pid the process
 */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

// wrk prints `Requests/sec: 61234.56` and, with --latency, `99%    1.62ms`.
function wrkLoad(url, route, seconds, connections) {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(route.headers)) args.push('-H', `${name}: ${value}`);
  args.push(`${url}${route.path}`);
  return new Promise((resolve, reject) => {
    execFile('wrk', args, (error, stdout) => {
      if (error) return reject(error);
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
      const total = Number(/(\d+) requests in/.exec(stdout)?.[1]);
      const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(stdout);
      const p99ms = p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : Number.NaN;
      const errors =
        Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0) +
        (/Socket errors/.test(stdout) ? 1 : 0);
      resolve({ rps, total, p99: Number(p99ms.toFixed(2)), errors });
    });
  });
}

/**
 * Drives one route for a number of seconds.
 * @param {'wrk' | 'autocannon'} tool the load generator
 * @returns {Promise<{ rps: number, total: number, p99: number, errors: number }>}
 */
export async function load(tool, url, route, seconds, connections) {
  if (tool === 'wrk') return wrkLoad(url, route, seconds, connections);
  const result = await autocannon({
    url: `${url}${route.path}`,
    headers: route.headers,
    connections: Number(connections),
    duration: Number(seconds),
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}
