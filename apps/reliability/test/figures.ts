// Collects the figures a run produced into test-results/figures.json, for the README.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../test-results/', import.meta.url));
const file = `${dir}figures.json`;

/**
 * Merges one test's figures into the run's figures file.
 * @param name the test's key
 * @param figures what it measured
 */
export function record(name: string, figures: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first figure of the run
  }
  all[name] = { ...figures, at: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(all, null, 2));
  console.log(`[figures] ${name}: ${JSON.stringify(figures)}`);
}
