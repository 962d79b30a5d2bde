// Which file watcher `approute dev` uses, measured: chokidar, @parcel/watcher, what dev did
// before (Node's recursive fs.watch on app/ plus one fs.watch per imported file outside it),
// and what dev uses now (chokidar, each change checked again after chokidar's 50 ms window).
// For each, in one run on a fresh project tree: whether each kind of save is seen, how long
// after the save the event arrives, how long the watcher takes to get ready on a tree of a
// few thousand files, and how many file descriptors it holds.
//
//   pnpm --filter approute bench:watch
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import parcel from '@parcel/watcher';
import { watch as chokidarWatch } from 'chokidar';
import { watchProject } from '../../src/lib/dev-watcher.ts';

type Listener = (path: string) => void;
interface Watcher {
  close(): Promise<void>;
}
type Start = (root: string, onEvent: Listener) => Promise<Watcher>;

const IGNORED = /[/\\](?:node_modules|\.git|\.approute)(?:[/\\]|$)/;

const watchers: Record<string, Start> = {
  async 'approute dev'(root, onEvent) {
    const watcher = await watchProject(
      root,
      (changes) => {
        for (const change of changes) onEvent(change.path);
      },
      (error) => {
        throw error;
      },
    );
    return watcher;
  },
  async chokidar(root, onEvent) {
    const watcher = chokidarWatch(root, {
      ignored: (path) => IGNORED.test(path),
      ignoreInitial: true,
      atomic: true,
    });
    watcher.on('all', (_event, path) => {
      onEvent(path);
    });
    await new Promise<void>((resolve) =>
      watcher.once('ready', () => {
        resolve();
      }),
    );
    return { close: () => watcher.close() };
  },
  async '@parcel/watcher'(root, onEvent) {
    const subscription = await parcel.subscribe(
      root,
      (error, events) => {
        if (error) throw error;
        for (const event of events) onEvent(event.path);
      },
      { ignore: ['node_modules', '.git', '.approute'] },
    );
    return { close: () => subscription.unsubscribe() };
  },
  // What dev did before: app/ recursively, and each imported file outside app/ on its own.
  async 'fs.watch (before)'(root, onEvent) {
    const all: FSWatcher[] = [
      fsWatch(join(root, 'app'), { recursive: true }, (_event, name) => {
        onEvent(join(root, 'app', String(name)));
      }),
    ];
    for (const file of ['db.ts', 'format.ts']) {
      const path = join(root, 'lib', file);
      all.push(
        fsWatch(path, () => {
          onEvent(path);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    return {
      close: () => {
        for (const watcher of all) watcher.close();
        return Promise.resolve();
      },
    };
  },
};

const atomicSave = async (path: string, text: string) => {
  const temp = `${path}.tmp-${String(process.hrtime.bigint())}`;
  await writeFile(temp, text);
  await rename(temp, path);
};

/**
 * One kind of save: what it does, and the path whose event shows it was seen (an event that
 * came after `since`, the start of its last write, when given).
 */
interface Scenario {
  name: string;
  run: (root: string, n: number) => Promise<string | { path: string; since: number }>;
}

const scenarios: Scenario[] = [
  {
    name: 'write app/a/route.ts in place',
    run: async (root, n) => {
      const path = join(root, 'app/a/route.ts');
      await writeFile(path, `export const GET = () => new Response('${String(n)}');\n`);
      return path;
    },
  },
  {
    name: 'atomic save (temp + rename) of app/a/route.ts',
    run: async (root, n) => {
      const path = join(root, 'app/a/route.ts');
      await atomicSave(path, `export const GET = () => new Response('a${String(n)}');\n`);
      return path;
    },
  },
  {
    name: 'write lib/db.ts in place',
    run: async (root, n) => {
      const path = join(root, 'lib/db.ts');
      await writeFile(path, `export const db = ${String(n)};\n`);
      return path;
    },
  },
  {
    name: 'atomic save of lib/db.ts',
    run: async (root, n) => {
      const path = join(root, 'lib/db.ts');
      await atomicSave(path, `export const db = 'a${String(n)}';\n`);
      return path;
    },
  },
  {
    name: 'write lib/db.ts in place after atomic saves',
    run: async (root, n) => {
      const path = join(root, 'lib/db.ts');
      await writeFile(path, `export const db = 'b${String(n)}';\n`);
      return path;
    },
  },
  {
    name: 'save, then a format-on-save 20 ms later (the second write is the one that counts)',
    run: async (root, n) => {
      const path = join(root, 'lib/db.ts');
      await writeFile(path, `export const db = 'c${String(n)}'\n`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const since = performance.now();
      await writeFile(path, `export const db = 'c${String(n)}';\n`);
      return { path, since };
    },
  },
  {
    name: 'vim-style save of lib/format.ts (rename away, write new, delete backup)',
    run: async (root, n) => {
      const path = join(root, 'lib/format.ts');
      await rename(path, `${path}~`);
      await writeFile(path, `export const format = ${String(n)};\n`);
      await rm(`${path}~`);
      return path;
    },
  },
  {
    name: 'new file lib/new.ts',
    run: async (root, n) => {
      const path = join(root, `lib/new-${String(n)}.ts`);
      await writeFile(path, 'export {};\n');
      return path;
    },
  },
  {
    name: 'rename lib/new.ts to lib/renamed.ts',
    run: async (root, n) => {
      const path = join(root, `lib/renamed-${String(n)}.ts`);
      await rename(join(root, `lib/new-${String(n)}.ts`), path);
      return path;
    },
  },
  {
    name: 'delete lib/renamed.ts',
    run: async (root, n) => {
      const path = join(root, `lib/renamed-${String(n)}.ts`);
      await rm(path);
      return path;
    },
  },
  {
    name: 'new route folder app/added/route.ts',
    run: async (root, n) => {
      const dir = join(root, `app/added-${String(n)}`);
      await mkdir(dir);
      const path = join(dir, 'route.ts');
      await writeFile(path, "export const GET = () => new Response('added');\n");
      return path;
    },
  },
  {
    name: 'delete the route folder app/added',
    run: async (root, n) => {
      const dir = join(root, `app/added-${String(n)}`);
      await rm(dir, { recursive: true });
      return dir;
    },
  },
];

async function project(files: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'approute-watch-bench-'));
  await mkdir(join(root, 'app/a'), { recursive: true });
  await mkdir(join(root, 'lib'), { recursive: true });
  await mkdir(join(root, 'node_modules/dep'), { recursive: true });
  await writeFile(join(root, 'app/a/route.ts'), "export const GET = () => new Response('a');\n");
  await writeFile(join(root, 'lib/db.ts'), 'export const db = 0;\n');
  await writeFile(join(root, 'lib/format.ts'), 'export const format = 0;\n');
  // A tree of route folders and modules, and a node_modules that must be left alone.
  for (let i = 0; i < files; i++) {
    const dir = join(root, `app/r${String(i % 200)}/${String(i)}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'route.ts'), 'export const GET = () => new Response();\n');
    await writeFile(join(root, `node_modules/dep/f${String(i)}.js`), '');
  }
  return root;
}

const openFiles = async () => (await readdir('/proc/self/fd')).length;

async function measure(name: string, start: Start, files: number, rounds: number) {
  const root = await project(files);
  const events: { path: string; at: number }[] = [];
  const fdsBefore = await openFiles();
  const started = performance.now();
  const watcher = await start(root, (path) => {
    events.push({ path, at: performance.now() });
  });
  const ready = performance.now() - started;
  const fds = (await openFiles()) - fdsBefore;
  const results = new Map<string, { seen: number; ms: number[] }>();
  for (let n = 0; n < rounds; n++) {
    for (const scenario of scenarios) {
      const result = results.get(scenario.name) ?? { seen: 0, ms: [] };
      results.set(scenario.name, result);
      const began = performance.now();
      const ran = await scenario.run(root, n);
      const { path, since } = typeof ran === 'string' ? { path: ran, since: began } : ran;
      const until = performance.now() + 1_000;
      let event: { at: number } | undefined;
      while (!(event = events.find((e) => e.path === path && e.at >= since))) {
        if (performance.now() > until) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      if (event) {
        result.seen++;
        result.ms.push(event.at - since);
      }
      // Let late events of this save settle before the next one.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  await watcher.close();
  await rm(root, { recursive: true, force: true });
  return { name, ready, fds, results, root: relative(tmpdir(), root) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const FILES = Number(process.env.FILES ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const all = [];
for (const [name, start] of Object.entries(watchers))
  all.push(await measure(name, start, FILES, ROUNDS));

console.log(
  `\n${String(FILES)} route files (and as many in node_modules), ${String(ROUNDS)} rounds\n`,
);
console.log(`| save | ${all.map((r) => r.name).join(' | ')} |`);
console.log(`| --- | ${all.map(() => '---').join(' | ')} |`);
for (const scenario of scenarios) {
  const cells = all.map((r) => {
    const result = r.results.get(scenario.name);
    if (!result) return '—';
    const ms = result.ms.length ? `, ${median(result.ms).toFixed(0)} ms` : '';
    return `${String(result.seen)}/${String(ROUNDS)}${ms}`;
  });
  console.log(`| ${scenario.name} | ${cells.join(' | ')} |`);
}
console.log(`| ready on the tree | ${all.map((r) => `${r.ready.toFixed(0)} ms`).join(' | ')} |`);
console.log(`| file descriptors held | ${all.map((r) => String(r.fds)).join(' | ')} |`);
