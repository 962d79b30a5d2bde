// The ten-line cache handler in packages/router/README.md, taken from the README itself and run
// behind a router: a static answer is stored and served (HIT), and revalidatePath reaches it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CacheHandler } from '@approute/router';
import { createManifest, createRouter } from '@approute/router';
import { transform } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const readme = new URL('../../router/README.md', import.meta.url);
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function readmeHandler(): Promise<{ source: string; handler: CacheHandler }> {
  const text = await readFile(readme, 'utf8');
  const block = /Ten lines of methods make a working one[\s\S]*?```ts\n([\s\S]*?)```/.exec(
    text,
  )?.[1];
  if (!block)
    throw new Error(
      'the README has no handler example after "Ten lines of methods make a working one"',
    );
  const { code } = await transform(block, { loader: 'ts', format: 'esm' });
  dir = await mkdtemp(join(tmpdir(), 'approute-readme-'));
  const file = join(dir, 'handler.mjs');
  await writeFile(file, code);
  const mod = (await import(pathToFileURL(file).href)) as { default: CacheHandler };
  return { source: block, handler: mod.default };
}

describe('the cache handler example of the router README', () => {
  it('is ten lines of methods (twelve with its two maps) and serves, stores and revalidates static answers', async () => {
    const { source, handler } = await readmeHandler();
    const lines = source
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('import'));
    expect(lines.length).toBeLessThanOrEqual(12);
    let runs = 0;
    const router = createRouter(createManifest(['stats/route.ts']), {
      cache: handler,
      load: () =>
        Promise.resolve({ dynamic: 'force-static', GET: () => Response.json({ runs: ++runs }) }),
    });
    const get = async () => {
      const response = await router.fetch(new Request('http://localhost/stats'));
      return `${String(response.headers.get('x-nextjs-cache'))} ${await response.text()}`;
    };
    expect(await get()).toBe('MISS {"runs":1}');
    expect(await get()).toBe('HIT {"runs":1}');
    await router.static.revalidatePath('/stats');
    expect(await get()).toBe('MISS {"runs":2}');
    expect(await get()).toBe('HIT {"runs":2}');
  });
});
