import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceCase } from './case.js';
import { packageRoot } from './paths.js';
import type { TargetColumn } from './report.js';
import { runCases, type CaseResult } from './run.js';
import type { StartOptions, Target } from './targets/target.js';

/** Options of {@link runTarget}. */
export interface RunTargetOptions {
  fixtures: string;
  /** What the fixture project asks of the target (approute arguments, environment). */
  start?: StartOptions;
  onResult?: (result: CaseResult, c: ConformanceCase) => void;
  /** Progress messages (starting, building, stopping). */
  log?: (message: string) => void;
}

/**
 * Starts a target, runs the cases against it and stops it; a target that is pending, cannot
 * run here or fails to start becomes a column saying why.
 * @param target the target
 * @param cases the cases
 * @param options the fixture project and progress callbacks
 */
export async function runTarget(
  target: Target,
  cases: readonly ConformanceCase[],
  options: RunTargetOptions,
): Promise<TargetColumn> {
  const column: TargetColumn = {
    name: target.name,
    title: target.title,
    group: target.group,
    status: 'ran',
    ...(target.limits ? { limits: target.limits } : {}),
  };
  if (target.pending) return { ...column, status: 'pending', reason: target.pending };
  const unavailable = await target.unavailable();
  if (unavailable) return { ...column, status: 'unavailable', reason: unavailable };
  options.log?.(`${target.name}: starting`);
  let running;
  try {
    running = await target.start(options.fixtures, options.start);
  } catch (error) {
    return {
      ...column,
      status: 'error',
      reason: `could not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  try {
    options.log?.(`${target.name}: running ${cases.length} cases against ${running.url}`);
    column.results = await runCases(running.url, cases, {
      nextjsCompatible: target.nextjsCompatible,
      logs: running.logs,
      onResult: options.onResult,
    });
  } finally {
    await running.stop();
  }
  return column;
}

/** The cases expected to fail on approute targets today, by id, with the reason (`known-failures.json`). */
export function loadKnownFailures(
  file = join(packageRoot(), 'known-failures.json'),
): Record<string, string> {
  if (!existsSync(file)) return {};
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [id, reason] of Object.entries(data))
    if (!id.startsWith('$') && typeof reason === 'string') result[id] = reason;
  return result;
}
