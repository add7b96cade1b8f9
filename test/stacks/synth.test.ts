/**
 * The synth pipeline's output folder (modules/stacks/synth.ts), through the real entry point: the
 * previous output is replaced as a whole, and under the cdktf CLI (which passes CDKTF_OUTDIR) the
 * folders of stacks that are gone stay for the CLI to delete.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { APP_BUNDLE, listFiles, runApp } from '../support/app-runner';

const FRESH = [
  'manifest.json',
  'stacks/lab-account/cdk.tf.json',
  'stacks/lab-platform/capacity-report.json',
  'stacks/lab-platform/cdk.tf.json',
  'stacks/lab-platform/policy-report.json',
];

/** A folder holding a previous synth's output with a stack the next synth no longer has. */
function folderWithPreviousOutput(): { cwd: string; outdir: string } {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-synth-'));
  scratchDirs.push(cwd);
  const outdir = path.join(cwd, 'cdktf.out');
  fs.mkdirSync(path.join(outdir, 'stacks', 'gone-stack'), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'stacks', 'gone-stack', 'cdk.tf.json'), '{}');
  fs.writeFileSync(path.join(outdir, 'manifest.json'), '{"stale":true}');
  return { cwd, outdir };
}

/**
 * Runs the bundle the way the cdktf CLI does: CDKTF_OUTDIR names the output folder, and error
 * annotations are not to stop the synth (the CLI reports them itself afterwards).
 */
function runLikeTheCli(cwd: string, outdir: string): ReturnType<typeof spawnSync> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
  };
  delete env.AWSVPC_OUTDIR;
  delete env.AWSVPC_CONFIG;
  return spawnSync(process.execPath, [APP_BUNDLE, '--synth-only'], { cwd, env, encoding: 'utf8' });
}

const scratchDirs: string[] = [];
afterEach(() => scratchDirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('synthesizeAtomically, through the app', () => {
  test('replaces the previous output as a whole', () => {
    const { cwd, outdir } = folderWithPreviousOutput();
    const run = runApp({ cwd, args: ['--synth-only'] });
    expect(run.code).toBe(0);
    expect(listFiles(outdir)).toEqual(FRESH);
    expect(fs.readdirSync(cwd)).toEqual(['cdktf.out']);
  });

  test('run by the cdktf CLI, keeps the folders of stacks that are gone (the CLI deletes them itself)', () => {
    const { cwd, outdir } = folderWithPreviousOutput();
    const run = runLikeTheCli(cwd, outdir);
    expect({ code: run.status, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(listFiles(outdir)).toEqual([...FRESH, 'stacks/gone-stack/cdk.tf.json'].sort());
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'))).toHaveProperty('stacks');
    expect(fs.readdirSync(cwd)).toEqual(['cdktf.out']);
  });

  test('run by the cdktf CLI, still writes nothing when the policy pack finds a violation', () => {
    const { cwd, outdir } = folderWithPreviousOutput();
    const before = listFiles(outdir);
    // A container that runs as root: AWSVPC-ECS-004 is an error.
    fs.writeFileSync(
      path.join(cwd, 'awsvpc.config.json'),
      JSON.stringify({ services: [{ name: 'api', image: 'public.ecr.aws/docker/library/httpd:2.4', user: 'root' }] }),
    );
    const run = runLikeTheCli(cwd, outdir);
    expect(run.status).toBe(1);
    const lines = String(run.stderr).trimEnd().split('\n');
    expect(lines[0]).toBe('synth failed: 1 problem (nothing was written)');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^ {2}\[POLICY_VIOLATION\] lab-platform\/aws_ecs_task_definition\.task-api_task-definition_[0-9A-F]{8} \[AWSVPC-ECS-004\]: /,
      ),
    ]);
    expect(listFiles(outdir)).toEqual(before);
    expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe('{"stale":true}');
    expect(fs.readdirSync(cwd).sort()).toEqual(['awsvpc.config.json', 'cdktf.out']);
  });

  test('run by the cdktf CLI, writes into an output folder the CLI created (empty)', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-synth-'));
    scratchDirs.push(cwd);
    const outdir = path.join(cwd, 'out');
    fs.mkdirSync(outdir);
    const run = runLikeTheCli(cwd, outdir);
    expect(run.status).toBe(0);
    expect(listFiles(outdir)).toEqual(FRESH);
    expect(fs.readdirSync(cwd)).toEqual(['out']);
  });
});
