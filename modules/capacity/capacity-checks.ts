/**
 * The capacity checks of one cluster, as a whole: the ENI budget of every capacity provider, the
 * subnet address budget, the trunking pre-flight and the host port budget, with the opt-outs a user
 * declared (each with a written reason). Pure: the compute module's clusters feed it what they know
 * and act on the result (fail the synth, print warnings, add plan-time checks, write the report).
 */
import { isUnresolved } from '../core/tokens';
import { describeValue, type Problem } from '../core/validation-error';
import {
  type CapacityProviderBudgetInput,
  type CapacityProviderStrategyItem,
  type ClusterBudget,
  computeClusterBudget,
  type ServiceDemand,
} from './cluster-budget';
import { type CapacityDiagnostic, DiagnosticSeverity } from './diagnostics';
import { buildCapacityReport, type CapacityReport } from './report';
import {
  computeSubnetBudget,
  type SubnetBudget,
  type SubnetBudgetSubnet,
  subnetDemandOfCluster,
} from './subnet-budget';
import { TrunkingAccountSetting, trunkingPreflight } from './trunking-preflight';

/** A check a cluster runs on its capacity at synth time; each can be skipped, with a reason. */
export enum CapacityCheck {
  /**
   * The ENI budget of each capacity provider: awsvpc tasks at peak against ENI slots
   * (`CAPACITY_ENI_OVERCOMMITTED`, `CAPACITY_LOW_HEADROOM`, `CAPACITY_ENI_UNVERIFIED`,
   * `CAPACITY_UNKNOWN_INSTANCE_TYPE`), and the plan-time ENI check of instance types the table does not know.
   */
  ENI_BUDGET = 'ENI_BUDGET',
  /** Private IPv4 addresses per subnet (`CAPACITY_SUBNET_EXHAUSTED`, `CAPACITY_SUBNET_LOW_HEADROOM`, ...). */
  SUBNET_BUDGET = 'SUBNET_BUDGET',
  /** Conditions under which ENI trunking silently does not work (`CAPACITY_TRUNKING_*`). */
  TRUNKING_PREFLIGHT = 'TRUNKING_PREFLIGHT',
  /** One task per instance per static host port, for host and bridge mode (`CAPACITY_HOST_PORTS_EXHAUSTED`). */
  HOST_PORTS = 'HOST_PORTS',
  /**
   * A size the ENI table does not know in a family it knows (`m5.lrage`) is an error
   * (`CAPACITY_INSTANCE_SIZE_UNKNOWN`). Skipped, such a type is treated as unknown: a warning and the
   * plan-time ENI check.
   */
  INSTANCE_TYPE = 'INSTANCE_TYPE',
}

/** Minimum length of the reason for skipping a check (as for the other reasons the library asks for). */
export const CAPACITY_CHECKS_REASON_MIN_LENGTH = 10;

/** How a cluster checks its capacity (`EcsClusterProps.capacityChecks`, `ClusterAttributes.capacityChecks`). */
export interface CapacityChecksOptions {
  /**
   * Checks not to fail the synth on. Their findings stay in the capacity report (as warnings that
   * carry the reason) but are neither errors nor printed warnings. Needs `reason`.
   * @default - none: every check runs
   */
  readonly skip?: readonly CapacityCheck[];
  /**
   * Why the checks in `skip` are skipped, at least 10 characters; shown in the report next to each
   * skipped finding. Required when `skip` is not empty, refused when it is.
   * @default - none
   */
  readonly reason?: string;
  /**
   * Print the capacity table (providers, subnets, findings) to the console at synth.
   * @default false
   */
  readonly printTable?: boolean;
  /**
   * Where the awsvpcTrunking account setting is turned on, for every capacity provider with trunking.
   * @default - per capacity provider: `DECLARED_IN_APP` when its trunking opt-in is a resource of the
   *   app, `DECLARED_ELSEWHERE` when it is `TrunkingOptIn.external()`, else `NOT_DECLARED` (a warning)
   */
  readonly trunkingAccountSetting?: TrunkingAccountSetting;
  /**
   * How unevenly tasks may land across AZs in the subnet budget (1 = evenly; 1.5 lets one AZ hold
   * half again its share).
   * @default 1
   */
  readonly subnetSkew?: number;
}

/** Every problem of `options`, with paths under `path` (e.g. `EcsCluster.capacityChecks`). */
export function capacityChecksProblems(options: CapacityChecksOptions | undefined, path: string): Problem[] {
  if (options === undefined) return [];
  const out: Problem[] = [];
  const checks = Object.values(CapacityCheck) as string[];
  const skip = options.skip ?? [];
  skip.forEach((c, i) => {
    if (!checks.includes(c)) {
      out.push({
        code: 'CAPACITY_CHECKS_SKIP_INVALID',
        path: `${path}.skip[${i}]`,
        received: describeValue(c),
        allowed: checks.map((v) => `CapacityCheck.${v}`).join(', '),
        fix: 'name a CapacityCheck member',
      });
    } else if (skip.indexOf(c) !== i) {
      out.push({
        code: 'CAPACITY_CHECKS_SKIP_INVALID',
        path: `${path}.skip[${i}]`,
        received: `${describeValue(c)} a second time`,
        allowed: 'each check once',
        fix: 'remove the duplicate',
      });
    }
  });
  const reason = options.reason;
  if (skip.length > 0 && (reason === undefined || (!isUnresolved(reason) && reason.trim() === ''))) {
    out.push({
      code: 'CAPACITY_CHECKS_REASON_MISSING',
      path: `${path}.reason`,
      received: describeValue(reason),
      allowed: `a written reason of at least ${CAPACITY_CHECKS_REASON_MIN_LENGTH} characters for skipping ${skip.join(', ')}`,
      fix: 'say why the check does not apply (it is shown in the capacity report), or do not skip it',
    });
  } else if (
    reason !== undefined &&
    !isUnresolved(reason) &&
    skip.length > 0 &&
    reason.trim().length < CAPACITY_CHECKS_REASON_MIN_LENGTH
  ) {
    out.push({
      code: 'CAPACITY_CHECKS_REASON_TOO_SHORT',
      path: `${path}.reason`,
      received: describeValue(reason),
      allowed: `at least ${CAPACITY_CHECKS_REASON_MIN_LENGTH} characters`,
      fix: 'write a sentence a reviewer can check, e.g. "tasks run on Fargate during the migration"',
    });
  } else if (reason !== undefined && skip.length === 0) {
    out.push({
      code: 'CAPACITY_CHECKS_REASON_UNUSED',
      path: `${path}.reason`,
      received: describeValue(reason),
      allowed: 'a reason only together with the checks it skips',
      fix: 'name the checks in skip, or remove the reason',
    });
  }
  const skew = options.subnetSkew;
  if (skew !== undefined && !(typeof skew === 'number' && Number.isFinite(skew) && skew >= 1)) {
    out.push({
      code: 'CAPACITY_SKEW_INVALID',
      path: `${path}.subnetSkew`,
      received: describeValue(skew),
      allowed: 'a number >= 1 (1 is a perfectly even spread over the AZs)',
      fix: 'pass 1, or more to allow an uneven spread',
    });
  }
  const setting = options.trunkingAccountSetting;
  if (setting !== undefined && !(Object.values(TrunkingAccountSetting) as string[]).includes(setting)) {
    out.push({
      code: 'CAPACITY_CHECKS_TRUNKING_SETTING_INVALID',
      path: `${path}.trunkingAccountSetting`,
      received: describeValue(setting),
      allowed: Object.values(TrunkingAccountSetting)
        .map((v) => `TrunkingAccountSetting.${v}`)
        .join(', '),
      fix: 'use a TrunkingAccountSetting member, or leave it unset',
    });
  }
  if (options.printTable !== undefined && typeof options.printTable !== 'boolean') {
    out.push({
      code: 'CAPACITY_CHECKS_PRINT_TABLE_INVALID',
      path: `${path}.printTable`,
      received: describeValue(options.printTable),
      allowed: 'true or false',
      fix: 'pass a boolean',
    });
  }
  return out;
}

/** The check a diagnostic code belongs to; undefined for codes no check owns (malformed input). */
export function capacityCheckOf(code: string): CapacityCheck | undefined {
  if (code === 'CAPACITY_INSTANCE_SIZE_UNKNOWN') return CapacityCheck.INSTANCE_TYPE;
  if (code === 'CAPACITY_HOST_PORTS_EXHAUSTED') return CapacityCheck.HOST_PORTS;
  if (code.startsWith('CAPACITY_SUBNET_')) return CapacityCheck.SUBNET_BUDGET;
  if (code.startsWith('CAPACITY_TRUNKING_')) return CapacityCheck.TRUNKING_PREFLIGHT;
  if (
    [
      'CAPACITY_ENI_OVERCOMMITTED',
      'CAPACITY_LOW_HEADROOM',
      'CAPACITY_ENI_UNVERIFIED',
      'CAPACITY_UNKNOWN_INSTANCE_TYPE',
      'CAPACITY_DEMAND_UNRESOLVED',
      'CAPACITY_PROVIDER_UNRESOLVED',
      'CAPACITY_DEMAND_UNPLACED',
    ].includes(code)
  ) {
    return CapacityCheck.ENI_BUDGET;
  }
  return undefined;
}

/** A capacity provider as the cluster's checks see it. */
export interface ClusterCapacityProvider extends CapacityProviderBudgetInput {
  /**
   * Where the awsvpcTrunking account setting is turned on for its instances.
   * @default TrunkingAccountSetting.NOT_DECLARED
   */
  readonly trunkingAccountSetting?: TrunkingAccountSetting;
}

/** Input of `assessClusterCapacity`. */
export interface ClusterCapacityInput {
  /**
   * What the report is about (a stack or cluster name).
   * @default - null in the report
   */
  readonly name?: string;
  readonly capacityProviders: readonly ClusterCapacityProvider[];
  readonly services: readonly ServiceDemand[];
  /** @default - the cluster's only capacity provider */
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /**
   * The subnets the tasks and instances live in.
   * @default - no subnet budget (their sizes are not known at synth time)
   */
  readonly subnets?: readonly SubnetBudgetSubnet[];
  /** @default - every check, an even spread over the AZs */
  readonly options?: CapacityChecksOptions;
  /**
   * More findings, e.g. about services the checks could not place.
   * @default - none
   */
  readonly diagnostics?: readonly CapacityDiagnostic[];
}

/** What the checks found. */
export interface ClusterCapacityAssessment {
  readonly budget: ClusterBudget;
  /** Undefined when the subnets' sizes are not known. */
  readonly subnets?: SubnetBudget;
  /**
   * Every finding, one per code and path, in the report's order; findings of skipped checks are
   * warnings whose message starts with `Skipped (<reason>):`.
   */
  readonly diagnostics: readonly CapacityDiagnostic[];
  /** The findings that fail the synth. */
  readonly errors: readonly CapacityDiagnostic[];
  /** The findings to print as warnings (skipped checks' findings are not printed). */
  readonly warnings: readonly CapacityDiagnostic[];
  readonly report: CapacityReport;
}

/**
 * Runs every capacity check of a cluster.
 * @throws ValidationError for malformed input (see `computeClusterBudget`, `computeSubnetBudget`).
 */
export function assessClusterCapacity(input: ClusterCapacityInput): ClusterCapacityAssessment {
  const options = input.options ?? {};
  const skipped = new Set<string>(options.skip ?? []);
  const reason = options.reason?.trim() ?? '';
  const typoIsError = !skipped.has(CapacityCheck.INSTANCE_TYPE);
  const budget = computeClusterBudget({
    capacityProviders: input.capacityProviders.map((p) => ({
      name: p.name,
      instanceType: p.instanceType,
      maxInstances: p.maxInstances,
      ...(p.trunking !== undefined ? { trunking: p.trunking } : {}),
      ...(p.windows !== undefined ? { windows: p.windows } : {}),
      ...(p.instanceTypes !== undefined ? { instanceTypes: p.instanceTypes } : {}),
      ...(p.spot !== undefined ? { spot: p.spot } : {}),
    })),
    services: input.services,
    ...(input.defaultCapacityProviderStrategy
      ? { defaultCapacityProviderStrategy: input.defaultCapacityProviderStrategy }
      : {}),
    unknownSizeIsError: typoIsError,
  });
  const subnets =
    input.subnets && input.subnets.length > 0
      ? computeSubnetBudget({ ...subnetDemandOfCluster(budget), subnets: input.subnets, skew: options.subnetSkew ?? 1 })
      : undefined;
  const preflight = input.capacityProviders.flatMap((p) =>
    trunkingPreflight({
      capacityProvider: p.name,
      instanceType: p.instanceType,
      trunking: p.trunking ?? false,
      windows: p.windows ?? false,
      accountSetting: options.trunkingAccountSetting ?? p.trunkingAccountSetting ?? TrunkingAccountSetting.NOT_DECLARED,
      unknownSizeIsError: typoIsError,
    }),
  );

  const mark = (d: CapacityDiagnostic): CapacityDiagnostic => {
    const check = capacityCheckOf(d.code);
    if (check === undefined || !skipped.has(check)) return d;
    return { ...d, severity: DiagnosticSeverity.WARNING, message: `Skipped check ${check} (${reason}): ${d.message}` };
  };
  const markedBudget: ClusterBudget = { ...budget, diagnostics: budget.diagnostics.map(mark) };
  const markedSubnets = subnets ? { ...subnets, diagnostics: subnets.diagnostics.map(mark) } : undefined;
  const report = buildCapacityReport({
    cluster: markedBudget,
    ...(markedSubnets ? { subnets: markedSubnets } : {}),
    diagnostics: [...preflight, ...(input.diagnostics ?? [])].map(mark),
    ...(input.name !== undefined ? { name: input.name } : {}),
  });
  const isSkipped = (d: CapacityDiagnostic): boolean => {
    const check = capacityCheckOf(d.code);
    return check !== undefined && skipped.has(check);
  };
  return {
    budget,
    ...(subnets ? { subnets } : {}),
    diagnostics: report.diagnostics,
    report,
    errors: report.diagnostics.filter((d) => d.severity === DiagnosticSeverity.ERROR),
    warnings: report.diagnostics.filter((d) => d.severity === DiagnosticSeverity.WARNING && !isSkipped(d)),
  };
}
