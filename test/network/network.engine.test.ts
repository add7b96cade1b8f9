import * as path from 'path';
import { expectStackPasses, tftestWith } from '../engine/terraform';
import { synthEngineStack } from './engine-stack';

describe('Network (real engine)', () => {
  test('passes terraform validate, and terraform test proves the routes go to a NAT gateway in the same AZ and to the internet gateway', () => {
    const { dir } = synthEngineStack();
    const tftest = tftestWith(
      path.join(__dirname, 'terraform', 'network.tftest.hcl'),
      path.join(__dirname, 'terraform', 'default-network-routing.runs.hcl'),
    );
    const result = expectStackPasses(dir, [tftest], { validate: false });
    expect(result.test?.output).toMatch(/3 passed, 0 failed/);
    expect(result.test?.output).toMatch(/run "default_network_routes"\.\.\. pass/);
  }, 120_000);
});
