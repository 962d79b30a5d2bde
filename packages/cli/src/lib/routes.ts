// The route table `approute build` and `approute routes` print, drawn as `next build` draws
// its own: each route marked static (○, prerendered at build), SSG (●, one line per path its
// generateStaticParams listed) or dynamic (ƒ, run on each request), with the revalidate and
// expire times of what was prerendered, then approute's own columns: methods and file.
import type { PrerenderedEntry, RouteManifest } from '@approute/router';
import { formatProxy, type BuiltProxy } from './proxy-build.js';

/** A year in seconds: how long a stale answer may still be served (Next.js's default expire). */
const ONE_YEAR = 31_536_000;
// Every glyph of the table (box drawing, ○ ● ƒ) is one UTF-16 unit: `.length` is its width.

const UNITS: [string, number][] = [
  ['y', ONE_YEAR],
  ['w', 604_800],
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/**
 * A time as `next build` shows it: in the largest unit it reaches (`5s`, `1m`, `1h`, `1y`), an
 * exact smaller unit for days and weeks that are not whole (`36h`), else rounded (`≈2m`).
 * @param seconds the time, in seconds
 */
export function formatSeconds(seconds: number): string {
  let at = UNITS.findIndex(([, size]) => seconds >= size);
  if (at === -1) at = UNITS.length - 1;
  const [label, size] = UNITS[at] ?? ['s', 1];
  const value = seconds / size;
  if (Number.isInteger(value)) return `${String(value)}${label}`;
  const [smallerLabel, smallerSize] = UNITS[at + 1] ?? ['s', 1];
  if ((label === 'd' || label === 'w') && Number.isInteger(seconds / smallerSize)) {
    return `${String(seconds / smallerSize)}${smallerLabel}`;
  }
  return `≈${String(Math.round(value))}${label}`;
}

type Row = [tree: string, methods: string, revalidate: string, expire: string, file: string];

const times = (revalidate: number | false): [string, string] =>
  revalidate === false ? ['', ''] : [formatSeconds(revalidate), formatSeconds(ONE_YEAR)];

/**
 * The route table: each route marked ○ (static), ● (prerendered paths of a dynamic route) or
 * ƒ (dynamic), its methods, revalidate and expire times, and its file; then the proxy and its
 * matcher.
 * @param manifest the built manifest (with methods)
 * @param prerendered the static answers the build produced
 * @param proxy the app's proxy, if it has one
 */
export function formatRoutes(
  manifest: RouteManifest,
  prerendered: readonly PrerenderedEntry[] = [],
  proxy?: BuiltProxy,
): string {
  const routes = [...manifest.routes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows: Row[] = [['Route', 'Methods', 'Revalidate', 'Expire', 'File']];
  let ssg = false;
  for (const [index, route] of routes.entries()) {
    const branch =
      routes.length === 1 ? '─' : index === 0 ? '┌' : index === routes.length - 1 ? '└' : '├';
    const trunk = index === routes.length - 1 ? ' ' : '│';
    const methods = (route.methods ?? []).join(', ') || '(none)';
    const answers = prerendered.filter((entry) => entry.route === route.id);
    const dynamic = route.segments.some((segment) => segment.kind !== 'static');
    const own = answers.find(() => !dynamic);
    if (own) {
      rows.push([`${branch} ○ ${route.id}`, methods, ...times(own.entry.revalidate), route.file]);
      continue;
    }
    if (answers.length === 0) {
      rows.push([`${branch} ƒ ${route.id}`, methods, '', '', route.file]);
      continue;
    }
    ssg = true;
    rows.push([`${branch}   ${route.id}`, methods, '', '', route.file]);
    answers.forEach((answer, i) => {
      const twig = i === answers.length - 1 ? '└' : '├';
      rows.push([`${trunk} ${twig} ● ${answer.path}`, '', ...times(answer.entry.revalidate), '']);
    });
  }
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const lines = rows.map((row) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column < 4 ? cell.padEnd(width) : cell;
      })
      .join('  ')
      .trimEnd(),
  );
  const legend = [
    '○  (Static)   prerendered at build',
    ...(ssg ? ['●  (SSG)      prerendered at build (uses generateStaticParams)'] : []),
    'ƒ  (Dynamic)  run on each request',
  ];
  const count = manifest.routes.length;
  const table = `${[...lines, '', ...legend].join('\n')}\n\n${String(count)} route${count === 1 ? '' : 's'}\n`;
  return proxy ? `${table}\n${formatProxy(proxy)}` : table;
}
