/**
 * Service auto scaling: an Application Auto Scaling target on the service's desired count, with
 * target tracking on average CPU and/or memory utilization and on ALB requests per target,
 * scheduled actions, and step scaling on CloudWatch alarms. Once it is on, Terraform ignores
 * `desired_count` (auto scaling owns it).
 */
import { Construct } from 'constructs';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { describeValue, isUnresolved, type Problem } from '../core';
import {
  checkScalingActions,
  StepAdjustmentType,
  type ScheduledScalingAction,
  type StepScalingOptions,
} from './scaling-actions';

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
  /**
   * Target requests per task per minute, from the service's ALB target group
   * (`ALBRequestCountPerTarget`). Only for a service behind an ALB it knows: its own, or a shared
   * listener's rule (not an existing target group by ARN, nor an NLB).
   * @default - no request count policy
   */
  readonly targetRequestsPerTarget?: number;
  /**
   * Changes of the range at given times (office hours, nightly batch, a launch).
   * @default - none
   */
  readonly scheduledActions?: readonly ScheduledScalingAction[];
  /**
   * Step scaling policies, each on a CloudWatch alarm created with it (queue depth, latency, ...).
   * @default - none
   */
  readonly stepScaling?: readonly StepScalingOptions[];
  /** @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /** @default 60 */
  readonly scaleOutCooldownSeconds?: number;
}

function intIn(v: number | undefined, lo: number, hi: number): boolean {
  return v === undefined || isUnresolved(v) || (Number.isInteger(v) && v >= lo && v <= hi);
}

/** What request-count scaling can count on: an ALB target group the service knows, or why not. */
export type RequestCountSource = 'alb' | 'nlb' | 'target-group-arn' | 'none';

/** Request-count scaling needs the ALB target group's resource label. */
export function checkRequestCountScaling(o: AutoScalingOptions, source: RequestCountSource, path: string): Problem[] {
  const v = o.targetRequestsPerTarget;
  if (v === undefined) return [];
  const out: Problem[] = [];
  if (!isUnresolved(v) && !(v > 0)) {
    out.push({
      code: 'SERVICE_AUTOSCALING_TARGET_INVALID',
      path: `${path}.targetRequestsPerTarget`,
      received: describeValue(v),
      allowed: 'a positive number of requests per task per minute',
      fix: 'e.g. 1000',
    });
  }
  if (source !== 'alb') {
    const why = {
      nlb: 'a Network Load Balancer (it counts no requests)',
      'target-group-arn': 'an existing target group by ARN (its load balancer is unknown here)',
      none: 'no load balancer',
    }[source];
    out.push({
      code: 'SERVICE_AUTOSCALING_REQUEST_COUNT_NO_ALB',
      path: `${path}.targetRequestsPerTarget`,
      received: `request-count scaling for a service with ${why}`,
      allowed:
        'request-count scaling only with an ALB target group the service knows (ALBRequestCountPerTarget needs its resource label)',
      fix: 'put the service behind an ALB (its own, or a shared listener with a rule), or scale on CPU, memory or a step policy',
    });
  }
  return out;
}

/** Every problem of the auto scaling options, given the service's desired count. */
export function checkAutoScalingOptions(o: AutoScalingOptions, desiredCount: number, path: string): Problem[] {
  const out: Problem[] = [];
  out.push(...checkScalingActions(o.scheduledActions ?? [], o.stepScaling ?? [], path));
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
  /** The ALB target group's resource label, for `targetRequestsPerTarget`. */
  readonly requestCountResourceLabel?: string;
}

export class ServiceAutoScaling extends Construct {
  public readonly target: AppautoscalingTarget;
  public readonly cpuPolicy?: AppautoscalingPolicy;
  public readonly memoryPolicy?: AppautoscalingPolicy;
  public readonly requestCountPolicy?: AppautoscalingPolicy;
  public readonly scheduledActions: readonly AppautoscalingScheduledAction[];
  /** Step scaling policies and their alarms, by name. */
  public readonly stepPolicies: ReadonlyMap<string, { policy: AppautoscalingPolicy; alarm: CloudwatchMetricAlarm }>;

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
    const policy = (pid: string, metric: string, value: number, resourceLabel?: string) =>
      new AppautoscalingPolicy(this, pid, {
        name: `${props.serviceName}-${pid}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: this.target.serviceNamespace,
        scalableDimension: this.target.scalableDimension,
        resourceId: this.target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: value,
          predefinedMetricSpecification: { predefinedMetricType: metric, resourceLabel },
          scaleInCooldown: props.scaleInCooldownSeconds ?? 300,
          scaleOutCooldown: props.scaleOutCooldownSeconds ?? 60,
        },
      });
    if (cpu !== undefined) this.cpuPolicy = policy('cpu', 'ECSServiceAverageCPUUtilization', cpu);
    if (props.targetMemoryUtilizationPercent !== undefined) {
      this.memoryPolicy = policy('memory', 'ECSServiceAverageMemoryUtilization', props.targetMemoryUtilizationPercent);
    }
    if (props.targetRequestsPerTarget !== undefined) {
      this.requestCountPolicy = policy(
        'requests',
        'ALBRequestCountPerTarget',
        props.targetRequestsPerTarget,
        props.requestCountResourceLabel,
      );
    }
    this.scheduledActions = (props.scheduledActions ?? []).map((a) => this.scheduled(a));
    this.stepPolicies = new Map((props.stepScaling ?? []).map((o) => [o.name, this.step(props, o)]));
  }

  private scheduled(a: ScheduledScalingAction): AppautoscalingScheduledAction {
    // The action's name names it among the service's actions: its construct id follows the name.
    return new AppautoscalingScheduledAction(this, `scheduled-${a.name}`, {
      name: a.name,
      serviceNamespace: this.target.serviceNamespace,
      scalableDimension: this.target.scalableDimension,
      resourceId: this.target.resourceId,
      schedule: a.schedule,
      timezone: a.timezone ?? 'UTC',
      scalableTargetAction: {
        ...(a.minCapacity !== undefined ? { minCapacity: String(a.minCapacity) } : {}),
        ...(a.maxCapacity !== undefined ? { maxCapacity: String(a.maxCapacity) } : {}),
      },
    });
  }

  private step(
    props: ServiceAutoScalingProps,
    o: StepScalingOptions,
  ): { policy: AppautoscalingPolicy; alarm: CloudwatchMetricAlarm } {
    const policy = new AppautoscalingPolicy(this, `step-${o.name}`, {
      name: `${props.serviceName}-${o.name}`,
      policyType: 'StepScaling',
      serviceNamespace: this.target.serviceNamespace,
      scalableDimension: this.target.scalableDimension,
      resourceId: this.target.resourceId,
      stepScalingPolicyConfiguration: {
        adjustmentType: o.adjustmentType ?? StepAdjustmentType.CHANGE_IN_CAPACITY,
        cooldown: o.cooldownSeconds ?? 60,
        metricAggregationType:
          o.alarm.statistic === 'Minimum' || o.alarm.statistic === 'Maximum' ? o.alarm.statistic : 'Average',
        stepAdjustment: o.steps.map((s) => ({
          ...(s.lowerBound !== undefined ? { metricIntervalLowerBound: String(s.lowerBound) } : {}),
          ...(s.upperBound !== undefined ? { metricIntervalUpperBound: String(s.upperBound) } : {}),
          scalingAdjustment: s.change,
        })),
      },
    });
    const a = o.alarm;
    const alarm = new CloudwatchMetricAlarm(this, `step-${o.name}-alarm`, {
      alarmName: `${props.serviceName}-${o.name}`,
      alarmDescription: `Step scaling ${o.name} of ${props.serviceName}`,
      namespace: a.namespace,
      metricName: a.metricName,
      dimensions: a.dimensions,
      statistic: a.statistic ?? 'Average',
      period: a.periodSeconds ?? 60,
      evaluationPeriods: a.evaluationPeriods ?? 1,
      comparisonOperator: a.comparisonOperator,
      threshold: a.threshold,
      alarmActions: [policy.arn],
    });
    return { policy, alarm };
  }
}
