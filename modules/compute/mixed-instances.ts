/**
 * Mixed instances (Spot) for an EC2 capacity provider: several instance types in one Auto Scaling
 * group, an on-demand base and a percentage above it, the Spot allocation strategy and capacity
 * rebalance. The rules are pure; the capacity checks count the group as its smallest type.
 */
import type { AutoscalingGroupMixedInstancesPolicy } from '@cdktf/provider-aws/lib/autoscaling-group';
import { smallestInstanceType } from '../capacity/provider-budget';
import { describeValue, isUnresolved, type Problem } from '../core';
import { architectureOfInstanceType, isWellFormedInstanceType } from '../capacity/instance-type';

/** How the Auto Scaling group picks Spot pools (`spot_allocation_strategy`). */
export enum SpotAllocationStrategy {
  /** Pools with the lowest interruption risk, then the lowest price (AWS's recommendation). */
  PRICE_CAPACITY_OPTIMIZED = 'price-capacity-optimized',
  /** Pools with the most spare capacity. */
  CAPACITY_OPTIMIZED = 'capacity-optimized',
  /** As `CAPACITY_OPTIMIZED`, honouring the order of `instanceTypes` where it can. */
  CAPACITY_OPTIMIZED_PRIORITIZED = 'capacity-optimized-prioritized',
  /** The cheapest pools (the most interruptions). */
  LOWEST_PRICE = 'lowest-price',
}

/** Most instance types (overrides) an Auto Scaling group accepts. */
export const MAX_MIXED_INSTANCE_TYPES = 40;

/** A mixed instances policy: the instance types and how many instances are on-demand or Spot. */
export interface MixedInstancesPolicy {
  /**
   * The instance types the group may launch (`override` blocks), in order of preference. All of
   * one architecture (that of the AMI). The capacity checks count the group as the type that runs
   * the fewest awsvpc tasks per instance, since it may launch only those.
   */
  readonly instanceTypes: readonly string[];
  /**
   * Instances launched on-demand before any Spot instance (`on_demand_base_capacity`).
   * @default 0
   */
  readonly onDemandBaseCapacity?: number;
  /**
   * Percentage of the instances above the base that are on-demand, 0-100
   * (`on_demand_percentage_above_base_capacity`); 0 makes every instance above the base Spot.
   * @default 100 (as AWS: no Spot until you lower it)
   */
  readonly onDemandPercentageAboveBaseCapacity?: number;
  /**
   * How Spot pools are chosen.
   * @default SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED
   */
  readonly spotAllocationStrategy?: SpotAllocationStrategy;
  /**
   * Capacity rebalance: the group launches a replacement when AWS signals that a Spot instance is
   * at elevated risk of interruption (with managed draining, ECS moves the tasks first).
   * @default true when the group can launch Spot instances
   */
  readonly capacityRebalance?: boolean;
}

/** The policy with its defaults applied. */
export interface ResolvedMixedInstancesPolicy {
  readonly instanceTypes: readonly string[];
  readonly onDemandBaseCapacity: number;
  readonly onDemandPercentageAboveBaseCapacity: number;
  readonly spotAllocationStrategy: SpotAllocationStrategy;
  readonly capacityRebalance: boolean;
  /** Whether any instance can be Spot: some percentage above the base, and room above the base. */
  readonly spot: boolean;
  /** The type the capacity checks count (fewest awsvpc tasks per instance). */
  readonly smallestInstanceType: string;
}

/** Applies the defaults (call after `mixedInstancesProblems` found none). */
export function resolveMixedInstancesPolicy(
  policy: MixedInstancesPolicy,
  maxSize: number,
  trunking: boolean,
  windows: boolean,
): ResolvedMixedInstancesPolicy {
  const base = policy.onDemandBaseCapacity ?? 0;
  const percent = policy.onDemandPercentageAboveBaseCapacity ?? 100;
  const spot = percent < 100 && (isUnresolved(maxSize) || isUnresolved(base) || maxSize > base);
  return {
    instanceTypes: policy.instanceTypes,
    onDemandBaseCapacity: base,
    onDemandPercentageAboveBaseCapacity: percent,
    spotAllocationStrategy: policy.spotAllocationStrategy ?? SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED,
    capacityRebalance: policy.capacityRebalance ?? spot,
    spot,
    smallestInstanceType: smallestInstanceType(policy.instanceTypes, trunking, windows) ?? policy.instanceTypes[0]!,
  };
}

function typeProblems(types: readonly string[], at: string): Problem[] {
  const out: Problem[] = [];
  if (types.length === 0 || types.length > MAX_MIXED_INSTANCE_TYPES) {
    out.push({
      code: 'COMPUTE_MIXED_INSTANCE_TYPES_INVALID',
      path: `${at}.instanceTypes`,
      received: `${types.length} instance types`,
      allowed: `1 to ${MAX_MIXED_INSTANCE_TYPES} instance types`,
      fix: 'List the instance types the group may launch, e.g. ["c5.large", "m5.large", "c5a.large"].',
    });
  }
  types.forEach((t, i) => {
    if (isUnresolved(t) || isWellFormedInstanceType(t)) return;
    out.push({
      code: 'COMPUTE_INSTANCE_TYPE_INVALID',
      path: `${at}.instanceTypes[${i}]`,
      received: describeValue(t),
      allowed: 'an EC2 instance type "family.size", e.g. "c5.large" or "m7g.xlarge"',
      fix: 'Give the instance type as EC2 spells it.',
    });
  });
  const duplicate = types.find((t, i) => types.indexOf(t) !== i);
  if (duplicate !== undefined) {
    out.push({
      code: 'COMPUTE_MIXED_INSTANCE_TYPES_INVALID',
      path: `${at}.instanceTypes`,
      received: describeValue(types),
      allowed: 'each instance type once',
      fix: `Name ${JSON.stringify(duplicate)} once.`,
    });
  }
  const archs = types
    .filter((t) => !isUnresolved(t))
    .map((t) => ({ t, arch: architectureOfInstanceType(t) }))
    .filter((a) => a.arch !== undefined);
  if (new Set(archs.map((a) => a.arch)).size > 1) {
    out.push({
      code: 'COMPUTE_MIXED_INSTANCE_ARCHITECTURES',
      path: `${at}.instanceTypes`,
      received: archs.map((a) => `${a.t} (${a.arch})`).join(', '),
      allowed: 'instance types of one architecture: the group has one launch template, so one AMI',
      fix: 'Keep x86_64 and Graviton (arm64) types in separate capacity providers.',
    });
  }
  return out;
}

/**
 * Every problem of a mixed instances policy. `instanceType` is the provider's own `instanceType`
 * prop, which must be left out or be one of the policy's types.
 */
export function mixedInstancesProblems(
  policy: MixedInstancesPolicy,
  instanceType: string | undefined,
  path: string,
): Problem[] {
  const at = `${path}.mixedInstancesPolicy`;
  const types = policy.instanceTypes ?? [];
  const out = typeProblems(types, at);
  if (instanceType !== undefined && !isUnresolved(instanceType) && types.length > 0 && !types.includes(instanceType)) {
    out.push({
      code: 'COMPUTE_MIXED_INSTANCE_TYPE_NOT_LISTED',
      path: `${path}.instanceType`,
      received: `${describeValue(instanceType)}, not in mixedInstancesPolicy.instanceTypes ${describeValue(types)}`,
      allowed: 'instanceType left out, or one of mixedInstancesPolicy.instanceTypes',
      fix: 'Leave instanceType out: with a mixed instances policy the group launches the listed types.',
    });
  }
  const base = policy.onDemandBaseCapacity;
  if (base !== undefined && !isUnresolved(base) && !(Number.isInteger(base) && base >= 0)) {
    out.push({
      code: 'COMPUTE_ON_DEMAND_BASE_INVALID',
      path: `${at}.onDemandBaseCapacity`,
      received: describeValue(base),
      allowed: 'a whole number of instances >= 0',
      fix: 'Give the number of on-demand instances to launch before any Spot instance, e.g. 1.',
    });
  }
  const pct = policy.onDemandPercentageAboveBaseCapacity;
  if (pct !== undefined && !isUnresolved(pct) && !(Number.isInteger(pct) && pct >= 0 && pct <= 100)) {
    out.push({
      code: 'COMPUTE_ON_DEMAND_PERCENTAGE_INVALID',
      path: `${at}.onDemandPercentageAboveBaseCapacity`,
      received: describeValue(pct),
      allowed: 'an integer from 0 to 100 (percent of the instances above the base that are on-demand)',
      fix: 'Use 0 for Spot only above the base, 100 for on-demand only.',
    });
  }
  const strategy = policy.spotAllocationStrategy;
  if (strategy !== undefined && !(Object.values(SpotAllocationStrategy) as string[]).includes(strategy)) {
    out.push({
      code: 'COMPUTE_SPOT_ALLOCATION_STRATEGY_INVALID',
      path: `${at}.spotAllocationStrategy`,
      received: describeValue(strategy),
      allowed: Object.values(SpotAllocationStrategy)
        .map((v) => JSON.stringify(v))
        .join(', '),
      fix: 'Use a SpotAllocationStrategy member, or leave it unset (price-capacity-optimized).',
    });
  }
  return out;
}

/** The `mixed_instances_policy` block of the Auto Scaling group. */
export function mixedInstancesPolicyBlock(
  policy: ResolvedMixedInstancesPolicy,
  launchTemplate: { readonly name: string; readonly version: string },
): AutoscalingGroupMixedInstancesPolicy {
  return {
    instancesDistribution: {
      onDemandBaseCapacity: policy.onDemandBaseCapacity,
      onDemandPercentageAboveBaseCapacity: policy.onDemandPercentageAboveBaseCapacity,
      spotAllocationStrategy: policy.spotAllocationStrategy,
    },
    launchTemplate: {
      launchTemplateSpecification: { launchTemplateName: launchTemplate.name, version: launchTemplate.version },
      override: policy.instanceTypes.map((instanceType) => ({ instanceType })),
    },
  };
}
