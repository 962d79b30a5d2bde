import type { CaseSource } from './case.js';
import type { Mismatch } from './expect.js';
import { cell, summarise, type Cell, type Matrix, type TargetColumn } from './report.js';

/** A case as the JSON report lists it: its sources are indexes into `sources`. */
export interface ReportCase {
  id: string;
  title: string;
  rule: string;
  kind: 'happy' | 'error';
  divergence?: string;
  sources: number[];
}

/** A target as the JSON report lists it: what each case gave there, and why not a pass. */
export interface ReportTarget {
  name: string;
  title: string;
  group: TargetColumn['group'];
  status: TargetColumn['status'];
  reason?: string;
  /** The runtime a `--url` server was declared to run on (`--runtime`). */
  runtime?: string;
  summary?: Record<Exclude<Cell, 'none'>, number>;
  outcomes?: Record<string, Cell>;
  /** Case id → why it did not pass. */
  errors?: Record<string, string>;
  /** Case id → what was compared, expected and received, where a case compared one value. */
  mismatches?: Record<string, Mismatch>;
  /** The runtime's limits: case id → why the runtime cannot pass it. */
  limits?: Record<string, string>;
}

/** The JSON report (`--report <file>` writes it as `<file>.json`). */
export interface ReportData {
  generatedAt: string;
  /** Every distinct source once. */
  sources: CaseSource[];
  cases: ReportCase[];
  targets: ReportTarget[];
  /** Cases expected to fail on approute targets today: case id → why. */
  knownFailures?: Record<string, string>;
}

/**
 * The full report as JSON-ready data: every distinct source once, the cases pointing at their
 * sources by index, and per target the outcome of each case and the error of each that did
 * not pass.
 * @param matrix the matrix
 */
export function toJson(matrix: Matrix): ReportData {
  const sources: CaseSource[] = [];
  const index = new Map<string, number>();
  const sourceIndex = (source: CaseSource) => {
    const key = JSON.stringify(source);
    let i = index.get(key);
    if (i === undefined) {
      i = sources.push(source) - 1;
      index.set(key, i);
    }
    return i;
  };
  const cases = matrix.cases.map((c) => ({
    id: c.id,
    title: c.title,
    rule: c.rule,
    kind: c.kind,
    divergence: c.divergence,
    sources: c.sources.map(sourceIndex),
  }));
  return {
    generatedAt: matrix.generatedAt,
    sources,
    cases,
    targets: matrix.columns.map((column) => {
      const results = column.results;
      return {
        name: column.name,
        title: column.title,
        group: column.group,
        status: column.status,
        reason: column.reason,
        runtime: column.runtime,
        summary: column.status === 'ran' ? summarise(matrix, column) : undefined,
        outcomes: results
          ? Object.fromEntries(results.map((r) => [r.id, cell(matrix, column, r.id)]))
          : undefined,
        errors: results
          ? Object.fromEntries(
              results.filter((r) => r.error !== undefined).map((r) => [r.id, r.error ?? '']),
            )
          : undefined,
        mismatches: results
          ? Object.fromEntries(
              results.flatMap((r) => (r.mismatch ? [[r.id, r.mismatch] as const] : [])),
            )
          : undefined,
        limits: column.limits ? { ...column.limits } : undefined,
      };
    }),
    knownFailures: { ...matrix.knownFailures },
  };
}
