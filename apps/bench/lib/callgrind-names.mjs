// callgrind names V8's builtins and the C++ but shows JIT-compiled JavaScript as bare
// addresses. With `node --perf-basic-prof`, V8 writes every code object's address range and
// name to /tmp/perf-<pid>.map; this module joins the two into one self-cost table.
// Usage: node lib/callgrind-names.mjs <dump.out> <perf map> [rows]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Reads a perf map into address ranges sorted by start.
 * @param {string} file `/tmp/perf-<pid>.map`
 * @returns {[number, number, string][]}
 */
function readPerfMap(file) {
  // Code that V8 freed leaves its line; a later line for the same address is what is there now.
  const byStart = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const [address, size, ...name] = line.split(' ');
    byStart.set(parseInt(address, 16), [parseInt(address, 16), parseInt(size, 16), name.join(' ')]);
  }
  return [...byStart.values()].sort((a, b) => a[0] - b[0]);
}

function lookup(ranges, address) {
  let low = 0;
  let high = ranges.length - 1;
  let best;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (ranges[middle][0] <= address) {
      best = ranges[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return best && address < best[0] + best[1] ? best[2] : undefined;
}

/**
 * The self cost (instructions) of each function in a callgrind dump, JIT code named from the
 * perf map, most expensive first.
 * @param {string} dump a callgrind output file
 * @param {string} perfMap the server's perf map
 * @returns {{ total: number, rows: [string, number][] }}
 */
export function namedCosts(dump, perfMap) {
  const ranges = readPerfMap(perfMap);
  const text = execFileSync('callgrind_annotate', ['--threshold=100', dump], {
    maxBuffer: 1 << 28,
  }).toString();
  const total = Number(/([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS/.exec(text)?.[1].replace(/,/g, ''));
  const costs = new Map();
  for (const line of text.split('\n')) {
    const match = /^\s*([\d,]+) \([\s\d.]+%\)\s+(.*)$/.exec(line);
    if (!match || match[2].includes('PROGRAM TOTALS')) continue;
    const cost = Number(match[1].replace(/,/g, ''));
    const address = /\?\?\?:0x([0-9a-f]+) \[\?\?\?\]/.exec(match[2]);
    const name = address
      ? `JS ${lookup(ranges, parseInt(address[1], 16)) ?? `0x${address[1]}`}`
      : match[2].replace(/ \[.*\]$/, '').replace(/^\?\?\?:/, '');
    costs.set(name, (costs.get(name) ?? 0) + cost);
  }
  return { total, rows: [...costs].sort((a, b) => b[1] - a[1]) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dump, perfMap, rows = '60'] = process.argv.slice(2);
  if (!dump || !perfMap) {
    console.error('usage: node lib/callgrind-names.mjs <dump.out> <perf map> [rows]');
    process.exit(2);
  }
  const { total, rows: costs } = namedCosts(dump, perfMap);
  console.log(`${total.toLocaleString('en-US')} instructions in the dump`);
  for (const [name, cost] of costs.slice(0, Number(rows)))
    console.log(
      `${cost.toLocaleString('en-US').padStart(12)} ${((100 * cost) / total).toFixed(2).padStart(6)} %  ${name.slice(0, 140)}`,
    );
}
