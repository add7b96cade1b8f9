/**
 * docs/getting-started.md, followed the way a new user follows it, against the packed package:
 *
 * 1. A fresh CDKTF TypeScript project in a temporary folder: the files `cdktf init --template=typescript`
 *    writes (package.json, cdktf.json, tsconfig.json, .gitignore), taken from the template of the pinned
 *    cdktf-cli, without its Jest scaffolding and without the latest-version installs its hook runs (those
 *    would make the test depend on what the registry serves today; the guide's first install pins them).
 * 2. Every `npm install` of the guide, as written, except that `awsvpc-ecs` is the tarball that
 *    test/support/packed-package.ts built and packed once for the whole run (npm reads the registry's
 *    packages from its cache first, `--prefer-offline`).
 * 3. The guide's `main.ts`, compiled by the project's own `tsc` with the template's strict settings
 *    and `skipLibCheck: false` (our declarations must type-check, not only our sources), then run with
 *    node to synthesize Terraform JSON, and again with `SYNTH_HCL_OUTPUT=true` (what `cdktf synth --hcl`
 *    sets) for HCL; Terraform validates both (test/engine/terraform.ts, offline).
 * 4. `npm ls` shows one copy each of cdktf, constructs and @cdktf/provider-aws.
 * 5. The fast path: cdktf.json's `app` line as the guide writes it (`awsvpc-ecs synth-app main.ts`)
 *    writes every file byte for byte as the tsc-compiled app run with node (cdktf as published), for the
 *    guide's app and for a user app from examples/ (windows-iis, its imports turned into the package's);
 *    its bundle is rebuilt only when an input changed; an entry that does not build fails with one line.
 *
 * The temporary project is removed afterwards.
 */
import { execFile, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { checkStack, runTerraform, TerraformRun } from '../engine/terraform';
import { listFiles } from '../support/app-runner';
import { codeBlocks, namedSnippet, REPO_ROOT } from '../support/markdown-snippets';
import { packedPackage } from '../support/packed-package';

const GUIDE = 'docs/getting-started.md';
const STACK = 'demo';
const PEERS = ['cdktf', 'constructs', '@cdktf/provider-aws'] as const;
const TEMPLATE = path.join(REPO_ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'templates', 'typescript');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

/** The exact version this repository builds and tests the package with (a dev or run-time pin). */
function pinned(name: string): string {
  const version = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name];
  if (!/^\d+\.\d+\.\d+$/.test(version ?? ''))
    throw new Error(`package.json pins no exact version of ${name} (found ${version})`);
  return version;
}

/** The guide's `npm install` commands, in order, as argument lists. */
const guideInstalls: string[][] = codeBlocks(GUIDE)
  .filter((b) => b.lang === 'sh')
  .flatMap((b) => b.code.split('\n'))
  .map((line) => line.trim())
  .filter((line) => line.startsWith('npm install '))
  .map((line) => line.split(/\s+/).slice(1));

/** The environment of a process run in the project: none of npm's or cdktf's variables of this run. */
function projectEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|CDKTF_|SYNTH_HCL_OUTPUT$|NODE_OPTIONS$|INIT_CWD$)/i.test(key)) env[key] = value;
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

let project: string;
let installs: SpawnSyncReturns<string>[];
let tsc: SpawnSyncReturns<string>;
let synth: { json?: Error; hcl?: Error };

function outdir(kind: 'json' | 'hcl'): string {
  return path.join(project, kind === 'json' ? 'cdktf.out' : 'cdktf.out.hcl');
}

/** The files `cdktf init --template=typescript --local` writes, from the pinned cdktf-cli's template. */
function writeInitProject(dir: string): void {
  const read = (name: string) => fs.readFileSync(path.join(TEMPLATE, name), 'utf8');
  fs.writeFileSync(path.join(dir, 'package.json'), read('package.json').replace('{{ $base }}', 'demo'));
  fs.writeFileSync(
    path.join(dir, 'cdktf.json'),
    read('cdktf.json')
      .replace('{{projectId}}', '00000000-0000-4000-8000-000000000000')
      .replace('{{sendCrashReports}}', 'false')
      .replace('{{futureFlags}}', ''),
  );
  fs.writeFileSync(path.join(dir, '.gitignore'), read('{{}}.gitignore'));
  const tsconfig = JSON.parse(read('tsconfig.json'));
  // Our declarations must type-check too, not only the app (the template skips them).
  tsconfig.compilerOptions.skipLibCheck = false;
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  for (const file of ['package.json', 'cdktf.json']) JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

beforeAll(async () => {
  const { tarball } = packedPackage();
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-ecs-consumer-'));
  writeInitProject(project);

  installs = [];
  for (const args of guideInstalls) {
    const local = args.map((a) => (a === 'awsvpc-ecs' ? tarball : a));
    const result = spawnSync('npm', ['install', ...local.slice(1), '--prefer-offline', '--loglevel=error'], {
      cwd: project,
      env: projectEnv(),
      encoding: 'utf8',
    });
    installs.push(result);
    if (result.status !== 0) return;
  }

  fs.writeFileSync(path.join(project, 'main.ts'), namedSnippet(GUIDE, 'main.ts').code);
  writeExampleApp(project);
  tsc = spawnSync(
    process.execPath,
    [path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    {
      cwd: project,
      env: projectEnv(),
      encoding: 'utf8',
    },
  );
  if (!fs.existsSync(path.join(project, 'main.js'))) return;

  // `cdktf synth` runs cdktf.json's app with CDKTF_OUTDIR set; `--hcl` adds SYNTH_HCL_OUTPUT=true.
  const node = promisify(execFile);
  const run = (kind: 'json' | 'hcl') =>
    node(process.execPath, ['main.js'], {
      cwd: project,
      env: projectEnv({ CDKTF_OUTDIR: outdir(kind), ...(kind === 'hcl' ? { SYNTH_HCL_OUTPUT: 'true' } : {}) }),
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      (r) => {
        if (kind === 'json') jsonStdout = r.stdout;
        return undefined;
      },
      (e: Error & { stdout?: string; stderr?: string }) =>
        new Error(`${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`),
    );
  const [json, hcl] = await Promise.all([run('json'), run('hcl')]);
  synth = { json, hcl };
}, 600_000);

/** What the JSON synth printed (the policy pack's report). */
let jsonStdout = '';

afterAll(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

/** Terraform's diagnostics, one line each ("Error: <summary> (on main.tf line N, in <block>)"), without repeats. */
function summarize(output: string): string {
  const lines = output.split('\n');
  const errors = lines.flatMap((line, i) => {
    const summary = /^\s*Error: (.+)$/.exec(line)?.[1];
    const at = lines
      .slice(i + 1, i + 4)
      .map((l) => /^\s*on (main\.tf line \d+, in [^:]+):?/.exec(l)?.[1])
      .find(Boolean);
    return summary ? [`Error: ${summary}${at ? ` (on ${at})` : ''}`] : [];
  });
  return errors.length > 0 ? [...new Set(errors)].join('\n') : output;
}

/** Fails with the command's own output. */
function expectSucceeded(what: string, r: SpawnSyncReturns<string> | undefined): void {
  if (!r) throw new Error(`${what}: not run (an earlier step failed)`);
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}${r.stderr}`);
}

describe('the getting-started guide, with the packed package', () => {
  test('installs the package with its peers at the versions the package is built with', () => {
    const specs = guideInstalls.flat();
    expect(specs).toContain('awsvpc-ecs');
    for (const peer of PEERS) expect(specs).toContain(`${peer}@${pinned(peer)}`);
    expect(specs).toContain(`typescript@${pinned('typescript')}`);
    // Exact versions in the app's package.json: a later `npm install` must not move one copy away from the other.
    expect(guideInstalls.every((args) => args.includes('--save-exact'))).toBe(true);
  });

  test("runs the guide's npm install commands in a fresh cdktf init project", () => {
    expect(installs).toHaveLength(guideInstalls.length);
    installs.forEach((r, i) => expectSucceeded(`npm install ${guideInstalls[i]!.slice(1).join(' ')}`, r));
  });

  test('npm ls shows one copy each of cdktf, constructs and @cdktf/provider-aws', () => {
    const ls = spawnSync('npm', ['ls', '--all', '--json', '--long', ...PEERS], {
      cwd: project,
      env: projectEnv(),
      encoding: 'utf8',
    });
    expect(ls.stderr).not.toMatch(/ERR|invalid|missing/i);
    const copies: Record<string, Set<string>> = {};
    const walk = (node: {
      dependencies?: Record<string, { path?: string; version?: string; dependencies?: object }>;
    }): void => {
      for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
        if ((PEERS as readonly string[]).includes(name))
          (copies[name] ??= new Set()).add(`${dep.version} at ${dep.path}`);
        walk(dep as typeof node);
      }
    };
    walk(JSON.parse(ls.stdout));
    for (const peer of PEERS) {
      expect([peer, [...(copies[peer] ?? [])]]).toEqual([
        peer,
        [`${pinned(peer)} at ${path.join(fs.realpathSync(project), 'node_modules', peer)}`],
      ]);
    }
    expect(ls.status).toBe(0);
  });

  test("compiles the guide's main.ts with tsc (strict, skipLibCheck: false)", () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, skipLibCheck: false, module: 'CommonJS' });
    expectSucceeded('tsc -p tsconfig.json', tsc);
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
  });

  test('synthesizes the app to Terraform JSON that terraform validate accepts', () => {
    if (synth?.json) throw synth.json;
    const stackDir = path.join(outdir('json'), 'stacks', STACK);
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    // The app the guide describes: 3 AZs, one NAT gateway, m5.large capacity, api with ECS Exec, web behind an internal ALB.
    expect(Object.keys(config.resource.aws_subnet)).toHaveLength(6);
    expect(Object.keys(config.resource.aws_nat_gateway)).toHaveLength(1);
    expect(
      Object.values(config.resource.aws_launch_template).map((t) => (t as { instance_type: string }).instance_type),
    ).toEqual(['m5.large']);
    const services = Object.values(config.resource.aws_ecs_service) as {
      name: string;
      enable_execute_command?: boolean;
    }[];
    expect(services.map((s) => [s.name, s.enable_execute_command ?? false]).sort()).toEqual([
      ['api', true],
      ['web', false],
    ]);
    expect(Object.values(config.resource.aws_lb).map((lb) => (lb as { internal: boolean }).internal)).toEqual([true]);
    const check = checkStack(stackDir);
    expect(check.validate?.output).toContain('The configuration is valid');
  });

  test("passes the policy pack with zero violations; the suppressed findings carry the constructs' reasons", () => {
    if (synth?.json) throw synth.json;
    expect(jsonStdout).toMatch(
      new RegExp(`Policy pack, stack "${STACK}": 0 violation\\(s\\), \\d+ warning\\(s\\), [1-9]\\d* suppressed`),
    );
    expect(jsonStdout).toMatch(/SUPPRESSED \[AWSVPC-SG-002\].*HTTPS/);
    expect(jsonStdout).toMatch(/SUPPRESSED \[AWSVPC-ECS-005\].*ECS Exec/);
  });

  test('synthesizes the app to HCL (cdktf synth --hcl) that terraform validate accepts', () => {
    if (synth?.hcl) throw synth.hcl;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-ecs-consumer-hcl-'));
    try {
      fs.copyFileSync(path.join(outdir('hcl'), 'stacks', STACK, 'cdk.tf'), path.join(work, 'main.tf'));
      const steps: TerraformRun[] = [runTerraform(work, ['init', '-backend=false', '-input=false'])];
      if (steps[0]!.ok) steps.push(runTerraform(work, ['validate']));
      const failed = steps.find((s) => !s.ok);
      if (failed) throw new Error(`Terraform rejected the HCL of ${STACK}:\n${summarize(failed.output)}`);
      expect(steps[1]!.output).toContain('The configuration is valid');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

/** The user app from examples/ the fast path is checked with, written against the package (`example/main.ts`). */
const EXAMPLE = 'examples/windows-iis/main.ts';

/** Turns the repository's relative imports into the package's entry points (`../../modules/compute` -> `awsvpc-ecs/compute`). */
function asPackageImports(code: string): string {
  return code
    .replace(/'(?:\.\.\/)+modules\/([a-z]+)(?:\/[a-z-]+)?'/g, "'awsvpc-ecs/$1'")
    .replace(/'\.\.\/shared\/run-example'/g, "'./run-example'");
}

function writeExampleApp(dir: string): void {
  fs.mkdirSync(path.join(dir, 'example'));
  fs.writeFileSync(
    path.join(dir, 'example', 'main.ts'),
    asPackageImports(fs.readFileSync(path.join(REPO_ROOT, EXAMPLE), 'utf8')),
  );
  const helper = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'shared', 'run-example.ts'), 'utf8');
  fs.writeFileSync(path.join(dir, 'example', 'run-example.ts'), asPackageImports(helper));
}

/** cdktf.json's `app` line, from the guide's snippet. */
function guideAppLine(): string {
  const line = /"app":\s*"([^"]+)"/.exec(namedSnippet(GUIDE, 'cdktf.json-app').code)?.[1];
  if (!line) throw new Error(`${GUIDE}: the cdktf.json-app snippet holds no "app" line`);
  return line;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outdir: string;
}

/** Runs `command` in the project through a shell, as `cdktf synth` runs cdktf.json's app, into a new output folder. */
function runInProject(command: string, outName: string): Run {
  const outdir = path.join(project, outName);
  const r = spawnSync(command, {
    shell: true,
    cwd: project,
    env: projectEnv({ CDKTF_OUTDIR: outdir }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outdir };
}

/** `manifest.json` without the stack traces of its annotations (see `written`). */
function withoutStackTraces(json: string): string {
  return JSON.stringify(JSON.parse(json), (key, value) => (key === 'stacktrace' ? undefined : value), 2);
}

/**
 * Every file of a run's output, and what it printed, with its output folder written as `<outdir>`.
 * The one thing left out: the stack traces cdktf records with each annotation in manifest.json (not
 * read by Terraform), which name the lines of the files that ran and so differ between any two ways
 * of running one app (ts-node, tsc and node, a bundle).
 */
function written(run: Run): { files: Map<string, string>; stdout: string } {
  const read = (f: string): string => {
    const text = fs.readFileSync(path.join(run.outdir, f), 'utf8').split(run.outdir).join('<outdir>');
    return f === 'manifest.json' ? withoutStackTraces(text) : text;
  };
  const files = new Map(listFiles(run.outdir).map((f) => [f, read(f)]));
  return { files, stdout: run.stdout.split(run.outdir).join('<outdir>') };
}

function expectSameOutput(fast: Run, stock: Run): void {
  expect({ code: fast.code, stderr: fast.stderr }).toEqual({ code: 0, stderr: '' });
  expect({ code: stock.code, stderr: stock.stderr }).toEqual({ code: 0, stderr: '' });
  const a = written(fast);
  const b = written(stock);
  expect([...a.files.keys()]).toEqual([...b.files.keys()]);
  expect([...a.files.keys()].filter((f) => f.endsWith('cdk.tf.json')).length).toBeGreaterThan(0);
  for (const [file, text] of a.files) expect({ file, text }).toEqual({ file, text: b.files.get(file) });
  expect(a.stdout).toBe(b.stdout);
}

const CACHE = () => path.join(project, 'node_modules', '.cache', 'awsvpc-ecs');

describe('the fast path (awsvpc-ecs synth-app), with the packed package', () => {
  test("the guide's cdktf.json runs the app through the fast path", () => {
    expect(guideAppLine()).toBe('npx awsvpc-ecs synth-app main.ts');
  });

  test("the guide's app: every file byte for byte as the tsc-compiled app on stock cdktf writes it", () => {
    expectSucceeded('tsc -p tsconfig.json', tsc);
    const fast = runInProject(guideAppLine(), 'out.fast-guide');
    expectSameOutput(fast, runInProject('node main.js', 'out.stock-guide'));
    expect(fs.readdirSync(CACHE()).sort()).toEqual(['main.inputs.json', 'main.js', 'main.js.cache', 'main.js.map']);
  });

  test(`a user app from examples/ (${EXAMPLE}): every file byte for byte as on stock cdktf`, () => {
    expectSucceeded('tsc -p tsconfig.json', tsc);
    const fast = runInProject('npx awsvpc-ecs synth-app example/main.ts', 'out.fast-example');
    expectSameOutput(fast, runInProject('node example/main.js', 'out.stock-example'));
    expect(fast.stdout).toMatch(/synthesized windows-iis into /);
  });

  test('rebuilds the bundle only when an input changed: a source file, or the version of an installed package', () => {
    const bundle = path.join(CACHE(), 'main.js');
    const build = (): void => {
      const r = runInProject('npx awsvpc-ecs synth-app --build-only main.ts', 'out.unused');
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    };
    build();
    const built = () => fs.statSync(bundle).mtimeMs;
    const first = built();
    build();
    expect(built()).toBe(first);

    // npm gives every file of a package the same old modification time: a new version is seen by its number.
    const manifest = path.join(project, 'node_modules', 'ip-address', 'package.json');
    const original = fs.readFileSync(manifest, 'utf8');
    try {
      fs.writeFileSync(manifest, original.replace(/"version":\s*"[^"]+"/, '"version": "0.0.0-moved"'));
      build();
      expect(built()).toBeGreaterThan(first);
    } finally {
      fs.writeFileSync(manifest, original);
    }
    const second = built();
    const main = path.join(project, 'main.ts');
    fs.appendFileSync(main, '\n// an edit\n');
    build();
    expect(built()).toBeGreaterThan(second);
  });

  test('an entry that does not build fails with one line per error (file:line:column) and exit code 1, writing nothing', () => {
    fs.writeFileSync(
      path.join(project, 'broken.ts'),
      "import { App } from 'cdktf';\nconst app = new App(;\napp.synth();\n",
    );
    const run = runInProject('npx awsvpc-ecs synth-app broken.ts', 'out.broken');
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual(['awsvpc-ecs synth-app: broken.ts:2:21: error: Unexpected ";"']);
    expect(fs.existsSync(run.outdir)).toBe(false);

    const missing = runInProject('npx awsvpc-ecs synth-app nothere.ts', 'out.missing');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^awsvpc-ecs synth-app: nothere\.ts: no such file/);
  });
});
