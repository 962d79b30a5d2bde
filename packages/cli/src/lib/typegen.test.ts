import { spawnSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, useFixtures } from './test-utils.js';

const fixture = useFixtures();
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** A copy of the typed fixture with approute installed in its node_modules, as npm would. */
async function typedProject(): Promise<string> {
  const dir = await fixture('typed');
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(packageDir, join(dir, 'node_modules', 'approute'), 'dir');
  return dir;
}

function typecheck(dir: string): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

// tsc takes a few seconds on a busy machine.
describe('approute typegen', { timeout: 60_000 }, () => {
  it("gives route handlers the global RouteContext<'/route'> and Node's types under TypeScript 6", async () => {
    const dir = await typedProject();
    const result = await runCli(['typegen', '.'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'approute typegen: wrote .approute/types/routes.d.ts (3 routes)\n' +
        'approute: wrote next-env.d.ts (the types of next/* and RouteContext)\n',
    );
    expect(await readFile(join(dir, 'next-env.d.ts'), 'utf8')).toMatch(
      /^\/\/\/ <reference types="approute\/next-env" \/>\n\/\/\/ <reference path=".\/.approute\/types\/routes.d.ts" \/>\n/,
    );
    const types = await readFile(join(dir, '.approute/types/routes.d.ts'), 'utf8');
    expect(types).toContain(
      'type AppRouteHandlerRoutes = "/docs/[[...slug]]" | "/health" | "/users/[id]";',
    );
    expect(types).toContain('  "/docs/[[...slug]]": { "slug"?: string[] };');
    expect(types).toContain('  "/health": {};');
    expect(types).toContain('  "/users/[id]": { "id": string };');
    // approute's own RouteContext, for any route id, is importable from the package itself.
    await writeFile(
      join(dir, 'app', 'imported.ts'),
      [
        "import type { RouteContext as Context } from 'approute';",
        "export const read = async (context: Context<'/shop/[tag]/[...rest]'>) => {",
        '  const { tag, rest }: { tag: string; rest: string[] } = await context.params;',
        '  return [tag, ...rest];',
        '};',
        '',
      ].join('\n'),
    );
    expect(typecheck(dir)).toEqual({ code: 0, output: '' });
  });

  it('refuses a route that does not exist and a param the route does not have', async () => {
    const dir = await typedProject();
    expect((await runCli(['typegen', '.'], dir)).code).toBe(0);
    await writeFile(
      join(dir, 'app', 'wrong.ts'),
      [
        "export async function a(context: RouteContext<'/user/[id]'>) { return context; }",
        "export async function b(context: RouteContext<'/users/[id]'>) {",
        '  const { slug } = await context.params;',
        '  return slug;',
        '}',
        '',
      ].join('\n'),
    );
    const { code, output } = typecheck(dir);
    expect(code).toBe(2);
    expect(output).toContain(
      `app/wrong.ts(1,47): error TS2344: Type '"/user/[id]"' does not satisfy the constraint`,
    );
    expect(output).toContain("app/wrong.ts(3,11): error TS2339: Property 'slug' does not exist");
  });

  it('build writes the route types too, and says when next-env.d.ts does not reference them', async () => {
    const dir = await typedProject();
    await writeFile(join(dir, 'next-env.d.ts'), '/// <reference types="approute/next-env" />\n');
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'approute: next-env.d.ts does not reference .approute/types/routes.d.ts: add /// <reference path="./.approute/types/routes.d.ts" /> to it for the global RouteContext<route>.\n',
    );
    expect(await readFile(join(dir, '.approute/types/routes.d.ts'), 'utf8')).toContain(
      '"/users/[id]": { "id": string };',
    );
  });
});
