/**
 * The vocabulary of the cluster budget (pure types): what a service asks of its cluster's EC2
 * capacity (`ServiceDemand`), what a capacity provider offers (`CapacityProviderBudgetInput`), and
 * the budget computed from both. `cluster-budget.ts` re-exports them.
 */
import type { NetworkMode } from '../core/network-mode';
import type { BudgetStatus, CapacityDiagnostic } from './diagnostics';
import type { EniPrecondition } from './eni-precondition';

/**
 * The network mode vocabulary under its former capacity name.
 * @deprecated use `NetworkMode` (core; also exported by the service module); removed in the next release.
 */
export { NetworkMode as TaskNetworkMode } from '../core/network-mode';

/** A capacity provider as the budget sees it. */
export interface CapacityProviderBudgetInput {
  /** Capacity provider name, as services refer to it. */
  readonly name: string;
  /** EC2 instance type of its Auto Scaling group, e.g. `c5.large`. May be a token (then checked at plan time). */
  readonly instanceType: string;
  /**
   * Every instance type of a mixed instances group (Spot): the budget counts the one that runs the
   * fewest awsvpc tasks per instance (a type the ENI table does not know counts as that one: its
   * limit is not proven), since the group may launch only instances of that type.
   * @default - `instanceType` alone
   */
  readonly instanceTypes?: readonly string[];
  /**
   * Whether the group may launch Spot instances (shown in the report).
   * @default false
   */
  readonly spot?: boolean;
  /** The Auto Scaling group's maximum size: the most instances the tasks can count on. */
  readonly maxInstances: number;
  /**
   * Whether instances are launched with the awsvpcTrunking opt-in.
   * @default false
   */
  readonly trunking?: boolean;
  /**
   * Whether the instances run Windows (which never gets a trunk interface).
   * @default false
   */
  readonly windows?: boolean;
}

/**
 * One entry of a capacity provider strategy: the one definition. `P` is how the entry names its
 * capacity provider: by name in the capacity model (the default), as the provider itself
 * (`ICapacityProvider`) in the constructs (compute's `CapacityProviderStrategyItem`).
 */
export interface CapacityProviderStrategyItem<P = string> {
  /** The capacity provider (its name, in the capacity model). */
  readonly capacityProvider: P;
  /**
   * Relative share of the tasks placed beyond the bases (0-1000).
   * @default 1
   */
  readonly weight?: number;
  /**
   * Tasks placed on this provider first (0-100000); at most one entry may have a base.
   * @default 0
   */
  readonly base?: number;
}

/**
 * What a service asks of its cluster's EC2 capacity: the one description of a service's demand.
 * `Ec2Service` reports it to its cluster (`ICluster.addServiceDemand`), which checks it at synth; the
 * budget functions take the same shape.
 */
export interface ServiceDemand {
  /** Service name, for the messages and the report. */
  readonly serviceName: string;
  /** Desired task count (the starting count when auto scaling is on). */
  readonly desiredCount: number;
  /**
   * The auto scaling maximum; demand counts this many tasks instead of `desiredCount` when given.
   * @default - the service does not scale: `desiredCount`
   */
  readonly maxCount?: number;
  /**
   * Deployment maximum percent: during a rolling deployment the service runs up to
   * `ceil(count x maximumPercent / 100)` tasks.
   * @default 200
   */
  readonly maximumPercent?: number;
  /**
   * Network mode of the task definition; only awsvpc tasks take ENIs and subnet addresses.
   * @default NetworkMode.AWSVPC
   */
  readonly networkMode?: NetworkMode;
  /**
   * A daemon service runs one task on every instance of every capacity provider of the cluster
   * (its counts and strategy are ignored): each awsvpc daemon takes one ENI slot per instance.
   * @default false
   */
  readonly daemon?: boolean;
  /**
   * For a daemon: the capacity providers whose instances run it (`Ec2Service` names those of the
   * task's operating system).
   * @default - every capacity provider of the cluster
   */
  readonly daemonCapacityProviders?: readonly string[];
  /**
   * The one capacity provider the service runs on.
   * @default - `capacityProviderStrategy`, else the cluster's default capacity provider strategy,
   *   else the cluster's only capacity provider
   */
  readonly capacityProvider?: string;
  /**
   * Capacity provider strategy: tasks go to the bases first, then by weight. Shares are rounded up
   * per provider, so the budget may count up to one task too many per provider, never too few.
   * @default - `capacityProvider`
   */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /**
   * Ports the tasks bind on the instance itself (host mode: every container port; bridge mode: the
   * fixed host ports), written `80/tcp` or `8000-8010/udp`. An instance runs one task per port: the
   * tasks of all services binding the same port on a capacity provider must fit its ASG maximum.
   * @default - none
   */
  readonly staticHostPorts?: readonly string[];
  /**
   * The `distinctInstance` placement constraint: at most one task of the service per instance, so
   * the service's tasks on a capacity provider must fit its ASG maximum (in steady state; a rolling
   * deployment beyond that waits for instances).
   * @default false
   */
  readonly distinctInstance?: boolean;
}

/** Input of `computeClusterBudget`. */
export interface ClusterBudgetInput {
  readonly capacityProviders: readonly CapacityProviderBudgetInput[];
  readonly services: readonly ServiceDemand[];
  /**
   * The cluster's default capacity provider strategy: where the tasks of services that name no
   * capacity provider go.
   * @default - the cluster's only capacity provider (an error for such a service when there are several)
   */
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /**
   * Whether a size the ENI table does not know in a family it knows (`m5.lrage`) is an error
   * (`CAPACITY_INSTANCE_SIZE_UNKNOWN`); when false it is treated as any unknown type.
   * @default true
   */
  readonly unknownSizeIsError?: boolean;
}

/** What one service places on one capacity provider at peak. */
export interface ServiceShare {
  readonly service: string;
  readonly networkMode: NetworkMode;
  /** Tasks of this service placed on the provider at peak (any network mode). */
  readonly peakTasks: number;
  /** Of those, the tasks that take an ENI: `peakTasks` for awsvpc, else 0. */
  readonly awsvpcTasks: number;
  /** How `peakTasks` was counted, e.g. `ceil(5 x 200%) = 10` or `daemon: 1 per instance x 4 instances`. */
  readonly formula: string;
  /**
   * Tasks of this service placed on the provider in steady state (the auto scaling maximum, no
   * deployment surge): what its static host ports need.
   */
  readonly steadyTasks: number;
  /** The ports its tasks bind on the instance (see `ServiceDemand.staticHostPorts`). */
  readonly staticHostPorts: readonly string[];
  /** Whether the service is a daemon (one task per instance). @default false */
  readonly daemon?: boolean;
  /** Whether the service has the `distinctInstance` constraint (see `ServiceDemand.distinctInstance`). @default false */
  readonly distinctInstance?: boolean;
}

/** The budget of one capacity provider. */
export interface CapacityProviderBudget {
  readonly capacityProvider: string;
  /** The instance type the budget counts: for a mixed instances group, its smallest (fewest tasks per instance). */
  readonly instanceType: string;
  /** Every type of a mixed instances group; undefined for a group of one type. */
  readonly instanceTypes?: readonly string[];
  /** Whether the group may launch Spot instances. */
  readonly spot: boolean;
  readonly maxInstances: number;
  /** Trunking as configured. */
  readonly trunking: boolean;
  /** Whether trunking actually raises the limit: configured, not Windows, and supported by the type. */
  readonly trunkingEffective: boolean;
  readonly windows: boolean;
  /** Whether the ENI table knows the instance type. */
  readonly instanceTypeKnown: boolean;
  /** awsvpc tasks per instance without trunking; undefined for an unknown type. */
  readonly tasksPerInstanceWithoutTrunking?: number;
  /** awsvpc tasks per instance with trunking; undefined where trunking is not supported or not known. */
  readonly tasksPerInstanceWithTrunking?: number;
  /** awsvpc tasks per instance in the configured trunking state (as far as the table proves it). */
  readonly tasksPerInstance?: number;
  /** `maxInstances x tasksPerInstance`; undefined when not computable. */
  readonly capacity?: number;
  /** Peak awsvpc tasks: the services' shares, deployments and auto scaling maximums included. */
  readonly demand: number;
  /** `(capacity - demand) / capacity`; undefined when capacity is 0 or unknown. */
  readonly headroom?: number;
  /** `ceil(demand / maxInstances)`: what each instance must run. */
  readonly requiredTasksPerInstance: number;
  readonly status: BudgetStatus;
  readonly services: readonly ServiceShare[];
  readonly diagnostics: readonly CapacityDiagnostic[];
  /** For an instance type the table does not know (trunking off): the plan-time check to add. */
  readonly eniPrecondition?: EniPrecondition;
}

/** The budget of a cluster. */
export interface ClusterBudget {
  readonly capacityProviders: readonly CapacityProviderBudget[];
  /** Every provider's diagnostics, plus those about services. */
  readonly diagnostics: readonly CapacityDiagnostic[];
  /** The worst provider status. */
  readonly status: BudgetStatus;
}
