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
      '**/test/fixtures/**',
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
