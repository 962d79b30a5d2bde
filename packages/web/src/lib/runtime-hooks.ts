// What a fetch runtime that is a process of its own (Bun, Deno) lets an app do about its
// lifetime, and that Node's `serve()` does too: errors nobody caught are logged and the server
// keeps serving (both runtimes end the process on an unhandled rejection by default), and on
// SIGTERM/SIGINT the app finishes its work before the exit. Workers and edge runtimes have
// neither hook: there the platform owns the isolate and `ctx.waitUntil` keeps it alive.
import { uncaughtPrefix, type UncaughtKind } from '@approute/request/internal';

interface ProcessHooks {
  on(event: string, listener: (value: unknown) => void): unknown;
  exit(code?: number): never;
}

/** Node's `process` as Bun and Deno provide it, only when running on one of them. */
export function runtimeProcess(): ProcessHooks | undefined {
  const global = globalThis as { Bun?: unknown; Deno?: unknown; process?: Partial<ProcessHooks> };
  if (global.Bun === undefined && global.Deno === undefined) return undefined;
  const proc = global.process;
  return typeof proc?.on === 'function' && typeof proc.exit === 'function'
    ? (proc as ProcessHooks)
    : undefined;
}

/**
 * Logs unhandled rejections and uncaught exceptions with the route handler they came from,
 * and keeps serving (or exits with code 1 after logging, with `crashOnError`).
 * @param proc the runtime's process
 * @param crashOnError exit instead of serving on
 */
export function handleUncaught(proc: ProcessHooks, crashOnError: boolean): void {
  const report = (kind: UncaughtKind) => (error: unknown) => {
    console.error(uncaughtPrefix(kind), error);
    if (crashOnError) proc.exit(1);
  };
  proc.on('unhandledRejection', report('unhandledRejection'));
  proc.on('uncaughtException', report('uncaughtException'));
}

// 128 + the signal's number, the shell's convention for "ended by this signal".
const FORCED_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * On SIGTERM or SIGINT runs `drain` (bounded by the caller), then exits 0; a second signal
 * exits at once.
 * @param proc the runtime's process
 * @param drain finishes the work in flight
 */
export function drainOnSignals(proc: ProcessHooks, drain: () => Promise<void>): void {
  let draining = false;
  for (const signal of ['SIGTERM', 'SIGINT']) {
    proc.on(signal, () => {
      if (draining) proc.exit(FORCED_EXIT[signal] ?? 1);
      draining = true;
      void drain().finally(() => proc.exit(0));
    });
  }
}
