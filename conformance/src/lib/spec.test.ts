import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoutesBasePathCases } from '../../cases/app-routes-base-path.js';
import { configCases } from '../../cases/config.js';
import { projectCases } from '../../cases/projects.js';
import { proxyCases } from '../../cases/proxy.js';
import { allCases as suiteCases } from './all-cases.js';
import { cacheFixtures } from './cache-fixtures.js';
import { packageRoot } from './paths.js';
import { ruleAnchor, ruleUrl, specFile, specSections } from './spec.js';

const specPath = join(packageRoot(), '..', 'docs', 'spec.md');
const sections = specSections(readFileSync(specPath, 'utf8'));
// The cases of the main fixture project (also under a base path) and of the projects of their
// own (packages, Next.js 15, next.config, the proxy, the two cache fixture projects).
const allCases = [
  ...suiteCases,
  ...appRoutesBasePathCases,
  ...projectCases,
  ...configCases,
  ...proxyCases,
  ...cacheFixtures.flatMap((fixture) => fixture.cases),
];
const rules = [...new Set(allCases.map((c) => c.rule))];

describe('docs/spec.md', () => {
  it('has a section for every rule a case names', () => {
    const titles = sections.map((s) => s.title);
    expect(rules.filter((rule) => !titles.includes(rule))).toEqual([]);
  });

  it('has no section that no case names', () => {
    expect(sections.map((s) => s.title).filter((title) => !rules.includes(title))).toEqual([]);
  });

  it('gives every section its own anchor', () => {
    const anchors = sections.map((s) => s.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('marks a divergence in every section whose cases declare one', () => {
    const diverging = [...new Set(allCases.filter((c) => c.divergence).map((c) => c.rule))];
    expect(diverging.length).toBeGreaterThan(0);
    const unmarked = diverging.filter(
      (rule) =>
        !sections.find((s) => s.title === rule)?.markdown.includes('**Divergence (approute)**'),
    );
    expect(unmarked).toEqual([]);
  });

  it('is what every spec citation of a case points at', () => {
    const anchors = new Set(sections.map((s) => `docs/spec.md#${s.anchor}`));
    const citations = allCases.flatMap((c) => c.sources.filter((s) => s.kind === 'spec'));
    expect(citations.length).toBeGreaterThan(0);
    expect(citations.filter((s) => !anchors.has(s.url ?? '')).map((s) => s.ref)).toEqual([]);
    expect(citations.filter((s) => !s.ref.startsWith('docs/spec.md, '))).toEqual([]);
  });

  it('is the file the suite reads in the repository', () => {
    expect(specFile()).toBe(specPath);
  });
});

describe('ruleUrl', () => {
  it('links a rule to its heading as GitHub anchors it', () => {
    expect(ruleUrl('Methods')).toBe('docs/spec.md#methods');
    expect(ruleUrl('cookies(), headers() and the response')).toBe(
      'docs/spec.md#cookies-headers-and-the-response',
    );
    expect(ruleUrl('Files and URLs', '../docs/spec.md')).toBe('../docs/spec.md#files-and-urls');
    expect(ruleAnchor('Caching and segment config')).toBe('caching-and-segment-config');
  });
});
