/**
 * Every TypeScript block of README.md and docs/*.md is a program a user can paste into a project made by
 * `cdktf init`: it imports the library by its package name, builds an App with a stack and an AWS
 * provider, and synthesizes. This test type-checks all of them in one TypeScript program (the compiler
 * options of `cdktf init`'s tsconfig, with 'awsvpc-ecs' and 'awsvpc-ecs/*' mapped to modules/), then
 * runs each in this process into a scratch folder. Blocks marked `<!-- snippet: fragment -->` are
 * skipped (test/support/markdown-snippets.ts); the packed package itself is checked by
 * consumer-app.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { MarkdownSnippet, REPO_ROOT, typescriptSnippets } from '../support/markdown-snippets';

const PACKAGE = 'awsvpc-ecs';
const all = typescriptSnippets();
const programs = all.filter((s) => s.marker !== 'fragment');
const fragments = all.filter((s) => s.marker === 'fragment');
const label = (s: MarkdownSnippet) => `${s.file}:${s.line}`;

/** `cdktf init --template=typescript`'s compiler options (its tsconfig.json), plus the in-repo mapping. */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  alwaysStrict: true,
  experimentalDecorators: true,
  lib: ['lib.es2018.d.ts'],
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  noFallthroughCasesInSwitch: true,
  noImplicitAny: true,
  noImplicitReturns: true,
  noImplicitThis: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  resolveJsonModule: true,
  strict: true,
  strictNullChecks: true,
  strictPropertyInitialization: true,
  target: ts.ScriptTarget.ES2018,
  skipLibCheck: true,
  types: ['node'],
  baseUrl: REPO_ROOT,
  paths: { [PACKAGE]: ['modules/index.ts'], [`${PACKAGE}/*`]: ['modules/*/index.ts'] },
};

let scratch: string;
let files: Map<MarkdownSnippet, string>;
let program: ts.Program;
const emitted = new Map<string, string>();

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-doc-snippets-'));
  // A project folder: the snippets resolve cdktf, constructs and the provider from this repository's install.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  files = new Map(programs.map((s, i) => [s, path.join(scratch, `snippet-${i}.ts`)]));
  for (const [s, file] of files) fs.writeFileSync(file, s.code);
  program = ts.createProgram([...files.values()], COMPILER_OPTIONS);
  for (const file of files.values()) {
    program.emit(program.getSourceFile(file), (name, text) => {
      if (name.endsWith('.js')) emitted.set(file, text);
    });
  }
}, 120_000);

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** tsc's messages about one snippet, with the snippet's Markdown location. */
function diagnostics(s: MarkdownSnippet): string[] {
  const source = program.getSourceFile(files.get(s)!)!;
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const where = at ? `${s.file}:${s.line + 1 + at.line}:${at.character + 1}` : label(s);
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * Runs a compiled snippet in this process: `awsvpc-ecs/<module>` is modules/<module> (Jest compiles
 * the TypeScript), everything else resolves from the repository. The App writes into `outdir`
 * (CDKTF_OUTDIR). Promises returned by the package's functions (renderTopologySvg) are awaited.
 */
async function run(s: MarkdownSnippet, outdir: string): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const track = (exports: Record<string, unknown>) =>
    new Proxy(exports, {
      get(target, key) {
        const value = target[key as string];
        if (typeof value !== 'function' || /^[A-Z]/.test(String(key))) return value;
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown)(...args);
          if (result instanceof Promise) pending.push(result);
          return result;
        };
      },
    });
  const load = (request: string): unknown => {
    const ours = request === PACKAGE || request.startsWith(`${PACKAGE}/`);
    const file = ours
      ? path.join(REPO_ROOT, 'modules', request.slice(PACKAGE.length + 1))
      : require.resolve(request, { paths: [REPO_ROOT] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the snippet's own require, through Jest's registry and transform
    const loaded = require(file);
    return ours ? track(loaded) : loaded;
  };
  const before = { outdir: process.env.CDKTF_OUTDIR, cwd: process.cwd() };
  process.env.CDKTF_OUTDIR = outdir;
  process.chdir(path.dirname(outdir)); // relative paths a snippet writes land in the scratch folder
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const module = { exports: {} };
    new Function('require', 'module', 'exports', '__filename', '__dirname', emitted.get(files.get(s)!)!)(
      load,
      module,
      module.exports,
      files.get(s),
      scratch,
    );
    await Promise.all(pending);
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    log.mockRestore();
    process.chdir(before.cwd);
    if (before.outdir === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = before.outdir;
  }
}

describe('the TypeScript snippets of README.md and docs/', () => {
  test('exist, and only a few are fragments', () => {
    expect(programs.length).toBeGreaterThanOrEqual(10);
    expect(fragments.length).toBeLessThanOrEqual(Math.floor(all.length / 5));
  });

  test('import the library by its package name, never by a path into the repository', () => {
    const relative = all.filter((s) => /from\s+['"]\.{1,2}\//.test(s.code) || /require\(['"]\.{1,2}\//.test(s.code));
    expect(relative.map(label)).toEqual([]);
    const imports = programs.flatMap((s) => [...s.code.matchAll(/from\s+'(awsvpc-ecs[^']*)'/g)].map((m) => m[1]!));
    expect(new Set(imports)).not.toContain('awsvpc-ecs/dist');
  });

  test('are complete programs: an App, a stack, an AWS provider and app.synth()', () => {
    const incomplete = programs.filter(
      (s) =>
        !(
          /new App\(/.test(s.code) &&
          /TerraformStack/.test(s.code) &&
          /new AwsProvider\(/.test(s.code) &&
          /\.synth\(\)/.test(s.code)
        ),
    );
    expect(incomplete.map(label)).toEqual([]);
  });

  test('type-check with the compiler options of a cdktf init project', () => {
    expect(programs.flatMap(diagnostics)).toEqual([]);
  });

  test.each(programs.map((s) => [label(s), s] as const))(
    '%s synthesizes',
    async (_, s) => {
      const dir = fs.mkdtempSync(path.join(scratch, 'run-'));
      const outdir = path.join(dir, 'cdktf.out');
      await run(s, outdir);
      const stacks = fs.readdirSync(path.join(outdir, 'stacks'));
      expect(stacks.length).toBeGreaterThan(0);
      for (const stack of stacks) {
        const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
        expect(Object.keys(json.provider ?? {})).toContain('aws');
      }
    },
    60_000,
  );
});
