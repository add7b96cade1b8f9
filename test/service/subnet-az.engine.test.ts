/**
 * A task ENI attaches only to an instance in its own AZ. Synth compares the task subnets' AZs with
 * the capacity provider's when the names are literals (SERVICE_SUBNET_AZ_NOT_IN_CAPACITY); when they
 * are only known at plan time (the aws_availability_zones data source, imported subnets), the service
 * carries a precondition, and the real engine proves it fails the plan with its message.
 */
import * as path from 'path';
import { Fn, TerraformVariable } from 'cdktf';
import { Ec2Service, TaskDefinition } from '../../modules/service';
import { subnetAzPrecondition } from '../../modules/service/service-checks';
import { checkStack } from '../engine/terraform';
import { newTestStack, synthToDir } from '../support/synth';
import { cluster, linuxProvider, NGINX, single } from './fixtures';

function azStack() {
  const { app, stack } = newTestStack();
  const list = (name: string) => new TerraformVariable(stack, name, { type: 'list(string)' });
  const capacityAzs = list('capacity_azs');
  const taskAzs = list('task_azs');
  const subnet = (id: string, azs: TerraformVariable, i: number) => ({
    subnetId: id,
    availabilityZone: Fn.element(azs.listValue, i) as string,
  });
  const provider = linuxProvider({
    subnets: [subnet('subnet-0c000001', capacityAzs, 0), subnet('subnet-0c000002', capacityAzs, 1)],
  });
  const task = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX] });
  new Ec2Service(stack, 'web', {
    cluster: cluster({ capacityProviders: [provider] }),
    taskDefinition: task,
    serviceName: 'web',
    subnets: [subnet('subnet-0a000001', taskAzs, 0), subnet('subnet-0a000002', taskAzs, 1)],
  });
  return synthToDir(app);
}

describe("task subnets in the capacity provider's AZs, at plan time", () => {
  test("no precondition when synth compared literal AZ names, or the task subnets are the capacity's own", () => {
    const literal = linuxProvider();
    expect(subnetAzPrecondition('web', literal, literal.subnets)).toBeUndefined();
    const token = { subnetId: 'subnet-0a000001', availabilityZone: Fn.element(['us-east-1a'], 0) as string };
    expect(subnetAzPrecondition('web', linuxProvider({ subnets: [token] }), [token])).toBeUndefined();
  });

  test('a precondition on the service when an AZ name is only known at plan time', () => {
    const service = single(azStack().json, 'aws_ecs_service');
    expect(service).toHaveProperty('lifecycle.precondition', [
      {
        condition: expect.stringMatching(
          /^\$\{alltrue\(\[contains\(\[element\(var\.capacity_azs, 0\), element\(var\.capacity_azs, 1\)\], element\(var\.task_azs, 0\)\), /,
        ),
        error_message: expect.stringContaining(
          'Service web: a task subnet is in an availability zone where capacity provider demo-linux runs no instances',
        ),
      },
    ]);
  });

  test('terraform plan passes when the AZs match and fails with the message when a task subnet is elsewhere', () => {
    const { dir } = azStack();
    const result = checkStack(dir, [path.join(__dirname, 'terraform', 'subnet-az.tftest.hcl')], { validate: false });
    const output = (result.test?.output ?? result.validate?.output ?? result.init.output).replace(/\s+/g, ' ');
    expect({ run: output.match(/run "task_subnets_in_the_capacity_azs"\.\.\. (pass|fail)/)?.[1], output }).toEqual({
      run: 'pass',
      output,
    });
    expect(output).toMatch(/run "a_task_subnet_outside_the_capacity_azs"\.\.\. fail/);
    expect(output).toContain('Error: Resource precondition failed');
    expect(output).toContain(
      'Service web: a task subnet is in an availability zone where capacity provider demo-linux runs no ' +
        "instances (task subnets' AZs: us-east-1a, us-east-1c; the capacity provider's AZs: us-east-1a, us-east-1b). A task " +
        'ENI attaches only to an instance in its own AZ',
    );
  }, 120_000);
});
