/**
 * The examples' READMEs say how to run each one: `AWSVPC_APP_ENTRY=examples/<x>/main.ts node
 * scripts/app.cjs`. This runs those commands in scratch folders (the real bundle and entry point),
 * and checks that importing an example (as the other tests do) synthesizes nothing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { APP_BUNDLE, listFiles } from '../support/app-runner';
import { REPO_ROOT } from './support';

const ENTRIES: readonly [string, string[]][] = [
  ['examples/network-modes/main.ts', ['network-modes']],
  ['examples/windows-iis/main.ts', ['windows-iis']],
  ['examples/platform-and-service-team/platform/main.ts', ['acme-platform']],
  ['examples/platform-and-service-team/service/main.ts', ['acme-orders']],
];

function run(entry: string, cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, AWSVPC_APP_ENTRY: entry };
  delete env.AWSVPC_OUTDIR;
  delete env.CDKTF_OUTDIR;
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'app.cjs')], { cwd, env, encoding: 'utf8' });
}

describe('running the examples', () => {
  test.each(ENTRIES)(
    'AWSVPC_APP_ENTRY=%s node scripts/app.cjs synthesizes its stacks',
    (entry, stacks) => {
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-example-run-'));
      const r = run(entry, cwd);
      expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).toContain(`synthesized ${stacks.join(', ')} into ${path.join(cwd, 'cdktf.out')}`);
      expect(r.stdout).toMatch(/Policy pack, stack "[^"]+": 0 violation\(s\), 0 warning\(s\)/);
      expect(r.stdout).toContain('capacity provider');
      expect(listFiles(path.join(cwd, 'cdktf.out'))).toEqual(
        expect.arrayContaining(stacks.map((s) => path.join('stacks', s, 'cdk.tf.json'))),
      );
      // Each entry point has a bundle of its own: the default app's is never the example's.
      const bundle = `${entry.replace(/\.ts$/, '').replace(/[^A-Za-z0-9_-]+/g, '-')}.js`;
      expect(fs.existsSync(path.join(path.dirname(APP_BUNDLE), bundle))).toBe(true);
      const defaultInputs = path.join(path.dirname(APP_BUNDLE), 'main.inputs.json');
      if (fs.existsSync(defaultInputs)) expect(fs.readFileSync(defaultInputs, 'utf8')).not.toContain(entry);
    },
    60_000,
  );

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
});
