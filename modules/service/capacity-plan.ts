/**
 * Feeds a cluster's capacity providers and the services placed on it into the capacity model
 * (modules/capacity) and acts on the result at synth time:
 * - demand above capacity, or a subnet without enough addresses: a ValidationError with the numbers
 *   and the ways out (thrown by `check()`, and by the construct's validation at synth);
 * - under 20% headroom, trunking pre-flight findings, unknown instance types: warnings;
 * - instance types the ENI table does not know: a Terraform postcondition on the
 *   `aws_ec2_instance_type` data source, so `terraform plan` catches an overcommitted design.
 */
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsEc2InstanceType } from '@cdktf/provider-aws/lib/data-aws-ec2-instance-type';
import {
  buildCapacityReport, CapacityDiagnostic, CapacityReport, ClusterBudget, computeClusterBudget,
  computeSubnetBudget, DiagnosticSeverity, formatDiagnostic, subnetDemandOfCluster, SubnetBudget,
  TaskNetworkMode, throwOnCapacityErrors, TrunkingAccountSetting, trunkingPreflight,
} from '../capacity';
import { ICapacityProvider, ICluster, OsFamily } from '../compute/compute-ref';
import { isUnresolved } from '../core';
import type { ServiceDemand } from './demand';

export interface CapacityPlanProps {
  readonly cluster: ICluster;
  /**
   * Capacity providers to budget.
   * @default - the cluster's capacity providers
   */
  readonly capacityProviders?: readonly ICapacityProvider[];
  /**
   * Whether the awsvpcTrunking account setting is declared in this app, declared elsewhere, or not at all.
   * @default TrunkingAccountSetting.NOT_DECLARED (a warning when trunking is on)
   */
  readonly trunkingAccountSetting?: TrunkingAccountSetting;
  /**
   * How unevenly tasks may land across AZs (1 = evenly) in the subnet budget.
   * @default 1
   */
  readonly subnetSkew?: number;
  /** Name shown in the report. @default - the construct path */
  readonly name?: string;
}

const NETWORK_MODES: Record<string, TaskNetworkMode> = {
  awsvpc: TaskNetworkMode.AWSVPC, bridge: TaskNetworkMode.BRIDGE, host: TaskNetworkMode.HOST,
};

export class CapacityPlan extends Construct {
  private readonly props: CapacityPlanProps;
  private readonly services: ServiceDemand[] = [];
  private readonly checkedTypes = new Set<string>();
  /** Warnings already annotated: `check()` runs again at synth, and each finding is reported once. */
  private readonly warned = new Set<string>();

  constructor(scope: Construct, id: string, props: CapacityPlanProps) {
    super(scope, id);
    this.props = props;
    this.node.addValidation({ validate: () => { this.check(); return []; } });
  }

  /** Places a service's demand on the plan (`Ec2Service.demand`). */
  public addService(demand: ServiceDemand): void {
    this.services.push(demand);
  }

  private get providers(): readonly ICapacityProvider[] {
    return this.props.capacityProviders ?? this.props.cluster.capacityProviders;
  }

  /** The cluster budget: capacity, demand and headroom per capacity provider. */
  public clusterBudget(): ClusterBudget {
    return computeClusterBudget({
      capacityProviders: this.providers.map((p) => ({
        name: p.capacityProviderName, instanceType: p.instanceType, maxInstances: p.maxSize,
        trunking: p.trunking, windows: p.osFamily === OsFamily.WINDOWS,
      })),
      services: this.services.map((s) => ({
        name: s.serviceName, desiredCount: s.desiredCount, maxCount: s.maxDesiredCount,
        maximumPercent: s.maximumPercent, networkMode: NETWORK_MODES[s.networkMode] ?? TaskNetworkMode.AWSVPC,
        capacityProvider: s.capacityProviderName,
      })),
    });
  }

  /** The subnet budget of the private subnets, or undefined when their sizes are not known at synth time. */
  public subnetBudget(budget: ClusterBudget = this.clusterBudget()): SubnetBudget | undefined {
    const subnets = this.props.cluster.network.privateSubnets;
    if (subnets.some((s) => s.cidrBlock === undefined || isUnresolved(s.cidrBlock))) return undefined;
    return computeSubnetBudget({
      ...subnetDemandOfCluster(budget),
      subnets: subnets.map((s, i) => ({
        name: `private-${i}`,
        availabilityZone: isUnresolved(s.availabilityZone) ? `AZ ${i + 1}` : s.availabilityZone,
        cidrBlock: s.cidrBlock,
      })),
      skew: this.props.subnetSkew ?? 1,
    });
  }

  /** Every finding: budgets and the trunking pre-flight. */
  public diagnostics(budget: ClusterBudget = this.clusterBudget(),
    subnets: SubnetBudget | undefined = this.subnetBudget(budget)): CapacityDiagnostic[] {
    const preflight = this.providers.flatMap((p) => trunkingPreflight({
      capacityProvider: p.capacityProviderName, instanceType: p.instanceType, trunking: p.trunking,
      windows: p.osFamily === OsFamily.WINDOWS,
      accountSetting: this.props.trunkingAccountSetting ?? TrunkingAccountSetting.NOT_DECLARED,
    }));
    return [...budget.diagnostics, ...(subnets?.diagnostics ?? []), ...preflight];
  }

  /** The capacity report (JSON-ready). */
  public report(): CapacityReport {
    const budget = this.clusterBudget();
    const subnets = this.subnetBudget(budget);
    const own = new Set([...budget.diagnostics, ...(subnets?.diagnostics ?? [])]);
    return buildCapacityReport({
      cluster: budget, subnets, name: this.props.name ?? this.node.path,
      diagnostics: this.diagnostics(budget, subnets).filter((d) => !own.has(d)),
    });
  }

  /**
   * Throws a ValidationError for every capacity error; turns warnings into synth warnings and adds the
   * plan-time ENI checks for instance types the table does not know. Runs at synth; safe to call early.
   */
  public check(): void {
    const budget = this.clusterBudget();
    const diagnostics = this.diagnostics(budget);
    throwOnCapacityErrors(diagnostics);
    for (const d of diagnostics) {
      if (d.severity !== DiagnosticSeverity.WARNING) continue;
      const text = formatDiagnostic(d);
      if (this.warned.has(text)) continue;
      this.warned.add(text);
      Annotations.of(this).addWarning(text);
    }
    for (const p of budget.capacityProviders) {
      if (!p.eniPrecondition || this.checkedTypes.has(p.capacityProvider)) continue;
      this.checkedTypes.add(p.capacityProvider);
      new DataAwsEc2InstanceType(this, `eni-check-${p.capacityProvider}`, {
        instanceType: p.instanceType,
        lifecycle: {
          postcondition: [{ condition: p.eniPrecondition.selfCondition, errorMessage: p.eniPrecondition.errorMessage }],
        },
      });
    }
  }
}
