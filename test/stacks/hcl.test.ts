/**
 * `cdktf synth --hcl` (the way out for a team that leaves CDKTF): the real cdktf CLI, in the repo
 * root, runs cdktf.json's app (`node scripts/app.cjs`), which writes HCL into the CLI's output folder
 * (CDKTF_OUTDIR) through the app's atomic swap; Terraform then validates the platform stack's HCL.
 *
 * The CLI is kept off the network: CHECKPOINT_DISABLE turns off its telemetry, DISABLE_VERSION_CHECK
 * its update check, cdktf.json's `sendCrashReports: "false"` its crash reports, CDKTF_HOME keeps its
 * user config out of $HOME, and the Terraform CLI configuration is the engine harness's (offline).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTerraform, terraformEngine } from '../engine/terraform';
import { listFiles, REPO_ROOT, runApp } from '../support/app-runner';
import { POLICY_VIOLATION_CONFIG } from '../reliability/fixtures';

const CDKTF = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdktf');

interface CliRun {
  readonly code: number | null;
  readonly output: string;
  readonly outdir: string;
}

let cli: CliRun;

/** Runs `cdktf synth --hcl --output <scratch>/out` in the repo root, with a stack folder left from an earlier synth. */
function synthHcl(): CliRun {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-hcl-'));
  const outdir = path.join(scratch, 'out');
  // A previous synth's output with a stack this synth no longer has (e.g. before `account.enabled: false`):
  // the CLI deletes that folder itself after the app ran, and must find it.
  fs.mkdirSync(path.join(outdir, 'stacks', 'gone-stack'), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'stacks', 'gone-stack', 'cdk.tf.json'), '{}');
  // An explicit, empty configuration: the seeds' lab, whatever awsvpc.config.json the repo root holds.
  const config = path.join(scratch, 'awsvpc.config.json');
  fs.writeFileSync(config, '{}');
  const env: NodeJS.ProcessEnv = {
    ...terraformEngine().env,
    CI: '1',
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: 'true',
    FORCE_COLOR: '0',
    CDKTF_HOME: path.join(scratch, 'cdktf-home'),
    AWSVPC_CONFIG: config,
  };
  for (const key of ['CDKTF_OUTDIR', 'AWSVPC_OUTDIR', 'SYNTH_HCL_OUTPUT', 'CDKTF_CONTEXT_JSON']) delete env[key];
  const r = spawnSync(CDKTF, ['synth', '--hcl', '--output', outdir], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, output: `${r.stdout}${r.stderr}`, outdir };
}

/** Copies a stack's HCL into a scratch folder and runs terraform init and validate there. */
function expectHclValid(stack: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-hcl-tf-'));
  try {
    fs.copyFileSync(path.join(cli.outdir, 'stacks', stack, 'cdk.tf'), path.join(work, 'main.tf'));
    const init = runTerraform(work, ['init', '-backend=false', '-input=false']);
    if (!init.ok) throw new Error(init.output);
    const validate = runTerraform(work, ['validate']);
    if (!validate.ok) throw new Error(validate.output);
    expect(validate.output).toContain('The configuration is valid');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

beforeAll(() => {
  cli = synthHcl();
}, 120_000);

afterAll(() => fs.rmSync(path.dirname(cli.outdir), { recursive: true, force: true }));

describe('cdktf synth --hcl', () => {
  test("succeeds through cdktf.json's app", () => {
    if (cli.code !== 0) throw new Error(`cdktf synth --hcl failed (${cli.code}):\n${cli.output}`);
    expect(cli.output).toContain('synthesized lab-account, lab-platform');
  });

  test("writes HCL (cdk.tf) for both stacks, with the capacity report and pictures, into the CLI's output folder", () => {
    expect(listFiles(cli.outdir)).toEqual([
      'manifest.json',
      'stacks/lab-account/cdk.tf',
      'stacks/lab-account/metadata.json',
      'stacks/lab-account/topology.svg',
      'stacks/lab-platform/capacity-report.json',
      'stacks/lab-platform/cdk.tf',
      'stacks/lab-platform/metadata.json',
      'stacks/lab-platform/policy-report.json',
      'stacks/lab-platform/topology.svg',
    ]);
    const account = fs.readFileSync(path.join(cli.outdir, 'stacks', 'lab-account', 'cdk.tf'), 'utf8');
    expect(account).toMatch(
      /resource "aws_ecs_account_setting_default" "account-settings_awsvpc-trunking_[0-9A-F]{8}" \{/,
    );
    expect(account).toMatch(/prevent_destroy\s*=\s*true/);
    const platform = fs.readFileSync(path.join(cli.outdir, 'stacks', 'lab-platform', 'cdk.tf'), 'utf8');
    expect(platform).toMatch(/resource "aws_ecs_service" "service-nginx_service_[0-9A-F]{8}" \{/);
    expect(platform).toMatch(/data "terraform_remote_state" "cross-stack-reference-input-lab-account" \{/);
    expect(fs.readFileSync(path.join(cli.outdir, 'stacks', 'lab-platform', 'topology.svg'), 'utf8')).toMatch(
      /^<svg|<\?xml/,
    );
  });

  test('leaves no scratch or old folder beside the output', () => {
    const beside = fs.readdirSync(path.dirname(cli.outdir));
    expect(beside).toContain('out');
    expect(beside.filter((f) => f.startsWith('out.'))).toEqual([]);
  });

  test("the account stack's HCL passes terraform init and validate", () => {
    expectHclValid('lab-account');
  }, 120_000);

  // cdktf 0.21's HCL renderer wrote invalid HCL for lifecycle preconditions and for strings that hold
  // both a reference and double quotes; the app's bundle patches both (scripts/cdktf-patches.mjs).
  test("the platform stack's HCL passes terraform init and validate", () => {
    expectHclValid('lab-platform');
  }, 120_000);
});

describe('HCL output without pictures (SYNTH_HCL_OUTPUT=true, --synth-only)', () => {
  // cdktf renders cdk.tf without the stack's toTerraform(), where the policy pack runs: the app
  // renders each stack itself in HCL mode, pictures or not.
  test('still fails on a policy violation, and writes nothing', () => {
    const run = runApp({ config: POLICY_VIOLATION_CONFIG, args: ['--synth-only'], env: { SYNTH_HCL_OUTPUT: 'true' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[POLICY_VIOLATION]');
    expect(run.stderr).toContain('[AWSVPC-ECS-004]');
    expect(listFiles(run.outdir)).toEqual([]);
  });

  test('writes the policy report next to cdk.tf when the policy passes', () => {
    const run = runApp({ config: {}, args: ['--synth-only'], env: { SYNTH_HCL_OUTPUT: 'true' } });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(listFiles(run.outdir)).toEqual(
      expect.arrayContaining([
        path.join('stacks', 'lab-platform', 'cdk.tf'),
        path.join('stacks', 'lab-platform', 'policy-report.json'),
      ]),
    );
  });
});
