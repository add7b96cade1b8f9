/**
 * The subnet budget: private IPv4 addresses each subnet needs (one per awsvpc task, one per instance,
 * one more per trunked instance) against what it has (size - 5: AWS reserves five addresses in every
 * subnet). Pure.
 */
import {
  AWS_RESERVED_ADDRESSES_PER_SUBNET,
  addressesInPrefix,
  ipv4PrefixLength,
  usableAddressesInPrefix,
} from '../core/cidr';
import { isUnresolved } from '../core/tokens';
import { describeValue, ProblemCollector } from '../core/validation-error';
import type { ClusterBudget } from './cluster-budget';
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

/** The CIDR arithmetic lives in core (`core/cidr`); these names stay exported from capacity for its users. */
export { AWS_RESERVED_ADDRESSES_PER_SUBNET, ipv4PrefixLength, usableAddressesInPrefix as usableAddresses };
/** The largest subnet AWS allows. */
export const MIN_SUBNET_PREFIX = 16;
/** The smallest subnet AWS allows. */
export const MAX_SUBNET_PREFIX = 28;

/** A subnet as the budget sees it. */
export interface SubnetBudgetSubnet {
  /** Name for the messages and the report: a label or the subnet id. */
  readonly name: string;
  /** Its Availability Zone; subnets with the same value share their AZ's tasks and instances. */
  readonly availabilityZone: string;
  /**
   * IPv4 CIDR block, e.g. `10.0.0.0/24`.
   * @default - unknown (or a token): the subnet is not checked, with a warning
   */
  readonly cidrBlock?: string;
}

/** What lives in the subnets, cluster-wide. */
export interface SubnetDemand {
  /** awsvpc tasks at peak (deployment surge and auto scaling maximums included). */
  readonly awsvpcTasks: number;
  /** Instances at the ASG maximums. */
  readonly instances: number;
  /**
   * Of those, instances with a trunk interface (one more address each).
   * @default 0
   */
  readonly trunkedInstances?: number;
}

/** Input of `computeSubnetBudget`. */
export interface SubnetBudgetInput extends SubnetDemand {
  /** The subnets the tasks and instances live in (usually the private subnets, one per AZ). */
  readonly subnets: readonly SubnetBudgetSubnet[];
  /**
   * How unevenly tasks and instances spread over AZs: the busiest AZ holds
   * `min(total, ceil(total x skew / AZs))`. 1 is a perfectly even spread (rounded up); 1.5 lets one
   * AZ hold half again its share (an AZ rebalancing after another failed).
   * @default 1
   */
  readonly skew?: number;
}

/** The budget of one subnet. */
export interface SubnetBudgetEntry {
  readonly subnet: string;
  readonly availabilityZone: string;
  readonly cidrBlock?: string;
  readonly prefixLength?: number;
  /** awsvpc tasks counted in this subnet. */
  readonly tasks: number;
  /** Instances counted in this subnet. */
  readonly instances: number;
  /** Trunk interfaces counted in this subnet. */
  readonly trunkInterfaces: number;
  /** `tasks + instances + trunkInterfaces`. */
  readonly needed: number;
  /** `2^(32 - prefix) - 5`; undefined when the size is not known. */
  readonly usable?: number;
  /** `usable - needed` (negative when exhausted). */
  readonly free?: number;
  /** `free / usable`. */
  readonly headroom?: number;
  readonly status: BudgetStatus;
}

/** The budget of all subnets. */
export interface SubnetBudget {
  readonly skew: number;
  /** Distinct Availability Zones among the subnets. */
  readonly availabilityZones: number;
  readonly subnets: readonly SubnetBudgetEntry[];
  readonly diagnostics: readonly CapacityDiagnostic[];
  readonly status: BudgetStatus;
}

/**
 * What a cluster budget puts in the subnets: its awsvpc demand, the instances at the ASG maximums,
 * and trunk interfaces for the providers with trunking on (unless Windows or a type that never trunks;
 * a type whose trunking support is unknown counts one, to be safe). Assumes all providers and services
 * share the same subnets.
 */
export function subnetDemandOfCluster(cluster: ClusterBudget): SubnetDemand {
  let awsvpcTasks = 0;
  let instances = 0;
  let trunkedInstances = 0;
  for (const p of cluster.capacityProviders) {
    if (isUnresolved(p.maxInstances)) continue;
    awsvpcTasks += p.demand;
    instances += p.maxInstances;
    const support = isUnresolved(p.instanceType)
      ? undefined
      : EniCapacity.tryForInstanceType(p.instanceType)?.trunkingSupport;
    if (p.trunking && !p.windows && support !== TrunkingSupport.NOT_SUPPORTED) trunkedInstances += p.maxInstances;
  }
  return { awsvpcTasks, instances, trunkedInstances };
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** The busiest AZ's share of `total` items over `zones` AZs. */
export function busiestZoneShare(total: number, zones: number, skew: number): number {
  if (zones <= 0) return total;
  return Math.min(total, Math.ceil((total * skew) / zones - 1e-9));
}

/**
 * The longest prefix shorter than `prefix` (the smallest larger subnet) whose usable addresses keep
 * `headroom` (a fraction, 0 for "fits") free with `needed` addresses used; undefined when even a
 * /16 does not.
 */
export function largerSubnetPrefix(prefix: number, needed: number, headroom: number): number | undefined {
  for (let p = prefix - 1; p >= MIN_SUBNET_PREFIX; p--) {
    if ((usableAddressesInPrefix(p) - needed) / usableAddressesInPrefix(p) >= headroom) return p;
  }
  return undefined;
}

/** The fix of a subnet that is exhausted (`headroom` 0) or short of headroom. */
function subnetWaysOut(prefix: number, needed: number, headroom: number, zoneCount: number): string {
  const larger = largerSubnetPrefix(prefix, needed, headroom);
  return [
    larger !== undefined
      ? `use a /${larger} or larger subnet (${usableAddressesInPrefix(larger)} usable)`
      : `spread the tasks over more subnets: even a /${MIN_SUBNET_PREFIX} is too small`,
    `spread over more AZs (now ${zoneCount})`,
    'or lower the awsvpc task counts, auto scaling maximums or deployment maximum percent',
  ].join('; ');
}

/**
 * Checks the input (every problem at once) and returns each subnet's prefix length (undefined for an
 * unknown CIDR block) and whether the counts are known only at apply time.
 */
function checkSubnetBudgetInput(
  input: SubnetBudgetInput,
  skew: number,
  trunked: number,
): { prefixes: (number | undefined)[]; unresolvedCounts: boolean } {
  const problems = new ProblemCollector();
  problems.check(input.subnets.length > 0, {
    code: 'CAPACITY_SUBNETS_EMPTY',
    path: 'subnets',
    received: '[]',
    allowed: 'at least one subnet',
    fix: 'pass the subnets the tasks and instances live in',
  });
  problems.check(typeof skew === 'number' && Number.isFinite(skew) && skew >= 1, {
    code: 'CAPACITY_SKEW_INVALID',
    path: 'skew',
    received: describeValue(skew),
    allowed: 'a number >= 1 (1 is a perfectly even spread over the AZs)',
    fix: 'pass 1, or more to allow an uneven spread',
  });
  const counts = { awsvpcTasks: input.awsvpcTasks, instances: input.instances, trunkedInstances: trunked };
  const unresolvedCounts = Object.values(counts).some(isUnresolved);
  if (!unresolvedCounts) {
    for (const [key, value] of Object.entries(counts)) {
      problems.check(isCount(value), {
        code: 'CAPACITY_COUNT_INVALID',
        path: key,
        received: describeValue(value),
        allowed: 'a whole number >= 0',
        fix: `pass the number of ${key === 'awsvpcTasks' ? 'awsvpc tasks at peak' : key}`,
      });
    }
    problems.check(!isCount(trunked) || !isCount(input.instances) || trunked <= input.instances, {
      code: 'CAPACITY_COUNT_INVALID',
      path: 'trunkedInstances',
      received: describeValue(trunked),
      allowed: `at most the number of instances (${describeValue(input.instances)})`,
      fix: 'count only instances that exist',
    });
  }
  const prefixes = input.subnets.map((s, i) => {
    if (s.cidrBlock === undefined || isUnresolved(s.cidrBlock)) return undefined;
    const prefix = ipv4PrefixLength(s.cidrBlock);
    problems.check(prefix !== undefined && prefix >= MIN_SUBNET_PREFIX && prefix <= MAX_SUBNET_PREFIX, {
      code: 'CAPACITY_SUBNET_CIDR_INVALID',
      path: `subnets[${i}].cidrBlock`,
      received: describeValue(s.cidrBlock),
      allowed: `an IPv4 CIDR block from /${MIN_SUBNET_PREFIX} to /${MAX_SUBNET_PREFIX} (what AWS allows for a subnet)`,
      fix: 'pass the subnet\'s CIDR block, e.g. "10.0.0.0/24"',
    });
    return prefix;
  });
  problems.throwIfAny();
  return { prefixes, unresolvedCounts };
}

/** The budget when the counts are known only at apply time: every subnet unknown, with one warning. */
function unresolvedSubnetBudget(subnets: readonly SubnetBudgetSubnet[], skew: number, zoneCount: number): SubnetBudget {
  const warning = diagnostic(
    DiagnosticSeverity.WARNING,
    {
      code: 'CAPACITY_SUBNET_DEMAND_UNRESOLVED',
      path: 'subnets',
      received: 'task or instance counts known only at apply time',
      allowed: 'numbers known at synth time',
      fix: "use literal counts to have the subnets' addresses checked",
    },
    "The subnets' address budget cannot be checked at synth time.",
  );
  const entries = subnets.map((s): SubnetBudgetEntry => ({
    subnet: s.name,
    availabilityZone: s.availabilityZone,
    ...(s.cidrBlock !== undefined ? { cidrBlock: s.cidrBlock } : {}),
    tasks: 0,
    instances: 0,
    trunkInterfaces: 0,
    needed: 0,
    status: BudgetStatus.UNKNOWN,
  }));
  return { skew, availabilityZones: zoneCount, subnets: entries, diagnostics: [warning], status: BudgetStatus.UNKNOWN };
}

/** What one subnet holds, and how the spread was assumed (for the messages). */
interface SubnetShare {
  readonly tasks: number;
  readonly instances: number;
  readonly trunkInterfaces: number;
  /** Subnets in this subnet's AZ. */
  readonly inZone: number;
  /** AZs among all the subnets. */
  readonly zoneCount: number;
  /** `an even spread` or `a skew of 1.5`. */
  readonly skewText: string;
}

/** The budget of one subnet of known demand, with its diagnostic if it has one. */
function budgetOneSubnet(
  s: SubnetBudgetSubnet,
  prefix: number | undefined,
  share: SubnetShare,
): { entry: SubnetBudgetEntry; diagnostic?: CapacityDiagnostic } {
  const { tasks, instances, trunkInterfaces, inZone, zoneCount } = share;
  const needed = tasks + instances + trunkInterfaces;
  const base = {
    subnet: s.name,
    availabilityZone: s.availabilityZone,
    ...(s.cidrBlock !== undefined ? { cidrBlock: s.cidrBlock } : {}),
  };
  const path = `subnets["${s.name}"]`;
  const neededText =
    `${needed} addresses in ${s.availabilityZone} (${tasks} awsvpc tasks + ${instances} instances` +
    `${trunkInterfaces > 0 ? ` + ${trunkInterfaces} trunk interfaces` : ''}, assuming ${share.skewText} over ${zoneCount} AZ` +
    `${zoneCount === 1 ? '' : 's'}${inZone > 1 ? ` and ${inZone} subnets in this AZ` : ''})`;
  if (prefix === undefined) {
    return {
      entry: { ...base, tasks, instances, trunkInterfaces, needed, status: BudgetStatus.UNKNOWN },
      diagnostic: diagnostic(
        DiagnosticSeverity.WARNING,
        {
          code: 'CAPACITY_SUBNET_SIZE_UNKNOWN',
          path,
          received: describeValue(s.cidrBlock),
          allowed: 'a CIDR block known at synth time',
          fix: `make sure the subnet has at least ${needed + AWS_RESERVED_ADDRESSES_PER_SUBNET} addresses`,
        },
        `Subnet "${s.name}" needs ${neededText}, but its size is not known at synth time.`,
      ),
    };
  }
  const usable = usableAddressesInPrefix(prefix);
  const free = usable - needed;
  const headroom = free / usable;
  const entry = { ...base, prefixLength: prefix, tasks, instances, trunkInterfaces, needed, usable, free, headroom };
  const allowed = `${usable} usable addresses in a /${prefix} (${addressesInPrefix(prefix)} - ${AWS_RESERVED_ADDRESSES_PER_SUBNET} reserved by AWS)`;
  if (needed > usable) {
    return {
      entry: { ...entry, status: BudgetStatus.ERROR },
      diagnostic: diagnostic(
        DiagnosticSeverity.ERROR,
        {
          code: 'CAPACITY_SUBNET_EXHAUSTED',
          path,
          received: `needs ${neededText}`,
          allowed,
          fix: subnetWaysOut(prefix, needed, 0, zoneCount),
        },
        `Subnet "${s.name}" (${s.cidrBlock}) runs out of addresses: it needs ${neededText} but has ${allowed}.`,
      ),
    };
  }
  if (needed > 0 && headroom < HEADROOM_WARNING_THRESHOLD) {
    return {
      entry: { ...entry, status: BudgetStatus.WARNING },
      diagnostic: diagnostic(
        DiagnosticSeverity.WARNING,
        {
          code: 'CAPACITY_SUBNET_LOW_HEADROOM',
          path,
          received: `needs ${neededText}: ${formatPercent(headroom)} free`,
          allowed: `at least 20% of ${allowed} free (at most ${Math.floor(usable * (1 - HEADROOM_WARNING_THRESHOLD) + 1e-9)} needed)`,
          fix: subnetWaysOut(prefix, needed, HEADROOM_WARNING_THRESHOLD, zoneCount),
        },
        `Subnet "${s.name}" (${s.cidrBlock}) has ${formatPercent(headroom)} of its addresses free at peak ` +
          `(needs ${needed} of ${usable} usable).`,
      ),
    };
  }
  return { entry: { ...entry, status: BudgetStatus.OK } };
}

/**
 * Computes the address budget of every subnet. Every AZ is budgeted as the busiest one, so that any
 * AZ may be the one the skew lands on.
 * @throws ValidationError for malformed input (all problems at once): CAPACITY_SUBNETS_EMPTY,
 *   CAPACITY_SUBNET_CIDR_INVALID, CAPACITY_COUNT_INVALID, CAPACITY_SKEW_INVALID.
 */
export function computeSubnetBudget(input: SubnetBudgetInput): SubnetBudget {
  const skew = input.skew ?? 1;
  const trunked = input.trunkedInstances ?? 0;
  const { prefixes, unresolvedCounts } = checkSubnetBudgetInput(input, skew, trunked);
  const zones = new Map<string, number>();
  for (const s of input.subnets) zones.set(s.availabilityZone, (zones.get(s.availabilityZone) ?? 0) + 1);
  if (unresolvedCounts) return unresolvedSubnetBudget(input.subnets, skew, zones.size);

  const share = (total: number, subnetsInZone: number): number =>
    Math.ceil(busiestZoneShare(total, zones.size, skew) / subnetsInZone);
  const skewText = skew === 1 ? 'an even spread' : `a skew of ${skew}`;
  const budgets = input.subnets.map((s, i) => {
    const inZone = zones.get(s.availabilityZone)!;
    const instances = share(input.instances, inZone);
    return budgetOneSubnet(s, prefixes[i], {
      tasks: share(input.awsvpcTasks, inZone),
      instances,
      trunkInterfaces: Math.min(instances, share(trunked, inZone)),
      inZone,
      zoneCount: zones.size,
      skewText,
    });
  });
  const entries = budgets.map((b) => b.entry);
  return {
    skew,
    availabilityZones: zones.size,
    subnets: entries,
    diagnostics: budgets.flatMap((b) => (b.diagnostic ? [b.diagnostic] : [])),
    status: worstStatus(entries.map((e) => e.status)),
  };
}
