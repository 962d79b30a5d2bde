import { marked } from 'marked';
import type { CaseSource } from './case.js';
import { parseMismatch } from './expect.js';
import { SYMBOL, type Cell } from './report.js';
import type { ReportCase, ReportData, ReportTarget } from './report-json.js';
import { ruleAnchor, SPEC_PATH, specSections } from './spec.js';
import { HTML_SCRIPT, HTML_STYLE } from './report-html-assets.js';

/** What the HTML report shows besides the report data. */
export interface HtmlOptions {
  /** The specification's Markdown (`docs/spec.md`): each rule's section is shown in the page. */
  spec?: string;
  /** The specification's address as seen from the page (default `docs/spec.md`). */
  specHref?: string;
}

const KINDS: Record<CaseSource['kind'], string> = {
  docs: 'Next.js docs',
  rfc: 'RFC',
  'next-test': "Next.js's tests",
  observed: 'observed on Next.js',
  spec: 'spec',
};

const FILTERS: [string, string][] = [
  ['', 'any outcome'],
  ['not-pass', 'not passing'],
  ['fail', SYMBOL.fail],
  ['divergence', SYMBOL.divergence],
  ['limit', SYMBOL.limit],
  ['known', SYMBOL.known],
  ['pass', SYMBOL.pass],
];

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Where a citation points: a spec rule to its section in this page, a web page as it is.
function sourceHref(source: CaseSource): string | undefined {
  if (source.url === undefined) return undefined;
  if (source.kind === 'spec') {
    const hash = source.url.indexOf('#');
    return hash === -1 ? '#rules' : `#rule-${source.url.slice(hash + 1)}`;
  }
  return /^https?:\/\//.test(source.url) ? source.url : undefined;
}

function citation(source: CaseSource | undefined): string {
  if (!source) return '';
  const href = sourceHref(source);
  const text = esc(source.ref);
  const label = `<span class="source-kind">${esc(KINDS[source.kind])}</span> `;
  return `<li>${label}${href ? `<a href="${esc(href)}" rel="noreferrer">${text}</a>` : text}</li>`;
}

function notPassing(c: ReportCase, target: ReportTarget, knownFailures: Record<string, string>) {
  const outcome = target.outcomes?.[c.id] ?? 'none';
  if (outcome === 'pass' || outcome === 'none') return '';
  const error = target.errors?.[c.id] ?? '';
  const mismatch = target.mismatches?.[c.id] ?? parseMismatch(error);
  const why =
    outcome === 'limit'
      ? `<p class="why">runtime limit: ${esc(target.limits?.[c.id] ?? '')}</p>`
      : outcome === 'known'
        ? `<p class="why">known failure: ${esc(knownFailures[c.id] ?? '')}</p>`
        : outcome === 'divergence'
          ? `<p class="why">answered the Next.js way: ${esc(c.divergence ?? '')}</p>`
          : '';
  const parts = mismatch
    ? `<dl><dt>checked</dt><dd><code>${esc(mismatch.what)}</code></dd>` +
      `<dt>expected</dt><dd><code class="expected">${esc(mismatch.expected)}</code></dd>` +
      `<dt>actual</dt><dd><code class="actual">${esc(mismatch.actual)}</code></dd></dl>`
    : '';
  // The message itself only when the parts do not already say all of it.
  const whole =
    mismatch && error === `${mismatch.what}: expected ${mismatch.expected}, got ${mismatch.actual}`;
  const raw = error && !whole ? `<pre class="error">${esc(error)}</pre>` : '';
  return (
    `<div class="result o-${outcome}"><h4>${esc(target.name)}: ${esc(SYMBOL[outcome])}</h4>` +
    `${why}${parts}${raw}</div>`
  );
}

function caseRows(data: ReportData, ran: ReportTarget[]): string {
  const known = data.knownFailures ?? {};
  return data.cases
    .map((c) => {
      const cells = ran.map((t) => {
        const outcome: Cell = t.outcomes?.[c.id] ?? 'none';
        const attributes = `data-target="${esc(t.name)}" data-outcome="${outcome}"`;
        return `<td class="o o-${outcome}" ${attributes}>${esc(SYMBOL[outcome])}</td>`;
      });
      const errors = ran.map((t) => t.errors?.[c.id] ?? '').join(' ');
      const search = `${c.id} ${c.title} ${c.rule} ${errors}`.toLowerCase();
      const results = ran.map((t) => notPassing(c, t, known)).join('');
      const sources = c.sources.map((i) => citation(data.sources[i])).join('');
      const divergence = c.divergence
        ? '<p class="divergence"><strong>Declared divergence from Next.js:</strong> ' +
          `${esc(c.divergence)}</p>`
        : '';
      return (
        `<tr class="case" id="case-${esc(c.id)}" data-search="${esc(search)}">` +
        `<td class="id"><button type="button" class="toggle" aria-expanded="false" ` +
        `aria-label="details of ${esc(c.id)}">▸</button><code>${esc(c.id)}</code>` +
        `<div class="title">${esc(c.title)}</div></td>` +
        `<td class="rule"><a href="#rule-${ruleAnchor(c.rule)}">${esc(c.rule)}</a></td>` +
        `<td class="kind">${c.kind}</td>${cells.join('')}</tr>` +
        `<tr class="details" hidden><td colspan="${3 + ran.length}">${divergence}` +
        `<h4>Sources</h4><ul class="sources">${sources}</ul>` +
        `${results}</td></tr>`
      );
    })
    .join('\n');
}

function summaryTable(data: ReportData): string {
  const rows = data.targets.map((t) => {
    const s = t.summary;
    const counts = s
      ? [s.pass, s.fail, s.divergence, s.limit, s.known].map((n) => `<td>${n}</td>`).join('')
      : `<td colspan="5">${esc(t.status)}${t.reason ? `: ${esc(t.reason)}` : ''}</td>`;
    const runtime = t.runtime ? ` (runtime: ${esc(t.runtime)})` : '';
    const name = `<td><code>${esc(t.name)}</code></td>`;
    return `<tr>${name}<td>${esc(t.title)}${runtime}</td><td>${esc(t.group)}</td>${counts}</tr>`;
  });
  return (
    '<table class="summary"><thead><tr><th>target</th><th>what ran</th><th>group</th>' +
    `<th>${SYMBOL.pass}</th><th>${SYMBOL.fail}</th><th>${SYMBOL.divergence}</th>` +
    `<th>${SYMBOL.limit}</th><th>${SYMBOL.known}</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function rulesSection(data: ReportData, options: HtmlOptions): string {
  const href = options.specHref ?? SPEC_PATH;
  const sections = options.spec ? specSections(options.spec) : [];
  const rules = [...new Set(data.cases.map((c) => c.rule))];
  const body = rules
    .map((rule) => {
      const anchor = ruleAnchor(rule);
      const section = sections.find((s) => s.anchor === anchor);
      const text = section
        ? marked.parse(section.markdown, { async: false })
        : `<p>Read it in <a href="${esc(`${href}#${anchor}`)}">${esc(SPEC_PATH)}</a>.</p>`;
      const count = data.cases.filter((c) => c.rule === rule).length;
      return (
        `<section class="rule" id="rule-${anchor}"><h3>${esc(rule)}</h3>` +
        `<p class="source"><a href="${esc(`${href}#${anchor}`)}">${esc(SPEC_PATH)}#${anchor}</a> · ` +
        `${count} cases</p>${text}</section>`
      );
    })
    .join('\n');
  return `<section id="rules"><h2>The rules</h2>${body}</section>`;
}

/**
 * The report as one self-contained HTML page (inline style and script, nothing fetched when it
 * is viewed): the summary, the case × target matrix with filters by text, outcome and target,
 * each case's sources and failures (expected and actual), and the rules the cases encode.
 * @param data the JSON report
 * @param options the specification to show, and where it lives
 */
export function toHtml(data: ReportData, options: HtmlOptions = {}): string {
  const ran = data.targets.filter((t) => t.status === 'ran');
  const happy = data.cases.filter((c) => c.kind === 'happy').length;
  const divergences = data.cases.filter((c) => c.divergence).length;
  const targetOptions = ran
    .map((t) => `<option value="${esc(t.name)}">${esc(t.name)}</option>`)
    .join('');
  const outcomeOptions = FILTERS.map(([v, label]) => `<option value="${v}">${esc(label)}</option>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>approute conformance report</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>approute conformance report</h1>
<p>Generated ${esc(data.generatedAt)}: ${data.cases.length} cases (${happy} happy path, ${data.cases.length - happy} error path, ${divergences} declared divergences from Next.js), ${ran.length} targets.
Each case is a real HTTP exchange; its rule links to its section of <a href="#rules">the rules</a> (<a href="${esc(options.specHref ?? SPEC_PATH)}">${SPEC_PATH}</a>).</p>
</header>
<main>
<h2>Targets</h2>
${summaryTable(data)}
<h2>Case × target</h2>
<form id="filters" role="search">
<label>text <input type="search" id="filter-text" placeholder="id, title, rule or error" autocomplete="off"></label>
<label>outcome <select id="filter-outcome">${outcomeOptions.join('')}</select></label>
<label>target <select id="filter-target"><option value="">every target</option>${targetOptions}</select></label>
<output id="shown" aria-live="polite">${data.cases.length} of ${data.cases.length} cases</output>
</form>
<table id="cases">
<thead><tr><th>case</th><th>rule</th><th>kind</th>${ran.map((t) => `<th class="t" data-target="${esc(t.name)}" title="${esc(t.title)}">${esc(t.name)}</th>`).join('')}</tr></thead>
<tbody>
${caseRows(data, ran)}
</tbody>
</table>
${rulesSection(data, options)}
</main>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
