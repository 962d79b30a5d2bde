import { describe, expect, it } from 'vitest';
import { useFixtures, runCli } from './test-utils.js';

const fixture = useFixtures();

const conflict = [
  'Conflicting routes at /x: route at /(b)/x/route and route at /(a)/x/route',
  'Keep one route for /x: delete or move app/(b)/x/route.ts or app/(a)/x/route.ts.',
  '',
].join('\n');

describe('errors the user fixes', () => {
  it.each(['build', 'routes', 'start', 'dev'])(
    'approute %s prints a route conflict without a stack and exits 1',
    async (command) => {
      const dir = await fixture('conflict');
      const port = command === 'dev' || command === 'start' ? ['--port', '0'] : [];
      const result = await runCli([command, '.', ...port], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`approute ${command}: ${conflict}`);
      expect(result.stdout).not.toContain('ready on');
    },
  );

  it('a method export that is not a function fails the build, naming the file', async () => {
    const dir = await fixture('invalid-export');
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "approute build: Route file 'app/bad/route.ts' exports GET as a string, not a function.\nExport the handler as a function: export async function GET(request) { … }, or rename the export.\n",
    );
  });

  it('an unknown command prints the usage and exits 1', async () => {
    const result = await runCli(['serve'], process.cwd());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^approute: Unknown command "serve"\.\n\nUsage: approute <command>/,
    );
  });
});
