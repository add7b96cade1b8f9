/**
 * The interfaces through which services use the compute layer. Implemented by `EcsCluster`,
 * `Ec2CapacityProvider` and their `fromAttributes` importers.
 */
import type { INetwork, SubnetRef } from '../network/network-ref';

/** Operating system family of container instances. */
export enum OsFamily {
  LINUX = 'LINUX',
  WINDOWS = 'WINDOWS',
}

/** CPU architecture of container instances. */
export enum CpuArchitecture {
  X86_64 = 'X86_64',
  ARM64 = 'ARM64',
}

export interface ICluster {
  readonly clusterName: string;
  readonly clusterArn: string;
  /** The network the cluster's instances and tasks live in. */
  readonly network: INetwork;
  /** Capacity providers attached to this cluster (empty for an imported cluster unless given). */
  readonly capacityProviders: readonly ICapacityProvider[];
}

export interface ICapacityProvider {
  readonly capacityProviderName: string;
  readonly osFamily: OsFamily;
  readonly architecture: CpuArchitecture;
  /** EC2 instance type of the Auto Scaling group, e.g. `c5.large`. */
  readonly instanceType: string;
  /** Auto Scaling group maximum size. */
  readonly maxSize: number;
  /** Whether instances are launched with the awsvpcTrunking opt-in (and so get a trunk ENI). */
  readonly trunking: boolean;
  /** Subnets the Auto Scaling group launches into. */
  readonly subnets: readonly SubnetRef[];
  /** Security group of the container instances (not of the tasks). */
  readonly instanceSecurityGroupId: string;
  /**
   * Whether the instances' agents run host-mode tasks that have a task IAM role
   * (`ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true`). Undefined means false.
   */
  readonly taskIamRoleNetworkHost?: boolean;
}
