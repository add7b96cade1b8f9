// ESLint flat config: the rules that keep the codebase's shape (docs/design.md, "Code shape").
// Formatting is Prettier's job (`npm run format`); eslint-config-prettier turns off the rules it owns.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import * as typeImportsAsValues from './scripts/eslint/type-imports-as-values.mjs';

const sourceFiles = [
  'main.ts',
  'modules/**/*.ts',
  'test/**/*.ts',
  'scripts/**/*.ts',
  'examples/**/*.ts',
  'bench/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'cdktf.out/**',
      'examples.out/**',
      'compat/**/node_modules/**',
      '**/*.generated.ts',
      '**/.gen/**',
      // Code that breaks the rules on purpose, linted by test/reliability/lint-rules.test.ts.
      'test/reliability/lint-fixtures/**',
    ],
  },
  {
    files: sourceFiles,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { parser: typeImportsAsValues },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      // Parse imported .ts files too (with languageOptions.parser: no "import-x/parsers" entry on purpose).
      'import-x/extensions': ['.ts', '.js', '.cjs', '.mjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
    },
    rules: {
      // No import cycles among source files, type-only imports included.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
      // Short functions and files: a newcomer reads one screen at a time.
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: false, skipComments: false }],
      'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  prettier,
);
