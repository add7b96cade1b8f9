import * as path from 'path';
import { expectStackPasses } from '../engine/terraform';
import { resourcesOfType, synthToDir } from '../support/synth';
import { buildEngineStack } from './engine-stack';

const TFTEST = path.join(__dirname, 'terraform', 'compute.tftest.hcl');

describe('account settings, cluster and container instances under Terraform', () => {
  test('validate, plan and apply under mock_provider with the asserts of compute.tftest.hcl', () => {
    const { app } = buildEngineStack();
    const { dir, json } = synthToDir(app, 'compute');
    // The tftest file names these addresses; a rename of a construct id must show up here first.
    expect(Object.keys(resourcesOfType(json, 'aws_launch_template')).sort()).toEqual([
      'cluster_graviton_launch-template_46D049E8',
      'cluster_linux_launch-template_F0F34C93',
      'cluster_windows_launch-template_18C5D591',
    ]);
    expect(Object.keys(resourcesOfType(json, 'aws_ecs_account_setting_default'))).toEqual([
      'account_awsvpc-trunking_35347A99',
    ]);
    const result = expectStackPasses(dir, [TFTEST], { validate: false });
    expect(result.test?.output).toMatch(/2 passed, 0 failed/);
  });
});
