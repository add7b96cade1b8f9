import * as path from 'path';
import { Aspects } from 'cdktf';
import { PolicyPack } from '../../modules/policy';
import { expectStackPasses } from '../engine/terraform';
import { newTestStack, synthToDir } from '../support/synth';
import { buildCompliantStack } from './fixtures';

describe('the compliant reference stack under the real engine', () => {
  test('synthesizes with the pack applied and passes terraform validate, plan and apply', () => {
    const { app, stack } = newTestStack();
    buildCompliantStack(stack);
    const pack = new PolicyPack({ printReport: false });
    Aspects.of(stack).add(pack);
    const { dir } = synthToDir(app);
    expect(pack.violations).toEqual([]);
    const result = expectStackPasses(dir, [path.join(__dirname, 'terraform', 'compliant.tftest.hcl')], {
      validate: false,
    });
    expect(result.test?.output).toMatch(/2 passed, 0 failed/);
  });
});
