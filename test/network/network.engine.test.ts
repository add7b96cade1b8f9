import * as path from 'path';
import { expectStackPasses } from '../engine/terraform';
import { synthEngineStack } from './engine-stack';

describe('Network (real engine)', () => {
  test('passes terraform validate, and terraform test proves the routes go to a NAT gateway in the same AZ and to the internet gateway', () => {
    const { dir } = synthEngineStack();
    const result = expectStackPasses(dir, [path.join(__dirname, 'terraform', 'network.tftest.hcl')], {
      validate: false,
    });
    expect(result.test?.output).toMatch(/2 passed, 0 failed/);
  }, 120_000);
});
