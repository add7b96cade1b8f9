import { resourcesOfType, newTestStack, synthToDir } from '../support/synth';
import {
  Ec2CapacityProvider,
  EcsCluster,
  EcsOptimizedAmi,
  type MixedInstancesPolicy,
  mixedInstancesProblems,
  SpotAllocationStrategy,
} from '../../modules/compute';
import { CpuArchitecture } from '../../modules/core/platform';
import { fakeNetwork, newCluster, only } from './fixtures';

const SPOT = {
  instanceTypes: ['c5.xlarge', 'm5.large', 'c5.large'],
  onDemandBaseCapacity: 1,
  onDemandPercentageAboveBaseCapacity: 0,
};

function spotProvider(policy: MixedInstancesPolicy = SPOT, extra: Record<string, unknown> = {}) {
  const { app, stack } = newTestStack();
  const cluster = newCluster(stack);
  const provider = cluster.addCapacityProvider('spot', { maxSize: 4, mixedInstancesPolicy: policy, ...extra });
  return { app, cluster, provider };
}

describe('Ec2CapacityProvider with a mixed instances policy (Spot)', () => {
  const { app, provider } = spotProvider();
  const json = synthToDir(app).json;
  const asg = only(resourcesOfType(json, 'aws_autoscaling_group'));

  test('writes the mixed instances policy with an override per type, and capacity rebalance', () => {
    expect(asg.launch_template).toBeUndefined();
    expect(asg.capacity_rebalance).toBe(true);
    expect(asg).toHaveProperty('mixed_instances_policy.instances_distribution', {
      on_demand_base_capacity: 1,
      on_demand_percentage_above_base_capacity: 0,
      spot_allocation_strategy: 'price-capacity-optimized',
    });
    expect(asg).toHaveProperty('mixed_instances_policy.launch_template.override', [
      { instance_type: 'c5.xlarge' },
      { instance_type: 'm5.large' },
      { instance_type: 'c5.large' },
    ]);
    const lt = only(resourcesOfType(json, 'aws_launch_template'));
    expect(lt.instance_type).toBeUndefined();
  });

  test('turns Spot draining on in the agent configuration', () => {
    expect(provider.userDataScript).toContain('ECS_ENABLE_SPOT_INSTANCE_DRAINING=true');
  });

  test('counts the group as its smallest type, and reports the mix to the cluster', () => {
    expect(provider).toMatchObject({ instanceType: 'm5.large', spot: true });
    expect(provider.instanceTypes).toEqual(SPOT.instanceTypes);
  });

  test('leaves Spot draining and rebalance off for an on-demand-only mix', () => {
    const onDemand = spotProvider({ instanceTypes: ['c5.large', 'm5.large'] }).provider;
    expect(onDemand.spot).toBe(false);
    expect(onDemand.userDataScript).not.toContain('SPOT');
    expect(onDemand.mixedInstancesPolicy?.capacityRebalance).toBe(false);
  });

  test('shows the Spot group in the capacity report', () => {
    const { cluster } = spotProvider();
    const [p] = cluster.capacityReport().capacityProviders;
    expect(p).toMatchObject({ instanceType: 'm5.large', instanceTypes: SPOT.instanceTypes, spot: true });
    expect(cluster.capacityTable()).toContain('m5.large (smallest of 3, Spot)');
  });
});

describe('mixed instances policy checks', () => {
  test('refuses types of different architectures', () => {
    expect(() => spotProvider({ ...SPOT, instanceTypes: ['c5.large', 'c7g.large'] })).toThrowProblem(
      'COMPUTE_MIXED_INSTANCE_ARCHITECTURES',
      'mixedInstancesPolicy.instanceTypes',
      'c7g.large (ARM64)',
    );
  });

  test('refuses a type whose architecture is not the AMI', () => {
    expect(() =>
      spotProvider(
        { ...SPOT, instanceTypes: ['c7g.large', 'm7g.large'] },
        { machineImage: EcsOptimizedAmi.amazonLinux2023({ architecture: CpuArchitecture.X86_64 }) },
      ),
    ).toThrowProblem('COMPUTE_AMI_ARCHITECTURE_MISMATCH');
  });

  test('refuses a percentage outside 0-100', () => {
    expect(() => spotProvider({ ...SPOT, onDemandPercentageAboveBaseCapacity: 120 })).toThrowProblem(
      'COMPUTE_ON_DEMAND_PERCENTAGE_INVALID',
      'onDemandPercentageAboveBaseCapacity',
      '120',
    );
  });

  test('refuses an empty type list', () => {
    expect(() => spotProvider({ ...SPOT, instanceTypes: [] })).toThrowProblem(
      'COMPUTE_MIXED_INSTANCE_TYPES_INVALID',
      'mixedInstancesPolicy.instanceTypes',
      '0 instance types',
    );
  });

  test('refuses a provider with neither an instance type nor a mix', () => {
    const { stack } = newTestStack();
    expect(() => newCluster(stack).addCapacityProvider('none', { maxSize: 2 })).toThrowProblem(
      'COMPUTE_INSTANCE_TYPE_MISSING',
    );
  });

  test('names every other problem of the policy at once', () => {
    const problems = mixedInstancesProblems(
      {
        instanceTypes: ['c5.large', 'c5.large', 'C5'],
        onDemandBaseCapacity: -1,
        spotAllocationStrategy: 'cheapest' as SpotAllocationStrategy,
      },
      'm5.large',
      'P',
    );
    expect(problems.map((p) => p.code).sort()).toEqual([
      'COMPUTE_INSTANCE_TYPE_INVALID',
      'COMPUTE_MIXED_INSTANCE_TYPES_INVALID',
      'COMPUTE_MIXED_INSTANCE_TYPE_NOT_LISTED',
      'COMPUTE_ON_DEMAND_BASE_INVALID',
      'COMPUTE_SPOT_ALLOCATION_STRATEGY_INVALID',
    ]);
  });
});

describe('an imported mixed instances (Spot) group', () => {
  test("is counted as its smallest type by the importing cluster's capacity checks", () => {
    const { stack } = newTestStack();
    const network = fakeNetwork();
    const provider = Ec2CapacityProvider.fromAttributes(stack, 'spot', {
      capacityProviderName: 'shared-spot',
      instanceType: 'c5.xlarge',
      instanceTypes: ['c5.xlarge', 't3.medium'],
      spot: true,
      maxSize: 3,
      subnets: network.privateSubnets,
      instanceSecurityGroupId: 'sg-0123456789abcdef0',
    });
    const cluster = EcsCluster.fromAttributes(stack, 'cluster', {
      clusterName: 'shared',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/shared',
      network,
      capacityProviders: [provider],
    });
    const [p] = cluster.capacityReport().capacityProviders;
    expect(p).toMatchObject({ instanceType: 't3.medium', spot: true, tasksPerInstance: 2, capacity: 6 });
  });

  test('refuses a malformed type of the mix', () => {
    const { stack } = newTestStack();
    expect(() =>
      Ec2CapacityProvider.fromAttributes(stack, 'spot', {
        capacityProviderName: 'shared-spot',
        instanceType: 'c5.large',
        instanceTypes: ['c5.large', 'C5 LARGE'],
        maxSize: 3,
        subnets: fakeNetwork().privateSubnets,
        instanceSecurityGroupId: 'sg-0123456789abcdef0',
      }),
    ).toThrowProblem('COMPUTE_INSTANCE_TYPE_INVALID', 'fromAttributes.instanceTypes[1]');
  });
});
