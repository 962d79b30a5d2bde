// The dev server sees every way an editor saves a file, inside and outside app/, and outside
// the project; each reload says what changed and rebuilds only the routes it concerns.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, startCli, waitFor, type Running } from './test-utils.js';

let root: string;
let dir: string;
let app: Running;

const lib = (value: string) => `export const value = ${JSON.stringify(value)};\n`;

beforeAll(async () => {
  // A project beside a shared folder, as a monorepo package imports its neighbour's sources.
  root = await mkdtemp(join(tmpdir(), 'approute-watch-'));
  dir = join(root, 'project');
  await rename(await copyFixture('hello'), dir);
  await mkdir(join(dir, 'lib'));
  await mkdir(join(root, 'shared'));
  await writeFile(join(dir, 'lib', 'db.ts'), lib('zero'));
  await writeFile(join(root, 'shared', 'util.ts'), lib('shared-zero'));
  await mkdir(join(dir, 'app', 'db'));
  await writeFile(
    join(dir, 'app', 'db', 'route.ts'),
    "import { value } from '../../lib/db';\nexport const GET = () => new Response(value);\n",
  );
  await mkdir(join(dir, 'app', 'shared'));
  await writeFile(
    join(dir, 'app', 'shared', 'route.ts'),
    "import { value } from '../../../shared/util';\nexport const GET = () => new Response(value);\n",
  );
  app = await startCli(['dev', '.', '--port', '0'], dir);
});
afterAll(async () => {
  await app.stop();
  await rm(root, { recursive: true, force: true });
});

async function text(path: string): Promise<string> {
  return (await request(`${app.url}${path}`)).body.text();
}

/** Saves as vim, JetBrains' safe write and many formatters do: a temp file renamed over. */
async function atomicSave(path: string, content: string): Promise<void> {
  await writeFile(`${path}.tmp`, content);
  await rename(`${path}.tmp`, path);
}

const serves = (path: string, body: string) =>
  waitFor(async () => (await text(path)) === body, 3_000);

describe('approute dev watching files', () => {
  it('sees every atomic save of a file outside app/, and the in-place save after them', async () => {
    const file = join(dir, 'lib', 'db.ts');
    await atomicSave(file, lib('one'));
    await serves('/db', 'one');
    await atomicSave(file, lib('two'));
    await serves('/db', 'two');
    await writeFile(file, lib('three'));
    await serves('/db', 'three');
    // vim without backupcopy: the original renamed away, a new file written, the backup removed.
    await rename(file, `${file}~`);
    await writeFile(file, lib('four'));
    await rm(`${file}~`);
    await serves('/db', 'four');
    // A save, then a format-on-save rewriting the file 20 ms later: the second one counts.
    await writeFile(file, lib('five'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(file, lib('formatted'));
    await serves('/db', 'formatted');
  });

  it('logs what changed, and rebuilds only the routes that import it', async () => {
    await writeFile(join(dir, 'lib', 'db.ts'), lib('logged'));
    await serves('/db', 'logged');
    await waitFor(() => /lib\/db\.ts changed: recompiled 1 route in \d+ms\n/.test(app.output()));
  });

  it('sees an atomic save of a route file, and of a file outside the project', async () => {
    await atomicSave(
      join(dir, 'app', 'hello', 'route.ts'),
      "export const GET = () => new Response('renamed over');\n",
    );
    await serves('/hello', 'renamed over');
    await atomicSave(join(root, 'shared', 'util.ts'), lib('shared-one'));
    await serves('/shared', 'shared-one');
    await atomicSave(join(root, 'shared', 'util.ts'), lib('shared-two'));
    await serves('/shared', 'shared-two');
  });

  it('a deleted import makes its route answer the error; the file coming back heals it', async () => {
    const file = join(dir, 'lib', 'db.ts');
    await rm(file);
    await waitFor(async () => (await text('/db')).includes('Could not resolve "../../lib/db"'));
    expect(await text('/hello')).toBe('renamed over');
    await writeFile(file, lib('back'));
    await serves('/db', 'back');
  });

  it('a renamed route folder moves the route, a deleted one removes it', async () => {
    await rename(join(dir, 'app', 'db'), join(dir, 'app', 'data'));
    await serves('/data', 'back');
    expect((await request(`${app.url}/db`)).statusCode).toBe(404);
    await rm(join(dir, 'app', 'data'), { recursive: true });
    await waitFor(async () => (await request(`${app.url}/data`)).statusCode === 404);
    await waitFor(() => app.output().includes('app/data removed'));
  });
});
