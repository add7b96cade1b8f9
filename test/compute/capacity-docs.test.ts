/**
 * The complete app in docs/capacity.md ("Built into every cluster") runs as written, imports from
 * the package name rewritten to this repository's modules, and prints what the page says; with
 * `desiredCount: 6` it fails its synth as the page says.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { transformSync } from '@swc/core';
import { thrownValidationError } from '../support/problem-matcher';

const ROOT = path.join(__dirname, '..', '..');
const PAGE = fs.readFileSync(path.join(ROOT, 'docs', 'capacity.md'), 'utf8');

/** The fenced block after `marker`, and the next fenced block of the given language after it. */
function blockAfter(marker: string, language = 'ts', from = 0): { text: string; end: number } {
  const start = PAGE.indexOf(marker, from);
  if (start < 0) throw new Error(`docs/capacity.md has no ${marker}`);
  const open = PAGE.indexOf('```' + language + '\n', start);
  const close = PAGE.indexOf('\n```', open + 4);
  return { text: PAGE.slice(open + language.length + 4, close + 1), end: close + 4 };
}

/**
 * Runs the snippet as a CommonJS module, `awsvpc-ecs/<module>` mapped to this repository's
 * modules/<module> (loaded through Jest, which compiles TypeScript).
 */
function run(source: string): void {
  const rewritten = source.replace(
    /from 'awsvpc-ecs\/([a-z]+)'/g,
    (_m, mod: string) => `from '${path.join(ROOT, 'modules', mod)}'`,
  );
  const { code } = transformSync(rewritten, {
    filename: 'snippet.ts',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
}

describe('docs/capacity.md: the complete app', () => {
  const snippet = blockAfter('<!-- capacity-example -->');
  let outdir: string;
  let log: jest.SpyInstance;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'capacity-docs-'));
    process.env.CDKTF_OUTDIR = outdir;
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    delete process.env.CDKTF_OUTDIR;
    log.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('imports only from the package name (and cdktf and the provider)', () => {
    const sources = [...snippet.text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(
      sources.filter(
        (s) => !/^awsvpc-ecs\/[a-z]+$/.test(s!) && s !== 'cdktf' && !s!.startsWith('@cdktf/provider-aws/lib/'),
      ),
    ).toEqual([]);
  });

  test('synthesizes, and prints the table the page shows', () => {
    run(snippet.text);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'shop', 'cdk.tf.json'))).toBe(true);
    const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
    const shown = blockAfter('It prints:', '', snippet.end).text.trimEnd();
    expect(printed.split('\n').map((l) => l.trimEnd())).toEqual(shown.split('\n'));
  });

  test("fails its synth with the page's error when the service asks for 6 tasks", () => {
    const sixTasks = snippet.text.replace("serviceName: 'api', desiredCount: 1", "serviceName: 'api', desiredCount: 6");
    expect(sixTasks).not.toBe(snippet.text);
    const e = thrownValidationError(() => run(sixTasks));
    const shown = blockAfter('fails its synth (12 awsvpc tasks at peak):', '', snippet.end).text.replace(/\n/g, ' ');
    expect(e.code).toBe('CAPACITY_ENI_OVERCOMMITTED');
    for (const part of shown
      .split('...')
      .map((p) => p.replace(/^[;, ]+|[;, (]+$/g, '').trim())
      .filter((p) => p.length > 0)) {
      expect(e.message.replace(/\n/g, ' ')).toContain(part);
    }
  });
});
