import { LoadBalancerType, StepAdjustmentType, type AutoScalingOptions } from '../../modules/service';
import { all, TrafficStack } from './traffic-fixtures';

const RANGE = { minCapacity: 1, maxCapacity: 6 };

describe('auto scaling beyond CPU and memory', () => {
  test("request count per target tracks the service's own ALB target group", () => {
    const t = new TrafficStack();
    t.service('web', { loadBalancer: {}, autoScaling: { ...RANGE, targetRequestsPerTarget: 800 } });
    const json = t.synth();
    const requests = all(json, 'aws_appautoscaling_policy').find((p) => String(p.name).endsWith('-requests'))!;
    expect(requests.target_tracking_scaling_policy_configuration).toMatchObject({
      target_value: 800,
      predefined_metric_specification: {
        predefined_metric_type: 'ALBRequestCountPerTarget',
        resource_label: expect.stringMatching(
          /^\$\{aws_lb\..*\.arn_suffix\}\/\$\{aws_lb_target_group\..*\.arn_suffix\}$/,
        ),
      },
    });
    // CPU tracking stays on beside it (the default target).
    expect(all(json, 'aws_appautoscaling_policy')).toHaveLength(2);
  });

  test('refuses request-count scaling without an ALB target group it knows', () => {
    const t = new TrafficStack();
    const scaling: AutoScalingOptions = { ...RANGE, targetRequestsPerTarget: 800 };
    expect(() => t.service('a', { autoScaling: scaling })).toThrowProblem(
      'SERVICE_AUTOSCALING_REQUEST_COUNT_NO_ALB',
      'Ec2Service.autoScaling.targetRequestsPerTarget',
      'no load balancer',
    );
    expect(() =>
      t.service('b', { autoScaling: scaling, loadBalancer: { type: LoadBalancerType.NETWORK } }),
    ).toThrowProblem('SERVICE_AUTOSCALING_REQUEST_COUNT_NO_ALB', 'Network Load Balancer');
    expect(() =>
      t.service('c', {
        autoScaling: scaling,
        loadBalancer: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/0123abcd' },
      }),
    ).toThrowProblem('SERVICE_AUTOSCALING_REQUEST_COUNT_NO_ALB', 'existing target group');
  });
});

describe('scheduled and step scaling', () => {
  test('scheduled actions change the range by cron, rate or at, in a time zone', () => {
    const t = new TrafficStack();
    t.service('web', {
      autoScaling: {
        ...RANGE,
        scheduledActions: [
          { name: 'office-hours', schedule: 'cron(0 8 ? * MON-FRI *)', minCapacity: 3, timezone: 'Europe/Paris' },
          { name: 'night', schedule: 'cron(0 20 ? * * *)', minCapacity: 1, maxCapacity: 2 },
          { name: 'launch', schedule: 'at(2026-12-24T18:00:00)', minCapacity: 6, maxCapacity: 6 },
        ],
      },
    });
    const actions = all(t.synth(), 'aws_appautoscaling_scheduled_action');
    const byName = Object.fromEntries(actions.map((a) => [a.name, [a.schedule, a.timezone, a.scalable_target_action]]));
    expect(byName).toEqual({
      'office-hours': ['cron(0 8 ? * MON-FRI *)', 'Europe/Paris', { min_capacity: '3' }],
      night: ['cron(0 20 ? * * *)', 'UTC', { min_capacity: '1', max_capacity: '2' }],
      launch: ['at(2026-12-24T18:00:00)', 'UTC', { min_capacity: '6', max_capacity: '6' }],
    });
    expect(actions[0]!.resource_id).toMatch(/aws_appautoscaling_target\..*\.resource_id/);
  });

  test('refuses a malformed schedule, an action without capacity, an inverted range, a bad time zone, a name twice', () => {
    const fails = (scheduledActions: AutoScalingOptions['scheduledActions']) => () =>
      new TrafficStack().service('web', { autoScaling: { ...RANGE, scheduledActions } });
    expect(fails([{ name: 'a', schedule: 'every day', minCapacity: 1 }])).toThrowProblem(
      'SERVICE_AUTOSCALING_SCHEDULE_INVALID',
      'scheduledActions[0].schedule',
      '"every day"',
    );
    expect(fails([{ name: 'a', schedule: 'rate(1 day)' }])).toThrowProblem(
      'SERVICE_AUTOSCALING_SCHEDULE_INVALID',
      'neither minCapacity nor maxCapacity',
    );
    expect(fails([{ name: 'a', schedule: 'rate(1 day)', minCapacity: 5, maxCapacity: 2 }])).toThrowProblem(
      'SERVICE_AUTOSCALING_SCHEDULE_INVALID',
      'min 5 above max 2',
    );
    expect(fails([{ name: 'a', schedule: 'rate(1 day)', minCapacity: 1, timezone: 'CET+1' }])).toThrowProblem(
      'SERVICE_AUTOSCALING_SCHEDULE_INVALID',
      'timezone',
    );
    expect(
      fails([
        { name: 'a', schedule: 'rate(1 day)', minCapacity: 1 },
        { name: 'a', schedule: 'rate(2 days)', minCapacity: 2 },
      ]),
    ).toThrowProblem('SERVICE_AUTOSCALING_SCHEDULE_INVALID', '"a" twice');
  });

  test('step scaling acts on an alarm created with the policy as its action', () => {
    const t = new TrafficStack();
    t.service('worker', {
      autoScaling: {
        ...RANGE,
        stepScaling: [
          {
            name: 'queue-depth',
            alarm: {
              namespace: 'AWS/SQS',
              metricName: 'ApproximateNumberOfMessagesVisible',
              dimensions: { QueueName: 'jobs' },
              comparisonOperator: 'GreaterThanOrEqualToThreshold',
              threshold: 100,
            },
            steps: [
              { lowerBound: 0, upperBound: 400, change: 1 },
              { lowerBound: 400, change: 3 },
            ],
            adjustmentType: StepAdjustmentType.CHANGE_IN_CAPACITY,
          },
        ],
      },
    });
    const json = t.synth();
    const step = all(json, 'aws_appautoscaling_policy').find((p) => p.policy_type === 'StepScaling')!;
    expect(step.step_scaling_policy_configuration).toMatchObject({
      adjustment_type: 'ChangeInCapacity',
      step_adjustment: [
        { metric_interval_lower_bound: '0', metric_interval_upper_bound: '400', scaling_adjustment: 1 },
        { metric_interval_lower_bound: '400', scaling_adjustment: 3 },
      ],
    });
    const alarm = all(json, 'aws_cloudwatch_metric_alarm')[0]!;
    expect(alarm).toMatchObject({
      metric_name: 'ApproximateNumberOfMessagesVisible',
      threshold: 100,
      dimensions: { QueueName: 'jobs' },
      alarm_actions: [expect.stringMatching(/aws_appautoscaling_policy\..*\.arn/)],
    });
  });

  test('refuses steps that overlap, leave a gap, or change nothing', () => {
    const alarm = {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      comparisonOperator: 'GreaterThanThreshold' as const,
      threshold: 10,
    };
    const fails = (steps: { lowerBound?: number; upperBound?: number; change: number }[]) => () =>
      new TrafficStack().service('w', { autoScaling: { ...RANGE, stepScaling: [{ name: 'q', alarm, steps }] } });
    expect(
      fails([
        { lowerBound: 0, upperBound: 50, change: 1 },
        { lowerBound: 40, change: 2 },
      ]),
    ).toThrowProblem('SERVICE_AUTOSCALING_STEPS_INVALID', 'no overlap, no gap');
    expect(
      fails([
        { lowerBound: 0, upperBound: 50, change: 1 },
        { lowerBound: 60, change: 2 },
      ]),
    ).toThrowProblem('SERVICE_AUTOSCALING_STEPS_INVALID', 'followed by one starting at 60');
    expect(fails([{ lowerBound: 0, change: 0 }])).toThrowProblem('SERVICE_AUTOSCALING_STEPS_INVALID', 'non-zero');
    expect(fails([])).toThrowProblem('SERVICE_AUTOSCALING_STEPS_INVALID', 'at least one step');
  });
});
