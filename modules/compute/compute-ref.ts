/**
 * The interfaces through which services use the compute layer. Implemented by `EcsCluster`,
 * `Ec2CapacityProvider` and their `fromAttributes` importers.
 */
import type { ITerraformDependable } from 'cdktf';
import type { ITrunkingOptIn } from '../account/trunking-opt-in';
import type { CapacityReport, ServiceDemand } from '../capacity';
import type { CapacityProviderStrategyItem as StrategyItemOf } from '../capacity/cluster-budget';
import type { INetwork, SubnetRef } from '../network/network-ref';
import type { CpuArchitecture, OsFamily } from '../core/platform';

export interface ICluster {
  readonly clusterName: string;
  readonly clusterArn: string;
  /** The network the cluster's instances and tasks live in. */
  readonly network: INetwork;
  /** Capacity providers attached to this cluster (empty for an imported cluster unless given). */
  readonly capacityProviders: readonly ICapacityProvider[];
  /**
   * Where the tasks of a service that names no capacity provider go (empty when the cluster has no
   * capacity provider).
   */
  readonly defaultCapacityProviderStrategy: readonly CapacityProviderStrategyItem[];
  /**
   * Records what a service places on this cluster's capacity. `Ec2Service` calls it; the cluster
   * checks every demand against its capacity providers and subnets at synth.
   */
  addServiceDemand(demand: ServiceDemand): void;
  /** The capacity report: budgets per capacity provider and subnet, and every finding. */
  capacityReport(): CapacityReport;
}

/**
 * A cluster whose container instances this app launches: what an `Ec2CapacityProvider` needs from
 * it (`EcsCluster` implements it; an imported cluster does not).
 */
export interface IInstanceCluster extends ICluster {
  /** The trunking opt-in the instances depend on unless their capacity provider names its own. */
  readonly trunkingOptIn?: ITrunkingOptIn;
  /** The cluster resource; the instances depend on it (their user data names the cluster). */
  readonly resource: ITerraformDependable;
}

/** One entry of a capacity provider strategy, naming a capacity provider of the cluster (capacity's one definition). */
export type CapacityProviderStrategyItem = StrategyItemOf<ICapacityProvider>;

export interface ICapacityProvider {
  readonly capacityProviderName: string;
  readonly osFamily: OsFamily;
  readonly architecture: CpuArchitecture;
  /**
   * EC2 instance type of the Auto Scaling group, e.g. `c5.large`; for a mixed instances group, the
   * type with the fewest awsvpc tasks per instance (what the capacity checks count).
   */
  readonly instanceType: string;
  /**
   * Every instance type of a mixed instances group.
   * @default - `instanceType` alone
   */
  readonly instanceTypes?: readonly string[];
  /**
   * Whether the group may launch Spot instances.
   * @default false
   */
  readonly spot?: boolean;
  /** Auto Scaling group maximum size. */
  readonly maxSize: number;
  /** Whether instances are launched with the awsvpcTrunking opt-in (and so get a trunk ENI). */
  readonly trunking: boolean;
  /** Subnets the Auto Scaling group launches into. */
  readonly subnets: readonly SubnetRef[];
  /** Security group of the container instances (not of the tasks). */
  readonly instanceSecurityGroupId: string;
  /**
   * Whether the instances let tasks run privileged containers (false: the agent is configured with
   * `ECS_DISABLE_PRIVILEGED=true`).
   * @default - not known (an imported capacity provider): not checked
   */
  readonly privilegedContainers?: boolean;
  /**
   * Whether the instances' agents run host-mode tasks that have a task IAM role
   * (`ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true`). Undefined means false.
   */
  readonly taskIamRoleNetworkHost?: boolean;
}
