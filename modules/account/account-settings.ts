/**
 * Account-wide ECS settings for one account and region: the awsvpcTrunking opt-in and, optionally,
 * the Container Insights and dual-stack IPv6 defaults and the ECS service-linked role.
 *
 * These settings are shared by every stack in the account and region, so they belong in a stack of
 * their own: destroying an application stack must never touch them (see docs/trunking.md).
 */
import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { EcsAccountSettingDefault } from '@cdktf/provider-aws/lib/ecs-account-setting-default';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { describeValue, ProblemCollector } from '../core';
import type { ITrunkingOptIn } from './trunking-opt-in';

/** CloudWatch Container Insights level (account default or per cluster). */
export enum ContainerInsights {
  /** Container Insights with the standard metric set. */
  ENABLED = 'enabled',
  /** Container Insights with enhanced observability (task- and container-level metrics; costs more). */
  ENHANCED = 'enhanced',
  /** No Container Insights. */
  DISABLED = 'disabled',
}

/** The ECS account setting names this construct manages. */
export enum AccountSettingName {
  AWSVPC_TRUNKING = 'awsvpcTrunking',
  CONTAINER_INSIGHTS = 'containerInsights',
  DUAL_STACK_IPV6 = 'dualStackIPv6',
}

export interface AccountSettingsProps {
  /**
   * Manage the `awsvpcTrunking` account default and set it to `enabled`. With `false` the setting
   * is not managed at all (left as it is in the account), and `trunkingEnabled` is false.
   * @default true
   */
  readonly awsvpcTrunking?: boolean;
  /**
   * Account default for Container Insights on new clusters. (Clusters made by `EcsCluster` set
   * their own value, so this only matters for clusters made elsewhere.)
   * @default - not managed: the account default is left as it is
   */
  readonly containerInsights?: ContainerInsights;
  /**
   * Account default for dual-stack IPv6 on task ENIs (`dualStackIPv6` = enabled or disabled).
   * @default - not managed: the account default is left as it is
   */
  readonly dualStackIPv6?: boolean;
  /**
   * Set `lifecycle.prevent_destroy` on every resource of this construct. The AWS provider resets an
   * account setting to `disabled` when its resource is destroyed, which turns trunking off for the
   * whole account and region (and for every other team's instances launched afterwards). With
   * `false`, `terraform destroy` of this stack does exactly that; choose it only for disposable
   * accounts or tests.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Create the ECS service-linked role (`AWSServiceRoleForECS`, for `ecs.amazonaws.com`). Needed
   * only the first time ECS is used in an account (ECS creates it itself when a console user or a
   * principal with `iam:CreateServiceLinkedRole` makes the first cluster). Creating it when it
   * already exists fails, so leave this off unless the account has never used ECS.
   * @default false
   */
  readonly createServiceLinkedRole?: boolean;
}

/**
 * The ECS account settings of one account and region. Implements `ITrunkingOptIn` so that capacity
 * providers can depend on the trunking opt-in, across stacks too.
 */
export class AccountSettings extends Construct implements ITrunkingOptIn {
  /** The `awsvpcTrunking` setting; undefined when `awsvpcTrunking` is false. */
  public readonly trunkingSetting?: EcsAccountSettingDefault;
  /** The `containerInsights` setting, when managed. */
  public readonly containerInsightsSetting?: EcsAccountSettingDefault;
  /** The `dualStackIPv6` setting, when managed. */
  public readonly dualStackIPv6Setting?: EcsAccountSettingDefault;
  /** The ECS service-linked role, when created. */
  public readonly serviceLinkedRole?: IamServiceLinkedRole;
  /** Whether the trunking opt-in is on. */
  public readonly trunkingEnabled: boolean;
  /**
   * The trunking setting's `value` as a reference (`enabled` once applied); `disabled` when trunking
   * is not managed here.
   */
  public readonly trunkingOptInToken: string;
  /** Whether `lifecycle.prevent_destroy` is set on the resources. */
  public readonly preventDestroy: boolean;

  constructor(scope: Construct, id: string, props: AccountSettingsProps = {}) {
    super(scope, id);
    const problems = new ProblemCollector();
    if (props.containerInsights !== undefined) {
      const allowed = Object.values(ContainerInsights) as string[];
      problems.check(allowed.includes(props.containerInsights), () => ({
        code: 'ACCOUNT_CONTAINER_INSIGHTS_INVALID',
        path: 'AccountSettings.containerInsights',
        received: describeValue(props.containerInsights),
        allowed: allowed.map((v) => JSON.stringify(v)).join(', '),
        fix: 'Use a ContainerInsights enum member (ENABLED, ENHANCED or DISABLED), or leave it unset.',
      }));
    }
    problems.throwIfAny(this);

    this.preventDestroy = props.preventDestroy ?? true;
    const lifecycle = { preventDestroy: this.preventDestroy };

    if (props.awsvpcTrunking ?? true) {
      this.trunkingSetting = new EcsAccountSettingDefault(this, 'awsvpc-trunking', {
        name: AccountSettingName.AWSVPC_TRUNKING,
        value: 'enabled',
        lifecycle,
      });
      this.trunkingEnabled = true;
      this.trunkingOptInToken = this.trunkingSetting.value;
    } else {
      this.trunkingEnabled = false;
      this.trunkingOptInToken = 'disabled';
    }
    if (props.containerInsights !== undefined) {
      this.containerInsightsSetting = new EcsAccountSettingDefault(this, 'container-insights', {
        name: AccountSettingName.CONTAINER_INSIGHTS,
        value: props.containerInsights,
        lifecycle,
      });
    }
    if (props.dualStackIPv6 !== undefined) {
      this.dualStackIPv6Setting = new EcsAccountSettingDefault(this, 'dual-stack-ipv6', {
        name: AccountSettingName.DUAL_STACK_IPV6,
        value: props.dualStackIPv6 ? 'enabled' : 'disabled',
        lifecycle,
      });
    }
    if (props.createServiceLinkedRole ?? false) {
      this.serviceLinkedRole = new IamServiceLinkedRole(this, 'ecs-service-linked-role', {
        awsServiceName: 'ecs.amazonaws.com',
        description: 'Service-linked role of Amazon ECS (created by AccountSettings)',
        lifecycle,
      });
    }
  }

  /** The trunking setting's resource (for `depends_on` within one stack). */
  public get trunkingOptInResource(): TerraformResource | undefined {
    return this.trunkingSetting;
  }
}
