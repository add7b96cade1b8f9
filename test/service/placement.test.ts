import {
  Ec2Service,
  type Ec2ServiceProps,
  PlacementConstraint,
  PlacementStrategy,
  SchedulingStrategy,
  TaskDefinition,
} from '../../modules/service';
import { newTestStack, synthToDir } from '../support/synth';
import { cluster, linuxProvider, NGINX, single, windowsProvider } from './fixtures';

const onDemand = linuxProvider({ capacityProviderName: 'on-demand' });
const spot = linuxProvider({ capacityProviderName: 'spot', instanceType: 'm5.large', spot: true });

function service(props: Partial<Ec2ServiceProps> = {}, synth = true) {
  const { app, stack } = newTestStack();
  const c = props.cluster ?? cluster({ capacityProviders: [onDemand, spot] });
  const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX] });
  const svc = new Ec2Service(stack, 'web', { cluster: c, taskDefinition: td, serviceName: 'web', ...props });
  return { svc, demands: (c as ReturnType<typeof cluster>).demands, json: synth ? synthToDir(app).json : undefined };
}

describe('Ec2Service placement', () => {
  test('writes the placement strategies and constraints in order', () => {
    const { json, demands } = service({
      placementStrategies: [PlacementStrategy.spreadAcrossAvailabilityZones(), PlacementStrategy.packedByMemory()],
      placementConstraints: [
        PlacementConstraint.distinctInstance(),
        PlacementConstraint.memberOf('attribute:ecs.instance-type =~ c5.*'),
      ],
    });
    const svc = single(json!, 'aws_ecs_service');
    expect(svc.ordered_placement_strategy).toEqual([
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ]);
    expect(svc.placement_constraints).toEqual([
      { type: 'distinctInstance' },
      { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ c5.*' },
    ]);
    expect(demands[0]).toMatchObject({ distinctInstance: true });
  });

  test('keeps the preset strategies, and builds the others from factories', () => {
    expect(PlacementStrategy.SPREAD_ACROSS_AZS_THEN_BINPACK_MEMORY.items).toEqual([
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ]);
    expect(PlacementStrategy.spreadAcrossInstances().items).toEqual([{ type: 'spread', field: 'instanceId' }]);
    expect(PlacementStrategy.spreadBy('ecs.instance-type').items).toEqual([
      { type: 'spread', field: 'attribute:ecs.instance-type' },
    ]);
    expect(PlacementStrategy.packedByCpu().items).toEqual([{ type: 'binpack', field: 'cpu' }]);
    expect(PlacementStrategy.randomly().items).toEqual([{ type: 'random' }]);
  });

  test('refuses an empty memberOf expression and more than 5 strategies', () => {
    expect(() => service({ placementConstraints: [PlacementConstraint.memberOf(' ')] }, false)).toThrowProblem(
      'SERVICE_PLACEMENT_EXPRESSION_INVALID',
      'placementConstraints[0].expression',
    );
    const six = Array.from({ length: 6 }, () => PlacementStrategy.randomly());
    expect(() => service({ placementStrategies: six }, false)).toThrowProblem(
      'SERVICE_PLACEMENT_STRATEGY_TOO_MANY',
      '6 placement strategies',
    );
  });
});

describe('Ec2Service capacity provider strategy', () => {
  test('writes several providers by base and weight, and reports the strategy to the cluster', () => {
    const { json, demands } = service({
      desiredCount: 6,
      capacityProviderStrategy: [
        { capacityProvider: onDemand, base: 2, weight: 1 },
        { capacityProvider: spot, weight: 3 },
      ],
    });
    expect(single(json!, 'aws_ecs_service').capacity_provider_strategy).toEqual([
      { capacity_provider: 'on-demand', base: 2, weight: 1 },
      { capacity_provider: 'spot', base: 0, weight: 3 },
    ]);
    expect(demands[0]!.capacityProviderStrategy).toEqual([
      { capacityProvider: 'on-demand', base: 2, weight: 1 },
      { capacityProvider: 'spot', weight: 3 },
    ]);
  });

  test('refuses more than one item with a non-zero base', () => {
    expect(() =>
      service(
        {
          capacityProviderStrategy: [
            { capacityProvider: onDemand, base: 1 },
            { capacityProvider: spot, base: 1 },
          ],
        },
        false,
      ),
    ).toThrowProblem('SERVICE_STRATEGY_BASE_TWICE', 'Ec2Service.capacityProviderStrategy', '"spot" (1)');
  });

  test('refuses weights all zero', () => {
    expect(() => service({ capacityProviderStrategy: [{ capacityProvider: spot, weight: 0 }] }, false)).toThrowProblem(
      'SERVICE_STRATEGY_WEIGHT_ZERO',
    );
  });

  test('refuses a provider the cluster has not adopted', () => {
    const stray = linuxProvider({ capacityProviderName: 'stray' });
    expect(() => service({ capacityProviderStrategy: [{ capacityProvider: stray }] }, false)).toThrowProblem(
      'SERVICE_CAPACITY_PROVIDER_NOT_IN_CLUSTER',
      'capacityProviderStrategy[0].capacityProvider',
      '"stray"',
    );
  });
});

describe('Ec2Service daemon scheduling', () => {
  test('runs one task per instance: EC2 launch type, no desired count, strategy or placement strategy', () => {
    const { json, demands } = service({
      schedulingStrategy: SchedulingStrategy.DAEMON,
      placementConstraints: [PlacementConstraint.memberOf('attribute:ecs.os-type == linux')],
    });
    const svc = single(json!, 'aws_ecs_service');
    expect(svc).toMatchObject({
      scheduling_strategy: 'DAEMON',
      launch_type: 'EC2',
      deployment_minimum_healthy_percent: 0,
    });
    for (const absent of [
      'desired_count',
      'capacity_provider_strategy',
      'ordered_placement_strategy',
      'deployment_maximum_percent',
    ]) {
      expect(svc[absent]).toBeUndefined();
    }
    expect(svc.placement_constraints).toEqual([{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }]);
    expect(demands[0]).toMatchObject({ daemon: true });
    expect(demands[0]!.capacityProviderStrategy).toBeUndefined();
  });

  test('refuses a desired count', () => {
    expect(() => service({ schedulingStrategy: SchedulingStrategy.DAEMON, desiredCount: 2 }, false)).toThrowProblem(
      'SERVICE_DAEMON_DESIRED_COUNT',
      'Ec2Service.desiredCount',
    );
  });

  test('refuses auto scaling', () => {
    expect(() =>
      service(
        { schedulingStrategy: SchedulingStrategy.DAEMON, autoScaling: { minCapacity: 1, maxCapacity: 4 } },
        false,
      ),
    ).toThrowProblem('SERVICE_DAEMON_AUTO_SCALING', 'Ec2Service.autoScaling');
  });

  test('refuses a capacity provider strategy', () => {
    expect(() =>
      service(
        { schedulingStrategy: SchedulingStrategy.DAEMON, capacityProviderStrategy: [{ capacityProvider: spot }] },
        false,
      ),
    ).toThrowProblem('SERVICE_DAEMON_CAPACITY_PROVIDER_STRATEGY', 'Ec2Service.capacityProviderStrategy');
    expect(() =>
      service({ schedulingStrategy: SchedulingStrategy.DAEMON, capacityProvider: spot }, false),
    ).toThrowProblem('SERVICE_DAEMON_CAPACITY_PROVIDER_STRATEGY', 'Ec2Service.capacityProvider');
  });

  test('refuses placement strategies', () => {
    expect(() =>
      service(
        { schedulingStrategy: SchedulingStrategy.DAEMON, placementStrategies: [PlacementStrategy.packedByCpu()] },
        false,
      ),
    ).toThrowProblem('SERVICE_DAEMON_PLACEMENT_STRATEGY', 'Ec2Service.placementStrategies');
  });

  test("runs on the providers of the task's OS only, so a Windows provider in the cluster is no mismatch", () => {
    const windows = windowsProvider();
    const { demands } = service(
      {
        schedulingStrategy: SchedulingStrategy.DAEMON,
        cluster: cluster({ capacityProviders: [onDemand, windows, spot] }),
      },
      false,
    );
    expect(demands[0]!.daemonCapacityProviders).toEqual(['on-demand', 'spot']);
  });
});
