import { describe, expect, it } from 'vitest';
import { revalidatePath } from './cache-apis.js';
import { createRequestScope, runInScope } from './scope.js';

describe('revalidatePath', () => {
  it('records the path (without a trailing slash) in the current request scope', () => {
    const scope = createRequestScope(new Request('http://localhost/x'));
    runInScope(scope, () => {
      revalidatePath('/stats');
      revalidatePath('/blog/', 'page');
    });
    expect(scope.revalidatedPaths).toEqual(['/stats', '/blog']);
  });

  it('rejects a path that does not start with a slash', () => {
    const scope = createRequestScope(new Request('http://localhost/x'));
    const call = () => {
      runInScope(scope, () => {
        revalidatePath('stats');
      });
    };
    expect(call).toThrow(TypeError);
  });

  it("throws Next.js's invariant error outside a request", () => {
    expect(() => {
      revalidatePath('/x');
    }).toThrow('Invariant: static generation store missing in revalidatePath("/x")');
  });
});
