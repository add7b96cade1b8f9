/**
 * `npm run synth:examples` and the examples through Terraform. Every example is synthesized by the
 * functions the command runs (scripts/synth-examples.ts: `node scripts/app.cjs` with AWSVPC_APP_ENTRY
 * and AWSVPC_OUTDIR, the path users take), then every stack it wrote goes through `terraform
 * validate` and `terraform test` under mock_provider: test/examples/terraform/<stack>.tftest.hcl when
 * the stack has one (those apply and destroy, and assert on planned values), else
 * terraform/generic/plan.tftest.hcl (a plan). A new example is picked up by its main.ts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ExampleApp,
  ExampleSynthError,
  listExampleApps,
  OUTPUT_MARKER,
  synthesizeExampleApp,
  synthesizeExamples,
  SynthesizedExampleApp,
} from '../../scripts/synth-examples';
import { expectStackPasses } from '../engine/terraform';
import { REPO_ROOT } from './support';

const TERRAFORM_DIR = path.join(__dirname, 'terraform');
const GENERIC_PLAN = path.join(TERRAFORM_DIR, 'generic', 'plan.tftest.hcl');
const APPS = listExampleApps(REPO_ROOT);

/**
 * The stack's own test files, `<stack>.tftest.hcl` and `<stack>.<part>.tftest.hcl` (an example built
 * of parts may give each part a file; one `terraform test` runs them all), else the generic plan.
 */
function testFilesFor(stack: string): string[] {
  const own = fs.readdirSync(TERRAFORM_DIR).filter((f) => stackOfTestFile(f) === stack);
  return own.length > 0 ? own.sort().map((f) => path.join(TERRAFORM_DIR, f)) : [GENERIC_PLAN];
}

/** The stack a test file of test/examples/terraform/ belongs to (`acme-platform`, `everyday-options`). */
function stackOfTestFile(file: string): string | undefined {
  return /^([^.]+)(\.[a-z0-9-]+)?\.tftest\.hcl$/.exec(file)?.[1];
}

/** The bundle scripts/app.cjs builds for an entry point (.gen/<entry with separators as dashes>.js). */
function bundleOf(entry: string): string {
  const name = path.relative(REPO_ROOT, path.resolve(REPO_ROOT, entry)).replace(/\.ts$/, '');
  return path.join(REPO_ROOT, '.gen', `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.js`);
}

function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('finding the examples', () => {
  test('finds every example of the repository, one app per main.ts and per configuration file', () => {
    expect(APPS.map((a) => a.outdir)).toEqual(
      expect.arrayContaining([
        'config/dev',
        'config/prod',
        'everyday-options',
        'network-modes',
        'platform-and-service-team/platform',
        'platform-and-service-team/service',
        'windows-iis',
      ]),
    );
    expect(APPS.find((a) => a.outdir === 'config/dev')).toEqual({
      example: 'config',
      app: 'dev',
      entry: 'main.ts',
      config: 'examples/config/dev.json',
      outdir: 'config/dev',
    });
    // Every folder of examples/ is an example, except the helpers they share.
    const folders = fs
      .readdirSync(path.join(REPO_ROOT, 'examples'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'shared')
      .map((e) => e.name);
    expect([...new Set(APPS.map((a) => a.example))].sort()).toEqual(folders.sort());
  });

  test('finds a new example by its main.ts, its apps by theirs, and configurations by their $schema', () => {
    const root = scratch('awsvpc-examples-root-');
    const write = (file: string, text = '') => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('examples/new-one/main.ts');
    write('examples/new-one/parts/main.ts'); // a folder of a one-app example is not an app
    write('examples/two-apps/b/main.ts');
    write('examples/two-apps/a/main.ts');
    write('examples/configs/small.json', JSON.stringify({ $schema: '../../awsvpc.config.schema.json' }));
    write('examples/configs/other.json', JSON.stringify({ name: 'not a configuration' }));
    write('examples/shared/run-example.ts');
    expect(listExampleApps(root)).toEqual([
      {
        example: 'configs',
        app: 'small',
        entry: 'main.ts',
        config: 'examples/configs/small.json',
        outdir: 'configs/small',
      },
      { example: 'new-one', entry: 'examples/new-one/main.ts', outdir: 'new-one' },
      { example: 'two-apps', app: 'a', entry: 'examples/two-apps/a/main.ts', outdir: 'two-apps/a' },
      { example: 'two-apps', app: 'b', entry: 'examples/two-apps/b/main.ts', outdir: 'two-apps/b' },
    ]);
  });
});

test('importing an example synthesizes nothing: tests call build() themselves', () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../examples/windows-iis/main');
    });
    expect(log).not.toHaveBeenCalled();
  } finally {
    log.mockRestore();
  }
});

describe('when an example fails', () => {
  test('the error names the example and carries its output; the folder is marked for the next run', () => {
    const dir = scratch('awsvpc-broken-example-');
    // An example whose props are wrong: its build throws the library's ValidationError.
    const repo = (p: string) => JSON.stringify(path.join(REPO_ROOT, p));
    fs.writeFileSync(
      path.join(dir, 'main.ts'),
      [
        `import { ValidationError } from ${repo('modules/core')};`,
        `import { synthesizeExample } from ${repo('examples/shared/run-example')};`,
        'synthesizeExample(() => {',
        "  const problem = { code: 'BROKEN_ON_PURPOSE', path: 'broken/service', received: '0', allowed: '1', fix: 'use 1' };",
        '  throw new ValidationError(problem);',
        '});',
        '',
      ].join('\n'),
    );
    const broken: ExampleApp = { example: 'broken', entry: path.join(dir, 'main.ts'), outdir: 'broken' };
    const outRoot = scratch('awsvpc-examples-out-');
    try {
      expect(() => synthesizeExampleApp(REPO_ROOT, broken, outRoot)).toThrow(
        /^example "broken" \(.*main\.ts\) failed to synthesize: exit 1\nsynth failed: 1 problem\(s\)\n.*BROKEN_ON_PURPOSE/,
      );
      expect(fs.readdirSync(path.join(outRoot, 'broken'))).toEqual([OUTPUT_MARKER]);
    } finally {
      // The bundle scripts/app.cjs built for this one-off entry point, its map, inputs and code cache.
      const bundle = bundleOf(broken.entry);
      for (const f of [bundle, `${bundle}.map`, `${bundle}.cache`, bundle.replace(/\.js$/, '.inputs.json')]) {
        fs.rmSync(f, { force: true });
      }
    }
  });

  test('a folder of examples.out it did not write is refused, and nothing in it deleted', () => {
    const outRoot = scratch('awsvpc-examples-out-');
    fs.mkdirSync(path.join(outRoot, 'network-modes'));
    fs.writeFileSync(path.join(outRoot, 'network-modes', 'notes.txt'), 'mine');
    const app = APPS.find((a) => a.outdir === 'network-modes')!;
    expect(() => synthesizeExampleApp(REPO_ROOT, app, outRoot)).toThrow(
      /example "network-modes" \(examples\/network-modes\/main\.ts\) failed to synthesize: .* holds files this command did not write/,
    );
    expect(fs.readFileSync(path.join(outRoot, 'network-modes', 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('a name that matches no example is refused with the list of examples, by the npm script too', () => {
    expect(() => synthesizeExamples(REPO_ROOT, scratch('awsvpc-examples-out-'), ['no-such-example'])).toThrow(
      /no example named "no-such-example"; the examples are: .*network-modes/,
    );
    // `npm run synth:examples -- no-such-example`: exit 2, one line, nothing written.
    const script = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts['synth:examples'];
    expect(script).toBe('node scripts/run-ts.mjs scripts/synth-examples.ts');
    const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/synth-examples.ts', 'no-such-example'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
    expect(r.stderr).toMatch(/^synth:examples: no example named "no-such-example"; the examples are: config, /);
  });
});

describe('every example, synthesized as `npm run synth:examples` does, through Terraform', () => {
  const outRoot = scratch('awsvpc-examples-out-');
  /** Each app's output, or its error: a failure is reported by the test of its app, with the app's output. */
  const synthesized = new Map<string, SynthesizedExampleApp | ExampleSynthError>();
  beforeAll(() => {
    const result = synthesizeExamples(REPO_ROOT, outRoot);
    for (const s of result.synthesized) synthesized.set(s.outdir, s);
    for (const f of result.failed) synthesized.set(f.exampleApp.outdir, f);
  }, 120_000);

  function synthesizedApp(outdir: string): SynthesizedExampleApp {
    const s = synthesized.get(outdir);
    if (s === undefined) throw new Error(`npm run synth:examples did not run ${outdir}`);
    if (s instanceof ExampleSynthError) throw s;
    return s;
  }

  test.each(APPS.map((a) => a.outdir))(
    '%s: synthesizes through scripts/app.cjs, and each stack passes terraform validate and terraform test',
    (outdir) => {
      const app = synthesizedApp(outdir);
      expect(app.dir).toBe(path.join(outRoot, outdir));
      expect(app.stderr).toBe('');
      const done = app.stdout.split('\n').find((l) => l.startsWith('synthesized '));
      for (const stack of app.stacks) expect(done).toContain(stack);
      expect(done).toContain(`into ${app.dir}`);
      if (!app.config) {
        // Each entry point has a bundle of its own: the default app's is never the example's.
        expect(fs.existsSync(bundleOf(app.entry))).toBe(true);
        const defaultInputs = path.join(REPO_ROOT, '.gen', 'main.inputs.json');
        if (fs.existsSync(defaultInputs)) expect(fs.readFileSync(defaultInputs, 'utf8')).not.toContain(app.entry);
      }
      for (const stack of app.stacks) {
        expectStackPasses(path.join(app.dir, 'stacks', stack), testFilesFor(stack), { validate: true });
      }
    },
    180_000,
  );

  test('every stack test file belongs to a synthesized stack (a renamed stack does not silently lose its test)', () => {
    const stacks = [...synthesized.values()].flatMap((s) => (s instanceof ExampleSynthError ? [] : s.stacks));
    const files = fs.readdirSync(TERRAFORM_DIR).filter((f) => f.endsWith('.tftest.hcl'));
    expect(files.filter((f) => !stacks.includes(stackOfTestFile(f) ?? ''))).toEqual([]);
  });

  test('the examples print their policy report (no violation) and capacity table when run', () => {
    for (const a of APPS.filter((x) => !x.config)) {
      const out = synthesizedApp(a.outdir).stdout;
      expect(out).toMatch(/Policy pack, stack "[^"]+": 0 violation\(s\)/);
      expect(out).toContain('capacity provider');
    }
  });
});
