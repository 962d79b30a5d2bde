// Vitest set up as approute builds: `next/*` in a test file is the same module the built routes
// import (the one installed @approute/request), tsconfig `paths` resolve, and approute, its
// packages and the test builds are loaded by Node itself rather than Vitest's module runner,
// so that the router, the routes and the test share one request scope.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NEXT_ENTRIES } from './next-entries.js';

/** The Vite plugin {@link approute} returns: a name and a config hook, nothing else. */
export interface ApprouteVitestPlugin {
  name: 'approute';
  config: () => {
    resolve: { alias: { find: RegExp; replacement: string }[]; tsconfigPaths: boolean };
    test: { server: { deps: { external: RegExp[] } } };
  };
}

function packageRoot(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return realpathSync(dir);
}

const escape = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * The Vitest (Vite) plugin for testing an approute app: `plugins: [approute()]` in
 * `vitest.config.ts`.
 */
export function approute(): ApprouteVitestPlugin {
  const resolveFile = (specifier: string) => fileURLToPath(import.meta.resolve(specifier));
  const alias = Object.entries(NEXT_ENTRIES).map(([module, entry]) => ({
    find: new RegExp(`^${module}(?:\\.js)?$`),
    replacement: resolveFile(`@approute/request/${entry}`),
  }));
  const roots = [
    packageRoot(fileURLToPath(import.meta.url)),
    ...['@approute/request', '@approute/router', '@approute/node', '@approute/web'].map((name) =>
      packageRoot(resolveFile(name)),
    ),
  ];
  return {
    name: 'approute',
    config: () => ({
      resolve: { alias, tsconfigPaths: true },
      test: {
        server: {
          deps: {
            external: [
              ...roots.map((root) => new RegExp(`^${escape(root)}/`)),
              // What createTestApp builds: compiled routes import @approute/request by path.
              /[/\\]\.approute[/\\]test-/,
            ],
          },
        },
      },
    }),
  };
}
