/**
 * Host-mode tasks and task IAM roles: ECS places a host-mode task that has a task role only on
 * instances whose agent sets ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true. The library gives a host-mode
 * task a role only when it needs one, and refuses a host-mode service with a role on capacity
 * without the setting.
 */
import { NetworkMode, TaskDefinition, type TaskDefinitionProps } from '../../modules/service';
import { PolicyEffect } from '../../modules/service/iam-policies';

import { newTestStack, resourcesOfType, synthToDir } from '../support/synth';
import { cluster, linuxProvider, NGINX, single } from './fixtures';
import { webService } from './ec2-service-fixture';

function hostTask(props: Partial<TaskDefinitionProps> = {}) {
  const { app, stack } = newTestStack();
  const td = new TaskDefinition(stack, 'task', {
    family: 'web',
    containers: [NGINX],
    networkMode: NetworkMode.HOST,
    ...props,
  });
  return { app, stack, td };
}

describe('host-mode task definitions', () => {
  test('get no task role when they need none (no ECS Exec, no taskRolePolicyStatements)', () => {
    const { app, td } = hostTask();
    expect(td.hasTaskRole).toBe(false);
    expect(td.taskRole).toBeUndefined();
    const json = synthToDir(app).json;
    expect(single(json, 'aws_ecs_task_definition').task_role_arn).toBeUndefined();
    expect(Object.values(resourcesOfType(json, 'aws_iam_role')).map((r) => r.description)).toEqual([
      'ECS agent for web: pull images, write logs, read secrets',
    ]);
  });

  test('get a task role for ECS Exec, also when a service turns it on later', () => {
    const { app, stack, td } = hostTask();
    const allowed = linuxProvider({ taskIamRoleNetworkHost: true });
    webService(stack, td, { cluster: cluster({ capacityProviders: [allowed] }), enableExecuteCommand: true }, 'svc');
    expect(td.hasTaskRole).toBe(true);
    const json = synthToDir(app).json;
    expect(single(json, 'aws_ecs_task_definition').task_role_arn).toMatch(
      /^\$\{aws_iam_role\.task_task-role_.*\.arn\}$/,
    );
  });

  test("get a task role for the application's permissions", () => {
    const { td } = hostTask({
      taskRolePolicyStatements: [
        { effect: PolicyEffect.ALLOW, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
      ],
    });
    expect(td.hasTaskRole).toBe(true);
  });

  test('awsvpc and bridge task definitions keep their task role', () => {
    for (const networkMode of [NetworkMode.AWSVPC, NetworkMode.BRIDGE]) {
      expect(hostTask({ networkMode }).td.hasTaskRole).toBe(true);
    }
  });
});

describe('Ec2Service in host mode', () => {
  test('fails with a task role on capacity that does not enable task roles for host mode, and says how to fix it', () => {
    const { stack, td } = hostTask();
    expect(() => webService(stack, td, { enableExecuteCommand: true }, 'svc')).toThrowProblem(
      'SERVICE_HOST_MODE_TASK_ROLE_NOT_ENABLED',
      'Ec2Service.capacityProvider',
      'a host-mode task with a task role (ECS Exec needs one) on "demo-linux"',
      'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false',
      'com.amazonaws.ecs.capability.task-iam-role-network-host',
      'set taskIamRoleNetworkHost: true and taskIamRoleNetworkHostReason',
    );
  });

  test('fails for a task role given by taskRolePolicyStatements as well', () => {
    const { stack, td } = hostTask({
      taskRolePolicyStatements: [
        { effect: PolicyEffect.ALLOW, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
      ],
    });
    expect(() => webService(stack, td, {}, 'svc')).toThrowProblem(
      'SERVICE_HOST_MODE_TASK_ROLE_NOT_ENABLED',
      'a host-mode task with a task role on "demo-linux"',
    );
  });

  test('runs a host-mode task without a role on any capacity', () => {
    const { app, stack, td } = hostTask();
    webService(stack, td, {}, 'svc');
    expect(single(synthToDir(app).json, 'aws_ecs_service').enable_execute_command).toBe(false);
  });

  test('runs a host-mode task with a role on capacity with taskIamRoleNetworkHost', () => {
    const { app, stack, td } = hostTask();
    const allowed = linuxProvider({ taskIamRoleNetworkHost: true });
    webService(stack, td, { cluster: cluster({ capacityProviders: [allowed] }), enableExecuteCommand: true }, 'svc');
    expect(single(synthToDir(app).json, 'aws_ecs_service').enable_execute_command).toBe(true);
  });
});
