import type { ConformanceCase } from './case.js';
import type { CaseResult, Outcome } from './run.js';
import type { Target } from './targets/target.js';

/** One column of the matrix: a target and what happened there. */
export interface TargetColumn {
  name: string;
  title: string;
  group: Target['group'] | 'url';
  /** `ran`; `pending`: declared, driver not written yet; `unavailable`: cannot run here; `error`: could not start. */
  status: 'ran' | 'pending' | 'unavailable' | 'error';
  reason?: string;
  results?: CaseResult[];
  /** Cases the runtime itself cannot pass: case id → why (the target's `limits`). */
  limits?: Readonly<Record<string, string>>;
}

/** Everything a report shows. */
export interface Matrix {
  generatedAt: string;
  cases: readonly ConformanceCase[];
  columns: TargetColumn[];
  /** Cases expected to fail on approute targets today, with the reason (known-failures.json). */
  knownFailures?: Record<string, string>;
}

const SYMBOL: Record<Outcome | 'known' | 'limit' | 'none', string> = {
  pass: 'pass',
  fail: 'FAIL',
  divergence: 'known divergence',
  known: 'known failure',
  limit: 'runtime limit',
  none: '-',
};

/**
 * What the matrix shows for one case on one target: its outcome, `limit` for a failure the
 * runtime itself causes, `known` for a known failure of an approute target, `none` if not run.
 * @param matrix the matrix
 * @param column the target's column
 * @param id the case id
 */
export function cell(
  matrix: Matrix,
  column: TargetColumn,
  id: string,
): Outcome | 'known' | 'limit' | 'none' {
  const result = column.results?.find((r) => r.id === id);
  if (!result) return 'none';
  if (result.outcome === 'fail' && column.limits?.[id] !== undefined) return 'limit';
  if (
    result.outcome === 'fail' &&
    column.group === 'approute' &&
    matrix.knownFailures?.[id] !== undefined
  )
    return 'known';
  return result.outcome;
}

/** Counts of each outcome on one column. */
export function summarise(
  matrix: Matrix,
  column: TargetColumn,
): Record<Outcome | 'known' | 'limit', number> {
  const counts = { pass: 0, fail: 0, divergence: 0, known: 0, limit: 0 };
  for (const c of matrix.cases) {
    const outcome = cell(matrix, column, c.id);
    if (outcome !== 'none') counts[outcome] += 1;
  }
  return counts;
}

function columnSummary(matrix: Matrix, column: TargetColumn): string {
  if (column.status !== 'ran')
    return `${column.status}${column.reason ? `: ${column.reason}` : ''}`;
  const s = summarise(matrix, column);
  const parts = [`${s.pass} pass`, `${s.fail} fail`];
  if (s.divergence) parts.push(`${s.divergence} known divergence`);
  if (s.known) parts.push(`${s.known} known failure`);
  if (s.limit) parts.push(`${s.limit} runtime limit`);
  return parts.join(', ');
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The case × target table for a terminal, then a summary and the failures. */
export function formatTable(matrix: Matrix): string {
  const ran = matrix.columns.filter((c) => c.status === 'ran');
  const idWidth = Math.max(4, ...matrix.cases.map((c) => c.id.length));
  const widths = ran.map((c) => Math.max(c.name.length, 16));
  const lines = [
    `${pad('case', idWidth)}  ${ran.map((c, i) => pad(c.name, widths[i] ?? 0)).join('  ')}`,
  ];
  for (const c of matrix.cases)
    lines.push(
      `${pad(c.id, idWidth)}  ${ran.map((col, i) => pad(SYMBOL[cell(matrix, col, c.id)], widths[i] ?? 0)).join('  ')}`,
    );
  lines.push('', 'summary:');
  for (const column of matrix.columns)
    lines.push(`  ${pad(column.name, 22)} ${columnSummary(matrix, column)}`);
  for (const column of ran) {
    const failed = (column.results ?? []).filter(
      (r) => r.outcome === 'fail' && cell(matrix, column, r.id) === 'fail',
    );
    if (failed.length === 0) continue;
    lines.push('', `failures on ${column.name}:`);
    for (const r of failed) lines.push(`  ${r.id}: ${r.error ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The summary by target and by SPEC section, as Markdown. */
export function markdownSummary(matrix: Matrix): string {
  const ran = matrix.columns.filter((c) => c.status === 'ran');
  const lines = ['| target | group | result |', '| --- | --- | --- |'];
  for (const column of matrix.columns)
    lines.push(
      `| ${escape(column.title)} (\`${column.name}\`) | ${column.group} | ${escape(columnSummary(matrix, column))} |`,
    );
  const rules = [...new Set(matrix.cases.map((c) => c.rule))];
  lines.push(
    '',
    `| SPEC section | cases | ${ran.map((c) => `\`${c.name}\``).join(' | ')} |`,
    `| --- | --- | ${ran.map(() => '---').join(' | ')} |`,
  );
  for (const rule of rules) {
    const ids = matrix.cases.filter((c) => c.rule === rule).map((c) => c.id);
    const cells = ran.map((column) => {
      const outcomes = ids.map((id) => cell(matrix, column, id));
      const pass = outcomes.filter((o) => o === 'pass').length;
      const divergence = outcomes.filter((o) => o === 'divergence').length;
      return `${pass}${divergence ? ` + ${divergence} div.` : ''}`;
    });
    lines.push(`| ${escape(rule)} | ${ids.length} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The matrix block of the suite's README: the summary, then the case × target table folded. */
export function readmeMatrix(matrix: Matrix): string {
  const full = toMarkdown(matrix);
  const end = full.indexOf('\n## Not passing');
  const table = full.slice(full.indexOf('| case |'), end === -1 ? undefined : end).trim();
  return [
    `Generated ${matrix.generatedAt} by \`pnpm --filter @approute/conformance run matrix\` (full report with every failure: [REPORT.md](./REPORT.md), data: [REPORT.json](./REPORT.json)).`,
    '',
    markdownSummary(matrix),
    '',
    '<details><summary>Every case × target</summary>',
    '',
    table,
    '',
    '</details>',
    '',
  ].join('\n');
}

/** The full report as Markdown: summary, the case × target matrix, then every failure. */
export function toMarkdown(matrix: Matrix): string {
  const ran = matrix.columns.filter((c) => c.status === 'ran');
  const happy = matrix.cases.filter((c) => c.kind === 'happy').length;
  const lines = [
    '# approute conformance report',
    '',
    `Generated ${matrix.generatedAt}: ${matrix.cases.length} cases (${happy} happy path, ${matrix.cases.length - happy} error path, ${matrix.cases.filter((c) => c.divergence).length} declared divergences from Next.js).`,
    '',
    '`pass`: as specified. `known divergence`: a declared **approute:** rule of SPEC.md, answered the Next.js way. `known failure`: listed in `known-failures.json` (approute targets only). `FAIL`: anything else.',
    '',
    markdownSummary(matrix),
    '',
    '## Case × target',
    '',
    `| case | kind | ${ran.map((c) => `\`${c.name}\``).join(' | ')} |`,
    `| --- | --- | ${ran.map(() => '---').join(' | ')} |`,
  ];
  for (const c of matrix.cases)
    lines.push(
      `| \`${c.id}\`${c.divergence ? ' (divergence)' : ''} | ${c.kind} | ${ran.map((col) => SYMBOL[cell(matrix, col, c.id)]).join(' | ')} |`,
    );
  for (const column of ran) {
    const notPassing = (column.results ?? []).filter((r) => r.outcome !== 'pass');
    if (notPassing.length === 0) continue;
    lines.push('', `## Not passing on \`${column.name}\``, '');
    for (const r of notPassing)
      lines.push(`- \`${r.id}\` (${SYMBOL[cell(matrix, column, r.id)]}): ${escape(r.error ?? '')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The full report as JSON-ready data: every distinct source once, the cases pointing at their
 * sources by index, and per target the outcome of each case and the error of each that did
 * not pass.
 */
export function toJson(matrix: Matrix): unknown {
  const sources: unknown[] = [];
  const index = new Map<string, number>();
  const sourceIndex = (source: unknown) => {
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
    targets: matrix.columns.map((column) => ({
      name: column.name,
      title: column.title,
      group: column.group,
      status: column.status,
      reason: column.reason,
      summary: column.status === 'ran' ? summarise(matrix, column) : undefined,
      outcomes: column.results
        ? Object.fromEntries(column.results.map((r) => [r.id, cell(matrix, column, r.id)]))
        : undefined,
      errors: column.results
        ? Object.fromEntries(
            column.results.filter((r) => r.error !== undefined).map((r) => [r.id, r.error]),
          )
        : undefined,
    })),
  };
}
