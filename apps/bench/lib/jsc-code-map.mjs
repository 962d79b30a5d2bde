// JavaScriptCore (Bun) writes no perf map, so callgrind shows its JIT-compiled JavaScript as bare
// addresses. With BUN_JSC_dumpDisassembly=true it prints a `Generated <tier> code for <name>`
// header for every piece of code it generates, followed by the address ranges the code
// occupies (`Code at [a, b)`, or `range a...b` where it has no disassembler). This module turns
// that output into a perf map (`<start> <size> <name>`, hexadecimal) for lib/callgrind-names.mjs.
// Usage: node lib/jsc-code-map.mjs <server output> > <map>

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HEADER = /^Generated (.*?) code for (.*)$/;
const THUNK = /^Generated JIT code for (.*?): \[(0x[0-9a-f]+), (0x[0-9a-f]+)\)/;
const CODE_AT = /Code at \[(0x[0-9a-f]+), (0x[0-9a-f]+)\)/;
const RANGE = /range (0x[0-9a-f]+)\.\.\.(0x[0-9a-f]+)/;

// `invoke#AbCdEf:[0x…->0x…, DFGFunctionCall, 15 (StrictMode)], instructions size = 15:` →
// `invoke` and `AbCdEf`, the code block's hash, the same in every tier.
function nameOf(rest) {
  const match = /^(.*?)#([A-Za-z0-9]+):/.exec(rest);
  return match ? { name: match[1], hash: match[2] } : { name: rest.trim(), hash: undefined };
}

/**
 * The perf map of a Bun process's JIT code, from what it printed with BUN_JSC_dumpDisassembly.
 * @param {string} text the process's output
 * @returns {string} perf map lines
 */
export function jscCodeMap(text) {
  // [start, end, line], in the order the code was made. JavaScriptCore reuses the memory of code
  // it threw away: a range made later replaces every earlier one it overlaps (what runs there
  // after the warm-up is the later code).
  const entries = [];
  const add = (start, end, line) => {
    for (let index = entries.length - 1; index >= 0; index--) {
      const [from, to] = entries[index];
      if (from < end && start < to) entries.splice(index, 1);
    }
    entries.push([start, end, line]);
  };
  // An anonymous function is named by the start of its source, which only the first tier's
  // header is followed by (`Source: …`); the later tiers find it by the code block's hash.
  const sources = new Map();
  let current; // { name, hash, start, end }
  const close = () => {
    if (current && current.end > current.start) {
      const name =
        current.name !== '' ? current.name : (sources.get(current.hash) ?? `#${current.hash}`);
      add(
        current.start,
        current.end,
        `${current.start.toString(16)} ${(current.end - current.start).toString(16)} ${current.tier} ${name}`,
      );
    }
    current = undefined;
  };
  for (const line of text.split('\n')) {
    const thunk = THUNK.exec(line);
    if (thunk) {
      close();
      const start = parseInt(thunk[2], 16);
      const end = parseInt(thunk[3], 16);
      add(start, end, `${start.toString(16)} ${(end - start).toString(16)} thunk ${thunk[1]}`);
      continue;
    }
    const header = HEADER.exec(line);
    if (header) {
      close();
      const { name, hash } = nameOf(header[2]);
      current = { tier: header[1], name, hash, start: Infinity, end: 0 };
      continue;
    }
    if (!current) continue;
    const source = /^\s*Source: (.*)$/.exec(line);
    if (source) {
      if (current.hash !== undefined && !sources.has(current.hash))
        sources.set(current.hash, `(${source[1].slice(0, 70).replaceAll(/\s+/g, ' ')})`);
      continue;
    }
    const range = CODE_AT.exec(line) ?? RANGE.exec(line);
    if (!range) continue;
    current.start = Math.min(current.start, parseInt(range[1], 16));
    current.end = Math.max(current.end, parseInt(range[2], 16));
  }
  close();
  return entries.map(([, , line]) => line).join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(jscCodeMap(readFileSync(process.argv[2], 'utf8')));
}
