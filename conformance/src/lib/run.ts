import type { CaseContext, CaseRequest, ConformanceCase, CaseResponse } from './case.js';
import { expectResponse, ExpectationError, type Mismatch } from './expect.js';
import { CaseHttpClient } from './http.js';

/** `pass`, `fail`, or `divergence`: a declared approute divergence answered the Next.js way. */
export type Outcome = 'pass' | 'fail' | 'divergence';

/** The outcome of one case against one server. */
export interface CaseResult {
  id: string;
  outcome: Outcome;
  /** Why the case failed (or, for a divergence, what differed). */
  error?: string;
  /** The same in parts, when the case compared one value: what, expected, actual. */
  mismatch?: Mismatch;
  durationMs: number;
}

/** Options of {@link runCases}. */
export interface RunOptions {
  /**
   * The server is Next.js or aims to behave like it (a third-party runtime): a declared
   * divergence that fails there is reported as `divergence`, not `fail`.
   */
  nextjsCompatible?: boolean;
  /** Everything the server printed so far, when the runner started it. */
  logs?: () => string;
  /** Called after each case. */
  onResult?: (result: CaseResult, c: ConformanceCase) => void;
}

/** A divergence case whose answer is neither approute's nor the one Next.js gives. */
class NeitherAnswerError extends ExpectationError {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
let runCounter = 0;

function message(error: unknown): string {
  if (error instanceof ExpectationError) return error.message;
  if (error instanceof Error)
    return `${(error as { code?: string }).code ?? error.name}: ${error.message}`;
  return String(error);
}

async function execute(
  c: ConformanceCase,
  context: CaseContext,
  nextjsCompatible: boolean,
  logs: RunOptions['logs'],
): Promise<void> {
  if (c.run) {
    await c.run(context);
  } else {
    if (!c.request || !c.expect)
      throw new Error(`case ${c.id} has neither run() nor request and expect`);
    const response: CaseResponse = await context.send(c.request);
    try {
      expectResponse(response, c.expect);
      await c.check?.(response, context);
    } catch (error) {
      if (c.divergence && nextjsCompatible && c.nextjs) {
        try {
          expectResponse(response, c.nextjs);
        } catch (nextError) {
          throw new NeitherAnswerError(
            `${message(error)}; and not the Next.js answer either: ${message(nextError)}`,
            error instanceof ExpectationError ? error.mismatch : undefined,
          );
        }
      }
      throw error;
    }
  }
  if (c.log && logs && !(await context.waitForLog(c.log, 3_000))) {
    throw new ExpectationError(`log: expected a line matching ${String(c.log)}`);
  }
}

/** What sends a case's requests: an HTTP client, or an app called in-process. */
export interface CaseClient {
  send: (request: CaseRequest) => Promise<CaseResponse>;
}

/**
 * Runs one case and judges its outcome.
 * @param c the case
 * @param client sends its requests
 * @param options how to judge declared divergences, where to read the server log, and a run id
 *   that keeps the case's unique ids apart from other runs'
 */
export async function runCase(
  c: ConformanceCase,
  client: CaseClient,
  options: RunOptions & { run?: string } = {},
): Promise<CaseResult> {
  const run = options.run ?? `${Date.now().toString(36)}-${(runCounter++).toString(36)}`;
  let ids = 0;
  const logStart = options.logs?.().length ?? 0;
  const context: CaseContext = {
    send: (request) => client.send(request),
    uniqueId: () => `${run}-${c.id.replace(/[^a-z0-9]+/gi, '-')}-${ids++}`,
    sleep,
    async waitForLog(pattern, timeoutMs = 3_000) {
      const logs = options.logs;
      if (!logs) return false;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (pattern.test(logs().slice(logStart))) return true;
        if (Date.now() > deadline) return false;
        await sleep(50);
      }
    },
  };
  const started = performance.now();
  let result: CaseResult;
  try {
    await execute(c, context, options.nextjsCompatible ?? false, options.logs);
    result = { id: c.id, outcome: 'pass', durationMs: 0 };
  } catch (error) {
    const known =
      c.divergence !== undefined &&
      (options.nextjsCompatible ?? false) &&
      !(error instanceof NeitherAnswerError);
    result = {
      id: c.id,
      outcome: known ? 'divergence' : 'fail',
      error: message(error),
      durationMs: 0,
    };
    if (error instanceof ExpectationError && error.mismatch) result.mismatch = error.mismatch;
  }
  result.durationMs = Math.round(performance.now() - started);
  options.onResult?.(result, c);
  return result;
}

/**
 * Runs cases one after the other against a server that serves the fixture app.
 * @param baseUrl the server's origin, e.g. `http://127.0.0.1:3000`
 * @param cases the cases to run
 * @param options how to judge declared divergences, and where to read the server log
 */
export async function runCases(
  baseUrl: string,
  cases: readonly ConformanceCase[],
  options: RunOptions = {},
): Promise<CaseResult[]> {
  const http = new CaseHttpClient(baseUrl);
  const run = `${Date.now().toString(36)}-${(runCounter++).toString(36)}`;
  const results: CaseResult[] = [];
  try {
    for (const c of cases) results.push(await runCase(c, http, { ...options, run }));
  } finally {
    await http.close();
  }
  return results;
}
