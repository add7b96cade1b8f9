// A parser for one purpose: eslint-plugin-import-x's `no-cycle` skips `import type` declarations by
// design, but a cycle through types is still a cycle for a reader (and for our layering). This parser
// wraps typescript-eslint's and marks every import as a value import, so `no-cycle` follows them too.
// The rule's dependency walk parses the imported files with this same parser (languageOptions.parser).
// No rule that reads `importKind` is enabled in eslint.config.mjs; keep it that way or split the config.
import * as tsParser from '@typescript-eslint/parser';

function markValues(node) {
  for (const statement of node.body) {
    if (
      statement.type === 'ImportDeclaration' ||
      statement.type === 'ExportNamedDeclaration' ||
      statement.type === 'ExportAllDeclaration'
    ) {
      if (statement.importKind === 'type') statement.importKind = 'value';
      if (statement.exportKind === 'type' && statement.source) statement.exportKind = 'value';
      for (const specifier of statement.specifiers ?? []) {
        if (specifier.importKind === 'type') specifier.importKind = 'value';
      }
    }
  }
}

export function parseForESLint(code, options) {
  const result = tsParser.parseForESLint(code, options);
  markValues(result.ast);
  return result;
}

export function parse(code, options) {
  return parseForESLint(code, options).ast;
}

export const meta = { name: 'type-imports-as-values' };
