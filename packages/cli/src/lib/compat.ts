// The Next.js 15 compatibility switch: `--compat next15` on the command line, or the project's
// `package.json` key `"approute": { "compat": "next15" }` (a key Next.js itself never reads, so
// the same project still builds with `next build`). The flag wins over the key.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from './errors.js';

/** The compatibility modes approute has. */
export type CompatMode = 'next15';

const MODES: readonly string[] = ['next15'];

function check(value: unknown, where: string): CompatMode {
  if (typeof value === 'string' && MODES.includes(value)) return value as CompatMode;
  throw new CliError(
    'ERR_BAD_COMPAT',
    `Invalid compat mode ${JSON.stringify(value)} ${where}: the only mode is "next15" ` +
      '(params, cookies(), headers() and draftMode() also work without await, as in Next.js 15).',
  );
}

/**
 * The compatibility mode asked for: the `--compat` flag, else `package.json`'s
 * `approute.compat` in the project folder, else none.
 * @param projectDir the project folder
 * @param flag the `--compat` value, if given
 * @throws CliError (`ERR_BAD_COMPAT`) for an unknown mode
 */
export async function compatMode(
  projectDir: string,
  flag: string | undefined,
): Promise<CompatMode | undefined> {
  if (flag !== undefined) return check(flag, 'given to --compat');
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const settings = (manifest as { approute?: unknown } | null)?.approute;
  if (typeof settings !== 'object' || settings === null) return undefined;
  const value = (settings as { compat?: unknown }).compat;
  return value === undefined ? undefined : check(value, `in ${join(projectDir, 'package.json')}`);
}
