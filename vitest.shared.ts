// Settings every workspace project shares: tests import sibling packages from their `src`
// through the `source` export condition, so a test never runs against a stale `dist`.
import type { ViteUserConfig } from 'vitest/config';

const conditions = ['source', 'module', 'node', 'import', 'default'];

export const shared: ViteUserConfig = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
};
