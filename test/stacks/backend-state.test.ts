/**
 * Local state (modules/stacks/backend.ts) lives in the project folder, never in the output folder each
 * synth replaces, and cdk.tf.json names it relative to the stack folder, so the JSON works in any checkout.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { localStatePaths, OUTDIR_CONTEXT_KEY } from '../../modules/stacks';
import { runApp } from '../support/app-runner';
import { terraformEnv } from '../engine/terraform';

const scratchDirs: string[] = [];
afterEach(() => scratchDirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratchDirs.push(d);
  return d;
}

/** The state paths of a stack `lab-platform` whose app's output folder is `outdir` (relative to the project, this process's folder). */
function paths(outdir: string, configured?: string): { path: string; workspaceDir: string } {
  // The App writes nothing until synth, but creates its outdir: a scratch folder, and the output folder as context.
  const app = new App({ outdir: tmp('awsvpc-app-'), context: { [OUTDIR_CONTEXT_KEY]: path.resolve(outdir) } });
  return localStatePaths(new TerraformStack(app, 'lab-platform'), 'lab-platform', configured);
}

describe('localStatePaths', () => {
  test('puts state in the project folder, written relative to the stack folder', () => {
    expect(paths('cdktf.out')).toEqual({
      path: '../../../terraform.lab-platform.tfstate',
      workspaceDir: '../../../terraform.lab-platform.tfstate.d',
    });
    expect(paths('build/synth/out').path).toBe('../../../../../terraform.lab-platform.tfstate');
  });

  test("without a synth's context, follows the app's own output folder", () => {
    const outdir = tmp('awsvpc-out-');
    const stack = new TerraformStack(new App({ outdir }), 'lab-platform');
    expect(localStatePaths(stack, 'lab-platform').path).toBe(
      path.relative(path.join(outdir, 'stacks', 'lab-platform'), path.resolve('terraform.lab-platform.tfstate')),
    );
  });

  test('reads a configured path from the project folder, {stack} replaced; an absolute path stays as given', () => {
    expect(paths('cdktf.out', 'state/{stack}.tfstate')).toEqual({
      path: '../../../state/lab-platform.tfstate',
      workspaceDir: '../../../state/lab-platform.tfstate.d',
    });
    expect(paths('cdktf.out', '/srv/state/{stack}.tfstate').path).toBe('/srv/state/lab-platform.tfstate');
  });

  test('refuses state inside the output folder', () => {
    for (const configured of [
      'cdktf.out/{stack}.tfstate',
      './cdktf.out/stacks/lab-platform/terraform.tfstate',
      path.resolve('cdktf.out/x'),
    ]) {
      expect(() => paths('cdktf.out', configured)).toThrow(
        expect.objectContaining({
          code: 'BACKEND_STATE_IN_OUTDIR',
          path: 'backend.path',
          message: expect.stringContaining(
            `allowed: a path outside the output folder ${path.resolve('cdktf.out')}, which each synth replaces`,
          ),
        }),
      );
    }
    expect(paths('cdktf.out', 'cdktf.out.state/{stack}.tfstate').path).toBe(
      '../../../cdktf.out.state/lab-platform.tfstate',
    );
  });
});

describe("the default app's local state, through the real entry point", () => {
  test('a backend.path inside the output folder fails the synth: exit 1, nothing written', () => {
    const cwd = tmp('awsvpc-state-');
    const run = runApp({
      cwd,
      args: ['--synth-only'],
      config: { backend: { type: 'local', path: 'cdktf.out/{stack}.tfstate' } },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^ {2}\[BACKEND_STATE_IN_OUTDIR\] backend\.path: received "cdktf\.out\/\{stack\}\.tfstate" \(.*\/cdktf\.out\/lab-account\.tfstate\); /m,
    );
    expect(fs.readdirSync(cwd)).toEqual(['awsvpc.config.json']);
  });

  test('Terraform keeps the state in the project folder, also in another checkout of the same output', () => {
    const which = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' });
    expect({ terraformOnPath: which.status === 0 }).toEqual({ terraformOnPath: true });
    const cwd = tmp('awsvpc-state-');
    expect(runApp({ cwd, args: ['--synth-only'] }).code).toBe(0);
    // Another checkout: the synthesized backend and remote-state blocks, copied into a different folder,
    // around terraform_data resources (built into Terraform: no provider needed).
    const checkout = tmp('awsvpc-checkout-');
    for (const stack of ['lab-account', 'lab-platform']) {
      const json = JSON.parse(fs.readFileSync(path.join(cwd, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
        terraform: { backend: unknown };
        data?: { terraform_remote_state?: Record<string, unknown> };
      };
      const remote = json.data?.terraform_remote_state ?? {};
      const doc = {
        terraform: { backend: json.terraform.backend },
        resource: { terraform_data: { x: { input: stack } } },
        ...(Object.keys(remote).length > 0 ? { data: { terraform_remote_state: remote } } : {}),
        output: {
          v: { value: '${terraform_data.x.output}' },
          ...Object.fromEntries(
            Object.keys(remote).map((name) => [
              `read_${name}`,
              { value: `\${data.terraform_remote_state.${name}.outputs.v}` },
            ]),
          ),
        },
      };
      const dir = path.join(checkout, 'cdktf.out', 'stacks', stack);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
    }
    const cliConfig = path.join(checkout, '.terraformrc');
    fs.writeFileSync(cliConfig, '');
    const env = terraformEnv(cliConfig);
    const tf = (stack: string, args: string[]): string => {
      const r = spawnSync('terraform', [...args, '-no-color'], {
        cwd: path.join(checkout, 'cdktf.out', 'stacks', stack),
        env,
        encoding: 'utf8',
      });
      expect({ args, ok: r.status === 0, out: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({
        args,
        ok: true,
        out: '',
      });
      return r.stdout;
    };
    for (const stack of ['lab-account', 'lab-platform']) {
      tf(stack, ['init']);
      tf(stack, ['apply', '-auto-approve']);
    }
    // The platform stack read the account stack's state from the project folder of this checkout.
    expect(tf('lab-platform', ['output', '-json'])).toMatch(/"read_[^"]+":\s*\{[^}]*"value":\s*"lab-account"/);
    tf('lab-platform', ['workspace', 'new', 'staging']);
    const state = fs
      .readdirSync(checkout)
      .filter((e) => e.startsWith('terraform.'))
      .sort();
    expect(state).toEqual([
      'terraform.lab-account.tfstate',
      'terraform.lab-platform.tfstate',
      'terraform.lab-platform.tfstate.d',
    ]);
    // Every name matches the ignore pattern the project's .gitignore carries.
    const ignore = fs.readFileSync(path.join(__dirname, '..', '..', '.gitignore'), 'utf8').split('\n');
    expect(ignore).toContain('terraform.*.tfstate*');
  });
});
