import type { ConformanceCase } from './case.js';
import type { CaseResult, Outcome } from './run.js';
import { ruleUrl, SPEC_PATH } from './spec.js';
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
  /** The runtime the limits are those of, for a `--url` column given `--runtime`. */
  runtime?: string;
}

/** How the Markdown reports link to the specification. */
export interface MarkdownOptions {
  /** The specification's address as seen from the report (default `docs/spec.md`). */
  specHref?: string;
}

/** Everything a report shows. */
export interface Matrix {
  generatedAt: string;
  cases: readonly ConformanceCase[];
  columns: TargetColumn[];
  /** Cases expected to fail on approute targets today, with the reason (known-failures.json). */
  knownFailures?: Record<string, string>;
}

/** What a matrix cell can show. */
export type Cell = Outcome | 'known' | 'limit' | 'none';

/** The word each cell shows. */
export const SYMBOL: Record<Cell, string> = {
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
export function cell(matrix: Matrix, column: TargetColumn, id: string): Cell {
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

/**
 * One column's result in words, e.g. `310 pass, 0 fail, 5 runtime limit`.
 * @param matrix the matrix
 * @param column the column
 */
export function columnSummary(matrix: Matrix, column: TargetColumn): string {
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
  for (const column of ran) {
    const limited = matrix.cases.filter((c) => cell(matrix, column, c.id) === 'limit');
    if (limited.length === 0) continue;
    const runtime = column.runtime ? ` (${column.runtime})` : '';
    lines.push('', `runtime limits on ${column.name}${runtime}, not counted as failures:`);
    for (const c of limited) lines.push(`  ${c.id}: ${column.limits?.[c.id] ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * The summary by target and by rule (a section of the specification), as Markdown.
 * @param matrix the matrix
 * @param options where the specification is, as seen from the report
 */
export function markdownSummary(matrix: Matrix, options: MarkdownOptions = {}): string {
  const ran = matrix.columns.filter((c) => c.status === 'ran');
  const lines = ['| target | group | result |', '| --- | --- | --- |'];
  for (const column of matrix.columns)
    lines.push(
      `| ${escape(column.title)} (\`${column.name}\`) | ${column.group} | ${escape(columnSummary(matrix, column))} |`,
    );
  const rules = [...new Set(matrix.cases.map((c) => c.rule))];
  lines.push(
    '',
    `| rule (${SPEC_PATH}) | cases | ${ran.map((c) => `\`${c.name}\``).join(' | ')} |`,
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
    const link = `[${escape(rule)}](${ruleUrl(rule, options.specHref)})`;
    lines.push(`| ${link} | ${ids.length} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * The matrix block of the suite's README: the summary, then the case × target table folded.
 * @param matrix the matrix
 * @param options where the specification is, as seen from the README
 */
export function readmeMatrix(matrix: Matrix, options: MarkdownOptions = {}): string {
  const full = toMarkdown(matrix, options);
  const end = full.indexOf('\n## Not passing');
  const table = full.slice(full.indexOf('| case |'), end === -1 ? undefined : end).trim();
  return [
    `Generated ${matrix.generatedAt} by \`pnpm --filter @approute/conformance run matrix\` ` +
      '(full report with every failure: [REPORT.md](./REPORT.md), the same as a page to filter: ' +
      '[REPORT.html](./REPORT.html), data: [REPORT.json](./REPORT.json)).',
    '',
    markdownSummary(matrix, options),
    '',
    '<details><summary>Every case × target</summary>',
    '',
    table,
    '',
    '</details>',
    '',
  ].join('\n');
}

/**
 * The full report as Markdown: summary, the case × target matrix, then every failure.
 * @param matrix the matrix
 * @param options where the specification is, as seen from the report
 */
export function toMarkdown(matrix: Matrix, options: MarkdownOptions = {}): string {
  const ran = matrix.columns.filter((c) => c.status === 'ran');
  const happy = matrix.cases.filter((c) => c.kind === 'happy').length;
  const lines = [
    '# approute conformance report',
    '',
    `Generated ${matrix.generatedAt}: ${matrix.cases.length} cases (${happy} happy path, ` +
      `${matrix.cases.length - happy} error path, ` +
      `${matrix.cases.filter((c) => c.divergence).length} declared divergences from Next.js).`,
    '',
    '`pass`: as specified. `known divergence`: a rule marked **Divergence (approute)** in ' +
      `[${SPEC_PATH}](${options.specHref ?? SPEC_PATH}), answered the Next.js way. ` +
      '`runtime limit`: a case the runtime itself cannot pass (`runtime-limits.json`). ' +
      '`known failure`: listed in `known-failures.json` (approute targets only). ' +
      '`FAIL`: anything else.',
    '',
    markdownSummary(matrix, options),
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
