import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { readmeMatrix, toMarkdown, type Matrix } from './report.js';
import { toHtml } from './report-html.js';
import { toJson } from './report-json.js';
import { readSpec, SPEC_PATH, specFile } from './spec.js';

/**
 * The specification's address as seen from a file: a relative path to the copy on disk.
 * @param from the file that links to it
 */
export function specHrefFrom(from: string): string {
  const spec = specFile();
  if (spec === undefined) return SPEC_PATH;
  return relative(dirname(resolve(from)), spec)
    .split(sep)
    .join('/');
}

/**
 * Writes the Markdown, JSON and HTML reports of a run: `<base>.md`, `<base>.json`, `<base>.html`.
 * @param matrix the run
 * @param file the base name (a `.md`, `.json` or `.html` ending is dropped)
 * @returns the files written
 */
export function writeReports(matrix: Matrix, file: string): string[] {
  const base = file.replace(/\.(md|json|html)$/, '');
  const specHref = specHrefFrom(`${base}.md`);
  const data = toJson(matrix);
  const files = [`${base}.md`, `${base}.json`, `${base}.html`];
  writeFileSync(files[0] ?? '', toMarkdown(matrix, { specHref }));
  writeFileSync(files[1] ?? '', `${JSON.stringify(data, null, 2)}\n`);
  writeFileSync(files[2] ?? '', toHtml(data, { spec: readSpec(), specHref }));
  return files;
}

/**
 * Replaces the matrix between the lines `<!-- matrix:start -->` and `<!-- matrix:end -->` of a
 * README.
 * @param matrix the run
 * @param file the README
 */
export function updateReadme(matrix: Matrix, file: string): void {
  const readme = readFileSync(file, 'utf8');
  // The markers count only on lines of their own, so that prose may name them.
  const start = /^<!-- matrix:start -->$/m.exec(readme);
  const end = /^<!-- matrix:end -->$/m.exec(readme);
  if (!start || !end || end.index < start.index)
    throw new Error(`${file} has no <!-- matrix:start --> … <!-- matrix:end --> block`);
  const block = readmeMatrix(matrix, { specHref: specHrefFrom(file) });
  writeFileSync(
    file,
    `${readme.slice(0, start.index)}<!-- matrix:start -->\n${block}\n${readme.slice(end.index)}`,
  );
}
