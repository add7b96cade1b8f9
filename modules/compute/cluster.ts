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
import { CLOUDWATCH_LOG_RETENTION_DAYS, describeValue, isUnresolved, ProblemCollector, ValidationError } from '../core';
import type { INetwork } from '../network/network-ref';
import type { ICapacityProvider, ICluster } from './compute-ref';
import { Ec2CapacityProvider, Ec2CapacityProviderOptions } from './ec2-capacity-provider';
import { ClusterAttributes, ImportedCluster } from './imported';

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = CLOUDWATCH_LOG_RETENTION_DAYS;

const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

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
   * Retention of the ECS Exec session log group, in days (a value CloudWatch Logs accepts).
   * @default 30
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
}

/** One entry of a capacity provider strategy. */
export interface CapacityProviderStrategyItem {
  /** A capacity provider of this cluster. */
  readonly capacityProvider: ICapacityProvider;
  /**
   * Relative share of the tasks placed beyond `base` (0-1000).
   * @default 1
   */
  readonly weight?: number;
  /**
   * Tasks placed on this provider first (0-100000); at most one entry may have a base.
   * @default 0
   */
  readonly base?: number;
}

/** An ECS cluster whose capacity comes from EC2 capacity providers. */
export class EcsCluster extends Construct implements ICluster {
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

  constructor(scope: Construct, id: string, props: EcsClusterProps) {
    super(scope, id);
    const problems = new ProblemCollector();
    if (!isUnresolved(props.clusterName)) {
      problems.check(CLUSTER_NAME.test(props.clusterName), () => ({
        code: 'COMPUTE_CLUSTER_NAME_INVALID',
        path: 'EcsCluster.clusterName',
        received: describeValue(props.clusterName),
        allowed: '1-255 characters: letters, digits, hyphens and underscores',
        fix: 'Choose a name like "orders-prod".',
      }));
    }
    const retention = props.execLogRetentionDays ?? 30;
    problems.check(LOG_RETENTION_DAYS.includes(retention), () => ({
      code: 'COMPUTE_LOG_RETENTION_INVALID',
      path: 'EcsCluster.execLogRetentionDays',
      received: describeValue(retention),
      allowed: LOG_RETENTION_DAYS.join(', '),
      fix: 'Pick one of the retention periods CloudWatch Logs accepts, e.g. 30.',
    }));
    const insights = props.containerInsights ?? ContainerInsights.ENABLED;
    problems.check((Object.values(ContainerInsights) as string[]).includes(insights), () => ({
      code: 'COMPUTE_CONTAINER_INSIGHTS_INVALID',
      path: 'EcsCluster.containerInsights',
      received: describeValue(insights),
      allowed: Object.values(ContainerInsights).map((v) => JSON.stringify(v)).join(', '),
      fix: 'Use a ContainerInsights enum member, or leave it unset (enabled).',
    }));
    problems.throwIfAny();

    this.clusterName = props.clusterName;
    this.network = props.network;
    this.trunkingOptIn = props.trunkingOptIn;
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
        produce: () => this.effectiveStrategy().map((s) => ({
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
    return new Ec2CapacityProvider(this, id, { ...options, cluster: this });
  }

  /**
   * Sets the default capacity provider strategy (replacing the implicit one). Every entry must name a
   * capacity provider of this cluster, and all of them must share one operating system.
   */
  public addDefaultCapacityProviderStrategy(items: readonly CapacityProviderStrategyItem[]): void {
    const problems = new ProblemCollector();
    const all = [...this.strategy, ...items.map((i) => ({ capacityProvider: i.capacityProvider, weight: i.weight ?? 1, base: i.base ?? 0 }))];
    items.forEach((item, i) => {
      const at = `EcsCluster.defaultCapacityProviderStrategy[${this.strategy.length + i}]`;
      problems.check(this.providers.some((p) => p === item.capacityProvider), () => ({
        code: 'COMPUTE_STRATEGY_PROVIDER_UNKNOWN',
        path: `${at}.capacityProvider`,
        received: describeValue(item.capacityProvider.capacityProviderName),
        allowed: `a capacity provider of this cluster: ${this.providers.map((p) => JSON.stringify(p.capacityProviderName)).join(', ') || '(none yet)'}`,
        fix: 'Add the capacity provider to this cluster first (cluster.addCapacityProvider), then name it in the strategy.',
      }));
      const weight = item.weight ?? 1;
      problems.check(Number.isInteger(weight) && weight >= 0 && weight <= 1000, () => ({
        code: 'COMPUTE_STRATEGY_WEIGHT_INVALID',
        path: `${at}.weight`,
        received: describeValue(weight),
        allowed: 'an integer from 0 to 1000',
        fix: 'Give a relative weight such as 1.',
      }));
      const base = item.base ?? 0;
      problems.check(Number.isInteger(base) && base >= 0 && base <= 100000, () => ({
        code: 'COMPUTE_STRATEGY_BASE_INVALID',
        path: `${at}.base`,
        received: describeValue(base),
        allowed: 'an integer from 0 to 100000',
        fix: 'Give the number of tasks to place on this provider first, or 0.',
      }));
    });
    const names = all.map((s) => s.capacityProvider.capacityProviderName);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    problems.check(duplicate === undefined, () => ({
      code: 'COMPUTE_STRATEGY_DUPLICATE',
      path: 'EcsCluster.defaultCapacityProviderStrategy',
      received: describeValue(names),
      allowed: 'each capacity provider at most once',
      fix: `Name ${JSON.stringify(duplicate)} once, with the combined weight.`,
    }));
    problems.check(all.filter((s) => s.base > 0).length <= 1, () => ({
      code: 'COMPUTE_STRATEGY_BASE_TWICE',
      path: 'EcsCluster.defaultCapacityProviderStrategy',
      received: describeValue(all.map((s) => ({ capacityProvider: s.capacityProvider.capacityProviderName, base: s.base }))),
      allowed: 'a base on at most one entry',
      fix: 'Keep the base on one capacity provider and set the others to 0.',
    }));
    problems.check(all.some((s) => s.weight > 0), () => ({
      code: 'COMPUTE_STRATEGY_WEIGHT_ZERO',
      path: 'EcsCluster.defaultCapacityProviderStrategy',
      received: describeValue(all.map((s) => ({ capacityProvider: s.capacityProvider.capacityProviderName, weight: s.weight }))),
      allowed: 'at least one entry with a weight above 0',
      fix: 'Give at least one capacity provider a weight of 1 or more.',
    }));
    const osFamilies = [...new Set(all.map((s) => s.capacityProvider.osFamily))];
    problems.check(osFamilies.length <= 1, () => ({
      code: 'COMPUTE_STRATEGY_MIXED_OS',
      path: 'EcsCluster.defaultCapacityProviderStrategy',
      received: describeValue(all.map((s) => ({ capacityProvider: s.capacityProvider.capacityProviderName, osFamily: s.capacityProvider.osFamily }))),
      allowed: 'capacity providers of one operating system',
      fix: 'Keep the default strategy to one OS family (e.g. the Linux providers); services of the other OS name their provider in their own strategy.',
    }));
    problems.throwIfAny();
    this.strategy.splice(0, this.strategy.length, ...all);
  }

  /** @internal Called by Ec2CapacityProvider's constructor. */
  public _registerCapacityProvider(provider: Ec2CapacityProvider): void {
    const clash = this.providers.find((p) => !isUnresolved(p.capacityProviderName) && p.capacityProviderName === provider.capacityProviderName);
    if (clash) {
      throw new ValidationError({
        code: 'COMPUTE_CAPACITY_PROVIDER_NAME_DUPLICATE',
        path: `Ec2CapacityProvider(${provider.node.id}).capacityProviderName`,
        received: describeValue(provider.capacityProviderName),
        allowed: 'a name not used by another capacity provider of the cluster',
        fix: `Rename one of ${clash.node.id} and ${provider.node.id}.`,
      });
    }
    this.providers.push(provider);
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

