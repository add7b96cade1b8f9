/**
 * The cluster budget: how many awsvpc tasks the capacity providers can hold (ENI slots), against how
 * many the services place on them at peak (deployments and auto scaling included). Pure.
 */
import { NetworkMode } from '../core/network-mode';
import { isUnresolved } from '../core/tokens';
import { describeValue, ProblemCollector } from '../core/validation-error';
import {
  BudgetStatus,
  type CapacityDiagnostic,
  diagnostic,
  DiagnosticSeverity,
  HEADROOM_WARNING_THRESHOLD,
  formatPercent,
  worstStatus,
} from './diagnostics';
import { EniCapacity, TrunkingSupport } from './eni-capacity';
import { type EniPrecondition, eniPrecondition } from './eni-precondition';
import { tryParseInstanceType } from './instance-type';

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
  /** How `peakTasks` was counted, e.g. `ceil(5 x 200%) = 10` or `daemon: 1 x 4 instances`. */
  readonly formula: string;
  /**
   * Tasks of this service placed on the provider in steady state (the auto scaling maximum, no
   * deployment surge): what its static host ports need.
   */
  readonly steadyTasks: number;
  /** The ports its tasks bind on the instance (see `ServiceDemand.staticHostPorts`). */
  readonly staticHostPorts: readonly string[];
}

/** The budget of one capacity provider. */
export interface CapacityProviderBudget {
  readonly capacityProvider: string;
  readonly instanceType: string;
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

const DEFAULT_MAXIMUM_PERCENT = 200;

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** `ceil(count x percent / 100)`, never below `count` (a maximum percent under 100 still runs `count`). */
export function peakTasks(count: number, maximumPercent: number): number {
  return Math.max(count, Math.ceil((count * maximumPercent) / 100));
}

function tasksPhrase(n: number): string {
  return `${n} awsvpc task${n === 1 ? '' : 's'}`;
}

interface ProviderState {
  readonly input: CapacityProviderBudgetInput;
  readonly index: number;
  readonly services: ServiceShare[];
}

/**
 * Computes the budget of every capacity provider. Values that are tokens are skipped with a warning.
 * @throws ValidationError for malformed input (all problems at once): CAPACITY_PROVIDER_DUPLICATE,
 *   CAPACITY_COUNT_INVALID, CAPACITY_MAXIMUM_PERCENT_INVALID, CAPACITY_SERVICE_PROVIDER_UNKNOWN,
 *   CAPACITY_SERVICE_PROVIDER_MISSING, CAPACITY_STRATEGY_INVALID.
 */
export function computeClusterBudget(input: ClusterBudgetInput): ClusterBudget {
  const problems = new ProblemCollector();
  const warnings: CapacityDiagnostic[] = [];
  const providers = new Map<string, ProviderState>();

  input.capacityProviders.forEach((cp, index) => {
    const path = `capacityProviders[${index}]`;
    if (providers.has(cp.name)) {
      problems.add({
        code: 'CAPACITY_PROVIDER_DUPLICATE',
        path: `${path}.name`,
        received: describeValue(cp.name),
        allowed: 'a name used by one capacity provider only',
        fix: 'give each capacity provider its own name',
      });
      return;
    }
    if (!isUnresolved(cp.maxInstances)) {
      problems.check(isCount(cp.maxInstances), {
        code: 'CAPACITY_COUNT_INVALID',
        path: `${path}.maxInstances`,
        received: describeValue(cp.maxInstances),
        allowed: 'a whole number >= 0',
        fix: "pass the Auto Scaling group's maximum size",
      });
    }
    providers.set(cp.name, { input: cp, index, services: [] });
  });

  const names = [...providers.keys()];
  const daemons: { name: string; networkMode: NetworkMode; staticHostPorts: readonly string[] }[] = [];
  const defaultStrategy = input.defaultCapacityProviderStrategy ?? [];

  input.services.forEach((svc, index) => {
    const path = `services[${index}]`;
    const networkMode = svc.networkMode ?? NetworkMode.AWSVPC;
    if (svc.daemon) {
      daemons.push({ name: svc.serviceName, networkMode, staticHostPorts: svc.staticHostPorts ?? [] });
      return;
    }
    const maximumPercent = svc.maximumPercent ?? DEFAULT_MAXIMUM_PERCENT;
    const unresolved = [svc.desiredCount, svc.maxCount, maximumPercent].some(isUnresolved);
    let ok = true;
    if (!unresolved) {
      ok =
        problems.check(isCount(svc.desiredCount), {
          code: 'CAPACITY_COUNT_INVALID',
          path: `${path}.desiredCount`,
          received: describeValue(svc.desiredCount),
          allowed: 'a whole number >= 0',
          fix: "pass the service's desired count",
        }) && ok;
      if (svc.maxCount !== undefined) {
        ok =
          problems.check(isCount(svc.maxCount), {
            code: 'CAPACITY_COUNT_INVALID',
            path: `${path}.maxCount`,
            received: describeValue(svc.maxCount),
            allowed: 'a whole number >= 0',
            fix: 'pass the auto scaling maximum capacity, or leave it out',
          }) && ok;
      }
      ok =
        problems.check(typeof maximumPercent === 'number' && Number.isFinite(maximumPercent) && maximumPercent > 0, {
          code: 'CAPACITY_MAXIMUM_PERCENT_INVALID',
          path: `${path}.maximumPercent`,
          received: describeValue(maximumPercent),
          allowed: "a number > 0 (ECS's default is 200)",
          fix: "pass the service's deployment maximum percent",
        }) && ok;
    }

    // Where the tasks go.
    let strategy: readonly CapacityProviderStrategyItem[];
    let strategyPath = `${path}.capacityProviderStrategy`;
    if (svc.capacityProviderStrategy !== undefined && svc.capacityProviderStrategy.length > 0) {
      strategy = svc.capacityProviderStrategy;
    } else if (svc.capacityProvider !== undefined) {
      strategy = [{ capacityProvider: svc.capacityProvider }];
    } else if (defaultStrategy.length > 0) {
      strategy = defaultStrategy;
      strategyPath = 'defaultCapacityProviderStrategy';
    } else if (names.length === 1) {
      strategy = [{ capacityProvider: names[0]! }];
    } else {
      problems.add({
        code: 'CAPACITY_SERVICE_PROVIDER_MISSING',
        path,
        received: `service "${svc.serviceName}" without a capacity provider`,
        allowed: `a capacityProvider, a capacityProviderStrategy or a default strategy of the cluster naming one of: ${names.join(', ') || '(none)'}`,
        fix: 'say which capacity provider(s) the service runs on',
      });
      return;
    }
    strategy.forEach((item, i) => {
      if (!providers.has(item.capacityProvider)) {
        ok = false;
        problems.add({
          code: 'CAPACITY_SERVICE_PROVIDER_UNKNOWN',
          path: `${strategyPath}[${i}].capacityProvider`,
          received: describeValue(item.capacityProvider),
          allowed: `one of: ${names.join(', ') || '(none)'}`,
          fix: 'name a capacity provider of the cluster',
        });
      }
      for (const key of ['weight', 'base'] as const) {
        const v = item[key];
        if (v !== undefined && !isUnresolved(v) && !isCount(v)) {
          ok = false;
          problems.add({
            code: 'CAPACITY_STRATEGY_INVALID',
            path: `${strategyPath}[${i}].${key}`,
            received: describeValue(v),
            allowed: 'a whole number >= 0',
            fix: `pass the strategy's ${key}`,
          });
        }
      }
    });
    const weights = strategy.map((s) => s.weight ?? 1);
    const bases = strategy.map((s) => s.base ?? 0);
    if (unresolved || [...weights, ...bases].some(isUnresolved)) {
      warnings.push(
        diagnostic(
          DiagnosticSeverity.WARNING,
          {
            code: 'CAPACITY_DEMAND_UNRESOLVED',
            path,
            received: `service "${svc.serviceName}" with a desired count, maximum count, maximum percent or strategy known only at apply time`,
            allowed: 'numbers known at synth time',
            fix: "use literal numbers to have this service's demand checked",
          },
          `Service "${svc.serviceName}" is left out of the capacity budget: its counts are only known at apply time.`,
        ),
      );
      return;
    }
    if (!ok) return;
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const count = svc.maxCount ?? svc.desiredCount;
    const peak = peakTasks(count, maximumPercent);
    const baseTotal = bases.reduce((a, b) => a + b, 0);
    if (totalWeight === 0 && peak > baseTotal) {
      problems.add({
        code: 'CAPACITY_STRATEGY_INVALID',
        path: strategyPath,
        received: `weights all 0 with ${peak} tasks at peak and bases of ${baseTotal}`,
        allowed: 'at least one weight > 0, or bases covering every task',
        fix: 'give one capacity provider a weight of 1 or more',
      });
      return;
    }
    const formulaBase = `${svc.maxCount !== undefined ? `max ${count}` : `${count}`} x ${maximumPercent}%`;
    const peakSplit = splitByStrategy(peak, bases, weights);
    const steadySplit = splitByStrategy(count, bases, weights);
    strategy.forEach((item, i) => {
      const tasks = peakSplit[i]!.tasks;
      const split =
        strategy.length > 1
          ? ` -> ${tasks} here (base ${peakSplit[i]!.base}, weight ${weights[i]}/${totalWeight})`
          : '';
      providers.get(item.capacityProvider)!.services.push({
        service: svc.serviceName,
        networkMode,
        peakTasks: tasks,
        awsvpcTasks: networkMode === NetworkMode.AWSVPC ? tasks : 0,
        formula: `ceil(${formulaBase}) = ${peak}${split}`,
        steadyTasks: steadySplit[i]!.tasks,
        staticHostPorts: svc.staticHostPorts ?? [],
      });
    });
  });

  problems.throwIfAny();

  const typoIsError = input.unknownSizeIsError ?? true;
  const budgets = [...providers.values()].map((p) => providerBudget(p, daemons, typoIsError));
  const diagnostics = [...warnings, ...budgets.flatMap((b) => b.diagnostics)];
  return { capacityProviders: budgets, diagnostics, status: worstStatus(budgets.map((b) => b.status)) };
}

/**
 * How ECS splits `tasks` over a strategy: the bases first (in order), then the rest by weight. Each
 * weighted share is rounded up, so a provider may be counted one task too many, never too few.
 */
export function splitByStrategy(
  tasks: number,
  bases: readonly number[],
  weights: readonly number[],
): { base: number; tasks: number }[] {
  let remaining = tasks;
  const placed = bases.map((b) => {
    const here = Math.min(b, remaining);
    remaining -= here;
    return here;
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  return placed.map((base, i) => ({
    base,
    tasks: base + (totalWeight > 0 ? Math.ceil((remaining * weights[i]!) / totalWeight) : 0),
  }));
}

/** The smallest ASG maximum at which `replicaDemand` plus one slot per daemon per instance leaves `headroom`. */
function minInstancesFor(
  replicaDemand: number,
  daemonsPerInstance: number,
  tasksPerInstance: number,
  headroom: number,
): number | undefined {
  const perInstance = tasksPerInstance * (1 - headroom) - daemonsPerInstance;
  if (perInstance <= 0) return undefined;
  const fits = (n: number): boolean => {
    const capacity = n * tasksPerInstance;
    const demand = replicaDemand + daemonsPerInstance * n;
    return capacity > 0 ? (capacity - demand) / capacity >= headroom - 1e-12 : demand === 0;
  };
  let n = Math.max(1, Math.ceil(replicaDemand / perInstance));
  while (n > 1 && fits(n - 1)) n--;
  while (!fits(n)) n++;
  return n;
}

/**
 * CAPACITY_INSTANCE_SIZE_UNKNOWN: the ENI table knows the family of `instanceType` but not its size,
 * which is most likely a typo (`m5.lrage`). An error, with the nearest sizes of the family.
 */
export function instanceSizeUnknown(capacityProvider: string, instanceType: string): CapacityDiagnostic {
  const parsed = tryParseInstanceType(instanceType);
  const suggestions = EniCapacity.suggestSizes(instanceType);
  const did = suggestions.length > 0 ? `did you mean ${suggestions.map((t) => `"${t}"`).join(' or ')}? ` : '';
  return diagnostic(
    DiagnosticSeverity.ERROR,
    {
      code: 'CAPACITY_INSTANCE_SIZE_UNKNOWN',
      path: `capacityProviders["${capacityProvider}"].instanceType`,
      received: describeValue(instanceType),
      allowed: `a size of the ${parsed?.family} family that AWS publishes: ${suggestions.length > 0 ? `nearest ${suggestions.join(', ')}` : 'see the capacity command'}`,
      fix:
        `${did}If AWS has added this size since the ENI table was made, refresh the table ` +
        '(node scripts/run-ts.mjs scripts/generate-eni-table.ts), or skip the INSTANCE_TYPE capacity check with a reason ' +
        '(then it is treated as an unknown type: a warning and a plan-time check)',
    },
    `Capacity provider "${capacityProvider}" uses instance type ${instanceType}: the ENI table knows the ` +
      `${parsed?.family} family but not this size, so it is most likely a typo.`,
  );
}

/** One host port's tasks on a provider: at most one per instance. */
function hostPortDiagnostics(
  cpName: string,
  maxInstances: number,
  services: readonly ServiceShare[],
): CapacityDiagnostic[] {
  const byPort = new Map<string, ServiceShare[]>();
  for (const s of services) {
    for (const port of new Set(s.staticHostPorts)) {
      if (s.steadyTasks === 0) continue;
      const list = byPort.get(port) ?? [];
      list.push(s);
      byPort.set(port, list);
    }
  }
  const out: CapacityDiagnostic[] = [];
  for (const [port, users] of [...byPort.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const total = users.reduce((a, s) => a + s.steadyTasks, 0);
    if (total <= maxInstances) continue;
    const who = users.map((s) => `service "${s.service}" ${s.steadyTasks}`).join(', ');
    out.push(
      diagnostic(
        DiagnosticSeverity.ERROR,
        {
          code: 'CAPACITY_HOST_PORTS_EXHAUSTED',
          path: `capacityProviders["${cpName}"]`,
          received: `${total} tasks binding host port ${port}: ${who}`,
          allowed: `at most ${maxInstances}: one task per instance per static host port, ${maxInstances} instances (ASG maximum)`,
          fix:
            'use awsvpc mode (each task its own ENI and port space) or dynamic host ports (bridge, hostPort 0), ' +
            `raise the ASG maximum to at least ${total}, or lower the desired counts or auto scaling maximums`,
        },
        `Capacity provider "${cpName}" cannot run ${total} tasks that bind host port ${port} (${who}): an instance ` +
          'runs one of them at a time, so the others stay PENDING (RESOURCE:PORTS).',
      ),
    );
  }
  return out;
}

function providerBudget(
  p: ProviderState,
  daemons: readonly { name: string; networkMode: NetworkMode; staticHostPorts: readonly string[] }[],
  typoIsError: boolean,
): CapacityProviderBudget {
  const budget = eniBudget(p, daemons, typoIsError);
  if (isUnresolved(p.input.maxInstances)) return budget;
  const ports = hostPortDiagnostics(p.input.name, p.input.maxInstances, budget.services);
  if (ports.length === 0) return budget;
  return {
    ...budget,
    diagnostics: [...budget.diagnostics, ...ports],
    status: worstStatus([budget.status, BudgetStatus.ERROR]),
  };
}

function eniBudget(
  p: ProviderState,
  daemons: readonly { name: string; networkMode: NetworkMode; staticHostPorts: readonly string[] }[],
  typoIsError: boolean,
): CapacityProviderBudget {
  const cp = p.input;
  const path = `capacityProviders["${cp.name}"]`;
  const trunking = cp.trunking ?? false;
  const windows = cp.windows ?? false;
  const diagnostics: CapacityDiagnostic[] = [];
  const maxUnresolved = isUnresolved(cp.maxInstances);
  const maxInstances = maxUnresolved ? 0 : cp.maxInstances;
  const typeUnresolved = isUnresolved(cp.instanceType);
  const cap = typeUnresolved ? undefined : EniCapacity.tryForInstanceType(cp.instanceType);
  const trunkingEffective = trunking && !windows && (cap?.trunkingSupported ?? false);

  const services: ServiceShare[] = [...p.services];
  const awsvpcDaemons = daemons.filter((d) => d.networkMode === NetworkMode.AWSVPC).length;
  for (const d of daemons) {
    const tasks = maxInstances;
    services.push({
      service: d.name,
      networkMode: d.networkMode,
      peakTasks: tasks,
      awsvpcTasks: d.networkMode === NetworkMode.AWSVPC ? tasks : 0,
      formula: `daemon: 1 x ${maxInstances} instances`,
      steadyTasks: tasks,
      staticHostPorts: d.staticHostPorts,
    });
  }
  const replicaDemand = p.services.reduce((a, s) => a + s.awsvpcTasks, 0);
  const demand = replicaDemand + awsvpcDaemons * maxInstances;
  const requiredTasksPerInstance = maxInstances > 0 ? Math.ceil(demand / maxInstances) : demand > 0 ? demand : 0;

  const base = {
    capacityProvider: cp.name,
    instanceType: cp.instanceType,
    maxInstances: cp.maxInstances,
    trunking,
    trunkingEffective,
    windows,
    instanceTypeKnown: cap !== undefined,
  };

  const demandText = (): string => {
    const parts = services
      .filter((s) => s.awsvpcTasks > 0)
      .map((s) => `service "${s.service}" ${s.awsvpcTasks} (${s.formula})`);
    const shown = parts.length > 5 ? [...parts.slice(0, 5), `and ${parts.length - 5} more`] : parts;
    return `${tasksPhrase(demand)} at peak${shown.length > 0 ? `: ${shown.join(', ')}` : ''}`;
  };

  if (typeUnresolved || maxUnresolved) {
    diagnostics.push(
      diagnostic(
        DiagnosticSeverity.WARNING,
        {
          code: 'CAPACITY_PROVIDER_UNRESOLVED',
          path,
          received: typeUnresolved
            ? 'an instance type known only at apply time'
            : 'an ASG maximum known only at apply time',
          allowed: 'values known at synth time',
          fix: 'use literal values to have the ENI budget checked at synth time',
        },
        `The ENI budget of capacity provider "${cp.name}" cannot be checked at synth time.`,
      ),
    );
    return { ...base, demand, requiredTasksPerInstance, status: BudgetStatus.UNKNOWN, services, diagnostics };
  }

  if (!cap && typoIsError && EniCapacity.isKnownFamily(cp.instanceType)) {
    diagnostics.push(instanceSizeUnknown(cp.name, cp.instanceType));
    return { ...base, demand, requiredTasksPerInstance, status: BudgetStatus.ERROR, services, diagnostics };
  }

  if (!cap) {
    const suggestions = EniCapacity.suggestInstanceTypes(cp.instanceType);
    const precondition =
      (!trunking || windows) && requiredTasksPerInstance > 0
        ? eniPrecondition(cp.instanceType, requiredTasksPerInstance, {
            capacityProvider: cp.name,
            demand,
            maxInstances,
          })
        : undefined;
    const fix =
      (suggestions.length > 0
        ? `if it is a typo, did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}? `
        : '') +
      (precondition
        ? `Terraform checks at plan time that it has at least ${precondition.minimumNetworkInterfaces} network interfaces ` +
          `(${requiredTasksPerInstance} tasks per instance)`
        : trunking && requiredTasksPerInstance > 0
          ? 'with trunking on, the trunked limit of an unknown type is not published in any data Terraform can read, so ' +
            'nothing checks it before deployment; refresh the ENI table if AWS lists the type now'
          : 'nothing to check: no awsvpc demand');
    diagnostics.push(
      diagnostic(
        DiagnosticSeverity.WARNING,
        {
          code: 'CAPACITY_UNKNOWN_INSTANCE_TYPE',
          path: `${path}.instanceType`,
          received: describeValue(cp.instanceType),
          allowed: "an instance type of the library's ENI table (AWS's published limits)",
          fix,
        },
        `Instance type ${cp.instanceType} is not in the ENI table, so the awsvpc capacity of "${cp.name}" ` +
          `cannot be computed at synth time (${demandText()}).`,
      ),
    );
    if (maxInstances === 0 && demand > 0) {
      diagnostics.push(
        diagnostic(
          DiagnosticSeverity.ERROR,
          {
            code: 'CAPACITY_ENI_OVERCOMMITTED',
            path,
            received: demandText(),
            allowed: 'at most 0: the ASG maximum is 0',
            fix: 'raise the ASG maximum above 0',
          },
          `Capacity provider "${cp.name}" has no instances for ${demandText()}.`,
        ),
      );
      return {
        ...base,
        capacity: 0,
        demand,
        requiredTasksPerInstance,
        status: BudgetStatus.ERROR,
        services,
        diagnostics,
      };
    }
    return {
      ...base,
      demand,
      requiredTasksPerInstance,
      status: BudgetStatus.UNKNOWN,
      services,
      diagnostics,
      ...(precondition ? { eniPrecondition: precondition } : {}),
    };
  }

  const tasksPerInstance = cap.maxAwsvpcTasks(trunkingEffective);
  const capacity = maxInstances * tasksPerInstance;
  const headroom = capacity > 0 ? (capacity - demand) / capacity : undefined;
  const trunkingUnknown = trunking && !windows && cap.trunkingSupport === TrunkingSupport.UNKNOWN;

  function perInstanceText(): string {
    let state: string;
    if (trunkingEffective) state = 'with trunking';
    else if (!trunking) state = 'without trunking';
    else if (windows) state = 'without trunking (Windows instances never get a trunk interface)';
    else if (trunkingUnknown)
      state = `without trunking's gain (whether ${cp.instanceType} supports trunking is not in the table)`;
    else state = `without trunking (${cp.instanceType} does not support trunking)`;
    const how = trunkingEffective ? '' : ` (${cap!.maxNetworkInterfaces} ENIs, one for the primary interface)`;
    return `${tasksPerInstance} awsvpc tasks per ${cp.instanceType} ${state}${how}`;
  }

  function waysOut(targetHeadroom: number): string[] {
    const ways: string[] = [];
    const d = awsvpcDaemons;
    const fitsWith = (tpi: number, n = maxInstances): boolean => {
      const c = n * tpi;
      const dem = replicaDemand + d * n;
      return c > 0 ? (c - dem) / c >= targetHeadroom - 1e-12 : dem === 0;
    };
    if (!trunking && !windows && cap!.trunkingSupported && cap!.maxTasksWithTrunking! > tasksPerInstance) {
      const t = cap!.maxTasksWithTrunking!;
      ways.push(
        `turn ENI trunking on (awsvpcTrunking): a ${cp.instanceType} then runs ${t} awsvpc tasks, ` +
          `capacity ${maxInstances * t}${fitsWith(t) ? '' : ' (not enough alone)'}`,
      );
    }
    const larger = EniCapacity.largerInFamily(cp.instanceType, trunkingEffective);
    const pick =
      larger.find((c) => fitsWith(c.maxAwsvpcTasks(trunkingEffective))) ??
      [...larger].sort((a, b) => b.maxAwsvpcTasks(trunkingEffective) - a.maxAwsvpcTasks(trunkingEffective))[0];
    if (pick) {
      const t = pick.maxAwsvpcTasks(trunkingEffective);
      ways.push(
        `use a larger instance type: ${pick.instanceType} runs ${t} awsvpc tasks per instance` +
          `${trunkingEffective ? ' with trunking' : ''}, capacity ${maxInstances * t}${fitsWith(t) ? '' : ' (not enough alone)'}`,
      );
    }
    const minimum = minInstancesFor(replicaDemand, d, tasksPerInstance, targetHeadroom);
    if (minimum !== undefined) {
      const comfortable =
        targetHeadroom < HEADROOM_WARNING_THRESHOLD
          ? minInstancesFor(replicaDemand, d, tasksPerInstance, HEADROOM_WARNING_THRESHOLD)
          : undefined;
      ways.push(
        `raise the ASG maximum to at least ${minimum} (${minimum} x ${tasksPerInstance} = ` +
          `${minimum * tasksPerInstance} tasks${comfortable !== undefined && comfortable > minimum ? `; ${comfortable} for 20% headroom` : ''})`,
      );
    } else if (d > 0) {
      ways.push(
        `the ${d} awsvpc daemon service(s) take every ENI slot of a ${cp.instanceType}: use a larger type or fewer daemons`,
      );
    }
    ways.push("or lower the services' desired counts, auto scaling maximums or deployment maximum percent");
    return ways;
  }

  function overcommitted(): CapacityDiagnostic {
    const allowed = `at most ${capacity}: ${maxInstances} instances (ASG maximum) x ${perInstanceText()}`;
    const fix = waysOut(0).join('; ');
    return diagnostic(
      DiagnosticSeverity.ERROR,
      {
        code: 'CAPACITY_ENI_OVERCOMMITTED',
        path,
        received: demandText(),
        allowed,
        fix,
      },
      `Capacity provider "${cp.name}" runs out of ENIs: ${demandText()}, but ${allowed}. ` +
        'Tasks beyond that stay in PROVISIONING or fail with RESOURCE:ENI.',
    );
  }

  const result = {
    ...base,
    tasksPerInstanceWithoutTrunking: cap.maxTasksWithoutTrunking,
    ...(cap.maxTasksWithTrunking !== undefined ? { tasksPerInstanceWithTrunking: cap.maxTasksWithTrunking } : {}),
    tasksPerInstance,
    capacity,
    demand,
    ...(headroom !== undefined ? { headroom } : {}),
    requiredTasksPerInstance,
    services,
  };

  if (demand > capacity) {
    if (trunkingUnknown && maxInstances > 0) {
      diagnostics.push(
        diagnostic(
          DiagnosticSeverity.WARNING,
          {
            code: 'CAPACITY_ENI_UNVERIFIED',
            path,
            received: demandText(),
            allowed: `${capacity} for certain: ${maxInstances} instances x ${perInstanceText()}`,
            fix:
              `check that ${cp.instanceType} supports trunking and runs at least ${requiredTasksPerInstance} tasks with it ` +
              `(ECS developer guide, "Supported instance types" for ENI trunking), or ${waysOut(0).join('; ')}`,
          },
          `Capacity provider "${cp.name}" needs more awsvpc tasks than ${cp.instanceType} runs without trunking ` +
            `(${demandText()}; ${capacity} without trunking's gain), and the ENI table does not say whether trunking works for it.`,
        ),
      );
      return { ...result, status: BudgetStatus.WARNING, diagnostics };
    }
    diagnostics.push(overcommitted());
    return { ...result, status: BudgetStatus.ERROR, diagnostics };
  }
  if (headroom !== undefined && demand > 0 && headroom < HEADROOM_WARNING_THRESHOLD) {
    diagnostics.push(
      diagnostic(
        DiagnosticSeverity.WARNING,
        {
          code: 'CAPACITY_LOW_HEADROOM',
          path,
          received: `${demandText()} against a capacity of ${capacity}: ${formatPercent(headroom)} headroom`,
          allowed:
            `at least 20% headroom (demand <= ${Math.floor(capacity * (1 - HEADROOM_WARNING_THRESHOLD) + 1e-9)} ` +
            `of ${maxInstances} instances x ${perInstanceText()})`,
          fix: waysOut(HEADROOM_WARNING_THRESHOLD).join('; '),
        },
        `Capacity provider "${cp.name}" has ${formatPercent(headroom)} ENI headroom (capacity ${capacity}, ` +
          `peak demand ${demand}): a failed instance or a deployment at peak can leave tasks in PROVISIONING.`,
      ),
    );
    return { ...result, status: BudgetStatus.WARNING, diagnostics };
  }
  return { ...result, status: BudgetStatus.OK, diagnostics };
}
