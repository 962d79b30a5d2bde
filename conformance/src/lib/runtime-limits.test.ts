import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCases } from './all-cases.js';
import { packageRoot } from './paths.js';
import { loadRuntimeLimits, RUNTIMES, runtimeLimits } from './runtime-limits.js';

const file = join(packageRoot(), 'runtime-limits.json');

describe('runtime-limits.json', () => {
  it('has an entry for every runtime --runtime accepts, and no other', () => {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(data).filter((key) => !key.startsWith('$'))).toEqual([...RUNTIMES]);
  });

  it('names only cases that exist, each with a reason that names the runtime', () => {
    const ids = new Set(allCases.map((c) => c.id));
    const limits = loadRuntimeLimits();
    for (const runtime of RUNTIMES) {
      expect(Object.keys(limits[runtime]).filter((id) => !ids.has(id))).toEqual([]);
      for (const reason of Object.values(limits[runtime]))
        expect(reason.toLowerCase()).toContain(runtime);
    }
  });

  it('gives a reason for a case the runtime cannot pass, and nothing otherwise', () => {
    expect(runtimeLimits('workerd')['streaming/client-abort']).toMatch(/^workerd /);
    expect(runtimeLimits('deno')['streaming/client-abort']).toBeUndefined();
    expect(Object.hasOwn(runtimeLimits('bun'), '__proto__')).toBe(false);
    expect(runtimeLimits('bun')['constructor' as string]).toBeUndefined();
    expect(Object.keys(runtimeLimits('node'))).toEqual([]);
  });
});
