/**
 * The props of an EC2 capacity provider (`Ec2CapacityProvider`, `EcsCluster.addCapacityProvider`).
 */
import type { ITrunkingOptIn } from '../account';
import type { EcsOptimizedAmi } from './ami';
import type { IInstanceCluster } from './compute-ref';
import type { MixedInstancesPolicy } from './mixed-instances';

export interface Ec2CapacityProviderOptions {
  /**
   * Name of the capacity provider (and of its Auto Scaling group). Must not start with `aws`, `ecs`
   * or `fargate`.
   * @default `${clusterName}-${id}`
   */
  readonly capacityProviderName?: string;
  /**
   * EC2 instance type, e.g. `c5.large` (Graviton types such as `c7g.large` get the arm64 AMI).
   * Required unless `mixedInstancesPolicy` lists the types.
   * @default - the types of `mixedInstancesPolicy`
   */
  readonly instanceType?: string;
  /**
   * Several instance types in one group, on-demand and Spot: an on-demand base, a percentage
   * above it, the Spot allocation strategy and capacity rebalance. When the group can launch Spot
   * instances the agent drains an instance on its interruption notice
   * (`ECS_ENABLE_SPOT_INSTANCE_DRAINING=true`). The capacity checks count the group as its type
   * with the fewest awsvpc tasks per instance.
   * @default - one instance type, on-demand
   */
  readonly mixedInstancesPolicy?: MixedInstancesPolicy;
  /**
   * The ECS-optimized AMI.
   * @default EcsOptimizedAmi.amazonLinux2023()
   */
  readonly machineImage?: EcsOptimizedAmi;
  /**
   * Minimum number of instances.
   * @default 1
   */
  readonly minSize?: number;
  /** Maximum number of instances. */
  readonly maxSize: number;
  /**
   * Initial number of instances. With managed scaling, ECS owns the value afterwards (Terraform
   * ignores later changes).
   * @default - not set: the group starts at minSize
   */
  readonly desiredCapacity?: number;
  /**
   * Launch the instances with ENI trunking (`ECS_ENABLE_HIGH_DENSITY_ENI`). Windows does not support
   * trunking.
   * @default true for Linux AMIs, false for Windows AMIs
   */
  readonly trunking?: boolean;
  /**
   * The trunking opt-in the Auto Scaling group depends on.
   * @default - the cluster's `trunkingOptIn`; none when the cluster has none either
   */
  readonly trunkingOptIn?: ITrunkingOptIn;
  /**
   * ECS managed scaling of the Auto Scaling group.
   * @default true
   */
  readonly managedScaling?: boolean;
  /**
   * Target utilization of the instances for managed scaling, in percent (1-100).
   * @default 100
   */
  readonly targetCapacityPercent?: number;
  /**
   * Fewest instances one managed scaling step adds or removes.
   * @default 1
   */
  readonly minimumScalingStepSize?: number;
  /**
   * Most instances one managed scaling step adds or removes.
   * @default 10
   */
  readonly maximumScalingStepSize?: number;
  /**
   * Seconds a new instance needs before it counts toward the group's metrics.
   * @default 300
   */
  readonly instanceWarmupPeriodSeconds?: number;
  /**
   * ECS managed termination protection (instances running tasks are not scaled in). Turns on the
   * group's scale-in protection. Needs managed scaling.
   * @default - the value of managedScaling
   */
  readonly managedTerminationProtection?: boolean;
  /**
   * ECS managed draining (tasks are moved off an instance before the group terminates it).
   * @default true
   */
  readonly managedDraining?: boolean;
  /**
   * Detailed (1-minute) CloudWatch monitoring of the instances.
   * @default false
   */
  readonly detailedMonitoring?: boolean;
  /**
   * Size of the encrypted gp3 root volume, in GiB.
   * @default 30 for Linux, 50 for Windows (the AMIs' root snapshots)
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * KMS key (ARN) for the root volume.
   * @default - the account's default EBS key (aws/ebs)
   */
  readonly rootVolumeKmsKeyArn?: string;
  /**
   * Let tasks run privileged containers on these instances (Linux). Off, the agent is configured
   * with `ECS_DISABLE_PRIVILEGED=true` and refuses them, and a service whose task has a privileged
   * container is refused at synth (SERVICE_PRIVILEGED_NOT_ALLOWED). Windows has no privileged mode.
   * @default false
   */
  readonly privilegedContainers?: boolean;
  /**
   * Extra ECS agent settings, one `KEY=value` per entry (Linux: lines of /etc/ecs/ecs.config;
   * Windows: machine environment variables). The keys the library sets are refused.
   * @default - none
   */
  readonly extraEcsConfig?: readonly string[];
  /**
   * Let host-mode tasks that have a task IAM role run on these instances
   * (`ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true`). ECS places a host-mode task with a task role only
   * on instances whose agent reports this capability, so host-mode services with a task role (ECS
   * Exec needs one) need it. It weakens a default: host-mode tasks share the instance's network,
   * instance metadata included, so they can reach the instance role whatever their task role says.
   * Needs `taskIamRoleNetworkHostReason`. Linux only.
   * @default false
   */
  readonly taskIamRoleNetworkHost?: boolean;
  /**
   * Why `taskIamRoleNetworkHost` is on (at least 10 characters); required with it.
   * @default - none
   */
  readonly taskIamRoleNetworkHostReason?: string;
  /**
   * Let the Auto Scaling group start an instance refresh when its launch template or tags change
   * (launch before terminate; protected instances are refreshed too, drained by ECS).
   * @default true
   */
  readonly instanceRefresh?: boolean;
  /**
   * Tags for the resources (and, through the Auto Scaling group, the instances).
   * @default - none
   */
  readonly tags?: { readonly [key: string]: string };
}

export interface Ec2CapacityProviderProps extends Ec2CapacityProviderOptions {
  /**
   * The cluster the instances join. The cluster must adopt the provider
   * (`cluster.adoptCapacityProvider(provider)`); `cluster.addCapacityProvider` does both.
   */
  readonly cluster: IInstanceCluster;
}
