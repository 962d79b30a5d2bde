// How long the Node target takes to compile a real project, first and after a saved route file
// (what `approute dev` does on every save), for three ways of bundling the import graph, in the
// same run: approute's two layers (compile.ts: the app layer is rebuilt, the dependency layer
// is not), one esbuild context that bundles every package (Next's policy, in one layer), and
// the partial bundling measured in apps/next-compat/MECHANISM.md (workspace packages, packages
// that declare `next`, what they import; the rest left to Node).
//
//   pnpm --filter approute bench:graph            # apps/next-compat/apps/web, 7 saves
//   PROJECT=<dir> SAVES=<n> EXCLUDE=api/og pnpm --filter approute bench:graph
import { readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, utimes } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context, type BuildContext, type Plugin, type PluginBuild } from 'esbuild';
import { compiledModulePath } from '../../src/lib/build-output.ts';
import {
  createRouteCompiler,
  DependencyLayer,
  requestEntry,
  writeOutputs,
} from '../../src/lib/compile.ts';
import { defineFor } from '../../src/lib/project.ts';
import {
  INNER,
  NEXT_SERVER_EXTERNAL,
  nextModules,
  packageName,
  projectFiles,
  resolveInner,
  serverOnlyModules,
} from '../../src/lib/route-graph.ts';
import { scanApp } from '../../src/lib/scan.ts';
import { REQUIRE_BANNER } from '../../src/lib/output-links.ts';

const PROJECT =
  process.env.PROJECT ??
  fileURLToPath(new URL('../../../../apps/next-compat/apps/web', import.meta.url));
const SAVES = Number(process.env.SAVES ?? 7);
const EXCLUDE = (process.env.EXCLUDE ?? '').split(',').filter(Boolean);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function bytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith('.mjs'))
      total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}

interface Variant {
  name: string;
  first(): Promise<void>;
  again(): Promise<void>;
  dispose(): Promise<void>;
}

// The prototype's rule (MECHANISM.md): bundle workspace packages, packages that declare next,
// and what those import; leave every other package to Node's resolver.
function partialGraph(): Plugin {
  const NODE_MODULES = `${sep}node_modules${sep}`;
  const bundled = new Set<string>();
  const roots = new Map<string, string | undefined>();
  const rootOf = (file: string) => {
    const start = dirname(file);
    if (!roots.has(start)) {
      let found: string | undefined;
      for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
        try {
          readFileSync(join(dir, 'package.json'));
          found = dir;
          break;
        } catch {
          continue;
        }
      }
      roots.set(start, found);
    }
    return roots.get(start);
  };
  const declaresNext = (root: string) => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    return ['dependencies', 'peerDependencies', 'optionalDependencies'].some(
      (field) => manifest[field]?.next !== undefined,
    );
  };
  return {
    name: 'bench-partial-graph',
    setup(build: PluginBuild) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === INNER || args.namespace !== 'file') return undefined;
        if (/^(?:next(?:\/|$)|node:|@\/)/.test(args.path)) return undefined;
        const found = await resolveInner(build, args.path, args);
        if (found.errors.length > 0 || found.external || found.namespace !== 'file')
          return undefined;
        const real = realpathSync(found.path);
        const root = rootOf(real);
        const importer = rootOf(args.importer);
        const fromBundled = importer !== undefined && bundled.has(importer);
        if (NEXT_SERVER_EXTERNAL.has(packageName(args.path)))
          return { path: fromBundled ? found.path : args.path, external: true };
        if (!real.includes(NODE_MODULES) || fromBundled || (root && declaresNext(root))) {
          if (root) bundled.add(root);
          return { path: found.path };
        }
        return { path: args.path, external: true };
      });
    },
  };
}

function oneContext(
  name: string,
  files: string[],
  outDir: string,
  graph: Plugin | undefined,
): Variant {
  const next = nextModules(PROJECT, async (module) => {
    const entry = await requestEntry(module);
    return { specifier: entry.file, names: entry.names };
  });
  const keepRequest: Plugin = {
    name: 'bench-request-external',
    setup(build) {
      build.onResolve({ filter: /request\/dist\/[a-z]+\.js$/ }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        args.namespace === 'file' &&
        args.pluginData !== INNER &&
        NEXT_SERVER_EXTERNAL.has(packageName(args.path))
          ? { path: args.path, external: true }
          : undefined,
      );
    },
  };
  let ctx: BuildContext | undefined;
  return {
    name,
    async first() {
      ctx = await context({
        absWorkingDir: PROJECT,
        entryPoints: files.map((file) => ({
          in: join(PROJECT, file),
          out: compiledModulePath(file).slice(0, -4),
        })),
        outdir: outDir,
        bundle: true,
        splitting: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        conditions: ['react-server'],
        jsx: 'automatic',
        outExtension: { '.js': '.mjs' },
        chunkNames: 'server/_chunks/[name]-[hash]',
        sourcemap: 'linked',
        logLevel: 'silent',
        define: defineFor('development', 'nodejs', {}),
        banner: { js: REQUIRE_BANNER },
        plugins: [
          serverOnlyModules(PROJECT),
          next,
          keepRequest,
          projectFiles,
          ...(graph ? [graph] : []),
        ],
      });
      await ctx.rebuild();
    },
    async again() {
      await ctx?.rebuild();
    },
    async dispose() {
      await ctx?.dispose();
    },
  };
}

// What `approute dev` does: one app-layer compiler per route over a shared dependency layer;
// a save rebuilds the route that changed.
function twoLayers(files: string[], outDir: string): Variant {
  const settings = { projectDir: PROJECT, outDir, define: defineFor('development', 'nodejs', {}) };
  const layer = new DependencyLayer(settings);
  const compilers = files.map((file) => createRouteCompiler(settings, layer, file));
  const compile = async (which: readonly Promise<Awaited<(typeof compilers)[number]>>[]) => {
    const results = await Promise.all(which.map(async (compiler) => (await compiler).rebuild()));
    for (const result of results) await writeOutputs(layer, result.outputFiles);
    if ((await layer.state()) !== 'fresh') await layer.build();
  };
  return {
    name: 'approute (two layers)',
    first: () => compile(compilers),
    again: () => compile(compilers.slice(0, 1)),
    async dispose() {
      for (const compiler of compilers) await (await compiler).dispose();
    },
  };
}

const manifest = await scanApp(PROJECT);
const files = manifest.routes
  .map((route) => route.file)
  .filter((file) => !EXCLUDE.some((part) => file.includes(part)));
const touched = join(PROJECT, files[0] ?? '');
console.log(
  `${PROJECT}: ${String(files.length)} routes, ${String(SAVES)} saves of ${files[0] ?? ''}; ` +
    `${cpus().length} CPUs, Node ${process.version}`,
);
const rows: { name: string; first: number; save: number; bytes: number }[] = [];
for (const make of [
  (out: string) => twoLayers(files, out),
  (out: string) => oneContext('one layer, every package bundled', files, out, undefined),
  (out: string) =>
    oneContext('one layer, partial (MECHANISM.md prototype)', files, out, partialGraph()),
]) {
  const outDir = await mkdtemp(join(tmpdir(), 'approute-bench-graph-'));
  const variant = make(outDir);
  try {
    const started = performance.now();
    await variant.first();
    const first = performance.now() - started;
    const saves: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      const now = new Date();
      await utimes(touched, now, now);
      const at = performance.now();
      await variant.again();
      saves.push(performance.now() - at);
    }
    rows.push({ name: variant.name, first, save: median(saves), bytes: await bytes(outDir) });
  } finally {
    await variant.dispose();
    await rm(outDir, { recursive: true, force: true });
  }
}
const base = rows[0];
console.log(
  '| variant | first build (ms) | rebuild after a save, median (ms) | × approute | output (.mjs bytes) |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows)
  console.log(
    `| ${row.name} | ${row.first.toFixed(0)} | ${row.save.toFixed(0)} | ${(row.save / (base?.save ?? 1)).toFixed(1)} | ${String(row.bytes)} |`,
  );
