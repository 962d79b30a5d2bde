import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

/** Where the behaviour specification lives in the repository. */
export const SPEC_PATH = 'docs/spec.md';

/**
 * The anchor of a rule's section in the specification: its heading as GitHub links it
 * (lower case, punctuation dropped, spaces as hyphens), e.g. `cookies-headers-and-the-response`.
 * @param rule a case's `rule`, the section title
 */
export function ruleAnchor(rule: string): string {
  return rule
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * The link to a rule's section of the specification, `docs/spec.md#<anchor>` by default.
 * @param rule a case's `rule`, the section title
 * @param base the specification's address as the reader sees it (default `docs/spec.md`)
 */
export function ruleUrl(rule: string, base = SPEC_PATH): string {
  return `${base}#${ruleAnchor(rule)}`;
}

/**
 * The specification on disk: `docs/spec.md` in the repository, or the copy the package ships
 * as `spec.md`; `undefined` when neither is there.
 */
export function specFile(): string | undefined {
  const root = packageRoot();
  const workspace = join(root, '..', SPEC_PATH);
  if (existsSync(join(root, '..', 'pnpm-workspace.yaml')) && existsSync(workspace))
    return workspace;
  const shipped = join(root, 'spec.md');
  return existsSync(shipped) ? shipped : undefined;
}

/** One `## ` section of the specification. */
export interface SpecSection {
  title: string;
  anchor: string;
  /** The section's Markdown, without its heading. */
  markdown: string;
}

/**
 * The rule sections of the specification, in order: each `## ` heading and the text up to the
 * next one. The text before the first such heading is the introduction, not a section.
 * @param markdown the specification's text
 */
export function specSections(markdown: string): SpecSection[] {
  const sections: SpecSection[] = [];
  let current: SpecSection | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading?.[1]) {
      current = { title: heading[1].trim(), anchor: ruleAnchor(heading[1]), markdown: '' };
      sections.push(current);
    } else if (current) {
      current.markdown += `${line}\n`;
    }
  }
  for (const section of sections) section.markdown = section.markdown.trim();
  return sections;
}

/** The specification's text, or `undefined` when it cannot be found. */
export function readSpec(): string | undefined {
  const file = specFile();
  return file === undefined ? undefined : readFileSync(file, 'utf8');
}
