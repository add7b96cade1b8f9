/**
 * The capacity report: a JSON-serializable summary of the budgets and diagnostics, written next to the
 * synthesized stack, and a short fixed-width table printed at synth. Pure and deterministic: the same
 * budgets give byte-identical JSON (fixed key order, sorted lists, rounded fractions).
 */
import type { NetworkMode } from '../core/network-mode';
import type { ClusterBudget } from './cluster-budget';
import {
  BudgetStatus,
  type CapacityDiagnostic,
  DiagnosticSeverity,
  formatDiagnostic,
  formatPercent,
  worstStatus,
} from './diagnostics';
import { EniCapacity, TrunkingSupport } from './eni-capacity';
import type { SubnetBudget } from './subnet-budget';
import { ColumnAlign, formatTextTable } from './text-table';

/** Version of the report's JSON shape; bumped when a field changes meaning or goes away. */
export const CAPACITY_REPORT_FORMAT_VERSION = 1;

/** Input of `buildCapacityReport`. */
export interface CapacityReportInput {
  /** The cluster budget. */
  readonly cluster: ClusterBudget;
  /**
   * The subnet budget.
   * @default - no subnets in the report
   */
  readonly subnets?: SubnetBudget;
  /**
   * More diagnostics to include, e.g. the trunking pre-flight's.
   * @default - none
   */
  readonly diagnostics?: readonly CapacityDiagnostic[];
  /**
   * What the report is about, e.g. the stack name.
   * @default - null in the JSON
   */
  readonly name?: string;
}

/** One service's share of a capacity provider, in the report. */
export interface CapacityReportService {
  readonly service: string;
  readonly networkMode: NetworkMode;
  readonly peakTasks: number;
  readonly awsvpcTasks: number;
  readonly formula: string;
  /** Whether the service is a daemon (one task per instance). */
  readonly daemon: boolean;
}

/** One capacity provider, in the report. */
export interface CapacityReportProvider {
  readonly capacityProvider: string;
  /** The type counted: for a mixed instances group, its smallest. */
  readonly instanceType: string;
  /** Every type of a mixed instances group; null for a group of one type. */
  readonly instanceTypes: readonly string[] | null;
  /** Whether the group may launch Spot instances. */
  readonly spot: boolean;
  readonly instanceTypeKnown: boolean;
  readonly trunking: boolean;
  readonly trunkingEffective: boolean;
  readonly windows: boolean;
  readonly maxInstances: number;
  readonly tasksPerInstanceWithoutTrunking: number | null;
  readonly tasksPerInstanceWithTrunking: number | null;
  readonly tasksPerInstance: number | null;
  readonly capacity: number | null;
  readonly demand: number;
  /** Rounded to 4 decimals. */
  readonly headroom: number | null;
  readonly status: BudgetStatus;
  /** For a type the table does not know: the ENIs Terraform checks for at plan time. */
  readonly minimumNetworkInterfaces: number | null;
  readonly services: readonly CapacityReportService[];
}

/** One subnet, in the report. */
export interface CapacityReportSubnet {
  readonly subnet: string;
  readonly availabilityZone: string;
  readonly cidrBlock: string | null;
  readonly tasks: number;
  readonly instances: number;
  readonly trunkInterfaces: number;
  readonly needed: number;
  readonly usable: number | null;
  readonly free: number | null;
  readonly status: BudgetStatus;
}

/** The capacity report. */
export interface CapacityReport {
  readonly formatVersion: number;
  readonly name: string | null;
  /** The worst status of the providers, subnets and diagnostics. */
  readonly status: BudgetStatus;
  readonly capacityProviders: readonly CapacityReportProvider[];
  /** The skew the subnet budget assumed; null without subnets. */
  readonly subnetSkew: number | null;
  readonly subnets: readonly CapacityReportSubnet[];
  /** Errors first, then by code and path; one per code and path. */
  readonly diagnostics: readonly CapacityDiagnostic[];
  /** Where the ENI facts of the instance types used come from. */
  readonly sources: readonly string[];
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round4(n: number | undefined): number | null {
  return n === undefined ? null : Math.round(n * 10000) / 10000;
}

/** Builds the report. */
export function buildCapacityReport(input: CapacityReportInput): CapacityReport {
  const providers = [...input.cluster.capacityProviders]
    .sort((a, b) => byText(a.capacityProvider, b.capacityProvider))
    .map((p): CapacityReportProvider => ({
      capacityProvider: p.capacityProvider,
      instanceType: p.instanceType,
      instanceTypes: p.instanceTypes ? [...p.instanceTypes] : null,
      spot: p.spot,
      instanceTypeKnown: p.instanceTypeKnown,
      trunking: p.trunking,
      trunkingEffective: p.trunkingEffective,
      windows: p.windows,
      maxInstances: p.maxInstances,
      tasksPerInstanceWithoutTrunking: p.tasksPerInstanceWithoutTrunking ?? null,
      tasksPerInstanceWithTrunking: p.tasksPerInstanceWithTrunking ?? null,
      tasksPerInstance: p.tasksPerInstance ?? null,
      capacity: p.capacity ?? null,
      demand: p.demand,
      headroom: round4(p.headroom),
      status: p.status,
      minimumNetworkInterfaces: p.eniPrecondition?.minimumNetworkInterfaces ?? null,
      services: [...p.services]
        .sort((a, b) => byText(a.service, b.service))
        .map((s) => ({
          service: s.service,
          networkMode: s.networkMode,
          peakTasks: s.peakTasks,
          awsvpcTasks: s.awsvpcTasks,
          formula: s.formula,
          daemon: s.daemon ?? false,
        })),
    }));
  const subnets = [...(input.subnets?.subnets ?? [])]
    .sort((a, b) => byText(a.availabilityZone, b.availabilityZone) || byText(a.subnet, b.subnet))
    .map((s): CapacityReportSubnet => ({
      subnet: s.subnet,
      availabilityZone: s.availabilityZone,
      cidrBlock: s.cidrBlock ?? null,
      tasks: s.tasks,
      instances: s.instances,
      trunkInterfaces: s.trunkInterfaces,
      needed: s.needed,
      usable: s.usable ?? null,
      free: s.free ?? null,
      status: s.status,
    }));

  const seen = new Set<string>();
  const diagnostics = [
    ...input.cluster.diagnostics,
    ...(input.subnets?.diagnostics ?? []),
    ...(input.diagnostics ?? []),
  ]
    .filter((d) => {
      const key = `${d.code}\u0000${d.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        (a.severity === b.severity ? 0 : a.severity === DiagnosticSeverity.ERROR ? -1 : 1) ||
        byText(a.code, b.code) ||
        byText(a.path, b.path) ||
        byText(a.message, b.message),
    )
    .map((d): CapacityDiagnostic => ({
      severity: d.severity,
      code: d.code,
      path: d.path,
      message: d.message,
      received: d.received,
      allowed: d.allowed,
      fix: d.fix,
    }));

  const sources = new Set<string>();
  for (const p of providers) {
    const cap = typeof p.instanceType === 'string' ? EniCapacity.tryForInstanceType(p.instanceType) : undefined;
    cap?.sources.forEach((s) => sources.add(s));
  }
  const diagnosticStatus = diagnostics.map((d) =>
    d.severity === DiagnosticSeverity.ERROR ? BudgetStatus.ERROR : BudgetStatus.WARNING,
  );
  return {
    formatVersion: CAPACITY_REPORT_FORMAT_VERSION,
    name: input.name ?? null,
    status: worstStatus([...providers.map((p) => p.status), ...subnets.map((s) => s.status), ...diagnosticStatus]),
    capacityProviders: providers,
    subnetSkew: input.subnets?.skew ?? null,
    subnets,
    diagnostics,
    sources: [...sources].sort(byText),
  };
}

/** The report as JSON text: two-space indentation and a final newline. */
export function renderCapacityReportJson(report: CapacityReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Options of `renderCapacityTable`. */
export interface CapacityTableOptions {
  /**
   * Print one line per diagnostic under the tables.
   * @default true
   */
  readonly diagnostics?: boolean;
  /**
   * Print what each service places on each capacity provider (tasks at peak, ENIs, and how they
   * were counted: the strategy split, the daemon's one task per instance).
   * @default true
   */
  readonly services?: boolean;
}

/** The instance type cell: the type counted, marked when it is the smallest of a (Spot) mix. */
function instanceTypeText(p: CapacityReportProvider): string {
  if (p.instanceTypes) return `${p.instanceType} (smallest of ${p.instanceTypes.length}${p.spot ? ', Spot' : ''})`;
  return p.spot ? `${p.instanceType} (Spot)` : p.instanceType;
}

/** One line per mixed instances group: its types and the one the ENI budget counts. */
function mixLines(report: CapacityReport): string[] {
  return report.capacityProviders
    .filter((p) => p.instanceTypes)
    .map(
      (p) =>
        `${p.capacityProvider}: mixed instances${p.spot ? ' (Spot)' : ''} of ${p.instanceTypes!.join(', ')}; ` +
        `the ENI budget counts the smallest, ${p.instanceType}` +
        `${p.tasksPerInstance !== null ? ` (${p.tasksPerInstance} awsvpc tasks per instance)` : ''}`,
    );
}

/** Per provider and service: tasks at peak, ENIs and the formula (strategy split, daemon). */
function serviceLines(report: CapacityReport): string[] {
  const rows = report.capacityProviders.flatMap((p) =>
    p.services.map((s) => [
      p.capacityProvider,
      s.daemon ? `${s.service} (daemon)` : s.service,
      String(s.peakTasks),
      String(s.awsvpcTasks),
      s.formula,
    ]),
  );
  if (rows.length === 0) return [];
  const R = ColumnAlign.RIGHT;
  return [
    '',
    ...formatTextTable(
      [
        { header: 'capacity provider' },
        { header: 'service' },
        { header: 'tasks at peak', align: R },
        { header: 'ENIs', align: R },
        { header: 'how counted' },
      ],
      rows,
    ),
  ];
}

function trunkingText(p: CapacityReportProvider): string {
  if (!p.trunking) return 'off';
  if (p.trunkingEffective) return 'on';
  if (p.windows) return 'on (windows)';
  const support = p.instanceTypeKnown ? EniCapacity.tryForInstanceType(p.instanceType)?.trunkingSupport : undefined;
  return support === TrunkingSupport.NOT_SUPPORTED ? 'on (unsupported)' : 'on (unknown)';
}

function num(n: number | null): string {
  return n === null ? '-' : String(n);
}

/**
 * The report as a short fixed-width table: per capacity provider the instance type, tasks per instance
 * without and with trunking, cluster capacity, demand and headroom; per subnet the addresses needed and
 * usable; then the diagnostics.
 */
export function renderCapacityTable(report: CapacityReport, options: CapacityTableOptions = {}): string {
  const R = ColumnAlign.RIGHT;
  const lines: string[] = [];
  lines.push(
    ...formatTextTable(
      [
        { header: 'capacity provider' },
        { header: 'instance type' },
        { header: 'trunking' },
        { header: 'tasks w/o trunk', align: R },
        { header: 'with trunk', align: R },
        { header: 'instances', align: R },
        { header: 'capacity', align: R },
        { header: 'demand', align: R },
        { header: 'headroom', align: R },
        { header: 'status' },
      ],
      report.capacityProviders.map((p) => [
        p.capacityProvider,
        instanceTypeText(p),
        trunkingText(p),
        num(p.tasksPerInstanceWithoutTrunking),
        num(p.tasksPerInstanceWithTrunking),
        String(p.maxInstances),
        p.capacity === null ? '?' : String(p.capacity),
        String(p.demand),
        p.headroom === null ? '-' : formatPercent(p.headroom),
        p.status,
      ]),
    ),
  );
  lines.push(...mixLines(report));
  if (options.services ?? true) lines.push(...serviceLines(report));
  if (report.subnets.length > 0) {
    lines.push('');
    lines.push(
      ...formatTextTable(
        [
          { header: 'subnet' },
          { header: 'availability zone' },
          { header: 'cidr' },
          { header: 'addresses needed', align: R },
          { header: 'usable', align: R },
          { header: 'free', align: R },
          { header: 'status' },
        ],
        report.subnets.map((s) => [
          s.subnet,
          s.availabilityZone,
          s.cidrBlock ?? '?',
          String(s.needed),
          num(s.usable),
          num(s.free),
          s.status,
        ]),
      ),
    );
  }
  if (options.diagnostics ?? true) {
    if (report.diagnostics.length > 0) lines.push('');
    for (const d of report.diagnostics) lines.push(formatDiagnostic(d));
  }
  return lines.join('\n');
}
