// One flat config for the whole workspace: typescript-eslint's type-checked rules on every
// TypeScript file, the plain recommended rules on JavaScript.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.approute/**',
      '**/.next/**',
      '**/test-results/**',
      '**/*.d.ts',
      // Fixture apps are written against next/* and checked by running them, not by this lint.
      'conformance/fixtures/**',
      'conformance/fixtures-*/**',
      'conformance/.observe/**',
      // The copies of the fixture project that conformance tests serve with another next.config.
      'conformance/.fixtures-copies/**',
      '**/test/fixtures/**',
      // The CLI's app trees and web fixtures: scanned and bundled by its tests, not linted.
      'packages/cli/test/trees/**',
      'packages/cli/test/web/fixtures/**',
      'packages/cli/test/web/bad/**',
      // The apps the cold-start bench generates.
      'apps/bench/.cold/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // No package reaches into another one's files: imports between packages go through their
    // package names and exports (`@approute/request/internal`, never `../../request/src/…`).
    files: ['packages/**', 'conformance/**', 'apps/**', 'tools/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(?:\.\./)+(?:packages/)?(?:cli|node|request|router|web|conformance|runtimes|node-runtimes)/(?:src|dist|test)(?:/|$)`,
              message: 'Import another package through its name and exports, not its files.',
            },
          ],
        },
      ],
    },
  },
  {
    // The router core, the request model and the web adapter run on every runtime: no node:*
    // import, except the one module that gives the request scope its storage.
    files: [
      'packages/router/src/**/*.ts',
      'packages/request/src/**/*.ts',
      'packages/web/src/**/*.ts',
      'packages/og/src/**/*.ts',
    ],
    ignores: [
      '**/*.test.ts',
      '**/test-utils/**',
      'packages/request/src/lib/scope-storage.ts',
      // next/og's Node entry reads its font and WebAssembly files from disk.
      'packages/og/src/node.ts',
      'packages/og/src/lib/node-assets.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^node:',
              message:
                'Runtime-neutral code imports no node:* module (see docs/architecture.md); the request scope storage lives in packages/request/src/lib/scope-storage.ts.',
            },
            {
              regex: String.raw`^(?:\.\./)+(?:packages/)?(?:cli|node|request|router|web|conformance|runtimes|node-runtimes)/(?:src|dist|test)(?:/|$)`,
              message: 'Import another package through its name and exports, not its files.',
            },
          ],
        },
      ],
    },
  },
  {
    // Route files keep the documented Next.js shape, `export async function GET()`, whether
    // or not the body awaits anything.
    files: ['**/app/**/route.ts', '**/app/**/route.tsx', '**/app/**/route.mts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
