import { describe, expect, it } from 'vitest';
import { transformUseCache, UseCacheError } from './use-cache.js';

const on = { file: 'app/lib/data.ts', loader: 'ts' as const, cacheComponents: true };
const code = async (source: string, options = on) =>
  (await transformUseCache(source, options))?.replace(/\n\/\/# sourceMappingURL=.*\n$/, '');

describe("'use cache' transform", () => {
  it('leaves a file without the directive alone', async () => {
    expect(await transformUseCache('export const a = 1;', on)).toBeUndefined();
  });

  it('rewrites a top-level function into a call of the cache runtime, its body moved inside', async () => {
    const out = await code(
      "export async function load(id: string) {\n  'use cache';\n  return db(id);\n}\n",
    );
    expect(out).toContain('import { cachedCall as __approute_cached } from "approute:use-cache";');
    expect(out).toContain(
      'async function load(...__approute_args) { return __approute_cached("app/lib/data.ts#load", "default", load$uc0, this, __approute_args); }',
    );
    expect(out).toMatch(/async function load\$uc0\(id\) \{\s+return db\(id\);/);
    expect(out).not.toMatch(/load\$uc0\(id\) \{\s+"use cache"/);
  });

  it('reads the handler name of "use cache: <name>", and a file-level directive caches every exported async function', async () => {
    const out = await code(
      "'use cache: remote';\nexport const a = async (x: number) => x * 2;\nconst b = 1;\nexport { b };\n",
    );
    expect(out).toContain(
      '__approute_cached("app/lib/data.ts#a", "remote", a$uc0, undefined, __approute_args)',
    );
    await expect(
      transformUseCache("'use cache';\nexport const f = (x: number) => x;\n", on),
    ).rejects.toThrow('Only async functions are allowed to be exported in a "use cache" file (f).');
  });

  it('fails the build for a directive inside another function, a sync function, or without cacheComponents', async () => {
    await expect(
      transformUseCache(
        "export function a() {\n  async function b() { 'use cache'; return 1; }\n}\n",
        on,
      ),
    ).rejects.toThrow(/app\/lib\/data\.ts:2: "use cache" inside another function is not supported/);
    await expect(
      transformUseCache("export function s() { 'use cache'; return 1; }", on),
    ).rejects.toThrow('"use cache" functions must be async functions (s).');
    const off = transformUseCache("export async function x() { 'use cache'; return 1; }", {
      ...on,
      cacheComponents: false,
    });
    await expect(off).rejects.toBeInstanceOf(UseCacheError);
    await expect(off).rejects.toThrow('please enable the feature flag `cacheComponents`');
  });

  it('keeps a source map to the file as written', async () => {
    const out = await transformUseCache(
      "type T = string;\n\nexport async function load(id: T) {\n  'use cache';\n  return id;\n}\n",
      on,
    );
    const map = JSON.parse(
      Buffer.from(
        /sourceMappingURL=data:application\/json;base64,(.+)/.exec(out ?? '')?.[1] ?? '',
        'base64',
      ).toString(),
    ) as { sources: string[]; sourcesContent: string[] };
    expect(map.sources).toEqual(['app/lib/data.ts']);
    expect(map.sourcesContent[0]).toContain('type T = string;');
  });
});
