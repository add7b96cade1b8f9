/**
 * A user's own app (not the default app, which catches and reports its errors itself) that passes a
 * construct bad props, run by the real `cdktf synth`: the CLI shows what the app wrote to stderr, and
 * there each problem appears once, with its construct path and without a stack trace.
 *
 * The CLI itself echoes an app's stderr twice on failure (live, as "[ERROR] default - ..." log lines,
 * and again under "Command output on stderr"): that is cdktf-cli 0.21's behaviour for any output, not
 * the app's. The test reads the app's stderr from the second copy.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CDKTF = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdktf');

let output: string;
let code: number | null;
let project: string;

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-user-app-'));
  const modules = path.join(REPO_ROOT, 'modules');
  // What a team writes: an app, a stack, a provider, and a network whose CIDR is not a network block.
  fs.writeFileSync(
    path.join(project, 'main.ts'),
    [
      "import { App, TerraformStack } from 'cdktf';",
      "import { AwsProvider } from '@cdktf/provider-aws/lib/provider';",
      `import { Network } from ${JSON.stringify(path.join(modules, 'network'))};`,
      'const app = new App();',
      "const stack = new TerraformStack(app, 'platform');",
      "new AwsProvider(stack, 'aws', { region: 'eu-west-1' });",
      "new Network(stack, 'network', { namePrefix: 'team', vpcCidr: '10.0.0.0/33' });",
      'app.synth();',
      '',
    ].join('\n'),
  );
  // The app runs from TypeScript as `cdktf init` sets it up, through esbuild instead of ts-node (faster, same program).
  fs.writeFileSync(
    path.join(project, 'cdktf.json'),
    JSON.stringify({
      language: 'typescript',
      app: `node ${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'run-ts.mjs'))} ${JSON.stringify(path.join(project, 'main.ts'))}`,
      sendCrashReports: 'false',
      terraformProviders: [],
      terraformModules: [],
      context: {},
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: '1',
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: 'true',
    FORCE_COLOR: '0',
    CDKTF_HOME: path.join(project, 'cdktf-home'),
  };
  for (const key of [
    'CDKTF_OUTDIR',
    'SYNTH_HCL_OUTPUT',
    'CDKTF_CONTEXT_JSON',
    'AWSVPC_ERROR_STACK_TRACES',
    'CDKTF_LOG_LEVEL',
  ])
    delete env[key];
  const r = spawnSync(CDKTF, ['synth'], { cwd: project, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw r.error;
  output = `${r.stdout}${r.stderr}`;
  code = r.status;
}, 120_000);

afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/** What the app wrote to stderr, as the CLI quotes it in its summary (indented by four spaces). */
function appStderr(): string {
  const at = output.indexOf('Command output on stderr:');
  if (at < 0) throw new Error(`the CLI printed no app stderr:\n${output}`);
  const end = output.indexOf('Command output on stdout:', at);
  return output.slice(at, end < 0 ? undefined : end);
}

describe("cdktf synth of a user's app that passes bad props", () => {
  const LINE =
    /\[NETWORK_[A-Z_]+\] Network\.vpcCidr: received "10\.0\.0\.0\/33"; allowed: [^\n]+\(at platform\/network\)/g;

  test('fails', () => {
    expect(code).not.toBe(0);
    expect(output).toContain('cdktf encountered an error while synthesizing');
  });

  test('the app printed the problem once, naming the construct path', () => {
    expect(appStderr().match(LINE)).toHaveLength(1);
  });

  test("without a stack trace or a dump of the error's fields", () => {
    expect(output).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
    expect(output).not.toMatch(/problems: \[|received: '|fix: '/);
    expect(appStderr()).toContain('[ValidationError: [NETWORK_');
  });
});
