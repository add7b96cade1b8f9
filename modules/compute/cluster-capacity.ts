/**
 * The capacity checks every cluster runs at synth (`EcsCluster` and `EcsCluster.fromAttributes`):
 * services report their demand to the cluster (`ICluster.addServiceDemand`), and the cluster checks
 * the ENI budget of each capacity provider, the subnet address budget, the trunking pre-flight and the
 * host port budget (modules/capacity), with no call from the user:
 * - an error fails the synth with a ValidationError (codes and numbers), from the cluster's validation;
 * - a warning is printed (a cdktf warning annotation on the cluster), once;
 * - an instance type the ENI table does not know gets a Terraform postcondition on an
 *   `aws_ec2_instance_type` data source, so `terraform plan` catches an overcommitted design;
 * - the capacity table is printed on request (`capacityChecks.printTable`).
 */
import { Annotations, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsEc2InstanceType } from '@cdktf/provider-aws/lib/data-aws-ec2-instance-type';
import {
  assessClusterCapacity,
  CapacityCheck,
  type CapacityChecksOptions,
  capacityChecksProblems,
  type CapacityDiagnostic,
  type CapacityReport,
  type ClusterCapacityAssessment,
  type ClusterCapacityProvider,
  diagnostic,
  DiagnosticSeverity,
  EniCapacity,
  eniPrecondition,
  formatDiagnostic,
  renderCapacityTable,
  type ServiceDemand,
  TrunkingAccountSetting,
} from '../capacity';
import { isUnresolved, OsFamily, type Problem, validHcl, ValidationError } from '../core';
import type { ITrunkingOptIn } from '../account/trunking-opt-in';
import type { ICapacityProvider, ICluster } from './compute-ref';

/** Members a capacity provider may have beyond `ICapacityProvider` (read defensively). */
interface ProviderExtras {
  readonly trunkingOptIn?: ITrunkingOptIn;
}

/** The name under which a provider appears in the checks. */
function providerKey(p: ICapacityProvider): string {
  return p.capacityProviderName;
}

/**
 * The capacity checks of one cluster. Not a construct: the cluster owns it, registers its validation
 * and delegates `addServiceDemand` and `capacityReport` to it.
 */
export class ClusterCapacity {
  /** Problems of the options (empty when they are valid); the cluster throws them from its constructor. */
  public static optionProblems(options: CapacityChecksOptions | undefined, path: string): Problem[] {
    return capacityChecksProblems(options, path);
  }

  private readonly demands: ServiceDemand[] = [];
  private readonly options: CapacityChecksOptions;
  private readonly skipped: ReadonlySet<string>;
  private readonly warned = new Set<string>();
  private readonly eniChecks = new Set<string>();
  private printed = false;

  /**
   * @param host the cluster construct: validations, warnings and plan-time checks attach to it
   * @param cluster the cluster's capacity providers, default strategy and network, read at synth
   */
  constructor(
    private readonly host: Construct,
    private readonly cluster: ICluster,
    options: CapacityChecksOptions = {},
  ) {
    this.options = options;
    this.skipped = new Set(options.skip ?? []);
    host.node.addValidation({
      validate: () => {
        this.check();
        return [];
      },
    });
  }

  /** Records a service's demand. */
  public addServiceDemand(demand: ServiceDemand): void {
    this.demands.push(demand);
  }

  /** The demands recorded so far. */
  public get serviceDemands(): readonly ServiceDemand[] {
    return [...this.demands];
  }

  /** Runs every check on what is known now. @throws ValidationError for malformed demand (e.g. a strategy naming no provider of the cluster). */
  public assess(name?: string): ClusterCapacityAssessment {
    const providers = this.cluster.capacityProviders;
    const known = new Set(providers.map(providerKey));
    const unplaced: CapacityDiagnostic[] = [];
    const strategy = this.cluster.defaultCapacityProviderStrategy.map((s) => ({
      capacityProvider: providerKey(s.capacityProvider),
      ...(s.weight !== undefined ? { weight: s.weight } : {}),
      ...(s.base !== undefined ? { base: s.base } : {}),
    }));
    const services = this.demands.filter((d) => {
      const named = [
        ...(d.capacityProvider !== undefined ? [d.capacityProvider] : []),
        ...(d.capacityProviderStrategy ?? []).map((s) => s.capacityProvider),
      ];
      const unknown = named.filter((n) => !known.has(n));
      if (unknown.length === 0 && (named.length > 0 || providers.length > 0)) return true;
      // An imported cluster that was not told its capacity providers: nothing to check against.
      unplaced.push(
        diagnostic(
          DiagnosticSeverity.WARNING,
          {
            code: 'CAPACITY_DEMAND_UNPLACED',
            path: `services["${d.serviceName}"]`,
            received:
              unknown.length > 0
                ? `capacity provider(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')}, which the cluster does not list`
                : 'no capacity provider, and the cluster lists none',
            allowed: `a capacity provider the cluster lists: ${[...known].map((n) => JSON.stringify(n)).join(', ') || '(none)'}`,
            fix: "pass the capacity providers to EcsCluster.fromAttributes (Ec2CapacityProvider.fromAttributes) to have this service's capacity checked",
          },
          `Service "${d.serviceName}" is left out of the capacity checks: the cluster does not know the capacity it runs on.`,
        ),
      );
      return false;
    });
    const subnets = this.cluster.network.privateSubnets;
    const subnetsKnown =
      subnets.length > 0 && subnets.every((s) => s.cidrBlock !== undefined && !isUnresolved(s.cidrBlock));
    return assessClusterCapacity({
      ...(name !== undefined ? { name } : {}),
      capacityProviders: providers.map((p): ClusterCapacityProvider => {
        const optIn = (p as ICapacityProvider & ProviderExtras).trunkingOptIn;
        return {
          name: providerKey(p),
          instanceType: p.instanceType,
          maxInstances: p.maxSize,
          trunking: p.trunking,
          windows: p.osFamily === OsFamily.WINDOWS,
          ...(p.instanceTypes && p.instanceTypes.length > 1 ? { instanceTypes: p.instanceTypes } : {}),
          ...(p.spot ? { spot: true } : {}),
          trunkingAccountSetting: optIn?.trunkingEnabled
            ? optIn.trunkingOptInResource
              ? TrunkingAccountSetting.DECLARED_IN_APP
              : TrunkingAccountSetting.DECLARED_ELSEWHERE
            : TrunkingAccountSetting.NOT_DECLARED,
        };
      }),
      services,
      ...(strategy.length > 0 ? { defaultCapacityProviderStrategy: strategy } : {}),
      ...(subnetsKnown
        ? {
            subnets: subnets.map((s, i) => ({
              name: `private-${i}`,
              availabilityZone: isUnresolved(s.availabilityZone) ? `AZ ${i + 1}` : s.availabilityZone,
              cidrBlock: s.cidrBlock!,
            })),
          }
        : {}),
      options: this.options,
      diagnostics: unplaced,
    });
  }

  /** The capacity report. */
  public report(name?: string): CapacityReport {
    return this.assess(name).report;
  }

  /** The capacity table as printed (providers, subnets, findings). */
  public table(name?: string): string {
    return renderCapacityTable(this.report(name));
  }

  /**
   * Throws a ValidationError carrying every capacity error; prints each warning once (a warning
   * annotation) and the table when `printTable` is on. Runs at synth; safe to call earlier and again.
   */
  public check(): void {
    const assessment = this.assess();
    if (this.options.printTable && !this.printed) {
      this.printed = true;
      console.log(
        `capacity of ${this.host.node.path}:\n${renderCapacityTable(assessment.report)
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n')}`,
      );
    }
    for (const d of assessment.warnings) {
      const text = formatDiagnostic(d);
      if (this.warned.has(text)) continue;
      this.warned.add(text);
      Annotations.of(this.host).addWarning(text);
    }
    if (assessment.errors.length > 0) {
      throw new ValidationError(
        assessment.errors.map((d): Problem => ({
          code: d.code,
          path: d.path,
          received: d.received,
          allowed: d.allowed,
          fix: d.fix,
        })),
        this.host,
      );
    }
  }

  /**
   * Adds the plan-time ENI check of `provider` when the ENI table does not know its instance type and
   * its instances run without trunking: a postcondition on an `aws_ec2_instance_type` data source
   * (id `eni-check-<capacity provider name>` under the cluster), whose numbers are computed at synth
   * from the demand placed on the provider.
   */
  public addPlanTimeEniCheck(provider: ICapacityProvider): void {
    const type = provider.instanceType;
    const name = providerKey(provider);
    if (
      this.skipped.has(CapacityCheck.ENI_BUDGET) ||
      isUnresolved(type) ||
      isUnresolved(name) ||
      this.eniChecks.has(name)
    )
      return;
    if (EniCapacity.tryForInstanceType(type)) return;
    if (EniCapacity.isKnownFamily(type) && !this.skipped.has(CapacityCheck.INSTANCE_TYPE)) return; // a synth error instead
    if (provider.trunking && provider.osFamily !== OsFamily.WINDOWS) return; // no data source publishes the trunked limit
    this.eniChecks.add(name);
    const precondition = () => {
      try {
        const p = this.assess().budget.capacityProviders.find((b) => b.capacityProvider === name);
        if (p?.eniPrecondition) return p.eniPrecondition;
      } catch {
        // Malformed demand: the cluster's validation reports it; the plan-time check asks for the minimum.
      }
      return eniPrecondition(type, 0, { capacityProvider: name });
    };
    validHcl(
      new DataAwsEc2InstanceType(this.host, `eni-check-${name}`, {
        instanceType: type,
        lifecycle: {
          postcondition: [
            {
              condition: Lazy.stringValue({ produce: () => precondition().selfCondition }),
              errorMessage: Lazy.stringValue({ produce: () => precondition().errorMessage }),
            },
          ],
        },
      }),
    );
  }
}

/**
 * A cluster construct that runs the capacity checks (`EcsCluster` and `EcsCluster.fromAttributes`):
 * what it offers services and users of them, delegated to its `ClusterCapacity`.
 */
export abstract class CapacityCheckedCluster extends Construct {
  protected abstract readonly capacity: ClusterCapacity;

  /** Records what a service places on this cluster's capacity (`Ec2Service` calls it). */
  public addServiceDemand(demand: ServiceDemand): void {
    this.capacity.addServiceDemand(demand);
  }

  /**
   * The capacity report: per capacity provider the ENI capacity, demand and headroom, per private
   * subnet the addresses needed and usable, and every finding.
   * @param name what the report is about @default - null in the report
   */
  public capacityReport(name?: string): CapacityReport {
    return this.capacity.report(name);
  }

  /** The capacity report as the fixed-width table `capacityChecks.printTable` prints. */
  public capacityTable(): string {
    return this.capacity.table();
  }

  /**
   * Runs the capacity checks now: throws a ValidationError with every capacity error and prints each
   * warning once. The cluster runs them at synth anyway; call it to fail early.
   */
  public checkCapacity(): void {
    this.capacity.check();
  }
}
