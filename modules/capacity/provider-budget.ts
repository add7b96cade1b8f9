/**
 * The budget of one capacity provider (pure): its ENI slots (instance type, trunking, ASG maximum)
 * against the awsvpc tasks the services and daemons place on it, its host ports and the services
 * that want one task per instance.
 */
import { NetworkMode } from '../core/network-mode';
import { isUnresolved } from '../core/tokens';
import { describeValue } from '../core/validation-error';
import type { CapacityProviderBudget, CapacityProviderBudgetInput, ServiceShare } from './budget-types';
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
import { eniPrecondition } from './eni-precondition';
import { distinctInstanceDiagnostics, hostPortDiagnostics } from './instance-slots';
import { tryParseInstanceType } from './instance-type';

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

/** A daemon service: one task on every instance of every capacity provider. */
export interface DaemonDemand {
  readonly name: string;
  readonly networkMode: NetworkMode;
  readonly staticHostPorts: readonly string[];
  /** The providers it runs on. @default - every provider */
  readonly capacityProviders?: readonly string[];
}

/**
 * The type of a mixed instances group whose ENI budget the group has: the one that runs the fewest
 * awsvpc tasks per instance (in the group's trunking state), since the group may launch only those.
 * A type the ENI table does not know is that one (its limit is not proven), so the unknown-type rule
 * (a warning and a plan-time check, or an error for a size typo) applies to it. Ties go to the first.
 */
export function smallestInstanceType(types: readonly string[], trunking: boolean, windows = false): string | undefined {
  if (types.length === 0 || types.some((t) => isUnresolved(t))) return types[0];
  let best: { type: string; tasks: number } | undefined;
  for (const type of types) {
    const cap = EniCapacity.tryForInstanceType(type);
    if (!cap) return type;
    const tasks = cap.maxAwsvpcTasks(trunking && !windows && cap.trunkingSupported);
    if (best === undefined || tasks < best.tasks) best = { type, tasks };
  }
  return best!.type;
}

/** One provider's budget: ENI slots, then host ports and distinct-instance services. */
export function providerBudget(
  input: CapacityProviderBudgetInput,
  services: readonly ServiceShare[],
  daemons: readonly DaemonDemand[],
  typoIsError: boolean,
): CapacityProviderBudget {
  const budget = eniBudget(providerContext(input, services, daemons), typoIsError);
  if (isUnresolved(input.maxInstances)) return budget;
  const more = [
    ...hostPortDiagnostics(input.name, input.maxInstances, budget.services),
    ...distinctInstanceDiagnostics(input.name, input.maxInstances, budget.services),
  ];
  if (more.length === 0) return budget;
  return {
    ...budget,
    diagnostics: [...budget.diagnostics, ...more],
    status: worstStatus([budget.status, BudgetStatus.ERROR]),
  };
}

/** What every step of one provider's ENI budget reads. */
interface ProviderContext {
  readonly cp: CapacityProviderBudgetInput;
  readonly path: string;
  /** The type counted: the only one, or the smallest of a mixed group. */
  readonly instanceType: string;
  readonly trunking: boolean;
  readonly windows: boolean;
  readonly maxUnresolved: boolean;
  readonly typeUnresolved: boolean;
  /** The ASG maximum (0 when unresolved). */
  readonly maxInstances: number;
  readonly cap?: EniCapacity;
  readonly trunkingEffective: boolean;
  readonly services: readonly ServiceShare[];
  readonly awsvpcDaemons: number;
  /** The replica services' awsvpc tasks. */
  readonly replicaDemand: number;
  /** Replicas plus one slot per awsvpc daemon per instance. */
  readonly demand: number;
  readonly requiredTasksPerInstance: number;
  /** The fields every outcome shares. */
  readonly base: Pick<
    CapacityProviderBudget,
    | 'capacityProvider'
    | 'instanceType'
    | 'instanceTypes'
    | 'spot'
    | 'maxInstances'
    | 'trunking'
    | 'trunkingEffective'
    | 'windows'
    | 'instanceTypeKnown'
    | 'demand'
    | 'requiredTasksPerInstance'
    | 'services'
  >;
}

function providerContext(
  cp: CapacityProviderBudgetInput,
  replicas: readonly ServiceShare[],
  daemons: readonly DaemonDemand[],
): ProviderContext {
  const trunking = cp.trunking ?? false;
  const windows = cp.windows ?? false;
  const mix = cp.instanceTypes !== undefined && cp.instanceTypes.length > 1 ? cp.instanceTypes : undefined;
  const instanceType = (mix && smallestInstanceType(mix, trunking, windows)) ?? cp.instanceType;
  const maxUnresolved = isUnresolved(cp.maxInstances);
  const maxInstances = maxUnresolved ? 0 : cp.maxInstances;
  const typeUnresolved = isUnresolved(instanceType);
  const cap = typeUnresolved ? undefined : EniCapacity.tryForInstanceType(instanceType);
  const trunkingEffective = trunking && !windows && (cap?.trunkingSupported ?? false);
  const services: ServiceShare[] = [
    ...replicas,
    ...daemons.map((d) => ({
      service: d.name,
      networkMode: d.networkMode,
      peakTasks: maxInstances,
      awsvpcTasks: d.networkMode === NetworkMode.AWSVPC ? maxInstances : 0,
      formula: `daemon: 1 per instance x ${maxInstances} instances`,
      steadyTasks: maxInstances,
      staticHostPorts: d.staticHostPorts,
      daemon: true,
    })),
  ];
  const awsvpcDaemons = daemons.filter((d) => d.networkMode === NetworkMode.AWSVPC).length;
  const replicaDemand = replicas.reduce((a, s) => a + s.awsvpcTasks, 0);
  const demand = replicaDemand + awsvpcDaemons * maxInstances;
  const requiredTasksPerInstance = maxInstances > 0 ? Math.ceil(demand / maxInstances) : demand > 0 ? demand : 0;
  return {
    cp,
    path: `capacityProviders["${cp.name}"]`,
    instanceType,
    trunking,
    windows,
    maxUnresolved,
    typeUnresolved,
    maxInstances,
    ...(cap ? { cap } : {}),
    trunkingEffective,
    services,
    awsvpcDaemons,
    replicaDemand,
    demand,
    requiredTasksPerInstance,
    base: {
      capacityProvider: cp.name,
      instanceType,
      ...(mix ? { instanceTypes: mix } : {}),
      spot: cp.spot ?? false,
      maxInstances: cp.maxInstances,
      trunking,
      trunkingEffective,
      windows,
      instanceTypeKnown: cap !== undefined,
      demand,
      requiredTasksPerInstance,
      services,
    },
  };
}

/** `N awsvpc tasks at peak: service "a" 4 (formula), ...`. */
function demandText(c: ProviderContext): string {
  const parts = c.services
    .filter((s) => s.awsvpcTasks > 0)
    .map((s) => `service "${s.service}" ${s.awsvpcTasks} (${s.formula})`);
  const shown = parts.length > 5 ? [...parts.slice(0, 5), `and ${parts.length - 5} more`] : parts;
  return `${tasksPhrase(c.demand)} at peak${shown.length > 0 ? `: ${shown.join(', ')}` : ''}`;
}

function tasksPhrase(n: number): string {
  return `${n} awsvpc task${n === 1 ? '' : 's'}`;
}

/** Which type of a mixed group the budget counts, for messages. */
function typeText(c: ProviderContext): string {
  return c.base.instanceTypes
    ? `${c.instanceType} (the smallest of ${c.base.instanceTypes.join(', ')})`
    : c.instanceType;
}

function eniBudget(c: ProviderContext, typoIsError: boolean): CapacityProviderBudget {
  if (c.typeUnresolved || c.maxUnresolved) {
    const d = diagnostic(
      DiagnosticSeverity.WARNING,
      {
        code: 'CAPACITY_PROVIDER_UNRESOLVED',
        path: c.path,
        received: c.typeUnresolved
          ? 'an instance type known only at apply time'
          : 'an ASG maximum known only at apply time',
        allowed: 'values known at synth time',
        fix: 'use literal values to have the ENI budget checked at synth time',
      },
      `The ENI budget of capacity provider "${c.cp.name}" cannot be checked at synth time.`,
    );
    return { ...c.base, status: BudgetStatus.UNKNOWN, diagnostics: [d] };
  }
  if (!c.cap && typoIsError && EniCapacity.isKnownFamily(c.instanceType)) {
    return { ...c.base, status: BudgetStatus.ERROR, diagnostics: [instanceSizeUnknown(c.cp.name, c.instanceType)] };
  }
  return c.cap ? knownTypeBudget(c, c.cap) : unknownTypeBudget(c);
}

/** A type the ENI table does not know: a warning, and a plan-time check when trunking is off. */
function unknownTypeBudget(c: ProviderContext): CapacityProviderBudget {
  const { trunking, windows, requiredTasksPerInstance, maxInstances, demand } = c;
  const suggestions = EniCapacity.suggestInstanceTypes(c.instanceType);
  const precondition =
    (!trunking || windows) && requiredTasksPerInstance > 0
      ? eniPrecondition(c.instanceType, requiredTasksPerInstance, { capacityProvider: c.cp.name, demand, maxInstances })
      : undefined;
  const fix =
    (suggestions.length > 0 ? `if it is a typo, did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}? ` : '') +
    (precondition
      ? `Terraform checks at plan time that it has at least ${precondition.minimumNetworkInterfaces} network interfaces ` +
        `(${requiredTasksPerInstance} tasks per instance)`
      : trunking && requiredTasksPerInstance > 0
        ? 'with trunking on, the trunked limit of an unknown type is not published in any data Terraform can read, so ' +
          'nothing checks it before deployment; refresh the ENI table if AWS lists the type now'
        : 'nothing to check: no awsvpc demand');
  const diagnostics = [
    diagnostic(
      DiagnosticSeverity.WARNING,
      {
        code: 'CAPACITY_UNKNOWN_INSTANCE_TYPE',
        path: `${c.path}.instanceType`,
        received: describeValue(c.instanceType),
        allowed: "an instance type of the library's ENI table (AWS's published limits)",
        fix,
      },
      `Instance type ${typeText(c)} is not in the ENI table, so the awsvpc capacity of "${c.cp.name}" ` +
        `cannot be computed at synth time (${demandText(c)}).`,
    ),
  ];
  if (maxInstances === 0 && demand > 0) {
    diagnostics.push(
      diagnostic(
        DiagnosticSeverity.ERROR,
        {
          code: 'CAPACITY_ENI_OVERCOMMITTED',
          path: c.path,
          received: demandText(c),
          allowed: 'at most 0: the ASG maximum is 0',
          fix: 'raise the ASG maximum above 0',
        },
        `Capacity provider "${c.cp.name}" has no instances for ${demandText(c)}.`,
      ),
    );
    return { ...c.base, capacity: 0, status: BudgetStatus.ERROR, diagnostics };
  }
  return {
    ...c.base,
    status: BudgetStatus.UNKNOWN,
    diagnostics,
    ...(precondition ? { eniPrecondition: precondition } : {}),
  };
}

/** `N awsvpc tasks per c5.large with trunking (...)`. */
function perInstanceText(c: ProviderContext, cap: EniCapacity): string {
  const tasksPerInstance = cap.maxAwsvpcTasks(c.trunkingEffective);
  const trunkingUnknown = c.trunking && !c.windows && cap.trunkingSupport === TrunkingSupport.UNKNOWN;
  let state: string;
  if (c.trunkingEffective) state = 'with trunking';
  else if (!c.trunking) state = 'without trunking';
  else if (c.windows) state = 'without trunking (Windows instances never get a trunk interface)';
  else if (trunkingUnknown)
    state = `without trunking's gain (whether ${c.instanceType} supports trunking is not in the table)`;
  else state = `without trunking (${c.instanceType} does not support trunking)`;
  const how = c.trunkingEffective ? '' : ` (${cap.maxNetworkInterfaces} ENIs, one for the primary interface)`;
  return `${tasksPerInstance} awsvpc tasks per ${typeText(c)} ${state}${how}`;
}

/** The ways out of an overcommitted (or tight) budget, each with the capacity it gives. */
function waysOut(c: ProviderContext, cap: EniCapacity, targetHeadroom: number): string[] {
  const ways: string[] = [];
  const { maxInstances, replicaDemand, trunking, windows, trunkingEffective, instanceType } = c;
  const d = c.awsvpcDaemons;
  const tasksPerInstance = cap.maxAwsvpcTasks(trunkingEffective);
  const fitsWith = (tpi: number, n = maxInstances): boolean => {
    const capacity = n * tpi;
    const dem = replicaDemand + d * n;
    return capacity > 0 ? (capacity - dem) / capacity >= targetHeadroom - 1e-12 : dem === 0;
  };
  if (!trunking && !windows && cap.trunkingSupported && cap.maxTasksWithTrunking! > tasksPerInstance) {
    const t = cap.maxTasksWithTrunking!;
    ways.push(
      `turn ENI trunking on (awsvpcTrunking): a ${instanceType} then runs ${t} awsvpc tasks, ` +
        `capacity ${maxInstances * t}${fitsWith(t) ? '' : ' (not enough alone)'}`,
    );
  }
  const larger = EniCapacity.largerInFamily(instanceType, trunkingEffective);
  const pick =
    larger.find((l) => fitsWith(l.maxAwsvpcTasks(trunkingEffective))) ??
    [...larger].sort((a, b) => b.maxAwsvpcTasks(trunkingEffective) - a.maxAwsvpcTasks(trunkingEffective))[0];
  if (pick) {
    const t = pick.maxAwsvpcTasks(trunkingEffective);
    ways.push(
      `use a larger instance type${c.base.instanceTypes ? ` (drop ${instanceType} from the mix)` : ''}: ${pick.instanceType} runs ${t} awsvpc tasks per instance` +
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
      `the ${d} awsvpc daemon service(s) take every ENI slot of a ${instanceType}: use a larger type or fewer daemons`,
    );
  }
  ways.push("or lower the services' desired counts, auto scaling maximums or deployment maximum percent");
  return ways;
}

/** A type the ENI table knows: capacity, then an error, an unverified warning, low headroom, or OK. */
function knownTypeBudget(c: ProviderContext, cap: EniCapacity): CapacityProviderBudget {
  const { maxInstances, demand, trunking, windows } = c;
  const tasksPerInstance = cap.maxAwsvpcTasks(c.trunkingEffective);
  const capacity = maxInstances * tasksPerInstance;
  const headroom = capacity > 0 ? (capacity - demand) / capacity : undefined;
  const trunkingUnknown = trunking && !windows && cap.trunkingSupport === TrunkingSupport.UNKNOWN;
  const result = {
    ...c.base,
    tasksPerInstanceWithoutTrunking: cap.maxTasksWithoutTrunking,
    ...(cap.maxTasksWithTrunking !== undefined ? { tasksPerInstanceWithTrunking: cap.maxTasksWithTrunking } : {}),
    tasksPerInstance,
    capacity,
    ...(headroom !== undefined ? { headroom } : {}),
  };
  const perInstance = perInstanceText(c, cap);
  if (demand > capacity && trunkingUnknown && maxInstances > 0) {
    const d = diagnostic(
      DiagnosticSeverity.WARNING,
      {
        code: 'CAPACITY_ENI_UNVERIFIED',
        path: c.path,
        received: demandText(c),
        allowed: `${capacity} for certain: ${maxInstances} instances x ${perInstance}`,
        fix:
          `check that ${c.instanceType} supports trunking and runs at least ${c.requiredTasksPerInstance} tasks with it ` +
          `(ECS developer guide, "Supported instance types" for ENI trunking), or ${waysOut(c, cap, 0).join('; ')}`,
      },
      `Capacity provider "${c.cp.name}" needs more awsvpc tasks than ${c.instanceType} runs without trunking ` +
        `(${demandText(c)}; ${capacity} without trunking's gain), and the ENI table does not say whether trunking works for it.`,
    );
    return { ...result, status: BudgetStatus.WARNING, diagnostics: [d] };
  }
  if (demand > capacity) {
    const allowed = `at most ${capacity}: ${maxInstances} instances (ASG maximum) x ${perInstance}`;
    const d = diagnostic(
      DiagnosticSeverity.ERROR,
      {
        code: 'CAPACITY_ENI_OVERCOMMITTED',
        path: c.path,
        received: demandText(c),
        allowed,
        fix: waysOut(c, cap, 0).join('; '),
      },
      `Capacity provider "${c.cp.name}" runs out of ENIs: ${demandText(c)}, but ${allowed}. ` +
        'Tasks beyond that stay in PROVISIONING or fail with RESOURCE:ENI.',
    );
    return { ...result, status: BudgetStatus.ERROR, diagnostics: [d] };
  }
  if (headroom !== undefined && demand > 0 && headroom < HEADROOM_WARNING_THRESHOLD) {
    const d = diagnostic(
      DiagnosticSeverity.WARNING,
      {
        code: 'CAPACITY_LOW_HEADROOM',
        path: c.path,
        received: `${demandText(c)} against a capacity of ${capacity}: ${formatPercent(headroom)} headroom`,
        allowed:
          `at least 20% headroom (demand <= ${Math.floor(capacity * (1 - HEADROOM_WARNING_THRESHOLD) + 1e-9)} ` +
          `of ${maxInstances} instances x ${perInstance})`,
        fix: waysOut(c, cap, HEADROOM_WARNING_THRESHOLD).join('; '),
      },
      `Capacity provider "${c.cp.name}" has ${formatPercent(headroom)} ENI headroom (capacity ${capacity}, ` +
        `peak demand ${demand}): a failed instance or a deployment at peak can leave tasks in PROVISIONING.`,
    );
    return { ...result, status: BudgetStatus.WARNING, diagnostics: [d] };
  }
  return { ...result, status: BudgetStatus.OK, diagnostics: [] };
}
