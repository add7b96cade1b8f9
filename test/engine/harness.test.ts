import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { checkStack, terraformEngine } from './terraform';
import { newTestStack, synthToDir } from '../support/synth';

describe('the real-engine harness', () => {
  test('finds terraform >= 1.11 and the aws provider mirror', () => {
    expect(terraformEngine().version).toMatch(/^1\.(1[1-9]|[2-9]\d)\./);
  });

  test("passes a valid stack and fails an invalid one with Terraform's own message", () => {
    const { app, stack } = newTestStack();
    new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const ok = synthToDir(app);
    const tftest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tft-')), 'vpc.tftest.hcl');
    fs.writeFileSync(
      tftest,
      [
        'mock_provider "aws" {}',
        'run "apply" {',
        '  command = apply',
        '  assert {',
        '    condition     = aws_vpc.vpc.cidr_block == "10.0.0.0/16"',
        '    error_message = "wrong CIDR"',
        '  }',
        '}',
      ].join('\n'),
    );
    const good = checkStack(ok.dir, [tftest]);
    expect(good.validate?.ok).toBe(true);
    expect(good.test?.output).toMatch(/1 passed, 0 failed/);

    const broken = JSON.parse(fs.readFileSync(path.join(ok.dir, 'cdk.tf.json'), 'utf8'));
    broken.resource.aws_vpc.vpc.not_an_argument = true;
    fs.writeFileSync(path.join(ok.dir, 'cdk.tf.json'), JSON.stringify(broken));
    const bad = checkStack(ok.dir);
    expect(bad.validate?.ok).toBe(false);
    expect(bad.validate?.output).toMatch(/not_an_argument/);
  });
});
