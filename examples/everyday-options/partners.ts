/**
 * What other teams own, and the rest of the load balancing and scaling options: a service attached to
 * the platform team's ALB listener by ARN (a rule at an agreed priority), one registered in another
 * team's target group by ARN, and a TCP service behind its own internal NLB that scales in steps on a
 * queue's depth and keeps a scratch Docker volume.
 */
import {
  ApplicationListenerRef,
  Ec2Service,
  ListenerCondition,
  LoadBalancerType,
  StepAdjustmentType,
  TaskDefinition,
} from '../../modules/service';
import type { EverydayPlatform } from './platform';
import { web } from './traffic';

/** The platform team's shared ALB listener and its load balancer's security group (their outputs). */
export const PLATFORM_LISTENER = {
  listenerArn:
    'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/platform/50dc6c495c0c9188/f2f7dc8efc522ab2',
  securityGroupId: 'sg-0123456789abcdef0',
};

/** The billing team's target group (type ip, port 8080) and its load balancer's security group. */
export const BILLING_TARGET_GROUP = {
  targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/billing/73e2d6bc24d8a067',
  loadBalancerSecurityGroupId: 'sg-0fedcba9876543210',
};

/** What the partners part builds (tests read it). */
export interface PartnersPart {
  readonly orders: Ec2Service;
  readonly billing: Ec2Service;
  readonly ledger: Ec2Service;
}

export function addPartners(platform: EverydayPlatform): PartnersPart {
  const { stack, cluster } = platform;
  const task = (family: string, volumes = false) =>
    new TaskDefinition(stack, `${family}-task`, {
      family,
      containers: [
        {
          ...web(family),
          ...(volumes ? { mountPoints: [{ sourceVolume: 'scratch', containerPath: '/var/scratch' }] } : {}),
        },
      ],
      // A Docker volume for the task's lifetime: scratch space beside the read-only root filesystem.
      ...(volumes ? { volumes: [{ name: 'scratch', dockerVolumeConfiguration: { scope: 'task' as const } }] } : {}),
    });
  const orders = new Ec2Service(stack, 'orders', {
    cluster,
    serviceName: 'orders',
    taskDefinition: task('orders'),
    loadBalancer: {
      listener: ApplicationListenerRef.fromAttributes(PLATFORM_LISTENER),
      priority: 300,
      conditions: [ListenerCondition.pathPatterns(['/orders/*'])],
    },
  });
  const billing = new Ec2Service(stack, 'billing', {
    cluster,
    serviceName: 'billing',
    taskDefinition: task('billing'),
    loadBalancer: BILLING_TARGET_GROUP,
  });
  const ledger = new Ec2Service(stack, 'ledger', {
    cluster,
    serviceName: 'ledger',
    taskDefinition: task('ledger', true),
    loadBalancer: { type: LoadBalancerType.NETWORK },
    autoScaling: {
      minCapacity: 1,
      maxCapacity: 4,
      stepScaling: [
        {
          name: 'queue-depth',
          alarm: {
            namespace: 'AWS/SQS',
            metricName: 'ApproximateNumberOfMessagesVisible',
            dimensions: { QueueName: 'ledger-entries' },
            comparisonOperator: 'GreaterThanOrEqualToThreshold',
            threshold: 100,
          },
          steps: [
            { lowerBound: 0, upperBound: 400, change: 1 },
            { lowerBound: 400, change: 2 },
          ],
          adjustmentType: StepAdjustmentType.CHANGE_IN_CAPACITY,
        },
      ],
    },
  });
  return { orders, billing, ledger };
}
