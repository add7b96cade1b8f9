/**
 * Trunking pre-flight: the conditions under which the awsvpcTrunking opt-in silently gives no trunk
 * interface (../shared/data/eni/README.md, "Rules the numbers follow"). Pure.
 */
import { isUnresolved } from '../core/tokens';
import { describeValue } from '../core/validation-error';
import { instanceSizeUnknown } from './cluster-budget';
import { type CapacityDiagnostic, diagnostic, DiagnosticSeverity } from './diagnostics';
import { EniCapacity, TrunkingSupport } from './eni-capacity';
import { instanceArchitecture, instanceSizeRank, tryParseInstanceType } from './instance-type';

/** Where the ECS account setting `awsvpcTrunking` is turned on. */
export enum TrunkingAccountSetting {
  /** The app declares it (an `aws_ecs_account_setting_default` for `awsvpcTrunking` = `enabled`). */
  DECLARED_IN_APP = 'DECLARED_IN_APP',
  /** The user states it is on outside the app (set by an administrator, another stack, the CLI). */
  DECLARED_ELSEWHERE = 'DECLARED_ELSEWHERE',
  /** Nothing says it is on. */
  NOT_DECLARED = 'NOT_DECLARED',
}

/** Input of `trunkingPreflight`: one capacity provider. */
export interface TrunkingPreflightInput {
  /** The capacity provider's name, for the messages. */
  readonly capacityProvider: string;
  /** EC2 instance type of its instances. A token is not checked. */
  readonly instanceType: string;
  /** Whether its instances are meant to get a trunk interface. */
  readonly trunking: boolean;
  /**
   * Whether the instances run Windows.
   * @default false
   */
  readonly windows?: boolean;
  /**
   * Where the `awsvpcTrunking` account setting is turned on.
   * @default TrunkingAccountSetting.NOT_DECLARED
   */
  readonly accountSetting?: TrunkingAccountSetting;
  /**
   * Whether the instances' subnets are shared with this account (VPC sharing).
   * @default false
   */
  readonly sharedSubnets?: boolean;
  /**
   * Whether the instances' subnets publish resource-name DNS A records
   * (`enable_resource_name_dns_a_record_on_launch`).
   * @default false
   */
  readonly resourceNameDnsARecords?: boolean;
  /**
   * Whether a size the ENI table does not know in a family it knows (`m5.lrage`) is an error
   * (`CAPACITY_INSTANCE_SIZE_UNKNOWN`) rather than an unknown type.
   * @default true
   */
  readonly unknownSizeIsError?: boolean;
}

/**
 * Instance types that gain from trunking and are close to `instanceType`: the same series (the letters
 * before the generation), same generation and nearest size first (`c5n.large` -> `c5.large`, `c5a.large`, ...).
 */
export function trunkingAlternatives(instanceType: string, limit = 3): string[] {
  const parsed = tryParseInstanceType(instanceType);
  if (!parsed) return [];
  const supported = EniCapacity.knownInstanceTypes()
    .map((t) => EniCapacity.tryForInstanceType(t)!)
    .filter((c) => c.trunkingSupported && c.maxTasksWithTrunking! > c.maxTasksWithoutTrunking);
  const architecture = instanceArchitecture(instanceType);
  const score = (t: string): number[] => {
    const p = tryParseInstanceType(t)!;
    const sameFamily = p.family === parsed.family ? 0 : 1;
    const sameSeries = p.series !== parsed.series ? 2 : p.generation === parsed.generation ? 0 : 1;
    const sizeGap = Math.abs(Math.log2(instanceSizeRank(p.size)) - Math.log2(instanceSizeRank(parsed.size)));
    const otherArchitecture = instanceArchitecture(t) === architecture ? 0 : 1;
    return [sameSeries, otherArchitecture, sizeGap, sameFamily, p.attributes.length];
  };
  return supported
    .map((c) => ({ t: c.instanceType, s: score(c.instanceType) }))
    .filter((x) => x.s[0]! < 2)
    .sort((a, b) => {
      for (let i = 0; i < a.s.length; i++) if (a.s[i] !== b.s[i]) return a.s[i]! - b.s[i]!;
      return a.t < b.t ? -1 : a.t > b.t ? 1 : 0;
    })
    .slice(0, limit)
    .map((x) => x.t);
}

/**
 * The pre-flight diagnostics of one capacity provider; none when trunking is off.
 *
 * - CAPACITY_TRUNKING_UNSUPPORTED (error): the type or its family is on AWS's exclusion list, or a
 *   family AWS says never trunks;
 * - CAPACITY_TRUNKING_SUPPORT_UNKNOWN (warning): the type is not in ECS's trunking table (April 2023);
 * - CAPACITY_INSTANCE_SIZE_UNKNOWN (error): the table knows the family but not the size (a typo: `m5.lrage`);
 * - CAPACITY_UNKNOWN_INSTANCE_TYPE (warning): the ENI table does not know the type's family at all;
 * - CAPACITY_TRUNKING_WINDOWS (error): Windows container instances never get a trunk interface;
 * - CAPACITY_TRUNKING_SHARED_SUBNET (error), CAPACITY_TRUNKING_RESOURCE_NAME_DNS (error);
 * - CAPACITY_TRUNKING_ACCOUNT_SETTING (warning): the opt-in is not declared in the app (it may be set
 *   outside it, which synth cannot see);
 * - CAPACITY_TRUNKING_NO_GAIN (warning): trunking gives no more tasks (`i4i.large`, and the rows
 *   whose published trunked figure is below the untrunked one: `u-18tb1.metal`, `u-24tb1.metal`).
 */
export function trunkingPreflight(input: TrunkingPreflightInput): CapacityDiagnostic[] {
  if (!input.trunking) return [];
  const who = `Capacity provider "${input.capacityProvider}"`;
  const path = `capacityProviders["${input.capacityProvider}"]`;
  const checks = [
    ...subnetAndPlatformTrunkingChecks(input, who, path),
    accountSettingTrunkingCheck(input, who, path),
    // A type known only at apply time is not checked.
    isUnresolved(input.instanceType) ? undefined : instanceTypeTrunkingCheck(input, who, path),
  ];
  return checks.filter((d): d is CapacityDiagnostic => d !== undefined);
}

/** Windows instances, shared subnets and resource-name DNS records: each keeps the trunk interface away. */
function subnetAndPlatformTrunkingChecks(
  input: TrunkingPreflightInput,
  who: string,
  path: string,
): CapacityDiagnostic[] {
  const out: CapacityDiagnostic[] = [];
  if (input.windows) {
    out.push(
      diagnostic(
        DiagnosticSeverity.ERROR,
        {
          code: 'CAPACITY_TRUNKING_WINDOWS',
          path: `${path}.trunking`,
          received: 'trunking on with a Windows AMI',
          allowed: 'trunking on Linux container instances only',
          fix: 'turn trunking off for Windows instances, or use a Linux AMI',
        },
        `${who} turns ENI trunking on for Windows instances, which never get a trunk interface.`,
      ),
    );
  }
  if (input.sharedSubnets) {
    out.push(
      diagnostic(
        DiagnosticSeverity.ERROR,
        {
          code: 'CAPACITY_TRUNKING_SHARED_SUBNET',
          path: `${path}.trunking`,
          received: 'trunking on in shared subnets',
          allowed: 'trunking in subnets owned by this account',
          fix: 'launch the instances in subnets this account owns, or turn trunking off',
        },
        `${who} turns ENI trunking on in shared subnets, where instances cannot use it.`,
      ),
    );
  }
  if (input.resourceNameDnsARecords) {
    out.push(
      diagnostic(
        DiagnosticSeverity.ERROR,
        {
          code: 'CAPACITY_TRUNKING_RESOURCE_NAME_DNS',
          path: `${path}.trunking`,
          received: 'trunking on in subnets with resource-name DNS A records on launch',
          allowed: 'subnets with enable_resource_name_dns_a_record_on_launch = false',
          fix: "turn resource-name DNS A records off on the instances' subnets, or turn trunking off",
        },
        `${who} turns ENI trunking on in subnets that publish resource-name DNS A records, which trunking does not allow.`,
      ),
    );
  }
  return out;
}

/** The awsvpcTrunking account setting: a warning when nothing says it is on. */
function accountSettingTrunkingCheck(
  input: TrunkingPreflightInput,
  who: string,
  path: string,
): CapacityDiagnostic | undefined {
  const setting = input.accountSetting ?? TrunkingAccountSetting.NOT_DECLARED;
  if (setting !== TrunkingAccountSetting.NOT_DECLARED) return undefined;
  const type = input.instanceType;
  const cap = isUnresolved(type) ? undefined : EniCapacity.tryForInstanceType(type);
  const numbers =
    cap?.maxTasksWithTrunking !== undefined
      ? `: without it a ${type} runs ${cap.maxTasksWithoutTrunking} awsvpc tasks, not ${cap.maxTasksWithTrunking}`
      : '';
  return diagnostic(
    DiagnosticSeverity.WARNING,
    {
      code: 'CAPACITY_TRUNKING_ACCOUNT_SETTING',
      path: `${path}.trunking`,
      received: 'trunking on, and the awsvpcTrunking account setting not declared in the app',
      allowed: 'the setting declared in the app, or stated to be set elsewhere',
      fix:
        'declare the awsvpcTrunking account setting in the app (the account stack), or, if it is set outside ' +
        'the app, say so (TrunkingAccountSetting.DECLARED_ELSEWHERE); instances launched before the opt-in need replacing',
    },
    `${who} counts on ENI trunking, but nothing in the app turns the awsvpcTrunking account setting on${numbers}.`,
  );
}

/** Whether the instance type gets a trunk interface, and gains from it; undefined when it does. */
function instanceTypeTrunkingCheck(
  input: TrunkingPreflightInput,
  who: string,
  path: string,
): CapacityDiagnostic | undefined {
  const type = input.instanceType;
  const excluded = EniCapacity.trunkingExclusion(type);
  const cap = EniCapacity.tryForInstanceType(type);
  if (excluded !== undefined || cap?.trunkingSupport === TrunkingSupport.NOT_SUPPORTED) {
    const alternatives = trunkingAlternatives(type);
    const limit = cap ? ` (it runs ${cap.maxTasksWithoutTrunking} awsvpc tasks per instance, trunking or not)` : '';
    return diagnostic(
      DiagnosticSeverity.ERROR,
      {
        code: 'CAPACITY_TRUNKING_UNSUPPORTED',
        path: `${path}.instanceType`,
        received: describeValue(type),
        allowed: `an instance type that supports ENI trunking; not ${excluded ?? type}`,
        fix:
          (alternatives.length > 0 ? `use a type that supports trunking, e.g. ${alternatives.join(', ')}; or ` : '') +
          'turn trunking off and size the ASG for the untrunked limit',
      },
      `${who} turns ENI trunking on, but ${type} does not support it${limit}.`,
    );
  } else if (!cap && (input.unknownSizeIsError ?? true) && EniCapacity.isKnownFamily(type)) {
    return instanceSizeUnknown(input.capacityProvider, type);
  } else if (!cap) {
    const suggestions = EniCapacity.suggestInstanceTypes(type);
    return diagnostic(
      DiagnosticSeverity.WARNING,
      {
        code: 'CAPACITY_UNKNOWN_INSTANCE_TYPE',
        path: `${path}.instanceType`,
        received: describeValue(type),
        allowed: "an instance type of the library's ENI table",
        fix:
          (suggestions.length > 0
            ? `if it is a typo, did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}? `
            : '') + "otherwise check the ECS developer guide's list of instance types that support trunking",
      },
      `${who} turns ENI trunking on with ${type}, which the ENI table does not know: whether it supports ` +
        'trunking is unknown (not unsupported).',
    );
  } else if (cap.trunkingSupport === TrunkingSupport.UNKNOWN) {
    return diagnostic(
      DiagnosticSeverity.WARNING,
      {
        code: 'CAPACITY_TRUNKING_SUPPORT_UNKNOWN',
        path: `${path}.instanceType`,
        received: describeValue(type),
        allowed: "an instance type of ECS's trunking table (published April 2023)",
        fix:
          "check the ECS developer guide's current list of instance types that support trunking; the budget counts " +
          `${cap.maxTasksWithoutTrunking} awsvpc tasks per instance (no trunking gain) until the table lists the type`,
      },
      `${who} turns ENI trunking on with ${type}, which is not in ECS's trunking table of April 2023: ` +
        'whether it supports trunking is unknown, not unsupported.',
    );
  } else if (cap.maxTasksWithTrunking === cap.maxTasksWithoutTrunking) {
    return diagnostic(
      DiagnosticSeverity.WARNING,
      {
        code: 'CAPACITY_TRUNKING_NO_GAIN',
        path: `${path}.trunking`,
        received: `${type}: ECS's table publishes ${cap.publishedTasksWithTrunking} tasks with trunking`,
        allowed: `more than the ${cap.maxTasksWithoutTrunking} tasks it runs without trunking`,
        fix: 'turn trunking off (it only costs an address and an interface per instance here), or use a larger type',
      },
      `${who}: trunking gives ${type} no more awsvpc tasks (${cap.maxTasksWithoutTrunking} either way).`,
    );
  }
  return undefined;
}
