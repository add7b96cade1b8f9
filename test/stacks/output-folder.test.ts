/**
 * Nothing lost (modules/stacks/output-folder.ts), through the real entry point: the output folder is
 * replaced only when it holds a previous synth; an interrupted swap is repaired by the next run; what
 * Terraform and users keep in the stack folders survives a synth.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFiles, runApp } from '../support/app-runner';
import { treeState } from '../reliability/support/tree-state';

const scratchDirs: string[] = [];
afterEach(() => scratchDirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string> = {}): string {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-outdir-'));
  scratchDirs.push(cwd);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    fs.writeFileSync(path.join(cwd, file), text);
  }
  return cwd;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

/** A previous synth's output (manifest.json and stacks/) at `outdir`, with `extra` files in its stack folders. */
function previousOutput(outdir: string, extra: Record<string, string> = {}): void {
  fs.mkdirSync(path.join(outdir, 'stacks', 'lab-account'), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'manifest.json'), '{"version":"previous","stacks":{}}');
  fs.writeFileSync(path.join(outdir, 'stacks', 'lab-account', 'cdk.tf.json'), '{"previous":true}');
  for (const [file, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), text);
  }
}

const LOCK =
  '# This file is maintained automatically by "terraform init".\nprovider "registry.terraform.io/hashicorp/aws" {}\n';

describe('the output folder is replaced only when it holds a previous synth', () => {
  test('AWSVPC_OUTDIR=. (the project folder) is refused: exit 1, nothing written or deleted', () => {
    const cwd = project({ 'package.json': '{}', 'main.ts': '// mine', 'src/a.ts': 'export {};' });
    const before = treeState(cwd);
    const run = runApp({ cwd, args: ['--synth-only'], env: { AWSVPC_OUTDIR: '.' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^synth failed: 1 problem \(nothing was written\)$/m);
    expect(run.stderr).toContain(
      `[SYNTH_OUTDIR_NOT_OURS] AWSVPC_OUTDIR: received ${JSON.stringify(fs.realpathSync(cwd))}, a folder holding main.ts, package.json, src;`,
    );
    expect(run.stderr).toMatch(/Fix: point AWSVPC_OUTDIR at a folder of its own/);
    expect(treeState(cwd)).toEqual(before);
    expect(fs.readdirSync(path.dirname(cwd)).filter((e) => e.startsWith(`${path.basename(cwd)}.`))).toEqual([]);
  });

  test('CDKTF_OUTDIR (cdktf synth --output) naming a folder with other files is refused the same way', () => {
    const cwd = project({ 'docs/notes.md': 'keep me', 'docs/stacks/x.txt': 'mine' });
    const before = treeState(cwd);
    const run = runApp({ cwd, args: ['--synth-only'], env: { CDKTF_OUTDIR: 'docs' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /\[SYNTH_OUTDIR_NOT_OURS\] CDKTF_OUTDIR: received ".*\/docs", a folder holding notes\.md, stacks;/,
    );
    expect(treeState(cwd)).toEqual(before);
  });

  test("a previous synth's output with a file of the user's beside it is refused", () => {
    const cwd = project();
    previousOutput(path.join(cwd, 'cdktf.out'), { 'README.md': 'mine' });
    const before = treeState(cwd);
    const run = runApp({ cwd, args: ['--synth-only'] });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /\[SYNTH_OUTDIR_NOT_OURS\] the default output folder: received ".*cdktf\.out", a folder holding README\.md, manifest\.json, stacks;/,
    );
    expect(treeState(cwd)).toEqual(before);
  });

  test("a folder holding only stacks/ is replaced when its stack folders hold synth output only (the cdktf CLI's leftovers)", () => {
    const cwd = project({
      'out/stacks/gone/cdk.tf.json': '{}',
      'mine/stacks/notes.md': 'keep me',
      'mine2/stacks/a/notes.md': 'keep me',
    });
    expect(runApp({ cwd, args: ['--synth-only'], env: { AWSVPC_OUTDIR: 'out' } }).code).toBe(0);
    for (const folder of ['mine', 'mine2']) {
      const before = treeState(cwd);
      const run = runApp({ cwd, args: ['--synth-only'], env: { AWSVPC_OUTDIR: folder } });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/\[SYNTH_OUTDIR_NOT_OURS\] AWSVPC_OUTDIR: received ".*", a folder holding stacks;/);
      expect(treeState(cwd)).toEqual(before);
    }
  });

  test('a file where the output folder should be is refused', () => {
    const cwd = project({ 'out.json': '{}' });
    const run = runApp({ cwd, args: ['--synth-only'], env: { AWSVPC_OUTDIR: 'out.json' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\[SYNTH_OUTDIR_NOT_A_FOLDER\] AWSVPC_OUTDIR: received ".*out\.json", a file;/);
    expect(fs.readFileSync(path.join(cwd, 'out.json'), 'utf8')).toBe('{}');
  });

  test("an empty folder, and a previous synth's output, are replaced", () => {
    const cwd = project();
    fs.mkdirSync(path.join(cwd, 'empty'));
    expect(runApp({ cwd, args: ['--synth-only'], env: { AWSVPC_OUTDIR: 'empty' } }).code).toBe(0);
    previousOutput(path.join(cwd, 'cdktf.out'));
    expect(runApp({ cwd, args: ['--synth-only'] }).code).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'cdktf.out', 'stacks', 'lab-account', 'cdk.tf.json'), 'utf8')).not.toContain(
      'previous',
    );
    expect(fs.readdirSync(cwd).sort()).toEqual(['cdktf.out', 'empty']);
  });
});

describe('an interrupted synth is repaired by the next run', () => {
  test('a previous output stranded between the two renames is put back, even when the next synth fails', () => {
    const cwd = project({ 'awsvpc.config.json': '{ "network": { "availabilityZoneCount": 0 } }' });
    const pid = deadPid();
    const stranded = path.join(cwd, `cdktf.out.old-${pid}`);
    previousOutput(stranded, { 'stacks/lab-account/.terraform.lock.hcl': LOCK });
    fs.mkdirSync(path.join(cwd, `cdktf.out.tmp-${pid}-AbC123`, 'stacks'), { recursive: true });
    const kept = listFiles(stranded);

    const run = runApp({ cwd, args: ['--synth-only'] });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\[CONFIG_TOO_SMALL\] network\.availabilityZoneCount/);
    expect(run.stdout).toContain(
      `restored the previous output ${fs.realpathSync(cwd)}/cdktf.out from cdktf.out.old-${pid}`,
    );
    expect(run.stdout).toContain(`removed cdktf.out.tmp-${pid}-AbC123, the scratch folder of an interrupted synth`);
    expect(fs.readdirSync(cwd).sort()).toEqual(['awsvpc.config.json', 'cdktf.out']);
    expect(listFiles(path.join(cwd, 'cdktf.out'))).toEqual(kept);
  });

  test('a stranded previous output beside a newer one gives up what Terraform keeps, then goes', () => {
    const cwd = project();
    expect(runApp({ cwd, args: ['--synth-only'] }).code).toBe(0);
    const pid = deadPid();
    previousOutput(path.join(cwd, `cdktf.out.old-${pid}`), { 'stacks/lab-account/.terraform.lock.hcl': LOCK });

    const run = runApp({ cwd, args: ['--synth-only'] });

    expect(run.code).toBe(0);
    expect(fs.readdirSync(cwd)).toEqual(['cdktf.out']);
    expect(fs.readFileSync(path.join(cwd, 'cdktf.out', 'stacks', 'lab-account', '.terraform.lock.hcl'), 'utf8')).toBe(
      LOCK,
    );
  });

  test('folders of a run that is still going are left alone', () => {
    const cwd = project();
    const live = path.join(cwd, `cdktf.out.tmp-${process.pid}-XyZ789`);
    fs.mkdirSync(live);
    fs.writeFileSync(path.join(live, 'manifest.json'), '{}');
    const run = runApp({ cwd, args: ['--synth-only'] });
    expect(run.code).toBe(0);
    expect(fs.readdirSync(cwd).sort()).toEqual(['cdktf.out', path.basename(live)]);
  });
});

describe('what Terraform and users keep in a stack folder survives a synth', () => {
  test('the provider lock file and .terraform/ are carried into the new output; a state file too, with a word', () => {
    const cwd = project();
    expect(runApp({ cwd, args: ['--synth-only'] }).code).toBe(0);
    const stack = path.join(cwd, 'cdktf.out', 'stacks', 'lab-platform');
    fs.writeFileSync(path.join(stack, '.terraform.lock.hcl'), LOCK);
    fs.mkdirSync(path.join(stack, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(stack, '.terraform', 'terraform.tfstate'), '{"backend":{}}');
    fs.writeFileSync(path.join(stack, 'terraform.tfstate'), '{"resources":["precious"]}');
    fs.writeFileSync(path.join(stack, 'plan'), 'a saved plan for the previous configuration');

    const run = runApp({ cwd, args: ['--synth-only'] });

    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(stack, '.terraform.lock.hcl'), 'utf8')).toBe(LOCK);
    expect(fs.readFileSync(path.join(stack, '.terraform', 'terraform.tfstate'), 'utf8')).toBe('{"backend":{}}');
    expect(fs.readFileSync(path.join(stack, 'terraform.tfstate'), 'utf8')).toBe('{"resources":["precious"]}');
    expect(run.stdout).toContain(
      'kept stacks/lab-platform/terraform.tfstate of the previous output: Terraform state inside the output folder',
    );
    expect(fs.existsSync(path.join(stack, 'plan'))).toBe(false);
    expect(fs.readdirSync(cwd)).toEqual(['cdktf.out']);
  });

  test('a stack that is gone keeps its folder (its Terraform JSON too, to destroy it with) when it holds state; not when it holds only synth output', () => {
    const cwd = project();
    previousOutput(path.join(cwd, 'cdktf.out'), {
      'stacks/old-stack/cdk.tf.json': '{}',
      'stacks/old-stack/terraform.tfstate': '{"resources":["precious"]}',
      'stacks/older-stack/cdk.tf.json': '{}',
      'stacks/older-stack/.terraform.lock.hcl': LOCK,
    });
    const run = runApp({ cwd, args: ['--synth-only'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'kept stacks/old-stack/ of the previous output, a stack this synth no longer has: it holds terraform.tfstate',
    );
    expect(listFiles(path.join(cwd, 'cdktf.out', 'stacks', 'old-stack'))).toEqual(['cdk.tf.json', 'terraform.tfstate']);
    expect(fs.existsSync(path.join(cwd, 'cdktf.out', 'stacks', 'older-stack'))).toBe(false);
  });
});
