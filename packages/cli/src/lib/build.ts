import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MANIFEST_FILE,
  moduleLoader,
  PRERENDERED_FILE,
  serializePrerendered,
} from '@approute/node';
import { createRouter, validateRouteModule, type RouteManifest } from '@approute/router';
import { scanApp } from '@approute/router/fs';
import { compileRoutes, inputsOf } from './compile.js';

/** The output folder of `approute build` inside a project. */
export const OUTPUT_DIR = '.approute';
const BUILD_INFO = 'build-info.json';

/** What `approute build` records besides the manifest, to tell whether a build is stale. */
interface BuildInfo {
  /** Every source file the compilation read (absolute paths) and its modification time. */
  inputs: Record<string, number>;
  /** The route files found (relative to the app folder). */
  files: string[];
}

/**
 * Compiles an app into `<project>/.approute`: `manifest.json` (the routes and their methods),
 * `server/<route file>.mjs` for each route, each module loaded once and validated, and
 * `prerendered.json` with the static GET answers (segment config), produced now.
 * @param projectDir the project folder
 * @param warn where warnings about route modules go (a default export, a lower-case method)
 * @param outDir the output folder (default `<project>/.approute`)
 */
export async function buildApp(
  projectDir: string,
  warn: (message: string) => void,
  outDir = join(projectDir, OUTPUT_DIR),
): Promise<RouteManifest> {
  const appDir = join(projectDir, 'app');
  const manifest = await scanApp(appDir);
  const files = manifest.routes.map((route) => route.file);
  await rm(join(outDir, 'server'), { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const metafile = await compileRoutes(appDir, files, outDir);
  const load = moduleLoader(outDir);
  for (const route of manifest.routes)
    route.methods = validateRouteModule(route, await load(route), { warn });
  // Static GET answers are produced now, as `next build` does; a handler that fails fails the
  // build with its own error (the router logs the cause, then rejects with a summary).
  let cause: unknown;
  // Warnings about the modules were printed by the validation above.
  const logger = {
    warn: () => undefined,
    error: (_message: string, error?: unknown) => void (cause ??= error),
  };
  const prerendered = await createRouter(manifest, { load, logger })
    .prerender()
    .catch((error: unknown) => {
      throw cause ?? error;
    });
  if (prerendered.length > 0)
    await writeFile(join(outDir, PRERENDERED_FILE), serializePrerendered(prerendered));
  else await rm(join(outDir, PRERENDERED_FILE), { force: true });
  const inputs: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const input of inputsOf(metafile, appDir)) inputs[input] = (await stat(input)).mtimeMs;
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(outDir, BUILD_INFO),
    `${JSON.stringify({ inputs, files } satisfies BuildInfo)}\n`,
  );
  return manifest;
}

/**
 * Whether the project has a build that is up to date with its sources: false when there is
 * none, or a source changed, was added or was removed since.
 * @param projectDir the project folder
 * @param outDir the output folder
 */
export async function freshBuild(
  projectDir: string,
  outDir = join(projectDir, OUTPUT_DIR),
): Promise<boolean> {
  let info: BuildInfo;
  try {
    await stat(join(outDir, MANIFEST_FILE));
    info = JSON.parse(await readFile(join(outDir, BUILD_INFO), 'utf8')) as BuildInfo;
  } catch {
    return false;
  }
  for (const [input, mtime] of Object.entries(info.inputs)) {
    const now = await stat(input).then(
      (stats) => stats.mtimeMs,
      () => undefined,
    );
    if (now !== mtime) return false;
  }
  const files = (await scanApp(join(projectDir, 'app'))).routes.map((route) => route.file);
  return files.join('\n') === info.files.join('\n');
}
