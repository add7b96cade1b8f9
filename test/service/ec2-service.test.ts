import { TerraformStack } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import type { ICluster } from '../../modules/compute/compute-ref';
import { NatGatewayMode } from '../../modules/network/network-ref';
import { ContainerSecurityGroup } from '../../modules/security';
import {
  Ec2Service,
  NetworkMode,
  PlacementStrategy,
  TaskDefinition,
  TaskOsFamily,
  type Ec2ServiceProps,
  type TaskDefinitionProps,
} from '../../modules/service';
import { expectValidationError } from '../security/expect-validation-error';
import { newTestStack, resourcesOfType, synthToDir } from '../support/synth';
import {
  cluster,
  IIS,
  linuxProvider,
  network,
  NGINX,
  PRIVATE_SUBNETS,
  PUBLIC_SUBNETS,
  single,
  warningsOf,
  windowsProvider,
} from './fixtures';

type Build = { stack: TerraformStack; td: TaskDefinition };

function setup(task: Partial<TaskDefinitionProps> = {}): Build & { app: ReturnType<typeof newTestStack>['app'] } {
  const { app, stack } = newTestStack();
  const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX], ...task });
  return { app, stack, td };
}

function synth(props: Partial<Ec2ServiceProps> = {}, task: Partial<TaskDefinitionProps> = {}) {
  const { app, stack, td } = setup(task);
  const service = new Ec2Service(stack, 'web', {
    cluster: cluster(),
    taskDefinition: td,
    serviceName: 'web',
    ...props,
  });
  return { service, stack, json: synthToDir(app).json };
}

describe('Ec2Service', () => {
  test('runs awsvpc tasks in the private subnets with their own security group and no public IP', () => {
    const { json } = synth();
    const svc = single(json, 'aws_ecs_service');
    expect(svc).toMatchObject({
      name: 'web',
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
      desired_count: 1,
      capacity_provider_strategy: [{ capacity_provider: 'demo-linux', weight: 1, base: 0 }],
      network_configuration: {
        subnets: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
        security_groups: [expect.stringMatching(/^\$\{aws_security_group\.web_security-group_.*\.id\}$/)],
        assign_public_ip: false,
      },
    });
    expect(svc.launch_type).toBeUndefined();
    expect(svc.load_balancer).toBeUndefined();
  });

  test('spreads tasks across AZs, then instances, by default', () => {
    expect(single(synth().json, 'aws_ecs_service').ordered_placement_strategy).toEqual([
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'spread', field: 'instanceId' },
    ]);
    expect(
      single(
        synth({ placementStrategy: PlacementStrategy.SPREAD_ACROSS_AZS_THEN_BINPACK_MEMORY }).json,
        'aws_ecs_service',
      ).ordered_placement_strategy,
    ).toEqual([
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ]);
  });

  test('deploys with a rolling circuit breaker, 100/200 percent, without waiting for steady state, by default', () => {
    const svc = single(synth().json, 'aws_ecs_service');
    expect(svc).toMatchObject({
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      wait_for_steady_state: false,
      enable_execute_command: false,
    });
    const custom = single(
      synth({
        circuitBreaker: false,
        minHealthyPercent: 50,
        maxHealthyPercent: 150,
        waitForSteadyState: true,
        desiredCount: 3,
      }).json,
      'aws_ecs_service',
    );
    expect(custom).toMatchObject({
      deployment_circuit_breaker: { enable: false, rollback: false },
      deployment_minimum_healthy_percent: 50,
      deployment_maximum_percent: 150,
      wait_for_steady_state: true,
      desired_count: 3,
    });
  });

  test('the container security group declares the container ports but admits nothing without a load balancer', () => {
    const { json, service } = synth();
    expect(service.securityGroup!.containerPorts.map((p) => p.label)).toEqual(['80/tcp']);
    expect(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).toEqual({});
    expect(Object.values(resourcesOfType(json, 'aws_vpc_security_group_egress_rule'))).toEqual([
      expect.objectContaining({ from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }),
    ]);
  });

  test('reports its demand to the cluster, with no call from the user', () => {
    const { app, stack, td } = setup();
    const c = cluster();
    const service = new Ec2Service(stack, 'web', {
      cluster: c,
      taskDefinition: td,
      serviceName: 'web',
      desiredCount: 2,
    });
    synthToDir(app);
    expect(c.demands).toEqual([service.demand]);
    // No provider named: the cluster's default strategy decides, when the cluster checks.
    expect(service.demand).toEqual({ serviceName: 'web', desiredCount: 2, maximumPercent: 200, networkMode: 'awsvpc' });
    expect(synth({ autoScaling: { minCapacity: 2, maxCapacity: 6 }, desiredCount: 2 }).service.demand.maxCount).toBe(6);
    expect(synth({ capacityProvider: linuxProvider() }).service.demand.capacityProvider).toBe('demo-linux');
  });

  test('counts what host and bridge tasks really bind on the instance: static host ports, no ENIs', () => {
    expect(synth({}, { networkMode: NetworkMode.HOST }).service.demand).toMatchObject({
      networkMode: 'host',
      staticHostPorts: ['80/tcp'],
    });
    const dynamic = synth({}, { networkMode: NetworkMode.BRIDGE }).service.demand;
    expect(dynamic).toMatchObject({ networkMode: 'bridge' });
    expect(dynamic.staticHostPorts).toBeUndefined();
    const fixed = synth(
      {},
      {
        networkMode: NetworkMode.BRIDGE,
        containers: [{ ...NGINX, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
      },
    );
    expect(fixed.service.demand.staticHostPorts).toEqual(['8080/tcp']);
  });

  test("follows the cluster's default capacity provider strategy when it names no provider", () => {
    const a = linuxProvider({ capacityProviderName: 'a' });
    const b = linuxProvider({ capacityProviderName: 'b' });
    const { app, stack, td } = setup();
    const c = cluster({
      capacityProviders: [a, b],
      defaultCapacityProviderStrategy: [
        { capacityProvider: a, base: 1, weight: 1 },
        { capacityProvider: b, weight: 3 },
      ],
    });
    const service = new Ec2Service(stack, 'web', { cluster: c, taskDefinition: td, serviceName: 'web' });
    expect(service.capacityProvider).toBe(a);
    expect(single(synthToDir(app).json, 'aws_ecs_service').capacity_provider_strategy).toEqual([
      { capacity_provider: 'a', weight: 1, base: 1 },
      { capacity_provider: 'b', weight: 3, base: 0 },
    ]);
  });

  test('takes subnets, a shared security group and more groups', () => {
    const { app, stack, td } = setup();
    const shared = new ContainerSecurityGroup(stack, 'shared', { network: network(), name: 'shared' });
    new Ec2Service(stack, 'a', {
      cluster: cluster(),
      taskDefinition: td,
      serviceName: 'a',
      securityGroup: shared,
      subnets: [PRIVATE_SUBNETS[0]!],
      additionalSecurityGroupIds: ['sg-0bbbbbbbbbbbbbbbb'],
    });
    const td2 = new TaskDefinition(stack, 'task2', {
      family: 'b',
      containers: [{ ...NGINX, portMappings: [{ containerPort: 8080 }] }],
    });
    new Ec2Service(stack, 'b', { cluster: cluster(), taskDefinition: td2, serviceName: 'b', securityGroup: shared });
    expect(shared.containerPorts.map((p) => p.label)).toEqual(['80/tcp', '8080/tcp']);
    const json = synthToDir(app).json;
    expect(Object.keys(resourcesOfType(json, 'aws_security_group'))).toHaveLength(1);
    const a = Object.values(resourcesOfType(json, 'aws_ecs_service')).find((s) => s.name === 'a')!;
    expect(a.network_configuration.subnets).toEqual(['subnet-0a1b2c3d']);
    expect(a.network_configuration.security_groups).toEqual([
      expect.stringContaining('aws_security_group.shared_group_'),
      'sg-0bbbbbbbbbbbbbbbb',
    ]);
  });

  test('has no network configuration nor security group in bridge and host modes', () => {
    for (const mode of [NetworkMode.BRIDGE, NetworkMode.HOST]) {
      const { json, service } = synth({}, { networkMode: mode });
      expect(single(json, 'aws_ecs_service').network_configuration).toBeUndefined();
      expect(service.securityGroup).toBeUndefined();
      expect(resourcesOfType(json, 'aws_security_group')).toEqual({});
    }
  });

  test("waits for the cluster's capacity provider association when the cluster exposes one", () => {
    const { app, stack, td } = setup();
    const association = new CloudwatchLogGroup(stack, 'stand-in', { name: 'x' });
    const c = { ...cluster(), capacityProvidersAssociation: association } as ICluster;
    new Ec2Service(stack, 'web', { cluster: c, taskDefinition: td, serviceName: 'web' });
    expect(single(synthToDir(app).json, 'aws_ecs_service').depends_on).toEqual([
      expect.stringMatching(/^aws_cloudwatch_log_group\.stand-in/),
    ]);
  });

  test('places Windows tasks on Windows capacity', () => {
    const c = cluster({ capacityProviders: [linuxProvider(), windowsProvider()] });
    const { app, stack } = setup();
    const iis = new TaskDefinition(stack, 'iis-task', {
      family: 'iis',
      containers: [IIS],
      osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
    });
    new Ec2Service(stack, 'iis', {
      cluster: c,
      taskDefinition: iis,
      serviceName: 'iis',
      capacityProvider: c.capacityProviders[1],
    });
    const svc = Object.values(resourcesOfType(synthToDir(app).json, 'aws_ecs_service'))[0]!;
    expect(svc.capacity_provider_strategy).toEqual([{ capacity_provider: 'demo-windows', weight: 1, base: 0 }]);
  });

  test('fails when a Windows task would run on the default Linux capacity provider', () => {
    const { stack } = setup();
    const iis = new TaskDefinition(stack, 'iis-task', {
      family: 'iis',
      containers: [IIS],
      osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
    });
    expectValidationError(
      () => new Ec2Service(stack, 'iis', { cluster: cluster(), taskDefinition: iis, serviceName: 'iis' }),
      'SERVICE_OS_MISMATCH',
      'Ec2Service.capacityProvider',
      '"demo-linux" (LINUX instances)',
      'a WINDOWS capacity provider',
    );
  });

  test('fails when assignPublicIp is on', () => {
    const { stack, td } = setup();
    expectValidationError(
      () =>
        new Ec2Service(stack, 'web', {
          cluster: cluster(),
          taskDefinition: td,
          serviceName: 'web',
          assignPublicIp: true,
        }),
      'SERVICE_PUBLIC_IP_UNSUPPORTED',
      'Ec2Service.assignPublicIp',
      'never get public IPs',
    );
  });

  test('fails when a bridge-mode service is given subnets', () => {
    const { stack } = setup();
    const td = new TaskDefinition(stack, 'b', { family: 'b', containers: [NGINX], networkMode: NetworkMode.BRIDGE });
    expectValidationError(
      () =>
        new Ec2Service(stack, 'web', {
          cluster: cluster(),
          taskDefinition: td,
          serviceName: 'web',
          subnets: PRIVATE_SUBNETS,
        }),
      'SERVICE_NETWORK_CONFIGURATION_NOT_AWSVPC',
      'Ec2Service.subnets',
      'bridge-mode task',
      'only with NetworkMode.AWSVPC',
    );
  });

  test('fails when six security groups would be attached', () => {
    const { stack, td } = setup();
    const ids = ['b', 'c', 'd', 'e', 'f'].map((x) => `sg-0${x.repeat(16)}`);
    expectValidationError(
      () =>
        new Ec2Service(stack, 'web', {
          cluster: cluster(),
          taskDefinition: td,
          serviceName: 'web',
          additionalSecurityGroupIds: ids,
        }),
      'SERVICE_TOO_MANY_SECURITY_GROUPS',
      '6 security groups',
      'at most 5',
    );
  });

  test('fails when a shared security group is in another VPC', () => {
    const { stack, td } = setup();
    const other = new ContainerSecurityGroup(stack, 'other', {
      network: network({ vpcId: 'vpc-0fffffffffffffff0' }),
      name: 'other',
    });
    expectValidationError(
      () =>
        new Ec2Service(stack, 'web', {
          cluster: cluster(),
          taskDefinition: td,
          serviceName: 'web',
          securityGroup: other,
        }),
      'SERVICE_SECURITY_GROUP_OTHER_VPC',
      '"vpc-0fffffffffffffff0"',
    );
  });

  test('fails when a host-mode service wants more tasks than instances, and warns when deployments would stall', () => {
    const { stack } = setup();
    const host = new TaskDefinition(stack, 'h', { family: 'h', containers: [NGINX], networkMode: NetworkMode.HOST });
    expectValidationError(
      () =>
        new Ec2Service(stack, 'web', { cluster: cluster(), taskDefinition: host, serviceName: 'web', desiredCount: 5 }),
      'SERVICE_HOST_PORTS_EXHAUSTED',
      'Ec2Service.desiredCount',
      '5 tasks on "demo-linux" (at most 4 instances)',
      'RESOURCE:PORTS',
    );
    const ok = new Ec2Service(stack, 'ok', {
      cluster: cluster(),
      taskDefinition: host,
      serviceName: 'ok',
      desiredCount: 4,
    });
    expect(warningsOf(ok)).toEqual([expect.stringContaining('[SERVICE_HOST_PORTS_DEPLOYMENT_STALLS]')]);
    const bridgeStatic = new TaskDefinition(stack, 'bs', {
      family: 'bs',
      networkMode: NetworkMode.BRIDGE,
      containers: [{ ...NGINX, portMappings: [{ containerPort: 80, hostPort: 80 }] }],
    });
    expectValidationError(
      () =>
        new Ec2Service(stack, 'bs-svc', {
          cluster: cluster(),
          taskDefinition: bridgeStatic,
          serviceName: 'bs',
          desiredCount: 6,
        }),
      'SERVICE_HOST_PORTS_EXHAUSTED',
      'bridge mode',
    );
    const bridgeDynamic = new TaskDefinition(stack, 'bd', {
      family: 'bd',
      networkMode: NetworkMode.BRIDGE,
      containers: [NGINX],
    });
    expect(
      () =>
        new Ec2Service(stack, 'bd-svc', {
          cluster: cluster(),
          taskDefinition: bridgeDynamic,
          serviceName: 'bd',
          desiredCount: 6,
        }),
    ).not.toThrow();
  });

  test('warns when task ENIs are put in public subnets', () => {
    const { service } = synth({ subnets: PUBLIC_SUBNETS });
    expect(warningsOf(service)).toEqual([expect.stringContaining('[SERVICE_TASKS_IN_PUBLIC_SUBNETS]')]);
  });

  describe('ECS Exec', () => {
    test("turns on execute command, the task role's channels and the init process", () => {
      const { json, service } = synth({ enableExecuteCommand: true });
      expect(single(json, 'aws_ecs_service').enable_execute_command).toBe(true);
      expect(service.taskDefinition.executeCommandEnabled).toBe(true);
      const exec = Object.values(resourcesOfType(json, 'aws_iam_role_policy')).find((p) => p.name === 'ecs-exec')!;
      expect(exec.policy).toContain('ssmmessages:CreateDataChannel');
      expect(JSON.parse(single(json, 'aws_ecs_task_definition').container_definitions)[0].linuxParameters).toEqual({
        initProcessEnabled: true,
      });
      expect(warningsOf(service)).toEqual([]);
    });

    test('follows the task definition when the service does not say', () => {
      expect(single(synth({}, { enableExecuteCommand: true }).json, 'aws_ecs_service').enable_execute_command).toBe(
        true,
      );
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
        p.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type,
        p.target_tracking_scaling_policy_configuration.target_value,
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
      expectValidationError(
        () => new Ec2Service(stack, 'a', { ...base, autoScaling: { minCapacity: 5, maxCapacity: 2 } }),
        'SERVICE_AUTOSCALING_RANGE_INVALID',
        'Ec2Service.autoScaling.minCapacity',
        'min 5, max 2',
      );
      expectValidationError(
        () => new Ec2Service(stack, 'b', { ...base, desiredCount: 1, autoScaling: { minCapacity: 2, maxCapacity: 4 } }),
        'SERVICE_AUTOSCALING_RANGE_INVALID',
        'desiredCount 1 outside 2-4',
      );
      expectValidationError(
        () =>
          new Ec2Service(stack, 'c', {
            ...base,
            autoScaling: { minCapacity: 1, maxCapacity: 2, targetMemoryUtilizationPercent: 150 },
          }),
        'SERVICE_AUTOSCALING_TARGET_INVALID',
        'targetMemoryUtilizationPercent',
        '150',
      );
      expectValidationError(
        () =>
          new Ec2Service(stack, 'd', {
            ...base,
            autoScaling: { minCapacity: 1, maxCapacity: 2, scaleInCooldownSeconds: -1 },
          }),
        'SERVICE_AUTOSCALING_COOLDOWN_INVALID',
        'scaleInCooldownSeconds',
      );
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
      const registries = single(json, 'aws_ecs_service').service_registries;
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
      expectValidationError(
        () => new Ec2Service(stack, 'a', { ...base, serviceDiscovery: {} }),
        'SERVICE_DISCOVERY_NAMESPACE_INVALID',
        'exactly one of namespaceName',
      );
      expectValidationError(
        () => new Ec2Service(stack, 'b', { ...base, serviceDiscovery: { namespaceName: 'demo..internal' } }),
        'SERVICE_DISCOVERY_NAMESPACE_INVALID',
        '"demo..internal"',
      );
      expectValidationError(
        () =>
          new Ec2Service(stack, 'c', {
            ...base,
            serviceName: 'my_web',
            serviceDiscovery: { namespaceName: 'demo.internal' },
          }),
        'SERVICE_DISCOVERY_NAME_INVALID',
        '"my_web"',
        'underscores',
      );
      expectValidationError(
        () =>
          new Ec2Service(stack, 'e', {
            ...base,
            serviceDiscovery: { namespaceName: 'demo.internal', dnsTtlSeconds: -1 },
          }),
        'SERVICE_DISCOVERY_TTL_INVALID',
        'Ec2Service.serviceDiscovery.dnsTtlSeconds',
        '-1',
      );
      const noPort = new TaskDefinition(stack, 'np', {
        family: 'np',
        networkMode: NetworkMode.BRIDGE,
        containers: [{ name: 'worker', image: 'busybox', memory: 64 }],
      });
      expectValidationError(
        () =>
          new Ec2Service(stack, 'd', {
            ...base,
            taskDefinition: noPort,
            serviceDiscovery: { namespaceName: 'demo.internal' },
          }),
        'SERVICE_DISCOVERY_PORT_MISSING',
        'SRV records',
      );
    });
  });

  test('takes a grace period (with a container health check), extra dependencies and tags', () => {
    const { app, stack, td } = setup({
      containers: [{ ...NGINX, healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] } }],
    });
    const extra = new CloudwatchLogGroup(stack, 'extra', { name: 'x' });
    new Ec2Service(stack, 'web', {
      cluster: cluster(),
      taskDefinition: td,
      serviceName: 'web',
      healthCheckGracePeriodSeconds: 120,
      dependsOn: [extra],
      tags: { team: 'platform' },
    });
    const svc = single(synthToDir(app).json, 'aws_ecs_service');
    expect(svc).toMatchObject({
      health_check_grace_period_seconds: 120,
      tags: { team: 'platform' },
      propagate_tags: 'SERVICE',
      enable_ecs_managed_tags: true,
    });
    expect(svc.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\.extra/)]);
    const { stack: s2, td: td2 } = setup();
    expectValidationError(
      () =>
        new Ec2Service(s2, 'web', {
          cluster: cluster(),
          taskDefinition: td2,
          serviceName: 'web',
          healthCheckGracePeriodSeconds: -5,
        }),
      'SERVICE_GRACE_PERIOD_INVALID',
      'Ec2Service.healthCheckGracePeriodSeconds',
      '-5',
    );
  });

  test('uses a real cluster resource too', () => {
    const { app, stack, td } = setup();
    const res = new EcsCluster(stack, 'c', { name: 'demo' });
    new Ec2Service(stack, 'web', { cluster: cluster({ clusterArn: res.arn }), taskDefinition: td, serviceName: 'web' });
    expect(single(synthToDir(app).json, 'aws_ecs_service').cluster).toMatch(/aws_ecs_cluster\.c\.arn/);
  });
});
