/**
 * Capacity built in: an app written only from the constructs (Network, EcsCluster and its capacity
 * providers, TaskDefinition, Ec2Service), with no capacity-specific call, fails its synth on an ENI
 * over-commit, trunking on a type that cannot trunk, a subnet too small, a mistyped instance size and
 * host ports that do not fit; opting out takes a reason; imported clusters are checked as far as
 * their attributes tell.
 */
import { App, DataTerraformRemoteStateLocal, TerraformStack } from 'cdktf';
import { CapacityCheck, TrunkingAccountSetting } from '../../modules/capacity';
import {
  Ec2CapacityProvider,
  Ec2CapacityProviderOptions,
  EcsCluster,
  EcsClusterProps,
  ICapacityProvider,
  ICluster,
} from '../../modules/compute';
import { ValidationError } from '../../modules/core';
import { NatGatewayMode, Network, NetworkProps } from '../../modules/network';
import { Ec2Service, Ec2ServiceProps, NetworkMode, TaskDefinition } from '../../modules/service';
import { newTestStack, synthToDir } from '../support/synth';
import { fakeNetwork } from './fixtures';
import { thrownValidationError } from '../support/problem-matcher';

/** A user's app: a network, a cluster with one capacity provider, nothing capacity-specific. */
function userApp(
  options: {
    network?: Partial<NetworkProps>;
    cluster?: Partial<EcsClusterProps>;
    provider?: Partial<Ec2CapacityProviderOptions>;
  } = {},
) {
  const { app, stack } = newTestStack();
  const network = new Network(stack, 'network', {
    namePrefix: 'shop',
    availabilityZoneCount: 2,
    natGatewayMode: NatGatewayMode.SINGLE,
    ...options.network,
  });
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'shop', network, ...options.cluster });
  const provider = cluster.addCapacityProvider('general', {
    capacityProviderName: 'shop-general',
    instanceType: 'm5.large',
    maxSize: 2,
    trunking: false,
    ...options.provider,
  });
  const service = (
    name: string,
    props: Partial<Ec2ServiceProps> = {},
    networkMode = NetworkMode.AWSVPC,
    hostPort?: number,
  ) => {
    const task = new TaskDefinition(stack, `${name}-task`, {
      family: name,
      networkMode,
      containers: [
        {
          name,
          image: 'public.ecr.aws/nginx/nginx:1.27',
          memory: 256,
          portMappings: [{ containerPort: 80, ...(hostPort !== undefined ? { hostPort } : {}) }],
        },
      ],
    });
    return new Ec2Service(stack, name, { cluster, taskDefinition: task, serviceName: name, ...props });
  };
  return { app, stack, network, cluster, provider, service };
}

function warnings(app: App): string[] {
  return app.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

describe('EcsCluster capacity checks, with no call from the user', () => {
  test('fail the synth when awsvpc tasks need more ENIs than the instances have (12 tasks on two m5.large without trunking)', () => {
    const { app, service } = userApp();
    service('api', { desiredCount: 6 }); // 6 tasks, 12 during a deployment (maximum percent 200)
    const e = thrownValidationError(() => app.synth());
    expect(e.problems).toHaveLength(1);
    expect(e).toMatchObject({ code: 'CAPACITY_ENI_OVERCOMMITTED', path: 'capacityProviders["shop-general"]' });
    expect(e.received).toBe('12 awsvpc tasks at peak: service "api" 12 (ceil(6 x 200%) = 12)');
    expect(e.allowed).toBe(
      'at most 4: 2 instances (ASG maximum) x 2 awsvpc tasks per m5.large without trunking (3 ENIs, one for the primary interface)',
    );
    expect(e.fix).toContain('turn ENI trunking on (awsvpcTrunking): a m5.large then runs 10 awsvpc tasks, capacity 20');
    expect(e.fix).toContain('raise the ASG maximum to at least 6');
  });

  test('pass when the same tasks fit, and report them', () => {
    const { app, cluster, service } = userApp({ provider: { maxSize: 4 } });
    service('api', { desiredCount: 3 });
    synthToDir(app);
    const [p] = cluster.capacityReport().capacityProviders;
    expect(p).toMatchObject({ capacityProvider: 'shop-general', capacity: 8, demand: 6, headroom: 0.25, status: 'ok' });
    expect(warnings(app)).toEqual([]);
  });

  test('fail the synth on trunking with a type that never trunks (t2.micro): an error, not only a warning', () => {
    const { app, service } = userApp({
      provider: { instanceType: 't2.micro', trunking: true },
      cluster: { capacityChecks: { trunkingAccountSetting: TrunkingAccountSetting.DECLARED_ELSEWHERE } },
    });
    service('api', { desiredCount: 1 });
    const e = thrownValidationError(() => app.synth());
    expect(e.problems.map((p) => p.code)).toEqual(['CAPACITY_TRUNKING_UNSUPPORTED']);
    expect(e).toMatchObject({ path: 'capacityProviders["shop-general"].instanceType', received: '"t2.micro"' });
    expect(e.allowed).toContain('an instance type that supports ENI trunking; not the t2 family');
    expect(e.fix).toBe('turn trunking off and size the ASG for the untrunked limit');
  });

  test('fail the synth when a subnet has too few addresses (20 tasks in /28 subnets)', () => {
    const { app, service } = userApp({
      network: {
        vpcCidr: '10.0.0.0/24',
        publicSubnetCidrs: ['10.0.0.128/28', '10.0.0.144/28'],
        privateSubnetCidrs: ['10.0.0.0/28', '10.0.0.16/28'],
      },
      provider: { instanceType: 'c5.large', trunking: true, maxSize: 4 },
      cluster: { capacityChecks: { trunkingAccountSetting: TrunkingAccountSetting.DECLARED_ELSEWHERE } },
    });
    service('api', { desiredCount: 10 }); // 20 tasks at peak, 10 per AZ
    const e = thrownValidationError(() => app.synth());
    expect(e.problems.map((p) => [p.code, p.path])).toEqual([
      ['CAPACITY_SUBNET_EXHAUSTED', 'subnets["private-0"]'],
      ['CAPACITY_SUBNET_EXHAUSTED', 'subnets["private-1"]'],
    ]);
    expect(e.received).toMatch(/^needs 14 addresses in AZ 1 \(10 awsvpc tasks \+ 2 instances \+ 2 trunk interfaces/);
    expect(e.allowed).toBe('11 usable addresses in a /28 (16 - 5 reserved by AWS)');
    expect(e.fix).toMatch(/^use a \/27 or larger subnet/);
  });

  test('fail the synth on an instance size the ENI table does not know in a family it knows (m5.lrage), with a suggestion', () => {
    const { app, service } = userApp({ provider: { instanceType: 'm5.lrage' } });
    service('api', { desiredCount: 1 });
    const e = thrownValidationError(() => app.synth());
    expect(e.problems.map((p) => p.code)).toEqual(['CAPACITY_INSTANCE_SIZE_UNKNOWN']);
    expect(e).toMatchObject({ path: 'capacityProviders["shop-general"].instanceType', received: '"m5.lrage"' });
    expect(e.fix).toMatch(/^did you mean "m5\.large"/);
  });

  test('warn on an unknown family and leave the ENI check to Terraform (a postcondition on the instance type)', () => {
    const { app, stack, service } = userApp({ provider: { instanceType: 'c9i.large' } });
    service('api', { desiredCount: 2 });
    const { json } = synthToDir(app);
    expect(warnings(app)).toEqual([
      expect.stringMatching(/^warning CAPACITY_UNKNOWN_INSTANCE_TYPE .*c9i\.large is not in the ENI table/),
    ]);
    const checks = Object.values(json.data?.aws_ec2_instance_type ?? {});
    expect(checks).toEqual([
      expect.objectContaining({
        instance_type: 'c9i.large',
        lifecycle: {
          postcondition: [
            {
              condition: '${self.maximum_network_interfaces >= 3}',
              error_message: expect.stringContaining('each instance must run 2 awsvpc tasks'),
            },
          ],
        },
      }),
    ]);
    expect(Object.keys(json.data!.aws_ec2_instance_type!)[0]).toMatch(/^cluster_eni-check-shop-general_/);
    expect(stack).toBeDefined();
  });

  test('print the capacity table on request', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { app, service } = userApp({ provider: { maxSize: 4 }, cluster: { capacityChecks: { printTable: true } } });
      service('api', { desiredCount: 1 });
      synthToDir(app);
      expect(log).toHaveBeenCalledTimes(1);
      const text = String(log.mock.calls[0]![0]);
      expect(text).toMatch(/^capacity of test\/cluster:\n {2}capacity provider +instance type/);
      expect(text).toMatch(/shop-general +m5\.large +off +2 +10 +4 +8 +2 +75% +ok/);
    } finally {
      log.mockRestore();
    }
  });

  test('print nothing unless asked, and give the table on request (capacityTable)', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { app, cluster, service } = userApp({ provider: { maxSize: 4 } });
      service('api', { desiredCount: 1 });
      synthToDir(app);
      expect(log).not.toHaveBeenCalled();
      expect(cluster.capacityTable()).toMatch(/^capacity provider .*\nshop-general +m5\.large/);
    } finally {
      log.mockRestore();
    }
  });
});

describe('opting out of a capacity check', () => {
  test('takes a written reason, and keeps the finding in the report as a skipped warning', () => {
    const { app, cluster, service } = userApp({
      cluster: {
        capacityChecks: { skip: [CapacityCheck.ENI_BUDGET], reason: 'tasks move to Fargate before the next release' },
      },
    });
    service('api', { desiredCount: 6 });
    synthToDir(app);
    expect(warnings(app)).toEqual([]);
    const [d] = cluster.capacityReport().diagnostics;
    expect(d).toMatchObject({ severity: 'warning', code: 'CAPACITY_ENI_OVERCOMMITTED' });
    expect(d!.message).toMatch(
      /^Skipped check ENI_BUDGET \(tasks move to Fargate before the next release\): Capacity provider "shop-general" runs out of ENIs/,
    );
  });

  test('skips only the named check', () => {
    const { app, service } = userApp({
      provider: { instanceType: 't2.micro', trunking: true, maxSize: 1 },
      cluster: {
        capacityChecks: { skip: [CapacityCheck.TRUNKING_PREFLIGHT], reason: 'the t2 pool is being replaced by c5' },
      },
    });
    service('api', { desiredCount: 2 });
    expect(thrownValidationError(() => app.synth()).problems.map((p) => p.code)).toEqual([
      'CAPACITY_ENI_OVERCOMMITTED',
    ]);
  });

  test('treats a mistyped size as an unknown type when INSTANCE_TYPE is skipped: a warning and the plan-time check', () => {
    const { app, service } = userApp({
      provider: { instanceType: 'm5.lrage' },
      cluster: {
        capacityChecks: { skip: [CapacityCheck.INSTANCE_TYPE], reason: 'a size AWS launched after the ENI table' },
      },
    });
    service('api', { desiredCount: 1 });
    const { json } = synthToDir(app);
    expect(Object.values(json.data?.aws_ec2_instance_type ?? {})).toHaveLength(1);
    expect(warnings(app)).toEqual([expect.stringMatching(/CAPACITY_UNKNOWN_INSTANCE_TYPE/)]);
  });

  test('fails without a reason, with too short a reason, with a reason and nothing to skip, or an unknown check', () => {
    const { stack } = newTestStack();
    const network = fakeNetwork();
    const make = (capacityChecks: EcsClusterProps['capacityChecks'], id: string) =>
      thrownValidationError(() => new EcsCluster(stack, id, { clusterName: id, network, capacityChecks }));
    expect(make({ skip: [CapacityCheck.SUBNET_BUDGET] }, 'a')).toMatchObject({
      code: 'CAPACITY_CHECKS_REASON_MISSING',
      path: 'EcsCluster.capacityChecks.reason',
    });
    const short = make({ skip: [CapacityCheck.SUBNET_BUDGET], reason: 'because' }, 'b');
    expect(short).toMatchObject({
      code: 'CAPACITY_CHECKS_REASON_TOO_SHORT',
      received: '"because"',
      allowed: 'at least 10 characters',
    });
    expect(make({ reason: 'no check named here at all' }, 'c').code).toBe('CAPACITY_CHECKS_REASON_UNUSED');
    const bad = make(
      {
        skip: ['ENI' as CapacityCheck, CapacityCheck.HOST_PORTS, CapacityCheck.HOST_PORTS],
        reason: 'a reason long enough',
        subnetSkew: 0.5,
      },
      'd',
    );
    expect(bad.problems.map((p) => [p.code, p.path])).toEqual([
      ['CAPACITY_CHECKS_SKIP_INVALID', 'EcsCluster.capacityChecks.skip[0]'],
      ['CAPACITY_CHECKS_SKIP_INVALID', 'EcsCluster.capacityChecks.skip[2]'],
      ['CAPACITY_SKEW_INVALID', 'EcsCluster.capacityChecks.subnetSkew'],
    ]);
  });
});

describe('the default capacity provider strategy', () => {
  test('applies to services that name no provider; demand splits by base and weight and each provider is checked', () => {
    const { app, stack, cluster, provider } = userApp({ provider: { instanceType: 'c5.large', maxSize: 2 } });
    const spot = cluster.addCapacityProvider('spot', {
      capacityProviderName: 'shop-spot',
      instanceType: 'c5.large',
      maxSize: 2,
      trunking: false,
    });
    cluster.addDefaultCapacityProviderStrategy([
      { capacityProvider: provider, base: 2, weight: 1 },
      { capacityProvider: spot, weight: 1 },
    ]);
    const task = new TaskDefinition(stack, 'task', {
      family: 'api',
      containers: [{ name: 'api', image: 'public.ecr.aws/nginx/nginx:1.27', memory: 256 }],
    });
    const service = new Ec2Service(stack, 'api', {
      cluster,
      taskDefinition: task,
      serviceName: 'api',
      desiredCount: 5,
    });
    expect(service.capacityProviderStrategy.map((s) => s.capacityProvider)).toEqual([provider, spot]);
    // 10 tasks at peak: 2 on the base, then 8 by weight 1:1 -> 6 on shop-general, 4 on shop-spot (capacity 4 each).
    const report = cluster.capacityReport();
    expect(report.capacityProviders.map((p) => [p.capacityProvider, p.demand, p.capacity, p.status])).toEqual([
      ['shop-general', 6, 4, 'error'],
      ['shop-spot', 4, 4, 'warning'],
    ]);
    expect(report.capacityProviders[0]!.services[0]!.formula).toBe(
      'ceil(5 x 200%) = 10 -> 6 here (base 2, weight 1/2)',
    );
    const e = thrownValidationError(() => app.synth());
    expect(e.problems.map((p) => [p.code, p.path])).toEqual([
      ['CAPACITY_ENI_OVERCOMMITTED', 'capacityProviders["shop-general"]'],
    ]);
    expect(e.received).toContain('service "api" 6 (ceil(5 x 200%) = 10 -> 6 here (base 2, weight 1/2))');
  });

  test('cannot change after services took it', () => {
    const { cluster, provider, service } = userApp();
    service('api');
    const e = thrownValidationError(() =>
      cluster.addDefaultCapacityProviderStrategy([{ capacityProvider: provider, weight: 2 }]),
    );
    expect(e.code).toBe('COMPUTE_STRATEGY_AFTER_SERVICES');
    expect(e.received).toContain('"api"');
  });
});

describe('services without awsvpc', () => {
  test('take no ENIs and no subnet addresses', () => {
    const { app, cluster, service } = userApp({ provider: { maxSize: 3 } });
    service('bridge', { desiredCount: 20 }, NetworkMode.BRIDGE, 0);
    service('host', { desiredCount: 3 }, NetworkMode.HOST);
    synthToDir(app);
    const report = cluster.capacityReport();
    expect(report.capacityProviders[0]).toMatchObject({ demand: 0, status: 'ok' });
    expect(
      report.capacityProviders[0]!.services.map((s) => [s.service, s.networkMode, s.peakTasks, s.awsvpcTasks]),
    ).toEqual([
      ['bridge', 'bridge', 40, 0],
      ['host', 'host', 6, 0],
    ]);
    expect(report.subnets.map((s) => s.needed)).toEqual([2, 2]); // the instances only
  });

  test('run one task per instance per static host port, across services', () => {
    const { app, service } = userApp({ provider: { maxSize: 3 } });
    service('a', { desiredCount: 2 }, NetworkMode.HOST);
    service('b', { desiredCount: 2, minHealthyPercent: 50 }, NetworkMode.BRIDGE, 80);
    service('c', { desiredCount: 5 }, NetworkMode.BRIDGE, 0); // dynamic host ports: no limit
    const e = thrownValidationError(() => app.synth());
    expect(e.problems.map((p) => p.code)).toEqual(['CAPACITY_HOST_PORTS_EXHAUSTED']);
    expect(e.received).toBe('4 tasks binding host port 80/tcp: service "a" 2, service "b" 2');
    expect(e.allowed).toBe('at most 3: one task per instance per static host port, 3 instances (ASG maximum)');
  });
});

describe('imported clusters', () => {
  const ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/shared';
  const attrs = (over: Record<string, unknown> = {}) => ({
    capacityProviderName: 'shared-general',
    instanceType: 'c5.large',
    maxSize: 2,
    trunking: false,
    subnets: fakeNetwork().privateSubnets,
    instanceSecurityGroupId: 'sg-0123456789abcdef0',
    ...over,
  });
  function run(cluster: ICluster, stack: TerraformStack, props: Partial<Ec2ServiceProps> = {}) {
    const task = new TaskDefinition(stack, 'task', {
      family: 'orders',
      containers: [{ name: 'orders', image: 'nginx:1.27', memory: 256 }],
    });
    return new Ec2Service(stack, 'orders', { cluster, taskDefinition: task, serviceName: 'orders', ...props });
  }

  test("check this app's services against the capacity providers they are given", () => {
    const { app, stack } = newTestStack();
    const provider = Ec2CapacityProvider.fromAttributes(stack, 'general', attrs());
    const cluster = EcsCluster.fromAttributes(stack, 'cluster', {
      clusterName: 'shared',
      clusterArn: ARN,
      network: fakeNetwork(),
      capacityProviders: [provider],
    });
    run(cluster, stack, { desiredCount: 3 });
    const e = thrownValidationError(() => app.synth());
    expect(e).toMatchObject({ code: 'CAPACITY_ENI_OVERCOMMITTED', path: 'capacityProviders["shared-general"]' });
    expect(e.received).toBe('6 awsvpc tasks at peak: service "orders" 6 (ceil(3 x 200%) = 6)');
  });

  test('follow the default strategy they are given', () => {
    const { stack } = newTestStack();
    const a = Ec2CapacityProvider.fromAttributes(stack, 'a', attrs({ capacityProviderName: 'a', maxSize: 10 }));
    const b = Ec2CapacityProvider.fromAttributes(stack, 'b', attrs({ capacityProviderName: 'b', maxSize: 10 }));
    const cluster = EcsCluster.fromAttributes(stack, 'cluster', {
      clusterName: 'shared',
      clusterArn: ARN,
      network: fakeNetwork(),
      capacityProviders: [a, b],
      defaultCapacityProviderStrategy: [{ capacityProvider: b, weight: 1 }],
    });
    run(cluster, stack, { desiredCount: 2 });
    expect(cluster.capacityReport().capacityProviders.map((p) => [p.capacityProvider, p.demand])).toEqual([
      ['a', 0],
      ['b', 4],
    ]);
  });

  test('skip, with a warning and without crashing, what they cannot know', () => {
    const { app, stack } = newTestStack();
    const platform = new DataTerraformRemoteStateLocal(stack, 'platform', { path: 'platform.tfstate' });
    // A provider the cluster does not list, and one whose facts are references.
    const unlisted: ICapacityProvider = Ec2CapacityProvider.fromAttributes(
      stack,
      'unlisted',
      attrs({ capacityProviderName: 'unlisted' }),
    );
    const opaque = Ec2CapacityProvider.fromAttributes(
      stack,
      'opaque',
      attrs({
        capacityProviderName: platform.getString('provider'),
        instanceType: platform.getString('type'),
      }),
    );
    const bare = EcsCluster.fromAttributes(stack, 'bare', {
      clusterName: 'shared',
      clusterArn: ARN,
      network: fakeNetwork(),
    });
    run(bare, stack, { capacityProvider: unlisted, desiredCount: 50 });
    const cluster = EcsCluster.fromAttributes(stack, 'cluster', {
      clusterName: 'shared',
      clusterArn: ARN,
      network: fakeNetwork({ privateSubnets: [{ subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a' }] }),
      capacityProviders: [opaque],
    });
    const task = new TaskDefinition(stack, 'task2', {
      family: 'web',
      containers: [{ name: 'web', image: 'nginx:1.27', memory: 256 }],
    });
    new Ec2Service(stack, 'web', { cluster, taskDefinition: task, serviceName: 'web', desiredCount: 50 });
    synthToDir(app);
    const text = warnings(app).join('\n');
    expect(text).toMatch(
      /CAPACITY_DEMAND_UNPLACED services\["orders"\]: Service "orders" is left out of the capacity checks/,
    );
    expect(text).toMatch(/CAPACITY_PROVIDER_UNRESOLVED/);
    expect(cluster.capacityReport().subnets).toEqual([]);
  });
});

test('a ValidationError, not a crash, is what the synth throws', () => {
  const { app, service } = userApp();
  service('api', { desiredCount: 6 });
  expect(ValidationError.isValidationError(thrownValidationError(() => app.synth()))).toBe(true);
});
