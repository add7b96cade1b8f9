/**
 * The real-engine tier: runs Terraform itself on synthesized stacks, offline.
 *
 * The harness writes its own Terraform CLI configuration: a `filesystem_mirror` for hashicorp/aws
 * (from `AWSVPC_TF_PROVIDER_MIRROR`, else discovered in the usual places), direct installation as the
 * fallback for anything else, and a plugin cache so that `terraform init` links the 700 MB provider
 * instead of copying it. It never needs the network. When terraform or the provider is missing, it
 * fails and says how to install them: it never skips.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scratchDir } from '../support/scratch';

export const AWS_PROVIDER_VERSION = '5.100.0';
/** Mock values the .tftest.hcl files share: copied beside every checked stack as ./mocks. */
export const MOCKS_DIR = path.join(__dirname, 'mocks');
const PROVIDER_DIR = `registry.terraform.io/hashicorp/aws/${AWS_PROVIDER_VERSION}`;

const INSTALL_HELP = [
  'The real-engine tests need Terraform >= 1.11 and the hashicorp/aws ' +
    AWS_PROVIDER_VERSION +
    ' provider in a filesystem mirror.',
  'Install Terraform 1.11 from https://developer.hashicorp.com/terraform/install, then mirror the provider once:',
  '  mkdir -p ~/tf-mirror && cd /tmp && printf \'terraform { required_providers { aws = { source = "hashicorp/aws", version = "' +
    AWS_PROVIDER_VERSION +
    '" } } }\' > m.tf && terraform providers mirror ~/tf-mirror',
  'and point the tests at it: export AWSVPC_TF_PROVIDER_MIRROR=~/tf-mirror',
].join('\n');

function platformDir(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `${process.platform}_${arch}`;
}

function hasProvider(mirror: string): boolean {
  const dir = path.join(mirror, PROVIDER_DIR);
  if (!fs.existsSync(dir)) return false;
  // Unpacked layout (<mirror>/<host>/<ns>/<type>/<version>/<os_arch>/) or packed zips.
  return (
    fs.existsSync(path.join(dir, platformDir())) ||
    fs.readdirSync(dir).some((f) => f.endsWith('.zip') && f.includes(platformDir()))
  );
}

/** Where the aws provider mirror is: the environment variable first, then the usual places. */
export function findProviderMirror(): string | undefined {
  const fromEnv = process.env.AWSVPC_TF_PROVIDER_MIRROR;
  if (fromEnv) return hasProvider(fromEnv) ? fromEnv : undefined;
  const home = os.homedir();
  const candidates = [
    '/opt/tf-plugins',
    path.join(home, '.terraform.d', 'plugins'),
    path.join(home, '.local', 'share', 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  return candidates.find(hasProvider);
}

export interface TerraformEngine {
  readonly terraform: string;
  readonly version: string;
  /** Environment for every terraform call (our CLI configuration, no checkpoint calls, no input). */
  readonly env: NodeJS.ProcessEnv;
}

let cached: TerraformEngine | undefined;
let sharedProvider: ChildProcess | undefined;

/**
 * Starts the AWS provider once for this test process, in the provider's debug mode, and returns the
 * TF_REATTACH_PROVIDERS value that makes every terraform command use it instead of starting (and
 * loading the schema of) a 700 MB provider of its own: that start-up was more than half of each
 * command's CPU time. Safe to share: validate and terraform test under mock_provider never configure
 * the provider. Undefined (each command starts its own) when the mirror is packed or the start fails.
 * AWSVPC_TF_REATTACH=0 turns it off.
 */
function startSharedProvider(mirror: string): string | undefined {
  const dir = path.join(mirror, PROVIDER_DIR, platformDir());
  const binary = fs.existsSync(dir)
    ? fs.readdirSync(dir).find((f) => f.startsWith('terraform-provider-aws'))
    : undefined;
  if (!binary) return undefined;
  // Its output goes to a file, read synchronously: Jest calls this from test bodies.
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-provider-')), 'provider.log');
  const fd = fs.openSync(log, 'w');
  // A small shell watches this process and stops the provider when it is gone, however it ends
  // (Jest may kill its workers without running exit handlers).
  const watch =
    `"$0" -debug & p=$!; trap 'kill $p 2>/dev/null' EXIT INT TERM; ` +
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 $p 2>/dev/null; do sleep 1; done`;
  const child = spawn('sh', ['-c', watch, path.join(dir, binary)], { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 30_000;
  let match: RegExpExecArray | null = null;
  while (!match && Date.now() < deadline && child.exitCode === null) {
    Atomics.wait(pause, 0, 0, 50);
    match = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(fs.readFileSync(log, 'utf8'));
  }
  if (!match) {
    child.kill();
    return undefined;
  }
  sharedProvider = child;
  child.unref();
  process.once('exit', () => sharedProvider?.kill());
  return match[1];
}

/**
 * This process's environment for a non-interactive terraform that reads `cliConfig`, checks for no
 * updates and ignores any TF_DATA_DIR or TF_WORKSPACE of the caller's shell.
 */
export function terraformEnv(cliConfig: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  delete env.TF_DATA_DIR;
  delete env.TF_WORKSPACE;
  return env;
}

/** Locates terraform and the provider and writes the CLI configuration; throws with install help if missing. */
export function terraformEngine(): TerraformEngine {
  if (cached) return cached;
  const which = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' });
  const terraform = which.stdout.trim();
  if (which.status !== 0 || !terraform) {
    throw new Error(`terraform is not on PATH.\n${INSTALL_HELP}`);
  }
  const mirror = findProviderMirror();
  if (!mirror) {
    throw new Error(
      `hashicorp/aws ${AWS_PROVIDER_VERSION} was not found in a filesystem mirror ` +
        `(AWSVPC_TF_PROVIDER_MIRROR=${process.env.AWSVPC_TF_PROVIDER_MIRROR ?? '(unset)'}).\n${INSTALL_HELP}`,
    );
  }
  // One plugin cache for every run (test files' own temporary folders are removed after them).
  const home = path.join(process.env.AWSVPC_SYSTEM_TMPDIR ?? os.tmpdir(), 'awsvpc-terraform');
  const cacheDir = path.join(home, 'plugin-cache');
  fs.mkdirSync(cacheDir, { recursive: true });
  const cliConfig = path.join(home, 'cli.tfrc');
  fs.writeFileSync(
    cliConfig,
    [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(mirror)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
      `plugin_cache_dir = ${JSON.stringify(cacheDir)}`,
      '',
    ].join('\n'),
  );
  const env = terraformEnv(cliConfig);
  delete env.TF_REATTACH_PROVIDERS;
  const reattach = process.env.AWSVPC_TF_REATTACH === '0' ? undefined : startSharedProvider(mirror);
  if (reattach) env.TF_REATTACH_PROVIDERS = reattach;
  const version = execFileSync(terraform, ['version', '-json'], { env, encoding: 'utf8' });
  const parsed = JSON.parse(version) as { terraform_version: string };
  const [major, minor] = parsed.terraform_version.split('.').map(Number);
  if (major === undefined || minor === undefined || major < 1 || (major === 1 && minor < 11)) {
    throw new Error(
      `terraform ${parsed.terraform_version} is too old: the tests need >= 1.11 (mock_provider in terraform test).\n${INSTALL_HELP}`,
    );
  }
  cached = { terraform, version: parsed.terraform_version, env };
  return cached;
}

/**
 * A copy of the test file `tftest` with the `run` blocks of `runFiles` appended (in a scratch folder
 * removed after the test file, under the same name): runs that several stacks share, such as
 * test/network/terraform/default-network-routing.runs.hcl, live in one place and still use each test
 * file's own mock values and applied state.
 */
export function tftestWith(tftest: string, ...runFiles: readonly string[]): string {
  const file = path.join(scratchDir('awsvpc-tftest-'), path.basename(tftest));
  const parts = [tftest, ...runFiles].map((f) => fs.readFileSync(f, 'utf8').trimEnd());
  fs.writeFileSync(file, `${parts.join('\n\n')}\n`);
  return file;
}

export interface TerraformRun {
  readonly ok: boolean;
  readonly output: string;
}

/** Runs one terraform command in `dir`; never throws for a failing command (the caller asserts). */
export function runTerraform(dir: string, args: readonly string[]): TerraformRun {
  const engine = terraformEngine();
  const r = spawnSync(engine.terraform, [...args, '-no-color'], {
    cwd: dir,
    env: engine.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `$ terraform ${args.join(' ')}\n${r.stdout}${r.stderr}` };
}

export interface EngineCheck {
  readonly init: TerraformRun;
  /** Undefined when skipped (`validate: false`: `terraform test` validates the configuration itself). */
  readonly validate?: TerraformRun;
  /** Undefined when no test files were given. */
  readonly test?: TerraformRun;
}

export interface CheckOptions {
  /**
   * Run `terraform validate` before `terraform test`. Module-level checks turn it off: `terraform test`
   * rejects an invalid configuration with the same diagnostics, and each validate costs ~4 s of CPU
   * (loading the AWS provider's schema). The default app's stacks, the examples and the stacks without
   * test files always get it.
   * @default true
   */
  readonly validate?: boolean;
}

/** The provider names of the `required_providers` block of HCL as cdktf writes it (`aws = {` lines). */
function hclRequiredProviders(hcl: string): string[] {
  const lines = hcl.split('\n');
  const names: string[] = [];
  const start = lines.findIndex((l) => /^\s*required_providers \{$/.test(l));
  if (start < 0) return names;
  let depth = 0;
  for (const line of lines.slice(start + 1)) {
    const name = /^\s*([A-Za-z0-9_-]+) = \{$/.exec(line);
    if (depth === 0 && name) names.push(name[1]!);
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    if (depth < 0) break;
  }
  return names;
}

let initTemplate: string | undefined;

/**
 * One `terraform init` per test process: a folder whose `.terraform` (links into the plugin cache) and
 * lock file every checked stack reuses, since they all need exactly hashicorp/aws 5.100.0.
 */
function initialized(): string {
  if (initTemplate) return initTemplate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-init-'));
  fs.writeFileSync(
    path.join(dir, 'main.tf.json'),
    JSON.stringify({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } },
    }),
  );
  const init = runTerraform(dir, ['init', '-backend=false', '-input=false']);
  if (!init.ok) throw new Error(`terraform init failed:\n${init.output}`);
  initTemplate = dir;
  return dir;
}

/**
 * Copies a synthesized stack (the folder holding cdk.tf.json, or cdk.tf from an HCL synth) to a scratch folder together with the
 * given `.tftest.hcl` files, then runs `terraform init -backend=false` (or reuses this process's
 * initialized providers when the stack needs only hashicorp/aws) with the shared mocks beside them,
 * then `terraform validate` and, when test files are given, `terraform test` (plan and apply under
 * `mock_provider`).
 */
export function checkStack(
  stackDir: string,
  testFiles: readonly string[] = [],
  options: CheckOptions = {},
): EngineCheck {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-stack-'));
  // `cdktf synth --hcl` writes cdk.tf instead of cdk.tf.json; Terraform reads either.
  const file = fs.existsSync(path.join(stackDir, 'cdk.tf.json')) ? 'cdk.tf.json' : 'cdk.tf';
  const config = fs.readFileSync(path.join(stackDir, file), 'utf8');
  fs.writeFileSync(path.join(work, file), config);
  for (const f of testFiles) fs.copyFileSync(f, path.join(work, path.basename(f)));
  // The shared mock values (`mock_provider "aws" { source = "./mocks" }`).
  fs.cpSync(MOCKS_DIR, path.join(work, 'mocks'), { recursive: true });
  try {
    let init: TerraformRun;
    const providers =
      file === 'cdk.tf.json'
        ? Object.keys(
            (JSON.parse(config) as { terraform?: { required_providers?: object } }).terraform?.required_providers ?? {},
          )
        : hclRequiredProviders(config);
    const onlyAws = providers.length === 1 && providers[0] === 'aws';
    if (onlyAws && terraformEngine().env.TF_REATTACH_PROVIDERS) {
      // Terraform installs no provider it is told to attach to: nothing to initialize.
      init = { ok: true, output: 'hashicorp/aws is the shared, attached provider: nothing to install' };
    } else if (onlyAws) {
      const template = initialized();
      fs.symlinkSync(path.join(template, '.terraform'), path.join(work, '.terraform'));
      fs.copyFileSync(path.join(template, '.terraform.lock.hcl'), path.join(work, '.terraform.lock.hcl'));
      init = { ok: true, output: `reused the providers initialized in ${template}` };
    } else {
      init = runTerraform(work, ['init', '-backend=false', '-input=false']);
      if (!init.ok) return { init, validate: { ok: false, output: 'not run: init failed' } };
    }
    const wantValidate = options.validate ?? true;
    const validate = wantValidate || testFiles.length === 0 ? runTerraform(work, ['validate']) : undefined;
    if ((validate && !validate.ok) || testFiles.length === 0) return { init, validate };
    const test = runTerraform(work, ['test']);
    return { init, validate, test };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Jest-friendly: throws with Terraform's own output unless every step passed. */
export function expectStackPasses(
  stackDir: string,
  testFiles: readonly string[] = [],
  options: CheckOptions = {},
): EngineCheck {
  const result = checkStack(stackDir, testFiles, options);
  const steps = [result.init, ...(result.validate ? [result.validate] : []), ...(result.test ? [result.test] : [])];
  const failed = steps.find((s) => !s.ok);
  if (failed) throw new Error(`Terraform rejected ${stackDir}:\n${failed.output}`);
  if (testFiles.length > 0 && !/Success! \d+ passed, 0 failed/.test(result.test?.output ?? '')) {
    throw new Error(`terraform test did not report success for ${stackDir}:\n${result.test?.output}`);
  }
  return result;
}
