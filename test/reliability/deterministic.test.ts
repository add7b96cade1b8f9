/**
 * Reliability: the same input gives the same bytes. The real entry point runs twice, each time in a
 * folder of its own, and every file it writes under cdktf.out (the Terraform JSON, the manifest,
 * the capacity reports and the topology pictures) must be identical.
 *
 * The one thing allowed to differ is the project folder itself where cdktf puts it on purpose: the
 * default local backend keeps state next to the project (`<project>/terraform.<stack>.tfstate`, an
 * absolute path, so that the state survives cdktf.out being replaced), and a stack that reads another
 * stack's outputs reads that file. The test replaces the folder by `<project>` and checks that it
 * appears nowhere else. With a remote backend, not even that differs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { listFiles, runApp, type AppRun } from '../support/app-runner';
import { SHOP_CONFIG } from './fixtures';

/** Every file under the run's cdktf.out, with the run's own folder replaced by `<project>`. */
function outputOf(run: AppRun): Map<string, string> {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const project = fs.realpathSync(run.cwd);
  return new Map(listFiles(run.outdir).map((file) => [
    file, fs.readFileSync(path.join(run.outdir, file), 'utf8').split(project).join('<project>'),
  ]));
}

/** Where the project folder may appear: the local backend's state file and the remote state that reads it. */
function projectFolderMentions(files: Map<string, string>): string[] {
  return [...files].flatMap(([file, text]) => text.split('\n')
    .filter((line) => line.includes('<project>'))
    .map((line) => `${file}: ${line.trim()}`));
}

describe('synthesis is deterministic', () => {
  test('the default app writes the same files, byte for byte, from two different folders', () => {
    const first = outputOf(runApp());
    const second = outputOf(runApp());

    expect([...second.keys()]).toEqual([...first.keys()]);
    expect([...first.keys()]).toEqual(expect.arrayContaining([
      'manifest.json',
      'stacks/lab-account/cdk.tf.json',
      'stacks/lab-account/topology.svg',
      'stacks/lab-platform/capacity-report.json',
      'stacks/lab-platform/cdk.tf.json',
      'stacks/lab-platform/policy-report.json',
      'stacks/lab-platform/topology.svg',
    ]));
    for (const [file, text] of first) expect({ file, text: second.get(file) }).toEqual({ file, text });

    expect(projectFolderMentions(first)).toEqual([
      'stacks/lab-account/cdk.tf.json: "path": "<project>/terraform.lab-account.tfstate"',
      'stacks/lab-platform/cdk.tf.json: "path": "<project>/terraform.lab-account.tfstate"',
      'stacks/lab-platform/cdk.tf.json: "path": "<project>/terraform.lab-platform.tfstate"',
    ]);
  });

  test('a configuration with several services, providers and an S3 backend gives identical bytes, project folder included', () => {
    const first = runApp({ config: SHOP_CONFIG });
    const second = runApp({ config: SHOP_CONFIG });
    const files = listFiles(first.outdir);

    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(listFiles(second.outdir)).toEqual(files);
    expect(files).toEqual(expect.arrayContaining([
      'stacks/shop-platform/capacity-report.json', 'stacks/shop-platform/cdk.tf.json', 'stacks/shop-platform/policy-report.json',
      'stacks/shop-platform/topology.svg',
    ]));
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(first.outdir, file));
      expect({ file, same: bytes.equals(fs.readFileSync(path.join(second.outdir, file))) }).toEqual({ file, same: true });
      expect({ file, mentionsProject: bytes.includes(fs.realpathSync(first.cwd)) }).toEqual({ file, mentionsProject: false });
    }
  });
});
