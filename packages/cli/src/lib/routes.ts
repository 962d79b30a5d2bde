import type { RouteManifest } from '@approute/router';
import { formatProxy, type BuiltProxy } from './proxy-build.js';

/**
 * The route table `approute routes` and `approute build` print: path, methods, file; then the
 * proxy and its matcher.
 * @param manifest the built manifest (with methods)
 * @param proxy the app's proxy, if it has one
 */
export function formatRoutes(manifest: RouteManifest, proxy?: BuiltProxy): string {
  const rows = [
    ['Route', 'Methods', 'File'],
    ...manifest.routes.map((route) => [
      route.id,
      (route.methods ?? []).join(', ') || '(none)',
      route.file,
    ]),
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const lines = rows.map((row) =>
    row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  '),
  );
  const count = manifest.routes.length;
  const table = `${lines.join('\n')}\n\n${count} route${count === 1 ? '' : 's'}\n`;
  return proxy ? `${table}\n${formatProxy(proxy)}` : table;
}
