import { CpuArchitecture } from '../../modules/core';
import { NetworkMode, TaskDefinition, TaskOsFamily, type TaskDefinitionProps } from '../../modules/service';
import { thrownProblems } from '../support/problem-matcher';
import { newTestStack, resourcesOfType, stringArg, synthToDir } from '../support/synth';
import { IIS, NGINX, single, warningsOf } from './fixtures';

function synth(props: Partial<TaskDefinitionProps> = {}, after?: (td: TaskDefinition) => void) {
  const { app, stack } = newTestStack();
  const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX], ...props });
  after?.(td);
  return { td, stack, json: synthToDir(app).json };
}

describe('TaskDefinition', () => {
  test('defines an awsvpc task definition for EC2 by default', () => {
    const { json } = synth();
    const td = single(json, 'aws_ecs_task_definition');
    expect(td).toMatchObject({ family: 'web', network_mode: 'awsvpc', requires_compatibilities: ['EC2'] });
    expect(td.cpu).toBeUndefined();
    expect(td.runtime_platform).toBeUndefined();
    expect(td.execution_role_arn).toMatch(/aws_iam_role\.task_execution-role_.*\.arn/);
    expect(td.task_role_arn).toMatch(/aws_iam_role\.task_task-role_.*\.arn/);
  });

  test("sends the containers as the ECS API expects them, logging to the service's log group", () => {
    const { json } = synth();
    const defs = JSON.parse(stringArg(single(json, 'aws_ecs_task_definition'), 'container_definitions'));
    expect(defs).toEqual([
      {
        name: 'web',
        image: 'nginx',
        memory: 512,
        essential: true,
        portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.task_logs_.*\.name\}$/),
            'awslogs-region': expect.stringMatching(/^\$\{data\.aws_region\..*\.name\}$/),
            'awslogs-stream-prefix': 'ecs',
          },
        },
      },
    ]);
  });

  test('creates a log group per service with 30 days retention by default', () => {
    expect(single(synth().json, 'aws_cloudwatch_log_group')).toMatchObject({ name: '/ecs/web', retention_in_days: 30 });
    expect(
      single(synth({ logGroupName: '/apps/web', logRetentionDays: 7 }).json, 'aws_cloudwatch_log_group'),
    ).toMatchObject({ name: '/apps/web', retention_in_days: 7 });
  });

  test('sets task-level cpu and memory', () => {
    const td = single(synth({ cpu: 256, memoryMiB: 512 }).json, 'aws_ecs_task_definition');
    expect(td).toMatchObject({ cpu: '256', memory: '512' });
  });

  test('supports host and bridge modes', () => {
    expect(single(synth({ networkMode: NetworkMode.HOST }).json, 'aws_ecs_task_definition').network_mode).toBe('host');
    const bridge = single(synth({ networkMode: NetworkMode.BRIDGE }).json, 'aws_ecs_task_definition');
    expect(bridge.network_mode).toBe('bridge');
    expect(JSON.parse(stringArg(bridge, 'container_definitions'))[0].portMappings).toEqual([
      { containerPort: 80, protocol: 'tcp' },
    ]);
  });

  test("defines the seeds' IIS task for Windows in awsvpc mode", () => {
    const { json, stack } = synth({
      family: 'iis',
      containers: [IIS],
      osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
    });
    const td = single(json, 'aws_ecs_task_definition');
    expect(td).toMatchObject({
      network_mode: 'awsvpc',
      runtime_platform: { operating_system_family: 'WINDOWS_SERVER_2022_CORE' },
    });
    expect(JSON.parse(stringArg(td, 'container_definitions'))[0]).toMatchObject({
      image: 'mcr.microsoft.com/windows/servercore/iis',
      cpu: 1024,
      memory: 2048,
    });
    expect(warningsOf(stack)).toEqual([]);
    const full = single(
      synth({
        containers: [IIS],
        osFamily: TaskOsFamily.WINDOWS_SERVER_2022_FULL,
        cpuArchitecture: CpuArchitecture.X86_64,
      }).json,
      'aws_ecs_task_definition',
    );
    expect(full.runtime_platform).toEqual({
      operating_system_family: 'WINDOWS_SERVER_2022_FULL',
      cpu_architecture: 'X86_64',
    });
  });

  test('warns that Windows ignores task-level cpu and memory', () => {
    const { stack } = synth({
      containers: [IIS],
      osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
      cpu: 1024,
      memoryMiB: 2048,
    });
    expect(warningsOf(stack)).toEqual([expect.stringContaining('[SERVICE_WINDOWS_TASK_RESOURCES_IGNORED]')]);
  });

  test('states the CPU architecture on Linux when given', () => {
    const td = single(synth({ cpuArchitecture: CpuArchitecture.ARM64 }).json, 'aws_ecs_task_definition');
    expect(td.runtime_platform).toEqual({ operating_system_family: 'LINUX', cpu_architecture: 'ARM64' });
  });
});

describe('TaskDefinition: roles', () => {
  test('trusts ecs-tasks of this account only, in both roles', () => {
    const roles = Object.values(resourcesOfType(synth().json, 'aws_iam_role'));
    expect(roles).toHaveLength(2);
    for (const r of roles) {
      expect(r.assume_role_policy).toContain('ecs-tasks.amazonaws.com');
      expect(r.assume_role_policy).toContain('aws:SourceAccount');
    }
    expect(roles.filter((r) => stringArg(r, 'assume_role_policy').includes('aws:SourceArn'))).toHaveLength(1);
  });

  test('gives the task role nothing unless granted', () => {
    const policies = Object.values(resourcesOfType(synth().json, 'aws_iam_role_policy'));
    expect(policies).toEqual([expect.objectContaining({ name: 'execution' })]);
    const granted = Object.values(
      resourcesOfType(
        synth({
          taskRolePolicyStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::assets/*'] }],
        }).json,
        'aws_iam_role_policy',
      ),
    );
    const app = granted.find((p) => p.name === 'application')!;
    expect(app.role).toMatch(/aws_iam_role\.task_task-role_/);
    expect(app.policy).toContain('s3:GetObject');
    expect(app.policy).toContain('arn:aws:s3:::assets/*');
  });

  test('prepares ECS Exec: ssmmessages in the task role and the init process', () => {
    const { json, td } = synth({ enableExecuteCommand: true });
    expect(td.executeCommandEnabled).toBe(true);
    const exec = Object.values(resourcesOfType(json, 'aws_iam_role_policy')).find((p) => p.name === 'ecs-exec')!;
    expect(exec.role).toMatch(/task-role/);
    expect(exec.policy).toContain('ssmmessages:CreateControlChannel');
    expect(exec.policy).toContain('ssmmessages:OpenDataChannel');
    expect(
      JSON.parse(stringArg(single(json, 'aws_ecs_task_definition'), 'container_definitions'))[0].linuxParameters,
    ).toEqual({
      initProcessEnabled: true,
    });
  });

  test('enableExecuteCommand is idempotent and adds session logging', () => {
    const { json } = synth({}, (td) => {
      td.enableExecuteCommand();
      td.enableExecuteCommand({ logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/ecs/demo/exec' });
    });
    const exec = Object.values(resourcesOfType(json, 'aws_iam_role_policy')).filter((p) => p.name === 'ecs-exec');
    expect(exec).toHaveLength(1);
    expect(exec[0]!.policy).toContain('log-group:/aws/ecs/demo/exec:*');
  });
});

describe('TaskDefinition: invalid props', () => {
  test('fails when the family, cpu, memory or retention is invalid, all at once', () => {
    const { stack } = newTestStack();
    const problems = thrownProblems(
      () =>
        new TaskDefinition(stack, 't', {
          family: 'web app',
          containers: [NGINX],
          cpu: 64,
          memoryMiB: 0.5,
          logRetentionDays: 31,
        }),
    );
    expect(problems.map((p) => p.code)).toEqual([
      'SERVICE_FAMILY_INVALID',
      'SERVICE_TASK_CPU_INVALID',
      'SERVICE_TASK_MEMORY_INVALID',
      'SERVICE_LOG_RETENTION_INVALID',
      'SERVICE_CONTAINER_MEMORY_ABOVE_TASK',
    ]);
    expect(
      () => new TaskDefinition(stack, 'u', { family: 'w', containers: [NGINX], logRetentionDays: 31 }),
    ).toThrowProblem('SERVICE_LOG_RETENTION_INVALID', 'TaskDefinition.logRetentionDays', 'received 31', '30', '3653');
    expect(() => new TaskDefinition(stack, 'v', { family: 'w', containers: [NGINX], cpu: 64 })).toThrowProblem(
      'SERVICE_TASK_CPU_INVALID',
      'TaskDefinition.cpu',
      '128 to 196608',
    );
  });

  test('fails when a Windows task is not in awsvpc mode', () => {
    const { stack } = newTestStack();
    expect(
      () =>
        new TaskDefinition(stack, 't', {
          family: 'iis',
          containers: [IIS],
          osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
          networkMode: NetworkMode.BRIDGE,
        }),
    ).toThrowProblem(
      'SERVICE_NETWORK_MODE_UNSUPPORTED_ON_WINDOWS',
      'TaskDefinition.networkMode',
      '"bridge"',
      'NetworkMode.AWSVPC',
    );
  });

  test('fails when the network mode is not one of the enum', () => {
    const { stack } = newTestStack();
    expect(
      () => new TaskDefinition(stack, 't', { family: 'w', containers: [NGINX], networkMode: 'none' as NetworkMode }),
    ).toThrowProblem('SERVICE_NETWORK_MODE_INVALID', '"none"');
  });

  test('reports container problems with their paths', () => {
    const { stack } = newTestStack();
    expect(
      () =>
        new TaskDefinition(stack, 't', {
          family: 'w',
          containers: [{ ...NGINX, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
        }),
    ).toThrowProblem(
      'SERVICE_HOST_PORT_MISMATCH',
      'TaskDefinition.containers[0].portMappings[0].hostPort',
      '8080 (containerPort is 80)',
    );
  });

  test('fails when the task role is granted wildcard actions', () => {
    const { stack } = newTestStack();
    expect(
      () =>
        new TaskDefinition(stack, 't', {
          family: 'w',
          containers: [NGINX],
          taskRolePolicyStatements: [{ actions: ['dynamodb:*'], resources: ['*'] }],
        }),
    ).toThrowProblem(
      'SERVICE_POLICY_WILDCARD_ACTION',
      'TaskDefinition.taskRolePolicyStatements[0].actions[0]',
      '"dynamodb:*"',
    );
  });
});
