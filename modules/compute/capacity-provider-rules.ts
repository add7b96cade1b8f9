/**
 * The synth-time rules of an EC2 capacity provider's props (pure: no constructs), so that the
 * construct can report every problem of one props object at once.
 */
import { isWellFormedInstanceType } from '../capacity/instance-type';
import { describeValue, ECS_NAME_RULE, isEcsName, isUnresolved, OsFamily, Problem } from '../core';
import { validateEcsConfigLines } from './user-data';

const RESERVED_PREFIXES = ['aws', 'ecs', 'fargate'];

/** The props the rules look at, with defaults applied. */
export interface CapacityProviderRuleInput {
  /** Construct path prefix for messages, e.g. `Ec2CapacityProvider(linux)`. */
  readonly path: string;
  readonly capacityProviderName: string;
  /** The instance type; undefined when a mixed instances policy lists the types (checked with it). */
  readonly instanceType?: string;
  readonly osFamily: OsFamily;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity?: number;
  readonly managedScaling: boolean;
  readonly managedTerminationProtection: boolean;
  readonly targetCapacityPercent: number;
  readonly minimumScalingStepSize: number;
  readonly maximumScalingStepSize: number;
  readonly instanceWarmupPeriodSeconds: number;
  readonly trunking: boolean;
  /** Whether a trunking opt-in was given, and whether it is on. */
  readonly trunkingOptInEnabled?: boolean;
  readonly rootVolumeSizeGiB: number;
  readonly rootVolumeMinGiB: number;
  readonly extraEcsConfig: readonly string[];
  readonly privateSubnetCount: number;
  /** Whether host-mode tasks may have task IAM roles on these instances. @default false */
  readonly taskIamRoleNetworkHost?: boolean;
  /** The written reason for `taskIamRoleNetworkHost`. */
  readonly taskIamRoleNetworkHostReason?: string;
}

/** Shortest reason accepted for a setting that weakens a default. */
export const MIN_REASON_LENGTH = 10;

/** A capacity provider name must not start with `aws`, `ecs` or `fargate` (any case). */
export function capacityProviderNameProblems(name: string, path: string): Problem[] {
  if (isUnresolved(name)) return [];
  if (!isEcsName(name)) {
    return [
      {
        code: 'COMPUTE_CAPACITY_PROVIDER_NAME_INVALID',
        path,
        received: describeValue(name),
        allowed: ECS_NAME_RULE,
        fix: 'Choose a name like "orders-linux".',
      },
    ];
  }
  const prefix = RESERVED_PREFIXES.find((p) => name.toLowerCase().startsWith(p));
  if (prefix) {
    return [
      {
        code: 'COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED',
        path,
        received: describeValue(name),
        allowed: 'a name that does not start with "aws", "ecs" or "fargate" (ECS reserves these prefixes)',
        fix: `Put something before ${JSON.stringify(prefix)}, e.g. ${JSON.stringify(`app-${name}`)}.`,
      },
    ];
  }
  return [];
}

function integerIn(value: number, lo: number, hi: number): boolean {
  return isUnresolved(value) || (Number.isInteger(value) && value >= lo && value <= hi);
}

type Check = (ok: boolean, problem: () => Problem) => void;

function checker(out: Problem[]): Check {
  return (ok, problem) => {
    if (!ok) out.push(problem());
  };
}

/** The instance type's shape and the private subnets the instances launch into. */
function placementProblems(p: CapacityProviderRuleInput, check: Check): void {
  const type = p.instanceType;
  check(type === undefined || isUnresolved(type) || isWellFormedInstanceType(type), () => ({
    code: 'COMPUTE_INSTANCE_TYPE_INVALID',
    path: `${p.path}.instanceType`,
    received: describeValue(type),
    allowed: 'an EC2 instance type "family.size", e.g. "c5.large" or "m7g.xlarge"',
    fix: 'Give the instance type as EC2 spells it.',
  }));
  check(p.privateSubnetCount > 0, () => ({
    code: 'COMPUTE_NO_PRIVATE_SUBNETS',
    path: `${p.path}.cluster.network.privateSubnets`,
    received: describeValue(p.privateSubnetCount),
    allowed: 'at least one private subnet',
    fix: 'Give the cluster a network with private subnets: container instances never get public IPs.',
  }));
}

/** minSize <= desiredCapacity <= maxSize, whole numbers. */
function sizeProblems(p: CapacityProviderRuleInput, check: Check): void {
  const sizesOk = [
    ['minSize', p.minSize],
    ['maxSize', p.maxSize],
    ...(p.desiredCapacity !== undefined ? [['desiredCapacity', p.desiredCapacity] as const] : []),
  ].every(([prop, v]) => {
    const ok = integerIn(v as number, 0, 10000);
    check(ok, () => ({
      code: 'COMPUTE_ASG_SIZE_INVALID',
      path: `${p.path}.${prop as string}`,
      received: describeValue(v),
      allowed: 'an integer from 0 to 10000',
      fix: 'Give a whole number of instances.',
    }));
    return ok;
  });
  if (!sizesOk || isUnresolved(p.minSize) || isUnresolved(p.maxSize)) return;
  check(p.minSize <= p.maxSize, () => ({
    code: 'COMPUTE_ASG_MIN_ABOVE_MAX',
    path: `${p.path}.minSize`,
    received: `minSize ${p.minSize} with maxSize ${p.maxSize}`,
    allowed: 'minSize <= maxSize',
    fix: `Lower minSize to at most ${p.maxSize}, or raise maxSize to at least ${p.minSize}.`,
  }));
  const d = p.desiredCapacity;
  if (d !== undefined && !isUnresolved(d) && p.minSize <= p.maxSize) {
    check(d >= p.minSize && d <= p.maxSize, () => ({
      code: 'COMPUTE_ASG_DESIRED_OUT_OF_RANGE',
      path: `${p.path}.desiredCapacity`,
      received: `desiredCapacity ${d} with minSize ${p.minSize} and maxSize ${p.maxSize}`,
      allowed: `an integer from ${p.minSize} to ${p.maxSize}`,
      fix: 'Bring desiredCapacity within [minSize, maxSize], or leave it unset.',
    }));
  }
}

/** Managed scaling, its steps and warm-up, and termination protection. */
function scalingProblems(p: CapacityProviderRuleInput, check: Check): void {
  check(!p.managedTerminationProtection || p.managedScaling, () => ({
    code: 'COMPUTE_TERMINATION_PROTECTION_WITHOUT_SCALING',
    path: `${p.path}.managedTerminationProtection`,
    received: 'managedTerminationProtection true with managedScaling false',
    allowed: 'managed termination protection only together with managed scaling',
    fix: 'Turn managedScaling on, or set managedTerminationProtection to false.',
  }));
  check(integerIn(p.targetCapacityPercent, 1, 100), () => ({
    code: 'COMPUTE_TARGET_CAPACITY_INVALID',
    path: `${p.path}.targetCapacityPercent`,
    received: describeValue(p.targetCapacityPercent),
    allowed: 'an integer from 1 to 100',
    fix: 'Use 100 to keep no spare instances, or less to keep headroom.',
  }));
  const stepsOk = [
    ['minimumScalingStepSize', p.minimumScalingStepSize],
    ['maximumScalingStepSize', p.maximumScalingStepSize],
  ].every(([prop, v]) => {
    const ok = integerIn(v as number, 1, 10000);
    check(ok, () => ({
      code: 'COMPUTE_SCALING_STEP_INVALID',
      path: `${p.path}.${prop as string}`,
      received: describeValue(v),
      allowed: 'an integer from 1 to 10000',
      fix: 'Give the number of instances one scaling step may add or remove.',
    }));
    return ok;
  });
  if (stepsOk && !isUnresolved(p.minimumScalingStepSize) && !isUnresolved(p.maximumScalingStepSize)) {
    check(p.minimumScalingStepSize <= p.maximumScalingStepSize, () => ({
      code: 'COMPUTE_SCALING_STEP_INVALID',
      path: `${p.path}.minimumScalingStepSize`,
      received: `minimumScalingStepSize ${p.minimumScalingStepSize} with maximumScalingStepSize ${p.maximumScalingStepSize}`,
      allowed: 'minimumScalingStepSize <= maximumScalingStepSize',
      fix: 'Lower the minimum step or raise the maximum step.',
    }));
  }
  check(integerIn(p.instanceWarmupPeriodSeconds, 0, 10000), () => ({
    code: 'COMPUTE_WARMUP_INVALID',
    path: `${p.path}.instanceWarmupPeriodSeconds`,
    received: describeValue(p.instanceWarmupPeriodSeconds),
    allowed: 'an integer from 0 to 10000 (seconds)',
    fix: 'Give the seconds a new instance needs before it counts, e.g. 300.',
  }));
}

/** Trunking (Linux only, with an enabled opt-in) and the root volume's size. */
function instanceProblems(p: CapacityProviderRuleInput, check: Check): void {
  check(!(p.trunking && p.osFamily === OsFamily.WINDOWS), () => ({
    code: 'COMPUTE_TRUNKING_WINDOWS',
    path: `${p.path}.trunking`,
    received: 'trunking true with a Windows AMI',
    allowed: 'trunking false (or unset) for Windows instances: ENI trunking is Linux only',
    fix: 'Leave trunking unset for Windows capacity; each awsvpc Windows task takes a full ENI (plan density from the ENI count).',
  }));
  check(!(p.trunking && p.trunkingOptInEnabled === false), () => ({
    code: 'COMPUTE_TRUNKING_NOT_OPTED_IN',
    path: `${p.path}.trunkingOptIn`,
    received: 'trunking true with an opt-in whose awsvpcTrunking is not enabled',
    allowed: 'an enabled trunking opt-in when trunking is on',
    fix: 'Enable awsvpcTrunking in the AccountSettings, or set trunking to false.',
  }));
  check(integerIn(p.rootVolumeSizeGiB, p.rootVolumeMinGiB, 16384), () => ({
    code: 'COMPUTE_ROOT_VOLUME_SIZE_INVALID',
    path: `${p.path}.rootVolumeSizeGiB`,
    received: describeValue(p.rootVolumeSizeGiB),
    allowed: `an integer from ${p.rootVolumeMinGiB} (the AMI's root snapshot) to 16384`,
    fix: `Give at least ${p.rootVolumeMinGiB} GiB, or leave it unset.`,
  }));
}

/** Task IAM roles for host-mode tasks: a weaker default, so it takes a written reason. */
function hostModeRoleProblems(p: CapacityProviderRuleInput, check: Check): void {
  if (!p.taskIamRoleNetworkHost) return;
  check(p.osFamily !== OsFamily.WINDOWS, () => ({
    code: 'COMPUTE_TASK_ROLE_HOST_NETWORK_WINDOWS',
    path: `${p.path}.taskIamRoleNetworkHost`,
    received: 'true with a Windows AMI',
    allowed: 'false (or unset) for Windows instances: Windows tasks run in awsvpc mode only, there is no host mode',
    fix: 'Remove taskIamRoleNetworkHost from the Windows capacity provider.',
  }));
  const reason = p.taskIamRoleNetworkHostReason;
  check(isUnresolved(reason) || (typeof reason === 'string' && reason.trim().length >= MIN_REASON_LENGTH), () => ({
    code: 'COMPUTE_TASK_ROLE_HOST_NETWORK_REASON_MISSING',
    path: `${p.path}.taskIamRoleNetworkHostReason`,
    received: describeValue(reason),
    allowed: `a written reason of at least ${MIN_REASON_LENGTH} characters when taskIamRoleNetworkHost is true`,
    fix:
      'Say why host-mode tasks on these instances need task roles (ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true): ' +
      "host-mode tasks share the instance's network, instance metadata included, so they can reach the instance " +
      'role whatever their task role. Or leave taskIamRoleNetworkHost off and run host-mode tasks without a task role.',
  }));
}

/** Every problem of one capacity provider's props. */
export function capacityProviderProblems(p: CapacityProviderRuleInput): Problem[] {
  const out: Problem[] = [];
  const check = checker(out);
  out.push(...capacityProviderNameProblems(p.capacityProviderName, `${p.path}.capacityProviderName`));
  placementProblems(p, check);
  sizeProblems(p, check);
  scalingProblems(p, check);
  instanceProblems(p, check);
  hostModeRoleProblems(p, check);
  out.push(...validateEcsConfigLines(p.extraEcsConfig, `${p.path}.extraEcsConfig`));
  return out;
}
