import type { ConformanceCase } from './case.js';
import { send } from './case.js';

/** The outcome of one case against one server. */
export interface CaseResult {
  id: string;
  outcome: 'pass' | 'fail';
  error?: string;
}

/**
 * Runs every case against a server that serves the fixture app.
 * @param baseUrl the server's origin, e.g. `http://127.0.0.1:3000`
 * @param cases the cases to run
 */
export async function runCases(baseUrl: string, cases: readonly ConformanceCase[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    try {
      c.check(await send(baseUrl, c));
      results.push({ id: c.id, outcome: 'pass' });
    } catch (error) {
      results.push({ id: c.id, outcome: 'fail', error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
