/**
 * The linter keeps its teeth (docs/design.md, "Code shape"): eslint.config.mjs refuses a function over
 * 150 lines, a file over 500 lines and an import cycle made of `import type` declarations only (which
 * import-x/no-cycle skips by design; scripts/eslint/type-imports-as-values.mjs makes it follow them).
 * ESLint runs in a child process through its Node API: it loads the flat config with `import()`, which
 * Jest's module sandbox does not allow.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..');

interface Probe {
  readonly name: string;
  /** Source to lint as `filePath` (relative to the repository), or files on disk to lint. */
  readonly code?: string;
  readonly filePath?: string;
  readonly files?: readonly string[];
}

interface Finding {
  readonly file: string;
  readonly ruleId: string | null;
  readonly message: string;
}

/** Lints every probe with the repository's config and returns each probe's findings. */
function lint(probes: readonly Probe[]): Record<string, Finding[]> {
  const script = `
    import { ESLint } from 'eslint';
    import * as path from 'node:path';
    const probes = JSON.parse(process.argv[1]);
    // ignore: false, so the fixtures (ignored by the normal run) are linted; the config is the repository's.
    const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: 'eslint.config.mjs', ignore: false });
    const out = {};
    for (const p of probes) {
      const results = p.files ? await eslint.lintFiles(p.files) : await eslint.lintText(p.code, { filePath: p.filePath });
      out[p.name] = results.flatMap((r) =>
        r.messages.map((m) => ({ file: path.relative(process.cwd(), r.filePath), ruleId: m.ruleId, message: m.message })),
      );
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes)], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Record<string, Finding[]>;
}

/** A function declaration `lines` lines long, its first and last line included. */
function functionOf(lines: number): string {
  const body = Array.from({ length: lines - 4 }, () => '  n += 1;');
  return ['export function long(): number {', '  let n = 0;', ...body, '  return n;', '}', ''].join('\n');
}

/** A file of `lines` lines. */
function fileOf(lines: number): string {
  return `${Array.from({ length: lines }, (_, i) => `export const v${i} = ${i};`).join('\n')}\n`;
}

describe('the lint rules of the code shape', () => {
  let findings: Record<string, Finding[]>;
  beforeAll(() => {
    findings = lint([
      { name: 'function151', code: functionOf(151), filePath: 'modules/core/lint-probe.ts' },
      { name: 'function150', code: functionOf(150), filePath: 'modules/core/lint-probe.ts' },
      { name: 'file501', code: fileOf(501), filePath: 'modules/core/lint-probe.ts' },
      { name: 'file500', code: fileOf(500), filePath: 'modules/core/lint-probe.ts' },
      {
        name: 'typeCycle',
        files: [
          'test/reliability/lint-fixtures/type-cycle/subject.ts',
          'test/reliability/lint-fixtures/type-cycle/route.ts',
        ],
      },
    ]);
  });

  test('refuse a function of 151 lines, and accept one of 150', () => {
    expect(findings.function151).toEqual([
      {
        file: 'modules/core/lint-probe.ts',
        ruleId: 'max-lines-per-function',
        message: "Function 'long' has too many lines (151). Maximum allowed is 150.",
      },
    ]);
    expect(findings.function150).toEqual([]);
  });

  test('refuse a file of 501 lines, and accept one of 500', () => {
    expect(findings.file501).toEqual([
      {
        file: 'modules/core/lint-probe.ts',
        ruleId: 'max-lines',
        message: 'File has too many lines (501). Maximum allowed is 500.',
      },
    ]);
    expect(findings.file500).toEqual([]);
  });

  test('refuse two files that import each other through `import type` only', () => {
    expect(findings.typeCycle).toEqual([
      expect.objectContaining({
        file: 'test/reliability/lint-fixtures/type-cycle/subject.ts',
        ruleId: 'import-x/no-cycle',
        message: expect.stringMatching(/^Dependency cycle detected/),
      }),
      expect.objectContaining({
        file: 'test/reliability/lint-fixtures/type-cycle/route.ts',
        ruleId: 'import-x/no-cycle',
        message: expect.stringMatching(/^Dependency cycle detected/),
      }),
    ]);
  });
});
