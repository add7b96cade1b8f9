/**
 * The ECS cluster: Container Insights, ECS Exec logging, and the association of its capacity
 * providers with the default capacity provider strategy.
 */
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster as EcsClusterResource } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { ContainerInsights, EcsServiceLinkedRoleCheck, ITrunkingOptIn } from '../account';
import type { CapacityChecksOptions } from '../capacity';
import { strategyProblems } from '../capacity/strategy-rules';
import {
  checkTags,
  CLOUDWATCH_LOG_RETENTION_DAYS,
  describeValue,
  ECS_NAME_RULE,
  isEcsName,
  isUnresolved,
  ProblemCollector,
  ValidationError,
} from '../core';
import type { INetwork } from '../network/network-ref';
import { CapacityCheckedCluster, ClusterCapacity } from './cluster-capacity';
import type { CapacityProviderStrategyItem, ICapacityProvider, ICluster, IInstanceCluster } from './compute-ref';
import { Ec2CapacityProvider, Ec2CapacityProviderOptions } from './ec2-capacity-provider';
import { ClusterAttributes, ImportedCluster } from './imported';

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = CLOUDWATCH_LOG_RETENTION_DAYS;
/** Default retention of the ECS Exec session log group: one year, as VPC flow logs (Security Hub CloudWatch.16). */
export const DEFAULT_EXEC_LOG_RETENTION_DAYS = 365;

export interface EcsClusterProps {
  /** Name of the cluster (1-255 letters, digits, hyphens, underscores). */
  readonly clusterName: string;
  /** The network its instances and tasks live in. */
  readonly network: INetwork;
  /**
   * Container Insights for this cluster.
   * @default ContainerInsights.ENABLED
   */
  readonly containerInsights?: ContainerInsights;
  /**
   * Retention of the ECS Exec session log group, in days (a value CloudWatch Logs accepts). Session
   * logs are audit records (who ran what inside a task), so they are kept as long as VPC flow logs.
   * @default 365 (one year: what AWS Security Hub's CloudWatch.16 control asks for)
   */
  readonly execLogRetentionDays?: number;
  /**
   * KMS key (ARN) that encrypts ECS Exec session data and the session log group. Its key policy must
   * allow the CloudWatch Logs service principal of the region to use it.
   * @default - session data with the Session Manager default (TLS only), log group with CloudWatch's own key
   */
  readonly execKmsKeyArn?: string;
  /**
   * The trunking opt-in that capacity providers of this cluster depend on (each provider can
   * override it).
   * @default - no dependency: the opt-in is assumed to be made outside this app
   */
  readonly trunkingOptIn?: ITrunkingOptIn;
  /**
   * Check at plan time that the account has the ECS service-linked role (`AWSServiceRoleForECS`),
   * which awsvpc tasks need: a `data "aws_iam_roles"` whose postcondition fails the plan with the
   * command that creates it (`EcsServiceLinkedRoleCheck`). Turn it off when this app creates the role
   * (`AccountSettings` with `createServiceLinkedRole`) or the planning principal may not `iam:ListRoles`.
   * @default true
   */
  readonly serviceLinkedRoleCheck?: boolean;
  /**
   * Tags for the cluster and its log group.
   * @default - none
   */
  readonly tags?: { readonly [key: string]: string };
  /**
   * How the cluster checks its capacity at synth: the services' demand (reported by each
   * `Ec2Service`) against the ENI budget of each capacity provider, the private subnets' addresses,
   * the trunking pre-flight and the host ports. Skipping a check takes a written reason; the table
   * is printed on request. See docs/capacity.md.
   * @default - every check runs; the table is not printed
   */
  readonly capacityChecks?: CapacityChecksOptions;
}

/** An ECS cluster whose capacity comes from EC2 capacity providers. */
export class EcsCluster extends CapacityCheckedCluster implements IInstanceCluster {
  /**
   * A cluster that another app or team owns (ids from its outputs, e.g. through
   * `DataTerraformRemoteState`), for this app's services. Creates no resources.
   */
  public static fromAttributes(scope: Construct, id: string, attrs: ClusterAttributes): ICluster {
    return new ImportedCluster(scope, id, attrs);
  }

  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly network: INetwork;
  /** The `aws_ecs_cluster` resource. */
  public readonly resource: EcsClusterResource;
  /** The log group that receives ECS Exec session logs. */
  public readonly execLogGroup: CloudwatchLogGroup;
  /**
   * The `aws_ecs_cluster_capacity_providers` resource. Services `depends_on` it, so that a destroy
   * takes the services down before the capacity providers are detached from the cluster.
   */
  public readonly capacityProvidersAssociation: EcsClusterCapacityProviders;
  /** The trunking opt-in capacity providers depend on unless they name their own. */
  public readonly trunkingOptIn?: ITrunkingOptIn;
  /** The plan-time check that the ECS service-linked role exists (unless turned off). */
  public readonly serviceLinkedRoleCheck?: EcsServiceLinkedRoleCheck;

  private readonly providers: Ec2CapacityProvider[] = [];
  private readonly strategy: Required<CapacityProviderStrategyItem>[] = [];
  protected readonly capacity: ClusterCapacity;

  constructor(scope: Construct, id: string, props: EcsClusterProps) {
    super(scope, id);
    const problems = new ProblemCollector();
    if (!isUnresolved(props.clusterName)) {
      problems.check(isEcsName(props.clusterName), () => ({
        code: 'COMPUTE_CLUSTER_NAME_INVALID',
        path: 'EcsCluster.clusterName',
        received: describeValue(props.clusterName),
        allowed: ECS_NAME_RULE,
        fix: 'Choose a name like "orders-prod".',
      }));
    }
    const retention = props.execLogRetentionDays ?? DEFAULT_EXEC_LOG_RETENTION_DAYS;
    problems.check(LOG_RETENTION_DAYS.includes(retention), () => ({
      code: 'COMPUTE_LOG_RETENTION_INVALID',
      path: 'EcsCluster.execLogRetentionDays',
      received: describeValue(retention),
      allowed: LOG_RETENTION_DAYS.join(', '),
      fix: 'Pick one of the retention periods CloudWatch Logs accepts, e.g. 365.',
    }));
    const insights = props.containerInsights ?? ContainerInsights.ENABLED;
    problems.check((Object.values(ContainerInsights) as string[]).includes(insights), () => ({
      code: 'COMPUTE_CONTAINER_INSIGHTS_INVALID',
      path: 'EcsCluster.containerInsights',
      received: describeValue(insights),
      allowed: Object.values(ContainerInsights)
        .map((v) => JSON.stringify(v))
        .join(', '),
      fix: 'Use a ContainerInsights enum member, or leave it unset (enabled).',
    }));
    ClusterCapacity.optionProblems(props.capacityChecks, 'EcsCluster.capacityChecks').forEach((p) => problems.add(p));
    checkTags(props.tags, 'EcsCluster.tags').forEach((p) => problems.add(p));
    problems.throwIfAny(this);

    this.clusterName = props.clusterName;
    this.network = props.network;
    this.trunkingOptIn = props.trunkingOptIn;
    this.capacity = new ClusterCapacity(this, this, props.capacityChecks);
    const kms = props.execKmsKeyArn;

    this.execLogGroup = new CloudwatchLogGroup(this, 'exec-logs', {
      name: `/aws/ecs/${props.clusterName}/exec`,
      retentionInDays: retention,
      kmsKeyId: kms,
      tags: props.tags,
    });

    this.resource = new EcsClusterResource(this, 'cluster', {
      name: props.clusterName,
      setting: [{ name: 'containerInsights', value: insights }],
      configuration: {
        executeCommandConfiguration: {
          kmsKeyId: kms,
          logging: 'OVERRIDE',
          logConfiguration: {
            cloudWatchLogGroupName: this.execLogGroup.name,
            cloudWatchEncryptionEnabled: kms !== undefined,
          },
        },
      },
      tags: props.tags,
    });
    this.clusterArn = this.resource.arn;
    if (props.serviceLinkedRoleCheck ?? true) {
      this.serviceLinkedRoleCheck = new EcsServiceLinkedRoleCheck(this, 'service-linked-role');
    }

    this.capacityProvidersAssociation = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.resource.name,
      // References to the capacity provider resources (not literal names), so that each association
      // depends on its providers and a destroy detaches them before deleting them.
      capacityProviders: Lazy.listValue({ produce: () => this.providers.map((p) => p.resource.name) }),
      defaultCapacityProviderStrategy: Lazy.anyValue({
        produce: () =>
          this.effectiveStrategy().map((s) => ({
            capacity_provider: this.providerOf(s.capacityProvider).resource.name,
            weight: s.weight,
            base: s.base,
          })),
      }),
    });
  }

  /** Capacity providers of this cluster, in the order they were added. */
  public get capacityProviders(): readonly ICapacityProvider[] {
    return [...this.providers];
  }

  /**
   * The default capacity provider strategy: the entries added with
   * `addDefaultCapacityProviderStrategy`, else the first capacity provider with weight 1.
   */
  public get defaultCapacityProviderStrategy(): readonly CapacityProviderStrategyItem[] {
    return this.effectiveStrategy();
  }

  /** Adds an EC2 capacity provider (Auto Scaling group of container instances) to this cluster. */
  public addCapacityProvider(id: string, options: Ec2CapacityProviderOptions): Ec2CapacityProvider {
    const provider = new Ec2CapacityProvider(this, id, { ...options, cluster: this });
    this.adoptCapacityProvider(provider);
    return provider;
  }

  /**
   * Attaches a capacity provider created for this cluster (`new Ec2CapacityProvider(scope, id, { cluster })`)
   * to it: the provider joins the cluster's association, its capacity is checked at synth. Providers
   * made by `addCapacityProvider` are attached already.
   */
  public adoptCapacityProvider(provider: Ec2CapacityProvider): void {
    if (this.providers.includes(provider)) return;
    if (provider.cluster !== this) {
      throw new ValidationError(
        {
          code: 'COMPUTE_CAPACITY_PROVIDER_OTHER_CLUSTER',
          path: `EcsCluster(${this.node.id}).adoptCapacityProvider`,
          received: `capacity provider ${provider.node.path}, created for cluster ${describeValue(provider.cluster.clusterName)}`,
          allowed:
            'a capacity provider created for this cluster: its instances register with the cluster their user data names',
          fix: `Create the capacity provider with cluster: this cluster (or cluster.addCapacityProvider).`,
        },
        this,
      );
    }
    const clash = this.providers.find(
      (p) => !isUnresolved(p.capacityProviderName) && p.capacityProviderName === provider.capacityProviderName,
    );
    if (clash) {
      throw new ValidationError(
        {
          code: 'COMPUTE_CAPACITY_PROVIDER_NAME_DUPLICATE',
          path: `Ec2CapacityProvider(${provider.node.id}).capacityProviderName`,
          received: describeValue(provider.capacityProviderName),
          allowed: 'a name not used by another capacity provider of the cluster',
          fix: `Rename one of ${clash.node.id} and ${provider.node.id}.`,
        },
        this,
      );
    }
    this.providers.push(provider);
    this.capacity.addPlanTimeEniCheck(provider);
  }

  /**
   * Sets the default capacity provider strategy (replacing the implicit one). Every entry must name a
   * capacity provider of this cluster, and all of them must share one operating system.
   */
  public addDefaultCapacityProviderStrategy(items: readonly CapacityProviderStrategyItem[]): void {
    const problems = new ProblemCollector();
    const all = [
      ...this.strategy,
      ...items.map((i) => ({ capacityProvider: i.capacityProvider, weight: i.weight ?? 1, base: i.base ?? 0 })),
    ];
    strategyProblems(all, {
      path: 'EcsCluster.defaultCapacityProviderStrategy',
      codePrefix: 'COMPUTE',
      knownProviders: this.providers,
      nameOf: (p) => p.capacityProviderName,
    }).forEach((p) => problems.add(p));
    const osFamilies = [...new Set(all.map((s) => s.capacityProvider.osFamily))];
    problems.check(osFamilies.length <= 1, () => ({
      code: 'COMPUTE_STRATEGY_MIXED_OS',
      path: 'EcsCluster.defaultCapacityProviderStrategy',
      received: describeValue(
        all.map((s) => ({
          capacityProvider: s.capacityProvider.capacityProviderName,
          osFamily: s.capacityProvider.osFamily,
        })),
      ),
      allowed: 'capacity providers of one operating system',
      fix: 'Keep the default strategy to one OS family (e.g. the Linux providers); services of the other OS name their provider in their own strategy.',
    }));
    const followers = this.capacity.serviceDemands
      .filter((d) => d.capacityProvider === undefined && (d.capacityProviderStrategy ?? []).length === 0 && !d.daemon)
      .map((d) => d.serviceName);
    problems.check(followers.length === 0, () => ({
      code: 'COMPUTE_STRATEGY_AFTER_SERVICES',
      path: 'EcsCluster.defaultCapacityProviderStrategy',
      received: `a default strategy set after service(s) ${followers.map((n) => JSON.stringify(n)).join(', ')} took the previous one`,
      allowed: 'the default strategy set before the services that follow it are created',
      fix: 'Call addDefaultCapacityProviderStrategy right after adding the capacity providers, before creating services.',
    }));
    problems.throwIfAny(this);
    this.strategy.splice(0, this.strategy.length, ...all);
  }

  private effectiveStrategy(): Required<CapacityProviderStrategyItem>[] {
    if (this.strategy.length > 0) return this.strategy;
    const first = this.providers[0];
    return first ? [{ capacityProvider: first, weight: 1, base: 0 }] : [];
  }

  private providerOf(p: ICapacityProvider): Ec2CapacityProvider {
    return this.providers.find((q) => q === p)!;
  }
}
