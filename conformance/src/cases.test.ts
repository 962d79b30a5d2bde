import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectCases } from '../cases/projects.js';
import { allCases as suiteCases } from './lib/all-cases.js';
import { packageRoot } from './lib/paths.js';

const casesDir = join(packageRoot(), 'cases');
const allCases = [...suiteCases, ...projectCases];
const files = readdirSync(casesDir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(join(casesDir, name), 'utf8') }));

describe('the case files', () => {
  it('spell out every case id, so that one grep in cases/ finds the case', () => {
    const missing = allCases
      .map((c) => c.id)
      .filter((id) => !files.some((file) => file.text.includes(`'${id}'`)));
    expect(missing).toEqual([]);
  });

  it('give every case a distinct id', () => {
    const ids = allCases.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('keep every line within 100 columns', () => {
    const long = files.flatMap((file) =>
      file.text
        .split('\n')
        .map((line, i) => ({ line, at: `${file.name}:${i + 1}` }))
        .filter(({ line }) => Array.from(line).length > 100)
        .map(({ at }) => at),
    );
    expect(long).toEqual([]);
  });
});
