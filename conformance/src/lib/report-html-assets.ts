// The style and the script of the HTML report, inlined into the page so that it needs nothing
// from the network when it is viewed.

/** The report's CSS. */
export const HTML_STYLE = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --div: #0969da;
  --limit: #9a6700; --known: #6e7781; --line: #d0d7de; --soft: rgba(127, 127, 127, 0.08); }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 1.5rem 3rem; }
header { border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
h4 { font-size: 0.9rem; margin: 0.75rem 0 0.25rem; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { white-space: pre-wrap; word-break: break-word; margin: 0.25rem 0; padding: 0.4rem;
  background: var(--soft); border-radius: 4px; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 0.2rem 0.45rem; text-align: left;
  vertical-align: top; }
thead th { position: sticky; top: 0; background: Canvas; z-index: 1; }
table.summary td:nth-child(n + 4) { text-align: right; font-variant-numeric: tabular-nums; }
#filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 0.5rem 0;
  position: sticky; top: 0; background: Canvas; padding: 0.4rem 0; z-index: 2; }
#filters input { width: 22rem; }
#shown { font-weight: 600; }
#cases thead th { top: 2.6rem; }
td.id code { font-weight: 600; }
td.id .title { color: GrayText; max-width: 38rem; }
.toggle { border: 0; background: none; cursor: pointer; padding: 0 0.3rem 0 0; font-size: 0.9rem; }
.toggle[aria-expanded="true"] { transform: rotate(90deg); }
td.o { white-space: nowrap; font-weight: 600; text-align: center; }
.o-pass { color: var(--pass); }
.o-fail { color: #fff; background: var(--fail); }
.o-divergence { color: var(--div); }
.o-limit { color: var(--limit); }
.o-known { color: var(--known); }
.o-none { color: var(--known); font-weight: 400; }
tr.details > td { background: var(--soft); }
.result { border-left: 4px solid var(--line); padding-left: 0.6rem; margin: 0.5rem 0; }
.result.o-fail { border-color: var(--fail); background: none; color: inherit; }
.result.o-divergence { border-color: var(--div); color: inherit; }
.result.o-limit { border-color: var(--limit); color: inherit; }
.result.o-known { border-color: var(--known); color: inherit; }
.result h4 { margin-top: 0.25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem;
  margin: 0.25rem 0; }
dt { font-weight: 600; }
dd { margin: 0; word-break: break-word; }
code.expected { color: var(--pass); }
code.actual { color: var(--fail); }
ul.sources { margin: 0.25rem 0; padding-left: 1.2rem; }
.source-kind { display: inline-block; min-width: 8.5rem; color: GrayText; }
section.rule { border-top: 1px solid var(--line); max-width: 60rem; scroll-margin-top: 3.5rem; }
tr.case { scroll-margin-top: 5.5rem; }
section.rule:target { outline: 2px solid var(--div); outline-offset: 4px; }
.source { color: GrayText; margin: 0; }
[hidden] { display: none !important; }
`;

/** The report's script: the filters and the details toggles. */
export const HTML_SCRIPT = `
(() => {
  const text = document.getElementById('filter-text');
  const outcome = document.getElementById('filter-outcome');
  const target = document.getElementById('filter-target');
  const shown = document.getElementById('shown');
  const rows = Array.from(document.querySelectorAll('tr.case'));
  const matches = (cell, wanted) =>
    wanted === 'not-pass'
      ? cell.dataset.outcome !== 'pass' && cell.dataset.outcome !== 'none'
      : cell.dataset.outcome === wanted;
  function apply() {
    const query = text.value.trim().toLowerCase();
    const wanted = outcome.value;
    const only = target.value;
    for (const el of document.querySelectorAll('[data-target]'))
      el.hidden = only !== '' && el.dataset.target !== only;
    let count = 0;
    for (const row of rows) {
      const cells = Array.from(row.querySelectorAll('td[data-target]')).filter(
        (cell) => only === '' || cell.dataset.target === only,
      );
      const show =
        (query === '' || row.dataset.search.includes(query)) &&
        (wanted === '' || cells.some((cell) => matches(cell, wanted)));
      row.hidden = !show;
      const open = row.querySelector('.toggle').getAttribute('aria-expanded') === 'true';
      row.nextElementSibling.hidden = !show || !open;
      if (show) count += 1;
    }
    shown.textContent = count + ' of ' + rows.length + ' cases';
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (wanted) params.set('outcome', wanted);
    if (only) params.set('target', only);
    const hash = params.toString();
    if (location.hash === '' || location.hash.includes('=')) {
      try {
        history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
      } catch {
        // Some browsers refuse history changes on file: pages; the filters work without.
      }
    }
  }
  document.getElementById('cases').addEventListener('click', (event) => {
    const button = event.target.closest('.toggle');
    if (!button) return;
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.closest('tr').nextElementSibling.hidden = !open;
  });
  document.getElementById('filters').addEventListener('submit', (event) => event.preventDefault());
  for (const input of [text, outcome, target]) input.addEventListener('input', apply);
  // A filtered view's address (#q=…&outcome=…&target=…) opens that view.
  function fromAddress() {
    if (!location.hash.includes('=')) return;
    const wanted = new URLSearchParams(location.hash.slice(1));
    text.value = wanted.get('q') || '';
    outcome.value = wanted.get('outcome') || '';
    target.value = wanted.get('target') || '';
  }
  window.addEventListener('hashchange', () => {
    fromAddress();
    apply();
  });
  fromAddress();
  apply();
})();
`;
