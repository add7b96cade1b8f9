/**
 * Where a service's tasks run: the scheduling strategy (replica or daemon), the capacity provider
 * strategy (several providers by base and weight), placement strategies (spread, binpack, random)
 * and placement constraints (`distinctInstance`, `memberOf`), with the combinations ECS refuses
 * refused at synth. Pure: `Ec2Service` calls `planScheduling` and writes what it returns.
 */
import type { ServiceDemand } from '../capacity/budget-types';
import { strategyProblems } from '../capacity/strategy-rules';
import type { CapacityProviderStrategyItem, ICapacityProvider, ICluster } from '../compute/compute-ref';
import { describeValue, isUnresolved, type Problem } from '../core';
import { instanceOsFamily, type TaskOsFamily } from '../core/platform';

/** How ECS schedules the service's tasks (`scheduling_strategy`). */
export enum SchedulingStrategy {
  /** `desiredCount` tasks, placed by the capacity provider strategy and the placement strategies. */
  REPLICA = 'REPLICA',
  /**
   * One task on every container instance of the cluster (that meets the placement constraints): no
   * desired count, no auto scaling, no capacity provider strategy, no placement strategy.
   */
  DAEMON = 'DAEMON',
}

/** One `ordered_placement_strategy` entry. */
export interface PlacementStrategyItem {
  readonly type: 'spread' | 'binpack' | 'random';
  /** What to spread or pack by: `instanceId`, `attribute:...`, `cpu` or `memory`; none for random. */
  readonly field?: string;
}

/** How ECS picks an instance among those that fit (`ordered_placement_strategy`), in order. */
export class PlacementStrategy {
  /** Spread across AZs, then across instances (the default: losing an AZ or an instance takes few tasks). */
  public static readonly SPREAD_ACROSS_AZS_THEN_INSTANCES = new PlacementStrategy([
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'spread', field: 'instanceId' },
  ]);
  /** Spread across AZs, then pack instances by memory (fewer instances, cheaper). */
  public static readonly SPREAD_ACROSS_AZS_THEN_BINPACK_MEMORY = new PlacementStrategy([
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'binpack', field: 'memory' },
  ]);

  /** Spread the tasks evenly across Availability Zones. */
  public static spreadAcrossAvailabilityZones(): PlacementStrategy {
    return new PlacementStrategy([{ type: 'spread', field: 'attribute:ecs.availability-zone' }]);
  }

  /** Spread the tasks evenly across container instances. */
  public static spreadAcrossInstances(): PlacementStrategy {
    return new PlacementStrategy([{ type: 'spread', field: 'instanceId' }]);
  }

  /**
   * Spread the tasks by a container instance attribute, e.g. `attribute:ecs.instance-type` (the
   * `attribute:` prefix is added when missing), or `instanceId`.
   */
  public static spreadBy(field: string): PlacementStrategy {
    const f = field === 'instanceId' || field.startsWith('attribute:') || field === '' ? field : `attribute:${field}`;
    return new PlacementStrategy([{ type: 'spread', field: f }]);
  }

  /** Pack the tasks onto the instances with the least CPU left (fewest instances in use). */
  public static packedByCpu(): PlacementStrategy {
    return new PlacementStrategy([{ type: 'binpack', field: 'cpu' }]);
  }

  /** Pack the tasks onto the instances with the least memory left (fewest instances in use). */
  public static packedByMemory(): PlacementStrategy {
    return new PlacementStrategy([{ type: 'binpack', field: 'memory' }]);
  }

  /** Place the tasks on random instances that fit. */
  public static randomly(): PlacementStrategy {
    return new PlacementStrategy([{ type: 'random' }]);
  }

  private constructor(public readonly items: readonly PlacementStrategyItem[]) {}
}

/** One `placement_constraints` entry. */
export interface PlacementConstraintItem {
  readonly type: 'distinctInstance' | 'memberOf';
  /** The cluster query language expression of `memberOf`. */
  readonly expression?: string;
}

/** Which instances may run the tasks (`placement_constraints`). */
export class PlacementConstraint {
  /**
   * At most one task of the service per container instance. The capacity checks count it: the
   * service's tasks on a capacity provider must fit its ASG maximum.
   */
  public static distinctInstance(): PlacementConstraint {
    return new PlacementConstraint({ type: 'distinctInstance' });
  }

  /**
   * Only instances that match a cluster query language expression, e.g.
   * `attribute:ecs.instance-type =~ c5.*` or `attribute:ecs.availability-zone in [us-east-1a, us-east-1b]`.
   * The capacity checks still count every instance of the providers (they cannot evaluate it).
   */
  public static memberOf(expression: string): PlacementConstraint {
    return new PlacementConstraint({ type: 'memberOf', expression });
  }

  private constructor(public readonly item: PlacementConstraintItem) {}
}

/** Where the tasks of an `Ec2Service` run (part of `Ec2ServiceProps`). */
export interface ServiceSchedulingOptions {
  /**
   * REPLICA runs `desiredCount` tasks; DAEMON runs one task on every container instance of the
   * cluster (no desiredCount, auto scaling, capacity provider strategy or placement strategy), and
   * the capacity checks count one task (one ENI in awsvpc) per instance of every provider.
   * @default SchedulingStrategy.REPLICA
   */
  readonly schedulingStrategy?: SchedulingStrategy;
  /**
   * Several capacity providers by base and weight (e.g. a base on on-demand, the rest mostly on
   * Spot): at most one item with a base, one weight above 0, providers of the cluster. The capacity
   * checks split the demand the same way and check each provider's budget.
   * @default - `capacityProvider`, else the cluster's default strategy
   */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /**
   * How ECS picks instances, in order (`PlacementStrategy.spreadAcrossAvailabilityZones()`,
   * `spreadAcrossInstances()`, `packedByMemory()`, `packedByCpu()`, `randomly()`, `spreadBy(attribute)`); at most 5.
   * @default - `placementStrategy`
   */
  readonly placementStrategies?: readonly PlacementStrategy[];
  /**
   * Which instances may run the tasks: `PlacementConstraint.distinctInstance()` (counted by the
   * capacity checks: one task per instance) and `PlacementConstraint.memberOf(expression)`; at most 10.
   * @default - none
   */
  readonly placementConstraints?: readonly PlacementConstraint[];
  /**
   * One of the preset strategies (the older form of `placementStrategies`).
   * @default PlacementStrategy.SPREAD_ACROSS_AZS_THEN_INSTANCES
   */
  readonly placementStrategy?: PlacementStrategy;
}

/** ECS limits of a service. */
export const MAX_PLACEMENT_STRATEGIES = 5;
export const MAX_PLACEMENT_CONSTRAINTS = 10;
export const MAX_MEMBER_OF_EXPRESSION = 2000;

/** The props `planScheduling` reads (those of `Ec2ServiceProps`). */
export interface SchedulingProps extends ServiceSchedulingOptions {
  readonly cluster: ICluster;
  readonly desiredCount?: number;
  readonly autoScaling?: object;
  readonly capacityProvider?: ICapacityProvider;
}

/** What the service writes and reports. */
export interface SchedulingPlan {
  readonly problems: readonly Problem[];
  readonly daemon: boolean;
  /** The providers the service's checks look at: its strategy, or every provider of the cluster for a daemon. */
  readonly strategy: readonly CapacityProviderStrategyItem[];
  /** `capacity_provider_strategy` of the resource (none for a daemon, which uses the EC2 launch type). */
  readonly resourceStrategy: { capacityProvider: string; weight: number; base: number }[] | undefined;
  readonly orderedPlacementStrategy: { type: string; field?: string }[] | undefined;
  readonly placementConstraints: { type: string; expression?: string }[] | undefined;
  /** The scheduling fields of the service's `ServiceDemand`. */
  readonly demand: Pick<
    ServiceDemand,
    'daemon' | 'daemonCapacityProviders' | 'distinctInstance' | 'capacityProvider' | 'capacityProviderStrategy'
  >;
}

const AT = 'Ec2Service';

/** The combinations ECS refuses for a daemon. */
function daemonProblems(props: SchedulingProps): Problem[] {
  const refuse = (code: string, prop: string, what: string, fix: string): Problem => ({
    code,
    path: `${AT}.${prop}`,
    received: `${what} with schedulingStrategy DAEMON`,
    allowed: `no ${prop} for a daemon service: it runs one task on every container instance`,
    fix,
  });
  const out: Problem[] = [];
  if (props.desiredCount !== undefined) {
    out.push(
      refuse(
        'SERVICE_DAEMON_DESIRED_COUNT',
        'desiredCount',
        `desiredCount ${describeValue(props.desiredCount)}`,
        'Remove desiredCount: the number of instances sets the count.',
      ),
    );
  }
  if (props.autoScaling !== undefined) {
    out.push(
      refuse(
        'SERVICE_DAEMON_AUTO_SCALING',
        'autoScaling',
        'service auto scaling',
        'Remove autoScaling: scale the capacity provider instead (its ASG maximum).',
      ),
    );
  }
  if (props.capacityProvider !== undefined || (props.capacityProviderStrategy ?? []).length > 0) {
    out.push(
      refuse(
        'SERVICE_DAEMON_CAPACITY_PROVIDER_STRATEGY',
        props.capacityProvider !== undefined ? 'capacityProvider' : 'capacityProviderStrategy',
        'a capacity provider strategy',
        'Remove it: ECS refuses a capacity provider strategy for daemons (the service uses the EC2 launch type and runs on every instance); use placementConstraints (memberOf) to keep it off some instances.',
      ),
    );
  }
  if (props.placementStrategy !== undefined || (props.placementStrategies ?? []).length > 0) {
    out.push(
      refuse(
        'SERVICE_DAEMON_PLACEMENT_STRATEGY',
        props.placementStrategy !== undefined ? 'placementStrategy' : 'placementStrategies',
        'placement strategies',
        'Remove them: a daemon has one task per instance, there is nothing to spread or pack. Placement constraints are allowed.',
      ),
    );
  }
  return out;
}

/** A service's own capacity provider strategy: the strategy's rules (capacity/strategy-rules.ts), with its codes. */
function ownStrategyProblems(items: readonly CapacityProviderStrategyItem[], cluster: ICluster): Problem[] {
  const known = cluster.capacityProviders;
  return strategyProblems(items, {
    path: `${AT}.capacityProviderStrategy`,
    codePrefix: 'SERVICE',
    // An imported cluster may not list its providers: nothing to check them against then.
    knownProviders: known.length > 0 ? known : undefined,
    nameOf: (p) => p.capacityProviderName,
    sameProvider: (p, k) => k === p || k.capacityProviderName === p.capacityProviderName,
  });
}

/** Placement strategies and constraints within ECS's limits, with their fields set. */
function placementProblems(props: SchedulingProps): Problem[] {
  const out: Problem[] = [];
  if (props.placementStrategy !== undefined && props.placementStrategies !== undefined) {
    out.push({
      code: 'SERVICE_PLACEMENT_STRATEGY_CONFLICT',
      path: `${AT}.placementStrategy`,
      received: 'placementStrategy and placementStrategies',
      allowed: 'one of them',
      fix: 'Use placementStrategies only (placementStrategy is the older, single-choice form).',
    });
  }
  const strategies = (props.placementStrategies ?? []).flatMap((s) => s.items);
  if (strategies.length > MAX_PLACEMENT_STRATEGIES) {
    out.push({
      code: 'SERVICE_PLACEMENT_STRATEGY_TOO_MANY',
      path: `${AT}.placementStrategies`,
      received: `${strategies.length} placement strategies`,
      allowed: `at most ${MAX_PLACEMENT_STRATEGIES}`,
      fix: 'Keep the strategies that matter most, first.',
    });
  }
  strategies.forEach((s, i) => {
    if (s.type !== 'spread' || (s.field && s.field !== 'attribute:')) return;
    out.push({
      code: 'SERVICE_PLACEMENT_FIELD_EMPTY',
      path: `${AT}.placementStrategies[${i}]`,
      received: describeValue(s.field),
      allowed: 'instanceId or an attribute such as attribute:ecs.availability-zone',
      fix: 'Name what to spread by.',
    });
  });
  const constraints = (props.placementConstraints ?? []).map((c) => c.item);
  if (constraints.length > MAX_PLACEMENT_CONSTRAINTS) {
    out.push({
      code: 'SERVICE_PLACEMENT_CONSTRAINT_TOO_MANY',
      path: `${AT}.placementConstraints`,
      received: `${constraints.length} placement constraints`,
      allowed: `at most ${MAX_PLACEMENT_CONSTRAINTS}`,
      fix: 'Combine memberOf expressions with "and".',
    });
  }
  constraints.forEach((c, i) => {
    const e = c.expression ?? '';
    if (c.type !== 'memberOf' || isUnresolved(e) || (e.trim().length > 0 && e.length <= MAX_MEMBER_OF_EXPRESSION))
      return;
    out.push({
      code: 'SERVICE_PLACEMENT_EXPRESSION_INVALID',
      path: `${AT}.placementConstraints[${i}].expression`,
      received: describeValue(e.length > 80 ? `${e.slice(0, 80)}...` : e),
      allowed: `a cluster query language expression of 1-${MAX_MEMBER_OF_EXPRESSION} characters, e.g. "attribute:ecs.instance-type =~ c5.*"`,
      fix: 'Write the expression, or drop the constraint.',
    });
  });
  return out;
}

/**
 * The providers a daemon runs on: those of the task's operating system (ECS places a Linux task on
 * Linux instances only); all of them when none match, so that the service checks name the mismatch.
 */
function daemonProviders(cluster: ICluster, taskOs: TaskOsFamily | undefined): readonly ICapacityProvider[] {
  if (taskOs === undefined) return cluster.capacityProviders;
  const os = instanceOsFamily(taskOs);
  const matching = cluster.capacityProviders.filter((p) => p.osFamily === os);
  return matching.length > 0 ? matching : cluster.capacityProviders;
}

/**
 * The service's scheduling: what to write, what to report, and every problem of the props.
 * @param taskOs the task's OS family: a daemon runs on the providers of that OS
 */
export function planScheduling(props: SchedulingProps, taskOs?: TaskOsFamily): SchedulingPlan {
  const daemon = props.schedulingStrategy === SchedulingStrategy.DAEMON;
  const own = props.capacityProviderStrategy ?? [];
  const problems: Problem[] = [
    ...(daemon ? daemonProblems(props) : []),
    ...ownStrategyProblems(own, props.cluster),
    ...placementProblems(props),
  ];
  if (props.capacityProvider !== undefined && own.length > 0) {
    problems.push({
      code: 'SERVICE_CAPACITY_PROVIDER_CONFLICT',
      path: `${AT}.capacityProvider`,
      received: 'capacityProvider and capacityProviderStrategy',
      allowed: 'one of them',
      fix: 'Name the provider in capacityProviderStrategy only.',
    });
  }
  const strategy: readonly CapacityProviderStrategyItem[] = daemon
    ? daemonProviders(props.cluster, taskOs).map((capacityProvider) => ({ capacityProvider, weight: 1, base: 0 }))
    : own.length > 0
      ? own
      : props.capacityProvider
        ? [{ capacityProvider: props.capacityProvider, weight: 1, base: 0 }]
        : props.cluster.defaultCapacityProviderStrategy;
  const placement = props.placementStrategies ?? [
    props.placementStrategy ?? PlacementStrategy.SPREAD_ACROSS_AZS_THEN_INSTANCES,
  ];
  const constraints = (props.placementConstraints ?? []).map((c) => c.item);
  const named = own.length > 0 || props.capacityProvider !== undefined;
  return {
    problems,
    daemon,
    strategy,
    resourceStrategy: daemon
      ? undefined
      : strategy.map((item) => ({
          capacityProvider: item.capacityProvider.capacityProviderName,
          weight: item.weight ?? 1,
          base: item.base ?? 0,
        })),
    orderedPlacementStrategy: daemon ? undefined : placement.flatMap((p) => p.items).map((i) => ({ ...i })),
    placementConstraints: constraints.length > 0 ? constraints.map((c) => ({ ...c })) : undefined,
    demand: {
      ...(daemon
        ? { daemon: true, daemonCapacityProviders: strategy.map((s) => s.capacityProvider.capacityProviderName) }
        : {}),
      ...(constraints.some((c) => c.type === 'distinctInstance') ? { distinctInstance: true } : {}),
      // Without a provider of its own the service follows the cluster's default strategy, which the
      // cluster resolves when it checks.
      ...(!daemon && named && own.length === 0
        ? { capacityProvider: props.capacityProvider!.capacityProviderName }
        : {}),
      ...(!daemon && own.length > 0
        ? {
            capacityProviderStrategy: own.map((s) => ({
              capacityProvider: s.capacityProvider.capacityProviderName,
              ...(s.weight !== undefined ? { weight: s.weight } : {}),
              ...(s.base !== undefined ? { base: s.base } : {}),
            })),
          }
        : {}),
    },
  };
}

/**
 * The scheduling arguments of the `aws_ecs_service`, written after the others: a daemon has the EC2
 * launch type and no desired count, capacity provider strategy or deployment maximum percent, and
 * its minimum healthy percent defaults to 0 (an instance runs one copy).
 */
export function schedulingArguments(plan: SchedulingPlan, minHealthyPercent: number | undefined) {
  return {
    ...(plan.daemon
      ? {
          schedulingStrategy: SchedulingStrategy.DAEMON,
          launchType: 'EC2',
          desiredCount: undefined,
          capacityProviderStrategy: undefined,
          deploymentMaximumPercent: undefined,
          deploymentMinimumHealthyPercent: minHealthyPercent ?? 0,
        }
      : {}),
    orderedPlacementStrategy: plan.orderedPlacementStrategy,
    placementConstraints: plan.placementConstraints,
  };
}
