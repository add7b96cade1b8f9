/**
 * A cluster and a capacity provider that another team (or another app) owns, seen through
 * `ICluster` and `ICapacityProvider` (`EcsCluster.fromAttributes`, `Ec2CapacityProvider.fromAttributes`).
 * They create no resources; they check at synth time what they can, and skip values that are
 * Terraform references (for instance outputs read through `DataTerraformRemoteState`).
 */
import { Construct } from 'constructs';
import type { CapacityChecksOptions } from '../capacity';
import { architectureOfInstanceType, isWellFormedInstanceType } from '../capacity/instance-type';
import {
  CpuArchitecture,
  describeValue,
  ECS_NAME_RULE,
  ECS_NAME_SOURCE,
  isEcsName,
  isUnresolved,
  OsFamily,
  ProblemCollector,
} from '../core';
import type { INetwork, SubnetRef } from '../network/network-ref';
import { capacityProviderNameProblems } from './capacity-provider-rules';
import { CapacityCheckedCluster, ClusterCapacity } from './cluster-capacity';
import type { CapacityProviderStrategyItem, ICapacityProvider, ICluster } from './compute-ref';

export interface ClusterAttributes {
  /** Name of the cluster (may be a Terraform reference). */
  readonly clusterName: string;
  /** ARN of the cluster (may be a Terraform reference). */
  readonly clusterArn: string;
  /** The network the cluster's instances and tasks live in (e.g. `Network.fromAttributes`). */
  readonly network: INetwork;
  /**
   * Capacity providers of the cluster that this app's services may use (e.g.
   * `Ec2CapacityProvider.fromAttributes`). The services' demand is checked against them at synth.
   * @default - none: every service must name its capacityProvider, and its capacity is not checked
   */
  readonly capacityProviders?: readonly ICapacityProvider[];
  /**
   * The cluster's default capacity provider strategy, for services that name no capacity provider
   * (every entry one of `capacityProviders`).
   * @default - the first of `capacityProviders`, weight 1
   */
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /**
   * How this app checks the cluster's capacity at synth (see `EcsClusterProps.capacityChecks`).
   * Only this app's services are counted: tasks the owner's or other teams' apps place on the
   * same capacity providers are not.
   * @default - every check runs; the table is not printed
   */
  readonly capacityChecks?: CapacityChecksOptions;
}

export interface CapacityProviderAttributes {
  /** Name of the capacity provider (may be a Terraform reference). */
  readonly capacityProviderName: string;
  /**
   * EC2 instance type of its Auto Scaling group, e.g. `c5.large`. Give a literal: the cluster's
   * capacity checks budget ENIs from it at synth time (a reference is skipped, with a warning).
   */
  readonly instanceType: string;
  /**
   * Every instance type of a mixed instances (Spot) group: the capacity checks count the group as
   * the one that runs the fewest awsvpc tasks per instance.
   * @default - `instanceType` alone
   */
  readonly instanceTypes?: readonly string[];
  /**
   * Whether the group may launch Spot instances (shown in the capacity report).
   * @default false
   */
  readonly spot?: boolean;
  /** Maximum size of its Auto Scaling group. Give a literal, for the same reason. */
  readonly maxSize: number;
  /**
   * Operating system of the container instances.
   * @default OsFamily.LINUX
   */
  readonly osFamily?: OsFamily;
  /**
   * CPU architecture of the container instances.
   * @default - that of instanceType (Graviton types are ARM64), X86_64 when instanceType is a reference
   */
  readonly architecture?: CpuArchitecture;
  /**
   * Whether the instances were launched with ENI trunking (`ECS_ENABLE_HIGH_DENSITY_ENI`).
   * @default true for Linux, false for Windows
   */
  readonly trunking?: boolean;
  /** Subnets its Auto Scaling group launches into (usually the network's private subnets). */
  readonly subnets: readonly SubnetRef[];
  /** Security group of the container instances (may be a Terraform reference). */
  readonly instanceSecurityGroupId: string;
  /**
   * Whether the instances' agent configuration sets `ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true`
   * (the owning team's `taskIamRoleNetworkHost`): only then may host-mode tasks with a task role run there.
   * @default false
   */
  readonly taskIamRoleNetworkHost?: boolean;
}

const CLUSTER_ARN = new RegExp(`^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:cluster/(${ECS_NAME_SOURCE})$`);
const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** Implementation of `EcsCluster.fromAttributes`: the capacity checks cover this app's services on it. */
export class ImportedCluster extends CapacityCheckedCluster implements ICluster {
  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly network: INetwork;
  public readonly capacityProviders: readonly ICapacityProvider[];
  public readonly defaultCapacityProviderStrategy: readonly CapacityProviderStrategyItem[];
  protected readonly capacity: ClusterCapacity;

  constructor(scope: Construct, id: string, attrs: ClusterAttributes) {
    super(scope, id);
    const path = 'EcsCluster.fromAttributes';
    const problems = new ProblemCollector();
    problems.check(isUnresolved(attrs.clusterName) || isEcsName(attrs.clusterName), () => ({
      code: 'COMPUTE_CLUSTER_NAME_INVALID',
      path: `${path}.clusterName`,
      received: describeValue(attrs.clusterName),
      allowed: ECS_NAME_RULE,
      fix: 'Give the name of the existing cluster (`aws ecs list-clusters`), or a Terraform reference to it.',
    }));
    const arn = isUnresolved(attrs.clusterArn) ? undefined : CLUSTER_ARN.exec(attrs.clusterArn);
    problems.check(isUnresolved(attrs.clusterArn) || arn !== null, () => ({
      code: 'COMPUTE_IMPORT_ARN_INVALID',
      path: `${path}.clusterArn`,
      received: describeValue(attrs.clusterArn),
      allowed: 'an ECS cluster ARN, arn:<partition>:ecs:<region>:<12-digit account>:cluster/<name>',
      fix: 'Copy the ARN from `aws ecs describe-clusters`, or pass a Terraform reference to it.',
    }));
    if (arn && !isUnresolved(attrs.clusterName) && isEcsName(attrs.clusterName)) {
      problems.check(arn[1] === attrs.clusterName, () => ({
        code: 'COMPUTE_IMPORT_CLUSTER_ARN_MISMATCH',
        path: `${path}.clusterArn`,
        received: `${describeValue(attrs.clusterArn)} with clusterName ${describeValue(attrs.clusterName)}`,
        allowed: 'the ARN of the cluster named by clusterName',
        fix: `Give the ARN that ends in cluster/${attrs.clusterName}, or correct clusterName.`,
      }));
    }
    const providers = attrs.capacityProviders ?? [];
    const names = providers.map((p) => p.capacityProviderName);
    names.forEach((name, i) => {
      if (isUnresolved(name)) return;
      const first = names.indexOf(name);
      problems.check(first === i, () => ({
        code: 'COMPUTE_CAPACITY_PROVIDER_NAME_DUPLICATE',
        path: `${path}.capacityProviders[${i}]`,
        received: `${describeValue(name)}, already at capacityProviders[${first}]`,
        allowed: 'each capacity provider once',
        fix: 'Remove the duplicate.',
      }));
    });
    const strategy =
      attrs.defaultCapacityProviderStrategy ??
      (providers.length > 0 ? [{ capacityProvider: providers[0]!, weight: 1, base: 0 }] : []);
    strategy.forEach((item, i) => {
      problems.check(providers.includes(item.capacityProvider), () => ({
        code: 'COMPUTE_STRATEGY_PROVIDER_UNKNOWN',
        path: `${path}.defaultCapacityProviderStrategy[${i}].capacityProvider`,
        received: describeValue(item.capacityProvider.capacityProviderName),
        allowed: `one of capacityProviders: ${names.map((n) => JSON.stringify(n)).join(', ') || '(none)'}`,
        fix: 'List the capacity provider in capacityProviders too.',
      }));
      for (const [key, value, max] of [
        ['weight', item.weight ?? 1, 1000],
        ['base', item.base ?? 0, 100000],
      ] as const) {
        problems.check(isUnresolved(value) || (Number.isInteger(value) && value >= 0 && value <= max), () => ({
          code: key === 'weight' ? 'COMPUTE_STRATEGY_WEIGHT_INVALID' : 'COMPUTE_STRATEGY_BASE_INVALID',
          path: `${path}.defaultCapacityProviderStrategy[${i}].${key}`,
          received: describeValue(value),
          allowed: `an integer from 0 to ${max}`,
          fix:
            key === 'weight'
              ? 'Give a relative weight such as 1.'
              : 'Give the number of tasks to place on this provider first, or 0.',
        }));
      }
    });
    ClusterCapacity.optionProblems(attrs.capacityChecks, `${path}.capacityChecks`).forEach((p) => problems.add(p));
    problems.throwIfAny(this);

    this.clusterName = attrs.clusterName;
    this.clusterArn = attrs.clusterArn;
    this.network = attrs.network;
    this.capacityProviders = [...providers];
    this.defaultCapacityProviderStrategy = [...strategy];
    this.capacity = new ClusterCapacity(this, this, attrs.capacityChecks);
    providers.forEach((p) => this.capacity.addPlanTimeEniCheck(p));
  }
}

/** Implementation of `Ec2CapacityProvider.fromAttributes`. */
export class ImportedCapacityProvider extends Construct implements ICapacityProvider {
  public readonly capacityProviderName: string;
  public readonly osFamily: OsFamily;
  public readonly architecture: CpuArchitecture;
  public readonly instanceType: string;
  public readonly instanceTypes?: readonly string[];
  public readonly spot: boolean;
  public readonly maxSize: number;
  public readonly trunking: boolean;
  public readonly subnets: readonly SubnetRef[];
  public readonly instanceSecurityGroupId: string;
  public readonly taskIamRoleNetworkHost: boolean;

  constructor(scope: Construct, id: string, attrs: CapacityProviderAttributes) {
    super(scope, id);
    const path = 'Ec2CapacityProvider.fromAttributes';
    const problems = new ProblemCollector();
    capacityProviderNameProblems(attrs.capacityProviderName, `${path}.capacityProviderName`).forEach((p) =>
      problems.add(p),
    );

    const typeKnown = !isUnresolved(attrs.instanceType);
    problems.check(!typeKnown || isWellFormedInstanceType(attrs.instanceType), () => ({
      code: 'COMPUTE_INSTANCE_TYPE_INVALID',
      path: `${path}.instanceType`,
      received: describeValue(attrs.instanceType),
      allowed: 'an EC2 instance type "family.size", e.g. "c5.large" or "m7g.xlarge"',
      fix: 'Give the instance type of the Auto Scaling group as EC2 spells it.',
    }));
    (attrs.instanceTypes ?? []).forEach((t, i) =>
      problems.check(isUnresolved(t) || isWellFormedInstanceType(t), () => ({
        code: 'COMPUTE_INSTANCE_TYPE_INVALID',
        path: `${path}.instanceTypes[${i}]`,
        received: describeValue(t),
        allowed: 'an EC2 instance type "family.size", e.g. "c5.large" or "m7g.xlarge"',
        fix: 'Give the instance types of the mixed instances policy as EC2 spells them.',
      })),
    );
    problems.check(
      isUnresolved(attrs.maxSize) || (Number.isInteger(attrs.maxSize) && attrs.maxSize >= 0 && attrs.maxSize <= 10000),
      () => ({
        code: 'COMPUTE_ASG_SIZE_INVALID',
        path: `${path}.maxSize`,
        received: describeValue(attrs.maxSize),
        allowed: 'an integer from 0 to 10000',
        fix: 'Give the maximum size of the Auto Scaling group.',
      }),
    );

    const osFamily = attrs.osFamily ?? OsFamily.LINUX;
    const osKnown = problems.check((Object.values(OsFamily) as string[]).includes(osFamily), () => ({
      code: 'COMPUTE_OS_FAMILY_INVALID',
      path: `${path}.osFamily`,
      received: describeValue(osFamily),
      allowed: Object.values(OsFamily)
        .map((v) => `OsFamily.${v}`)
        .join(', '),
      fix: 'Use an OsFamily member, or leave it unset (Linux).',
    }));
    const typeArchitecture = typeKnown ? architectureOfInstanceType(attrs.instanceType) : undefined;
    const architecture = attrs.architecture ?? typeArchitecture ?? CpuArchitecture.X86_64;
    if (
      problems.check((Object.values(CpuArchitecture) as string[]).includes(architecture), () => ({
        code: 'COMPUTE_ARCHITECTURE_INVALID',
        path: `${path}.architecture`,
        received: describeValue(architecture),
        allowed: Object.values(CpuArchitecture)
          .map((v) => `CpuArchitecture.${v}`)
          .join(', '),
        fix: 'Use a CpuArchitecture member, or leave it unset to follow the instance type.',
      }))
    ) {
      problems.check(typeArchitecture === undefined || typeArchitecture === architecture, () => ({
        code: 'COMPUTE_IMPORT_ARCHITECTURE_MISMATCH',
        path: `${path}.architecture`,
        received: `${describeValue(architecture)} with instanceType ${describeValue(attrs.instanceType)} (${typeArchitecture})`,
        allowed: `the architecture of the instance type, ${typeArchitecture}`,
        fix: 'Leave architecture unset to follow the instance type, or correct instanceType.',
      }));
      problems.check(!(osKnown && osFamily === OsFamily.WINDOWS && architecture === CpuArchitecture.ARM64), () => ({
        code: 'COMPUTE_IMPORT_ARCHITECTURE_MISMATCH',
        path: `${path}.architecture`,
        received: `${describeValue(architecture)} with osFamily ${describeValue(osFamily)}`,
        allowed: 'X86_64 for Windows instances (there are no ECS-optimized Windows AMIs for Graviton)',
        fix: 'Correct osFamily or the instance type.',
      }));
    }

    const trunking = attrs.trunking ?? osFamily === OsFamily.LINUX;
    problems.check(!(trunking && osFamily === OsFamily.WINDOWS), () => ({
      code: 'COMPUTE_TRUNKING_WINDOWS',
      path: `${path}.trunking`,
      received: 'trunking true with osFamily WINDOWS',
      allowed: 'trunking false (or unset) for Windows instances: ENI trunking is Linux only',
      fix: 'Leave trunking unset for Windows capacity.',
    }));

    const subnets = attrs.subnets ?? [];
    problems.check(subnets.length > 0, () => ({
      code: 'COMPUTE_IMPORT_SUBNETS_EMPTY',
      path: `${path}.subnets`,
      received: describeValue([]),
      allowed: 'the subnets of the Auto Scaling group, at least one',
      fix: "Pass the network's private subnets (network.privateSubnets) or those the group launches into.",
    }));
    subnets.forEach((s, i) => {
      problems.check(isUnresolved(s.subnetId) || SUBNET_ID.test(s.subnetId), () => ({
        code: 'COMPUTE_IMPORT_ID_INVALID',
        path: `${path}.subnets[${i}].subnetId`,
        received: describeValue(s.subnetId),
        allowed: 'a subnet id, subnet- and 8 or 17 hex digits',
        fix: 'Copy the id from `aws ec2 describe-subnets`, or pass a Terraform reference.',
      }));
    });
    problems.check(
      isUnresolved(attrs.instanceSecurityGroupId) || SECURITY_GROUP_ID.test(attrs.instanceSecurityGroupId),
      () => ({
        code: 'COMPUTE_IMPORT_ID_INVALID',
        path: `${path}.instanceSecurityGroupId`,
        received: describeValue(attrs.instanceSecurityGroupId),
        allowed: 'a security group id, sg- and 8 or 17 hex digits',
        fix: 'Copy the id from `aws ec2 describe-security-groups`, or pass a Terraform reference.',
      }),
    );
    problems.throwIfAny(this);

    this.capacityProviderName = attrs.capacityProviderName;
    this.osFamily = osFamily;
    this.architecture = architecture;
    this.instanceType = attrs.instanceType;
    this.instanceTypes = attrs.instanceTypes;
    this.spot = attrs.spot ?? false;
    this.maxSize = attrs.maxSize;
    this.trunking = trunking;
    this.subnets = [...subnets];
    this.instanceSecurityGroupId = attrs.instanceSecurityGroupId;
    this.taskIamRoleNetworkHost = attrs.taskIamRoleNetworkHost ?? false;
  }
}
