// What `approute dev` watches: the whole project folder (but node_modules and tool folders),
// plus each imported file outside it (a workspace package's sources). chokidar, chosen by
// measurement (bench/watch/run.ts): it sees atomic saves (a temp file renamed over the
// original, as vim, JetBrains' safe write and many formatters save), renames, new and deleted
// files and folders, and reports within a few milliseconds; Node's fs.watch on a file keeps
// watching the old inode after the first atomic save. chokidar drops a second change of a
// file within 50 ms of the first (a format-on-save right after the save), so each change is
// checked again once that window has passed.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/** One change: what happened to which file or folder (absolute path). */
export interface FileChange {
  kind: 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';
  path: string;
}

/** Longer than chokidar's 50 ms window in which a file's further changes are not reported. */
const RECHECK_MS = 60;

/** What tells one version of a file from the next: inode, size and modification time. */
async function signature(path: string): Promise<string | undefined> {
  return stat(path).then(
    (stats) => `${String(stats.ino)}:${String(stats.size)}:${String(stats.mtimeMs)}`,
    () => undefined,
  );
}

const KINDS = new Set<string>(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);

/** The folders no route imports from: dependencies, version control, build output. */
const IGNORED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.approute',
  '.next',
  '.turbo',
  '.vercel',
  '.cache',
  '.idea',
  '.vscode',
]);

/**
 * Whether a path lies inside a folder.
 * @param dir the folder
 * @param path an absolute path
 */
export function isInside(dir: string, path: string): boolean {
  const rest = relative(dir, path);
  return rest === '' || (!isAbsolute(rest) && rest !== '..' && !rest.startsWith(`..${sep}`));
}

/** A running watcher: changes arrive in batches, a few milliseconds after the last one. */
export interface ProjectWatcher {
  /** Watches these files outside the project too (and stops watching the ones left out). */
  watchOutside(files: Iterable<string>): void;
  close(): Promise<void>;
}

/**
 * Watches a project folder and calls `onChanges` with each batch of changes.
 * @param projectDir the project folder
 * @param onChanges gets the changes of one batch, in the order they happened
 * @param onError gets a watcher error (e.g. too many files for the system's inotify limit)
 */
export async function watchProject(
  projectDir: string,
  onChanges: (changes: FileChange[]) => void,
  onError: (error: Error) => void,
): Promise<ProjectWatcher> {
  const ignored = (path: string): boolean => {
    if (!isInside(projectDir, path)) return false;
    return relative(projectDir, path)
      .split(sep)
      .some((part) => IGNORED_DIRS.has(part));
  };
  const watcher: FSWatcher = watch(projectDir, { ignored, ignoreInitial: true, atomic: true });
  let batch: FileChange[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const push = (change: FileChange): void => {
    batch.push(change);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changes = batch;
      batch = [];
      onChanges(changes);
    }, 10);
  };
  // A file changed again while chokidar held its events back: its stats tell.
  const rechecks = new Map<string, NodeJS.Timeout>();
  const recheck = (path: string, seen: string): void => {
    clearTimeout(rechecks.get(path));
    rechecks.set(
      path,
      setTimeout(() => {
        rechecks.delete(path);
        void signature(path).then((now) => {
          if (closed || now === seen) return;
          push({ kind: now === undefined ? 'unlink' : 'change', path });
          if (now !== undefined) recheck(path, now);
        });
      }, RECHECK_MS),
    );
  };
  watcher.on('all', (kind, path) => {
    if (!KINDS.has(kind)) return;
    push({ kind: kind as FileChange['kind'], path });
    if (kind === 'add' || kind === 'change') {
      void signature(path).then((seen) => {
        if (!closed && seen !== undefined) recheck(path, seen);
      });
    }
  });
  watcher.on('error', (error) => {
    onError(error instanceof Error ? error : new Error(String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  let outside = new Set<string>();
  return {
    watchOutside(files) {
      const wanted = new Set([...files].filter((file) => !isInside(projectDir, file)));
      const gone = [...outside].filter((file) => !wanted.has(file));
      const added = [...wanted].filter((file) => !outside.has(file));
      if (gone.length) watcher.unwatch(gone);
      if (added.length) watcher.add(added);
      outside = wanted;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const pending of rechecks.values()) clearTimeout(pending);
      await watcher.close();
    },
  };
}
