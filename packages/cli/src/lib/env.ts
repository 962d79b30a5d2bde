// The environment a project runs in, as the `next` command sets it up: `NODE_ENV` (`development`
// for dev, `production` for start and build, unless already set) and `NEXT_RUNTIME`, then the
// `.env*` files loaded by Next's own loader (@next/env): `.env.[mode].local`, `.env.local`
// (not in test), `.env.[mode]`, `.env`, the first to define a variable winning, and a variable
// already in the environment winning over all of them.
import nextEnv from '@next/env';

const { loadEnvConfig } = nextEnv;

/** Which files are read: `dev` reads `.env.development*`, the others `.env.production*`. */
export type EnvMode = 'development' | 'production';

/** The `.env*` files read and the values they gave. */
export interface LoadedEnv {
  /** The files, relative to the project, in precedence order (`.env.local`, `.env`). */
  files: string[];
  /** Every variable the files define, with the value the files give it (before the environment). */
  values: Record<string, string>;
}

// Next.js's warning for a NODE_ENV it does not expect (its NON_STANDARD_NODE_ENV text).
const NON_STANDARD =
  'You are using a non-standard "NODE_ENV" value in your environment. This creates ' +
  'inconsistencies in the project and is strongly advised against. Read more: ' +
  'https://nextjs.org/docs/messages/non-standard-node-env';

/**
 * Sets `NODE_ENV` as the `next` command does (kept when already set, with Next's warning for a
 * value that does not fit the command) and `NEXT_RUNTIME=nodejs`.
 * @param mode what the command defaults to
 * @param warn where the warning goes
 */
export function setNodeEnv(mode: EnvMode, warn: (line: string) => void): void {
  const current = process.env.NODE_ENV;
  if (current) {
    const standard = ['production', 'development', 'test'].includes(current);
    const mismatch =
      (current === 'development' && mode === 'production') ||
      (current === 'production' && mode === 'development');
    if (!standard || mismatch) warn(NON_STANDARD);
  } else process.env.NODE_ENV = mode;
  process.env.NEXT_RUNTIME = 'nodejs';
}

const quiet = {
  info: () => undefined,
  error: (...args: unknown[]) => {
    console.error(...args);
  },
};

/**
 * Loads a project's `.env*` files into `process.env` (Next's order and precedence). Run
 * {@link setNodeEnv} first: `NODE_ENV=test` reads `.env.test*` and skips `.env.local`.
 * @param projectDir the project folder
 * @param mode `development` for dev, `production` otherwise
 * @param reload read the files again (after one changed in dev)
 */
export function loadEnvFiles(projectDir: string, mode: EnvMode, reload = false): LoadedEnv {
  const { loadedEnvFiles, parsedEnv } = loadEnvConfig(
    projectDir,
    mode === 'development',
    quiet,
    reload,
  );
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsedEnv ?? {}))
    if (value !== undefined) values[key] = value;
  return { files: loadedEnvFiles.map((file) => file.path), values };
}

/**
 * The line that says which files were read, as `next` prints it.
 * @param loaded what {@link loadEnvFiles} returned
 */
export function environmentsLine(loaded: LoadedEnv): string | undefined {
  return loaded.files.length > 0 ? `environments: ${loaded.files.join(', ')}` : undefined;
}
