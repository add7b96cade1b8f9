/**
 * Reliability: the same input gives the same bytes. The real entry point runs twice, each time in a
 * folder of its own, and every file it writes under cdktf.out (the Terraform JSON, the manifest,
 * the capacity reports and the topology pictures) must be identical.
 *
 * Not even the project folder appears: the default local backend keeps state in the project folder
 * (`terraform.<stack>.tfstate`), and cdk.tf.json names it relative to the stack folder
 * (`../../../terraform.<stack>.tfstate`), so the JSON is the same in every checkout.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_APP_FILES, listFiles, runApp, type AppRun } from '../support/app-runner';
import { SHOP_CONFIG } from './fixtures';

/** Every file under the run's cdktf.out, with its text. */
function outputOf(run: AppRun): Map<string, string> {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  return new Map(listFiles(run.outdir).map((file) => [file, fs.readFileSync(path.join(run.outdir, file), 'utf8')]));
}

describe('synthesis is deterministic', () => {
  test('the default app writes the same files, byte for byte, from two different folders', () => {
    const firstRun = runApp();
    const first = outputOf(firstRun);
    const second = outputOf(runApp());

    expect([...second.keys()]).toEqual([...first.keys()]);
    expect([...first.keys()]).toEqual(expect.arrayContaining([...DEFAULT_APP_FILES]));
    for (const [file, text] of first) expect({ file, text: second.get(file) }).toEqual({ file, text });

    const project = fs.realpathSync(firstRun.cwd);
    expect([...first].filter(([, text]) => text.includes(project)).map(([file]) => file)).toEqual([]);
    expect(first.get('stacks/lab-platform/cdk.tf.json')).toContain('"path": "../../../terraform.lab-platform.tfstate"');
  });

  test('a configuration with several services, providers and an S3 backend gives identical bytes, project folder included', () => {
    const first = runApp({ config: SHOP_CONFIG });
    const second = runApp({ config: SHOP_CONFIG });
    const files = listFiles(first.outdir);

    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(listFiles(second.outdir)).toEqual(files);
    expect(files).toEqual(
      expect.arrayContaining([
        'stacks/shop-platform/capacity-report.json',
        'stacks/shop-platform/cdk.tf.json',
        'stacks/shop-platform/policy-report.json',
        'stacks/shop-platform/topology.svg',
      ]),
    );
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(first.outdir, file));
      expect({ file, same: bytes.equals(fs.readFileSync(path.join(second.outdir, file))) }).toEqual({
        file,
        same: true,
      });
      expect({ file, mentionsProject: bytes.includes(fs.realpathSync(first.cwd)) }).toEqual({
        file,
        mentionsProject: false,
      });
    }
  });
});
