/**
 * The real-engine tier for the capacity model: the plan-time ENI check built from `eniPrecondition`
 * is valid Terraform, passes with enough interfaces and fails the plan without them.
 */
import * as path from 'path';
import { DataAwsEc2InstanceType } from '@cdktf/provider-aws/lib/data-aws-ec2-instance-type';
import { expectStackPasses } from '../engine/terraform';
import { newTestStack, synthToDir } from '../support/synth';
import { computeClusterBudget } from './helpers';

describe('the plan-time ENI check of an unknown instance type', () => {
  test('passes terraform validate and test: fails the plan with fewer interfaces than the design needs', () => {
    const budget = computeClusterBudget({
      capacityProviders: [{ name: 'default', instanceType: 'c9x.large', maxInstances: 4 }],
      services: [{ serviceName: 'api', desiredCount: 5 }],
    });
    const pre = budget.capacityProviders[0]!.eniPrecondition!;
    expect(pre.minimumNetworkInterfaces).toBe(4);

    const { app, stack } = newTestStack();
    new DataAwsEc2InstanceType(stack, 'capacity', {
      instanceType: pre.instanceType,
      lifecycle: { postcondition: [{ condition: pre.selfCondition, errorMessage: pre.errorMessage }] },
    });
    const { dir, json } = synthToDir(app);
    expect(json.data?.aws_ec2_instance_type?.capacity?.lifecycle).toEqual({
      postcondition: [{ condition: '${self.maximum_network_interfaces >= 4}', error_message: pre.errorMessage }],
    });
    const result = expectStackPasses(dir, [path.join(__dirname, 'terraform', 'eni-precondition.tftest.hcl')], {
      validate: false,
    });
    expect(result.test?.output).toMatch(/2 passed, 0 failed/);
  });
});
