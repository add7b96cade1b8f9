/**
 * The real-engine tier: the seeds' nginx service (awsvpc, two tasks, ECS Exec, behind an ALB with IP
 * targets) on a plain-object cluster and network, through terraform init, validate and test
 * (terraform/service.tftest.hcl, under mock_provider).
 */
import * as path from 'path';
import { Ec2Service, TaskDefinition } from '../../modules/service';
import { expectStackPasses } from '../engine/terraform';
import { newTestStack, resourcesOfType, synthToDir, valueAt } from '../support/synth';
import { containerDefinitionShapeProblems } from './ecs-shape';
import { cluster, NGINX } from './fixtures';

describe('service stack, real engine', () => {
  test('passes terraform validate and the service tftest assertions', () => {
    const { app, stack } = newTestStack();
    const task = new TaskDefinition(stack, 'nginx-task', { family: 'nginx', containers: [NGINX] });
    new Ec2Service(stack, 'nginx', {
      cluster: cluster(),
      taskDefinition: task,
      serviceName: 'nginx',
      desiredCount: 2,
      enableExecuteCommand: true,
      loadBalancer: {},
    });
    const { dir, json } = synthToDir(app);

    // The container security group has exactly one ingress rule: the one the tftest checks.
    const tasksGroup = Object.entries(resourcesOfType(json, 'aws_security_group')).find(
      ([, g]) => valueAt(g, 'tags', 'Name') === 'nginx-tasks',
    )![0];
    const ingress = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).filter(
      (r) => r.security_group_id === `\${aws_security_group.${tasksGroup}.id}`,
    );
    expect(ingress).toHaveLength(1);
    expect(containerDefinitionShapeProblems(json)).toEqual([]);

    expectStackPasses(dir, [path.join(__dirname, 'terraform', 'service.tftest.hcl')], { validate: false });
  });
});
