/**
 * Service auto scaling: an Application Auto Scaling target on the service's desired count, with
 * target tracking on average CPU and/or memory utilization. Once it is on, Terraform ignores
 * `desired_count` (auto scaling owns it).
 */
import { Construct } from 'constructs';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { describeValue, isUnresolved, type Problem } from '../core';

export interface AutoScalingOptions {
  /** Fewest tasks. */
  readonly minCapacity: number;
  /** Most tasks. */
  readonly maxCapacity: number;
  /**
   * Target average CPU utilization of the service, in percent.
   * @default 70 when no memory target is given, else no CPU policy
   */
  readonly targetCpuUtilizationPercent?: number;
  /**
   * Target average memory utilization of the service, in percent.
   * @default - no memory policy
   */
  readonly targetMemoryUtilizationPercent?: number;
  /** @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /** @default 60 */
  readonly scaleOutCooldownSeconds?: number;
}

function intIn(v: number | undefined, lo: number, hi: number): boolean {
  return v === undefined || isUnresolved(v) || (Number.isInteger(v) && v >= lo && v <= hi);
}

/** Every problem of the auto scaling options, given the service's desired count. */
export function checkAutoScalingOptions(o: AutoScalingOptions, desiredCount: number, path: string): Problem[] {
  const out: Problem[] = [];
  const known = !isUnresolved(o.minCapacity) && !isUnresolved(o.maxCapacity);
  if (!intIn(o.minCapacity, 0, 10000) || !intIn(o.maxCapacity, 1, 10000) || (known && o.minCapacity > o.maxCapacity)) {
    out.push({
      code: 'SERVICE_AUTOSCALING_RANGE_INVALID',
      path: `${path}.minCapacity`,
      received: `min ${describeValue(o.minCapacity)}, max ${describeValue(o.maxCapacity)}`,
      allowed: 'integers with 0 <= minCapacity <= maxCapacity and maxCapacity >= 1',
      fix: 'e.g. minCapacity: 2, maxCapacity: 6',
    });
  } else if (known && !isUnresolved(desiredCount) && (desiredCount < o.minCapacity || desiredCount > o.maxCapacity)) {
    out.push({
      code: 'SERVICE_AUTOSCALING_RANGE_INVALID',
      path: `${path}`,
      received: `desiredCount ${desiredCount} outside ${o.minCapacity}-${o.maxCapacity}`,
      allowed: 'minCapacity <= desiredCount <= maxCapacity',
      fix: 'set desiredCount (the starting count) within the auto scaling range',
    });
  }
  for (const key of ['targetCpuUtilizationPercent', 'targetMemoryUtilizationPercent'] as const) {
    const v = o[key];
    if (v !== undefined && !isUnresolved(v) && !(v > 0 && v <= 100)) {
      out.push({
        code: 'SERVICE_AUTOSCALING_TARGET_INVALID',
        path: `${path}.${key}`,
        received: describeValue(v),
        allowed: 'a percentage above 0 and at most 100',
        fix: 'e.g. 70',
      });
    }
  }
  for (const key of ['scaleInCooldownSeconds', 'scaleOutCooldownSeconds'] as const) {
    if (!intIn(o[key], 0, 86400)) {
      out.push({
        code: 'SERVICE_AUTOSCALING_COOLDOWN_INVALID',
        path: `${path}.${key}`,
        received: describeValue(o[key]),
        allowed: 'an integer number of seconds from 0 to 86400',
        fix: 'e.g. 60',
      });
    }
  }
  return out;
}

export interface ServiceAutoScalingProps extends AutoScalingOptions {
  readonly clusterName: string;
  readonly serviceName: string;
}

export class ServiceAutoScaling extends Construct {
  public readonly target: AppautoscalingTarget;
  public readonly cpuPolicy?: AppautoscalingPolicy;
  public readonly memoryPolicy?: AppautoscalingPolicy;

  constructor(scope: Construct, id: string, props: ServiceAutoScalingProps) {
    super(scope, id);
    this.target = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
    });
    const cpu =
      props.targetCpuUtilizationPercent ?? (props.targetMemoryUtilizationPercent === undefined ? 70 : undefined);
    const policy = (pid: string, metric: string, value: number) =>
      new AppautoscalingPolicy(this, pid, {
        name: `${props.serviceName}-${pid}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: this.target.serviceNamespace,
        scalableDimension: this.target.scalableDimension,
        resourceId: this.target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: value,
          predefinedMetricSpecification: { predefinedMetricType: metric },
          scaleInCooldown: props.scaleInCooldownSeconds ?? 300,
          scaleOutCooldown: props.scaleOutCooldownSeconds ?? 60,
        },
      });
    if (cpu !== undefined) this.cpuPolicy = policy('cpu', 'ECSServiceAverageCPUUtilization', cpu);
    if (props.targetMemoryUtilizationPercent !== undefined) {
      this.memoryPolicy = policy('memory', 'ECSServiceAverageMemoryUtilization', props.targetMemoryUtilizationPercent);
    }
  }
}
