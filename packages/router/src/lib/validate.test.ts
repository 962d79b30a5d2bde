import { describe, expect, it } from 'vitest';
import { InvalidRouteExportError } from './errors.js';
import { manifestOf } from './test-utils/manifest.js';
import { checkRouteModule } from './validate.js';

const route = manifestOf('/x').routes[0] ?? { id: '/missing', segments: [], file: 'missing' };

function check(mod: Record<string, unknown>) {
  const warnings: string[] = [];
  const { methods } = checkRouteModule(route, mod, { warn: (message) => warnings.push(message) });
  return { methods, warnings };
}

describe('checkRouteModule', () => {
  it('returns the exported method handlers in the order of the seven', () => {
    const handler = () => new Response();
    expect(check({ POST: handler, GET: handler, helper: 1, revalidate: 60 })).toEqual({
      methods: ['GET', 'POST'],
      warnings: [],
    });
  });

  it('refuses a method export that is not a function, naming the file', () => {
    expect(() => check({ GET: 'x' })).toThrow(InvalidRouteExportError);
    try {
      check({ POST: { handler: true } });
    } catch (error) {
      expect(error).toMatchObject({
        name: 'InvalidRouteExportError',
        code: 'ERR_INVALID_ROUTE_EXPORT',
        files: ['app/x/route.ts'],
      });
      expect((error as Error).message).toBe(
        "Route file 'app/x/route.ts' exports POST as an object, not a function.\n" +
          'Export the handler as a function: export async function POST(request) { … }, or rename the export.',
      );
    }
    expect(() => check({ DELETE: null })).toThrow('exports DELETE as null, not a function');
  });

  it('refuses an invalid segment config value', () => {
    expect(() => check({ dynamic: 'sometimes' })).toThrow(/dynamic/);
  });

  it('warns about lower-case method exports and a default export, naming the file', () => {
    const { methods, warnings } = check({
      get: () => undefined,
      post: () => undefined,
      default: () => undefined,
    });
    expect(methods).toEqual([]);
    expect(warnings).toEqual([
      "Detected default export in 'app/x/route.ts'. Export a named export for each HTTP method instead.",
      "No HTTP methods exported in 'app/x/route.ts'. Export a named export for each HTTP method.",
      "Detected lowercase method 'get' in 'app/x/route.ts'. Export the uppercase 'GET' method name to fix this error.",
      "Detected lowercase method 'post' in 'app/x/route.ts'. Export the uppercase 'POST' method name to fix this error.",
    ]);
  });
});
