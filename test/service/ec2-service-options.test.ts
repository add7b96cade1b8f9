import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { ICluster } from '../../modules/compute/compute-ref';
import { NatGatewayMode } from '../../modules/network/network-ref';
import { Ec2Service, NetworkMode, TaskDefinition } from '../../modules/service';

import { blockArg, resourcesOfType, stringArg, synthToDir, valueAt } from '../support/synth';
import { cluster, network, NGINX, single, warningsOf } from './fixtures';
import { setup, synth } from './ec2-service-fixture';

describe('ECS Exec', () => {
  test("turns on execute command, the task role's channels and the init process", () => {
    const { json, service } = synth({ enableExecuteCommand: true });
    expect(single(json, 'aws_ecs_service').enable_execute_command).toBe(true);
    expect(service.taskDefinition.executeCommandEnabled).toBe(true);
    const exec = Object.values(resourcesOfType(json, 'aws_iam_role_policy')).find((p) => p.name === 'ecs-exec')!;
    expect(exec.policy).toContain('ssmmessages:CreateDataChannel');
    expect(
      JSON.parse(stringArg(single(json, 'aws_ecs_task_definition'), 'container_definitions'))[0].linuxParameters,
    ).toEqual({
      initProcessEnabled: true,
    });
    expect(warningsOf(service)).toEqual([]);
  });

  test('follows the task definition when the service does not say', () => {
    expect(single(synth({}, { enableExecuteCommand: true }).json, 'aws_ecs_service').enable_execute_command).toBe(true);
  });

  test("lets the task role write the cluster's session log group", () => {
    const { app, stack, td } = setup();
    const execLogGroup = new CloudwatchLogGroup(stack, 'exec-logs', { name: '/aws/ecs/demo/exec' });
    const c = { ...cluster(), execLogGroup } as ICluster;
    new Ec2Service(stack, 'web', { cluster: c, taskDefinition: td, serviceName: 'web', enableExecuteCommand: true });
    const exec = Object.values(resourcesOfType(synthToDir(app).json, 'aws_iam_role_policy')).find(
      (p) => p.name === 'ecs-exec',
    )!;
    expect(exec.policy).toMatch(/aws_cloudwatch_log_group\.exec-logs\.arn\}:\*/);
    expect(exec.policy).toContain('logs:PutLogEvents');
  });

  test('lets the task role use the session log group and key it is given', () => {
    const { json } = synth({
      enableExecuteCommand: true,
      executeCommandLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/exec',
      executeCommandKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/0a1b',
    });
    const exec = Object.values(resourcesOfType(json, 'aws_iam_role_policy')).find((p) => p.name === 'ecs-exec')!;
    expect(exec.policy).toContain('log-group:/exec:*');
    expect(exec.policy).toContain('kms:Decrypt');
    expect(exec.policy).toContain('arn:aws:kms:us-east-1:123456789012:key/0a1b');
  });

  test('warns when the private subnets have neither NAT nor an ssmmessages endpoint', () => {
    const execWarnings = (s: import('constructs').IConstruct) =>
      warningsOf(s).filter((w) => w.startsWith('[SERVICE_EXEC_'));
    const isolated = cluster({ network: network({ natGatewayMode: NatGatewayMode.NONE }) });
    const { service } = synth({ enableExecuteCommand: true, cluster: isolated });
    expect(execWarnings(service)).toEqual([expect.stringContaining('[SERVICE_EXEC_NO_ROUTE_TO_SSM]')]);
    const withEndpoint = cluster({
      network: network({ natGatewayMode: NatGatewayMode.NONE, endpointServices: ['ssmmessages'] }),
    });
    expect(execWarnings(synth({ enableExecuteCommand: true, cluster: withEndpoint }).service)).toEqual([]);
  });

  test("warns when a container's root filesystem is read-only", () => {
    const { service } = synth(
      { enableExecuteCommand: true },
      { containers: [{ ...NGINX, readonlyRootFilesystem: true }] },
    );
    expect(warningsOf(service)).toEqual([
      expect.stringMatching(/\[SERVICE_EXEC_READ_ONLY_ROOT_FS\] web: .* web have a read-only root filesystem/),
    ]);
  });
});

describe('auto scaling', () => {
  test('tracks CPU by default and leaves desired_count to auto scaling', () => {
    const { json } = synth({ desiredCount: 2, autoScaling: { minCapacity: 2, maxCapacity: 6 } });
    expect(single(json, 'aws_ecs_service').lifecycle).toEqual({ ignore_changes: ['desired_count'] });
    expect(single(json, 'aws_appautoscaling_target')).toMatchObject({
      service_namespace: 'ecs',
      scalable_dimension: 'ecs:service:DesiredCount',
      min_capacity: 2,
      max_capacity: 6,
      resource_id: expect.stringMatching(/^service\/demo\/\$\{aws_ecs_service\..*\.name\}$/),
    });
    expect(single(json, 'aws_appautoscaling_policy').target_tracking_scaling_policy_configuration).toMatchObject({
      target_value: 70,
      predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
    });
  });

  test('tracks memory, or both', () => {
    const json = synth({
      desiredCount: 2,
      autoScaling: {
        minCapacity: 1,
        maxCapacity: 4,
        targetCpuUtilizationPercent: 60,
        targetMemoryUtilizationPercent: 75,
      },
    }).json;
    const metrics = Object.values(resourcesOfType(json, 'aws_appautoscaling_policy')).map((p) => [
      valueAt(
        p,
        'target_tracking_scaling_policy_configuration',
        'predefined_metric_specification',
        'predefined_metric_type',
      ),
      valueAt(p, 'target_tracking_scaling_policy_configuration', 'target_value'),
    ]);
    expect(metrics).toEqual([
      ['ECSServiceAverageCPUUtilization', 60],
      ['ECSServiceAverageMemoryUtilization', 75],
    ]);
  });

  test('leaves desired_count to Terraform without auto scaling', () => {
    expect(single(synth().json, 'aws_ecs_service').lifecycle).toBeUndefined();
  });

  test('fails when the range is inverted, excludes the desired count, or a target is not a percentage', () => {
    const { stack, td } = setup();
    const base = { cluster: cluster(), taskDefinition: td, serviceName: 'web' };
    expect(
      () => new Ec2Service(stack, 'a', { ...base, autoScaling: { minCapacity: 5, maxCapacity: 2 } }),
    ).toThrowProblem('SERVICE_AUTOSCALING_RANGE_INVALID', 'Ec2Service.autoScaling.minCapacity', 'min 5, max 2');
    expect(
      () => new Ec2Service(stack, 'b', { ...base, desiredCount: 1, autoScaling: { minCapacity: 2, maxCapacity: 4 } }),
    ).toThrowProblem('SERVICE_AUTOSCALING_RANGE_INVALID', 'desiredCount 1 outside 2-4');
    expect(
      () =>
        new Ec2Service(stack, 'c', {
          ...base,
          autoScaling: { minCapacity: 1, maxCapacity: 2, targetMemoryUtilizationPercent: 150 },
        }),
    ).toThrowProblem('SERVICE_AUTOSCALING_TARGET_INVALID', 'targetMemoryUtilizationPercent', '150');
    expect(
      () =>
        new Ec2Service(stack, 'd', {
          ...base,
          autoScaling: { minCapacity: 1, maxCapacity: 2, scaleInCooldownSeconds: -1 },
        }),
    ).toThrowProblem('SERVICE_AUTOSCALING_COOLDOWN_INVALID', 'scaleInCooldownSeconds');
  });
});

describe('service discovery', () => {
  test('registers awsvpc tasks with A records in a new private namespace', () => {
    const { json } = synth({ serviceDiscovery: { namespaceName: 'demo.internal' } });
    expect(single(json, 'aws_service_discovery_private_dns_namespace')).toMatchObject({
      name: 'demo.internal',
      vpc: 'vpc-0123456789abcdef0',
    });
    expect(single(json, 'aws_service_discovery_service')).toMatchObject({
      name: 'web',
      dns_config: { dns_records: [{ type: 'A', ttl: 10 }], routing_policy: 'MULTIVALUE' },
    });
    const registries = blockArg(single(json, 'aws_ecs_service'), 'service_registries');
    expect(registries.registry_arn).toMatch(/aws_service_discovery_service\..*\.arn/);
    expect(registries.container_name).toBeUndefined();
  });

  test('registers bridge tasks with SRV records in an existing namespace', () => {
    const { json } = synth(
      { serviceDiscovery: { namespaceId: 'ns-abc123', name: 'api', dnsTtlSeconds: 30 } },
      { networkMode: NetworkMode.BRIDGE },
    );
    expect(resourcesOfType(json, 'aws_service_discovery_private_dns_namespace')).toEqual({});
    expect(single(json, 'aws_service_discovery_service')).toMatchObject({
      name: 'api',
      dns_config: { namespace_id: 'ns-abc123', dns_records: [{ type: 'SRV', ttl: 30 }] },
    });
    expect(single(json, 'aws_ecs_service').service_registries).toMatchObject({
      container_name: 'web',
      container_port: 80,
    });
  });

  test('fails without exactly one namespace, with a bad name, or SRV without a port', () => {
    const { stack, td } = setup();
    const base = { cluster: cluster(), taskDefinition: td, serviceName: 'web' };
    expect(() => new Ec2Service(stack, 'a', { ...base, serviceDiscovery: {} })).toThrowProblem(
      'SERVICE_DISCOVERY_NAMESPACE_INVALID',
      'exactly one of namespaceName',
    );
    expect(
      () => new Ec2Service(stack, 'b', { ...base, serviceDiscovery: { namespaceName: 'demo..internal' } }),
    ).toThrowProblem('SERVICE_DISCOVERY_NAMESPACE_INVALID', '"demo..internal"');
    expect(
      () =>
        new Ec2Service(stack, 'c', {
          ...base,
          serviceName: 'my_web',
          serviceDiscovery: { namespaceName: 'demo.internal' },
        }),
    ).toThrowProblem('SERVICE_DISCOVERY_NAME_INVALID', '"my_web"', 'underscores');
    expect(
      () =>
        new Ec2Service(stack, 'e', {
          ...base,
          serviceDiscovery: { namespaceName: 'demo.internal', dnsTtlSeconds: -1 },
        }),
    ).toThrowProblem('SERVICE_DISCOVERY_TTL_INVALID', 'Ec2Service.serviceDiscovery.dnsTtlSeconds', '-1');
    const noPort = new TaskDefinition(stack, 'np', {
      family: 'np',
      networkMode: NetworkMode.BRIDGE,
      containers: [{ name: 'worker', image: 'busybox', memory: 64 }],
    });
    expect(
      () =>
        new Ec2Service(stack, 'd', {
          ...base,
          taskDefinition: noPort,
          serviceDiscovery: { namespaceName: 'demo.internal' },
        }),
    ).toThrowProblem('SERVICE_DISCOVERY_PORT_MISSING', 'SRV records');
  });
});
