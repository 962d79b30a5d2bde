import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

/** The runtimes `--runtime` accepts: the server under test runs on one of them. */
export const RUNTIMES = ['node', 'bun', 'deno', 'workerd', 'edge-runtime'] as const;

/** One of {@link RUNTIMES}. */
export type Runtime = (typeof RUNTIMES)[number];

/** Case id → why the runtime cannot pass it. */
export type Limits = Readonly<Record<string, string>>;

/**
 * Tells whether a text names one of {@link RUNTIMES}.
 * @param name the text, e.g. a `--runtime` value
 */
export function isRuntime(name: string): name is Runtime {
  return (RUNTIMES as readonly string[]).includes(name);
}

/**
 * The cases each runtime cannot pass whatever the server on it does, each with the reason
 * (`runtime-limits.json`, beside `known-failures.json`).
 * @param file the JSON file (default: the package's own)
 */
export function loadRuntimeLimits(
  file = join(packageRoot(), 'runtime-limits.json'),
): Readonly<Record<Runtime, Limits>> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const all = Object.create(null) as Record<Runtime, Limits>;
  for (const runtime of RUNTIMES) {
    const entries = data[runtime];
    const limits = Object.create(null) as Record<string, string>;
    if (entries !== null && typeof entries === 'object')
      for (const [id, reason] of Object.entries(entries))
        if (typeof reason === 'string') limits[id] = reason;
    all[runtime] = Object.freeze(limits);
  }
  return Object.freeze(all);
}

/**
 * The runtime limits of one runtime: case id → reason.
 * @param runtime the runtime
 */
export function runtimeLimits(runtime: Runtime): Limits {
  return loadRuntimeLimits()[runtime];
}
