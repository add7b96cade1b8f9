/**
 * Scheduled actions and step scaling of a service (pure: types and checks). `ServiceAutoScaling`
 * (auto-scaling.ts) creates their resources.
 */
import { describeValue, isUnresolved, type Problem } from '../core';

/** A change of the scaling range at a time (Application Auto Scaling scheduled action). */
export interface ScheduledScalingAction {
  /** Names the action (unique per service; 1-256 characters without `:`, `/` or `|`). */
  readonly name: string;
  /** `cron(0 8 ? * MON-FRI *)`, `rate(6 hours)` or `at(2026-12-24T18:00:00)`. */
  readonly schedule: string;
  /** @default - unchanged */
  readonly minCapacity?: number;
  /** @default - unchanged */
  readonly maxCapacity?: number;
  /**
   * IANA time zone of `cron` and `at` schedules, e.g. `Europe/Paris`.
   * @default 'UTC'
   */
  readonly timezone?: string;
}

/** How a step scaling policy changes the task count. */
export enum StepAdjustmentType {
  CHANGE_IN_CAPACITY = 'ChangeInCapacity',
  PERCENT_CHANGE_IN_CAPACITY = 'PercentChangeInCapacity',
  EXACT_CAPACITY = 'ExactCapacity',
}

/** One step: when the metric is between the bounds (relative to the threshold), change by `change`. */
export interface ScalingStep {
  /** @default - no lower bound (negative infinity) */
  readonly lowerBound?: number;
  /** @default - no upper bound (positive infinity) */
  readonly upperBound?: number;
  /** Tasks to add (negative: remove), percent, or the exact count, per `adjustmentType`. */
  readonly change: number;
}

/** The CloudWatch alarm a step scaling policy acts on (created with the policy as its action). */
export interface StepScalingAlarm {
  readonly namespace: string;
  readonly metricName: string;
  /** @default - none */
  readonly dimensions?: { readonly [name: string]: string };
  /** @default 'Average' */
  readonly statistic?: 'Average' | 'Minimum' | 'Maximum' | 'Sum' | 'SampleCount';
  /** @default 60 */
  readonly periodSeconds?: number;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  readonly comparisonOperator:
    'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
  readonly threshold: number;
}

/** A step scaling policy on an alarm. */
export interface StepScalingOptions {
  /** Names the policy and its alarm (`<service>-<name>`); unique per service. */
  readonly name: string;
  readonly alarm: StepScalingAlarm;
  /** Contiguous, non-overlapping intervals relative to the threshold. */
  readonly steps: readonly ScalingStep[];
  /** @default StepAdjustmentType.CHANGE_IN_CAPACITY */
  readonly adjustmentType?: StepAdjustmentType;
  /** @default 60 */
  readonly cooldownSeconds?: number;
}

const SCHEDULE =
  /^(cron\(.+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\))$/;
const TIMEZONE = /^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+){1,2})$/;
const ACTION_NAME = /^[^:/|]{1,256}$/;

function count(v: number | undefined): boolean {
  return v === undefined || isUnresolved(v) || (Number.isInteger(v) && v >= 0);
}

function duplicates(names: readonly string[]): string[] {
  return names.filter((n, i) => !isUnresolved(n) && names.indexOf(n) !== i);
}

/** One scheduled action's problems. */
export function checkScheduledAction(a: ScheduledScalingAction, at: string): Problem[] {
  const out: Problem[] = [];
  const problem = (key: string, received: string, allowed: string, fix: string): void => {
    out.push({ code: 'SERVICE_AUTOSCALING_SCHEDULE_INVALID', path: `${at}.${key}`, received, allowed, fix });
  };
  if (!isUnresolved(a.name) && !ACTION_NAME.test(a.name)) {
    problem('name', describeValue(a.name), '1-256 characters without ":", "/" or "|"', 'e.g. "office-hours"');
  }
  if (!isUnresolved(a.schedule) && !SCHEDULE.test(a.schedule)) {
    problem(
      'schedule',
      describeValue(a.schedule),
      'cron(<6 fields>), rate(<n> minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss)',
      'e.g. "cron(0 8 ? * MON-FRI *)"',
    );
  }
  if (a.minCapacity === undefined && a.maxCapacity === undefined) {
    problem(
      'minCapacity',
      'neither minCapacity nor maxCapacity',
      'at least one of them',
      'set the range the schedule applies',
    );
  }
  if (!count(a.minCapacity) || !count(a.maxCapacity)) {
    problem(
      'minCapacity',
      `min ${describeValue(a.minCapacity)}, max ${describeValue(a.maxCapacity)}`,
      'non-negative integers',
      'e.g. minCapacity: 4',
    );
  } else if (
    a.minCapacity !== undefined &&
    a.maxCapacity !== undefined &&
    !isUnresolved(a.minCapacity) &&
    !isUnresolved(a.maxCapacity) &&
    a.minCapacity > a.maxCapacity
  ) {
    problem(
      'minCapacity',
      `min ${a.minCapacity} above max ${a.maxCapacity}`,
      'minCapacity <= maxCapacity',
      'swap them',
    );
  }
  if (a.timezone !== undefined && !isUnresolved(a.timezone) && !TIMEZONE.test(a.timezone)) {
    problem(
      'timezone',
      describeValue(a.timezone),
      'an IANA time zone such as Europe/Paris, or UTC',
      'e.g. "America/New_York"',
    );
  }
  return out;
}

/** One step scaling policy's steps: at least one, contiguous, without overlap or gap. */
export function checkScalingSteps(steps: readonly ScalingStep[], at: string): Problem[] {
  const problem = (received: string, allowed: string): Problem => ({
    code: 'SERVICE_AUTOSCALING_STEPS_INVALID',
    path: `${at}.steps`,
    received,
    allowed,
    fix: 'e.g. steps: [{ lowerBound: 0, upperBound: 20, change: 1 }, { lowerBound: 20, change: 3 }]',
  });
  if (steps.length === 0) return [problem('[]', 'at least one step')];
  if (steps.some((s) => [s.lowerBound, s.upperBound, s.change].some((v) => v !== undefined && isUnresolved(v))))
    return [];
  const out: Problem[] = [];
  if (steps.some((s) => !Number.isInteger(s.change) || s.change === 0)) {
    out.push(problem(`changes ${steps.map((s) => s.change).join(', ')}`, 'a non-zero integer change per step'));
  }
  const sorted = [...steps].sort((a, b) => (a.lowerBound ?? -Infinity) - (b.lowerBound ?? -Infinity));
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i]!;
    const lo = s.lowerBound ?? -Infinity;
    const hi = s.upperBound ?? Infinity;
    const next = sorted[i + 1];
    if (lo >= hi) out.push(problem(`a step from ${lo} to ${hi}`, 'lowerBound below upperBound'));
    if (next && (next.lowerBound ?? -Infinity) !== hi) {
      out.push(
        problem(
          `a step ending at ${hi} followed by one starting at ${next.lowerBound ?? '-infinity'}`,
          'contiguous steps: each starts where the previous ends (no overlap, no gap)',
        ),
      );
    }
  }
  return out;
}

/** Every problem of the scheduled actions and step policies, at `path` (the autoScaling options). */
export function checkScalingActions(
  scheduled: readonly ScheduledScalingAction[],
  steps: readonly StepScalingOptions[],
  path: string,
): Problem[] {
  const out: Problem[] = [];
  scheduled.forEach((a, i) => out.push(...checkScheduledAction(a, `${path}.scheduledActions[${i}]`)));
  steps.forEach((s, i) => {
    const at = `${path}.stepScaling[${i}]`;
    out.push(...checkScalingSteps(s.steps, at));
    if (!isUnresolved(s.name) && !/^[A-Za-z0-9_.-]{1,200}$/.test(s.name)) {
      out.push({
        code: 'SERVICE_AUTOSCALING_STEPS_INVALID',
        path: `${at}.name`,
        received: describeValue(s.name),
        allowed: '1-200 letters, digits, ".", "_" and "-" (it names the policy and its alarm)',
        fix: 'e.g. "queue-depth"',
      });
    }
  });
  for (const [key, names] of [
    ['scheduledActions', scheduled.map((a) => a.name)],
    ['stepScaling', steps.map((s) => s.name)],
  ] as const) {
    for (const name of new Set(duplicates(names))) {
      out.push({
        code: key === 'scheduledActions' ? 'SERVICE_AUTOSCALING_SCHEDULE_INVALID' : 'SERVICE_AUTOSCALING_STEPS_INVALID',
        path: `${path}.${key}`,
        received: `${describeValue(name)} twice`,
        allowed: 'each name once per service (it names the resource)',
        fix: 'rename one of them',
      });
    }
  }
  return out;
}
