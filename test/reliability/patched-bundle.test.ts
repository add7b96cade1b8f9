/**
 * Reliability: the main command's bundle patches cdktf for speed (scripts/cdktf-patches.mjs: token
 * resolution, token keys, snake-casing, JSON writing), and none of that may change a byte of what
 * Terraform reads. Each configuration below is synthesized twice: by the bundle, in a child process,
 * and in this process from the TypeScript sources with cdktf as published. Every file written must be
 * identical (each run in a project folder of its own; the project folder itself, written as
 * `<project>`, should appear in no file).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildAwsvpcApp, parseConfig, synthesizeAtomically } from '../../modules/stacks';
import { listFiles, runApp } from '../support/app-runner';
import { SHOP_CONFIG } from './fixtures';

/** Every file under `outdir`, with `project` replaced by `<project>`. */
function filesOf(outdir: string, project: string): Map<string, string> {
  return new Map(
    listFiles(outdir).map((file) => [
      file,
      fs.readFileSync(path.join(outdir, file), 'utf8').split(project).join('<project>'),
    ]),
  );
}

function viaBundle(config: unknown): Map<string, string> {
  const run = runApp({ config, args: ['--synth-only'] });
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  return filesOf(run.outdir, fs.realpathSync(run.cwd));
}

async function inProcess(config: unknown): Promise<Map<string, string>> {
  // Run from a project folder of its own, as the bundle does: local state is named relative to it.
  const project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-unpatched-')));
  const outdir = path.join(project, 'cdktf.out');
  const parsed = parseConfig(config);
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const cwd = process.cwd();
  process.chdir(project);
  try {
    await synthesizeAtomically((app) => buildAwsvpcApp(app, parsed), { outdir, pictures: false });
  } finally {
    process.chdir(cwd);
    quiet.mockRestore();
  }
  return filesOf(outdir, project);
}

/** Many services of every kind, so that every patched path sees thousands of values. */
const MANY_SERVICES_CONFIG = {
  ...SHOP_CONFIG,
  capacityProviders: [{ name: 'x86', instanceType: 'm5.24xlarge', minSize: 1, maxSize: 4 }],
  services: Array.from({ length: 12 }, (_, i) => ({
    ...SHOP_CONFIG.services[i % SHOP_CONFIG.services.length]!,
    name: `svc-${i}`,
    capacityProvider: 'x86',
  })),
};

describe('the patched bundle writes what cdktf as published writes', () => {
  test.each([
    ["the seeds' lab (the default configuration)", {}],
    ['a configuration far from the defaults', SHOP_CONFIG],
    ['twelve services of four kinds', MANY_SERVICES_CONFIG],
  ])('%s: every file, byte for byte', async (_name, config) => {
    const patched = viaBundle(config);
    const published = await inProcess(config);

    expect([...patched.keys()].sort()).toEqual([...published.keys()].sort());
    expect([...patched.keys()].filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(2); // account and platform
    for (const [file, text] of patched) expect({ file, text }).toEqual({ file, text: published.get(file) });
  });
});
