// A small JSON-file store: each collection is one file under the data folder, written
// atomically (temporary file, then rename) so a crash never leaves half a file behind.
// Route modules may each hold their own copy of this module, so nothing is cached in memory:
// every read goes to the file.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The folder the data lives in: `DEMO_DATA_DIR`, or `.data` in the working directory. */
export function dataDir(): string {
  return process.env.DEMO_DATA_DIR ?? join(process.cwd(), '.data');
}

let writes: Promise<unknown> = Promise.resolve();

/**
 * Reads a collection, or its seed when it was never written.
 * @param name the collection's name
 * @param seed what the collection holds before the first write
 */
export async function readCollection<T>(name: string, seed: T): Promise<T> {
  try {
    return JSON.parse(await readFile(join(dataDir(), `${name}.json`), 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(seed);
    throw error;
  }
}

/**
 * Changes a collection: reads it, applies `change`, writes it back; writes are serialised.
 * @param name the collection's name
 * @param seed what the collection holds before the first write
 * @param change returns the new contents
 */
export function updateCollection<T>(name: string, seed: T, change: (current: T) => T): Promise<T> {
  const next = writes.then(async () => {
    const updated = change(await readCollection(name, seed));
    await mkdir(dataDir(), { recursive: true });
    const file = join(dataDir(), `${name}.json`);
    const temporary = `${file}.${String(process.pid)}.tmp`;
    await writeFile(temporary, JSON.stringify(updated, null, 2));
    await rename(temporary, file);
    return updated;
  });
  writes = next.catch(() => undefined);
  return next;
}
