import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import type { ICluster } from '../../modules/compute/compute-ref';
import { ContainerSecurityGroup } from '../../modules/security';
import { Ec2Service, NetworkMode, PlacementStrategy, TaskDefinition, TaskOsFamily } from '../../modules/service';

import { resourcesOfType, synthToDir } from '../support/synth';
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
import { iisService, setup, synth, webService } from './ec2-service-fixture';

describe('Ec2Service defaults', () => {
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
    const service = webService(stack, td, { cluster: c, desiredCount: 2 });
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
});

describe('Ec2Service capacity and network', () => {
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
    const service = webService(stack, td, { cluster: c });
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
    expect(a).toHaveProperty('network_configuration.subnets', ['subnet-0a1b2c3d']);
    expect(a).toHaveProperty('network_configuration.security_groups', [
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
    webService(stack, td, { cluster: c });
    expect(single(synthToDir(app).json, 'aws_ecs_service').depends_on).toEqual([
      expect.stringMatching(/^aws_cloudwatch_log_group\.stand-in/),
    ]);
  });

  test('places Windows tasks on Windows capacity', () => {
    const c = cluster({ capacityProviders: [linuxProvider(), windowsProvider()] });
    const { app, stack } = setup();
    iisService(stack, c);
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
    expect(
      () => new Ec2Service(stack, 'iis', { cluster: cluster(), taskDefinition: iis, serviceName: 'iis' }),
    ).toThrowProblem(
      'SERVICE_OS_MISMATCH',
      'Ec2Service.capacityProvider',
      '"demo-linux" (LINUX instances)',
      'a WINDOWS capacity provider',
    );
  });
});

describe('Ec2Service refusals and warnings', () => {
  test('fails when assignPublicIp is on', () => {
    const { stack, td } = setup();
    expect(() => webService(stack, td, { assignPublicIp: true })).toThrowProblem(
      'SERVICE_PUBLIC_IP_UNSUPPORTED',
      'Ec2Service.assignPublicIp',
      'never get public IPs',
    );
  });

  test('fails when a bridge-mode service is given subnets', () => {
    const { stack } = setup();
    const td = new TaskDefinition(stack, 'b', { family: 'b', containers: [NGINX], networkMode: NetworkMode.BRIDGE });
    expect(() => webService(stack, td, { subnets: PRIVATE_SUBNETS })).toThrowProblem(
      'SERVICE_NETWORK_CONFIGURATION_NOT_AWSVPC',
      'Ec2Service.subnets',
      'bridge-mode task',
      'only with NetworkMode.AWSVPC',
    );
  });

  test('fails when six security groups would be attached', () => {
    const { stack, td } = setup();
    const ids = ['b', 'c', 'd', 'e', 'f'].map((x) => `sg-0${x.repeat(16)}`);
    expect(() => webService(stack, td, { additionalSecurityGroupIds: ids })).toThrowProblem(
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
    expect(() => webService(stack, td, { securityGroup: other })).toThrowProblem(
      'SERVICE_SECURITY_GROUP_OTHER_VPC',
      '"vpc-0fffffffffffffff0"',
    );
  });

  test('fails when a host-mode service wants more tasks than instances, and warns when deployments would stall', () => {
    const { stack } = setup();
    const host = new TaskDefinition(stack, 'h', { family: 'h', containers: [NGINX], networkMode: NetworkMode.HOST });
    expect(() => webService(stack, host, { desiredCount: 5 })).toThrowProblem(
      'SERVICE_HOST_PORTS_EXHAUSTED',
      'Ec2Service.desiredCount',
      '5 tasks on "demo-linux" (at most 4 instances)',
      'RESOURCE:PORTS',
    );
    const ok = webService(stack, host, { serviceName: 'ok', desiredCount: 4 }, 'ok');
    expect(warningsOf(ok)).toEqual([expect.stringContaining('[SERVICE_HOST_PORTS_DEPLOYMENT_STALLS]')]);
    const bridgeStatic = new TaskDefinition(stack, 'bs', {
      family: 'bs',
      networkMode: NetworkMode.BRIDGE,
      containers: [{ ...NGINX, portMappings: [{ containerPort: 80, hostPort: 80 }] }],
    });
    expect(() => webService(stack, bridgeStatic, { serviceName: 'bs', desiredCount: 6 }, 'bs-svc')).toThrowProblem(
      'SERVICE_HOST_PORTS_EXHAUSTED',
      'bridge mode',
    );
    const bridgeDynamic = new TaskDefinition(stack, 'bd', {
      family: 'bd',
      networkMode: NetworkMode.BRIDGE,
      containers: [NGINX],
    });
    expect(() => webService(stack, bridgeDynamic, { serviceName: 'bd', desiredCount: 6 }, 'bd-svc')).not.toThrow();
  });

  test('warns when task ENIs are put in public subnets', () => {
    const { service } = synth({ subnets: PUBLIC_SUBNETS });
    expect(warningsOf(service)).toEqual([expect.stringContaining('[SERVICE_TASKS_IN_PUBLIC_SUBNETS]')]);
  });
});

describe('Ec2Service extras', () => {
  test('takes a grace period (with a container health check), extra dependencies and tags', () => {
    const { app, stack, td } = setup({
      containers: [{ ...NGINX, healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] } }],
    });
    const extra = new CloudwatchLogGroup(stack, 'extra', { name: 'x' });
    webService(stack, td, { healthCheckGracePeriodSeconds: 120, dependsOn: [extra], tags: { team: 'platform' } });
    const svc = single(synthToDir(app).json, 'aws_ecs_service');
    expect(svc).toMatchObject({
      health_check_grace_period_seconds: 120,
      tags: { team: 'platform' },
      propagate_tags: 'SERVICE',
      enable_ecs_managed_tags: true,
    });
    expect(svc.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\.extra/)]);
    const { stack: s2, td: td2 } = setup();
    expect(() => webService(s2, td2, { healthCheckGracePeriodSeconds: -5 })).toThrowProblem(
      'SERVICE_GRACE_PERIOD_INVALID',
      'Ec2Service.healthCheckGracePeriodSeconds',
      '-5',
    );
  });

  test('uses a real cluster resource too', () => {
    const { app, stack, td } = setup();
    const res = new EcsCluster(stack, 'c', { name: 'demo' });
    webService(stack, td, { cluster: cluster({ clusterArn: res.arn }) });
    expect(single(synthToDir(app).json, 'aws_ecs_service').cluster).toMatch(/aws_ecs_cluster\.c\.arn/);
  });
});
