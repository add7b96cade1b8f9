/**
 * Traffic, deployments and scaling, the way a platform team wires a small shop:
 * - one INTERNAL Application Load Balancer shared by two services through listener rules (the
 *   storefront on every path, the catalog API on its host name), with access logs to an S3 bucket
 *   created here with the policy Elastic Load Balancing needs;
 * - Service Connect between the catalog (client-server: it offers its named port `http`) and a
 *   worker (client only), in a Cloud Map namespace of the platform;
 * - CloudWatch alarm rollback on the storefront (its 5xx alarm);
 * - scheduled scaling (office hours) and request-count scaling on the storefront;
 * - a worker whose task definition CI owns (the pipeline pushes revisions; Terraform leaves them).
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Port } from '../../modules/security';
import {
  Ec2Service,
  ListenerCondition,
  LoadBalancerLogsBucket,
  PrivateDnsNamespace,
  SharedLoadBalancer,
  TaskDefinition,
  type ContainerSpec,
} from '../../modules/service';
import type { EverydayPlatform } from './platform';

/** nginx as an unprivileged user (101) on port 8080, writing only to /tmp. */
const NGINX_IMAGE = 'public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine';

/** A container that passes the policy pack: pinned image, non-root user, read-only root filesystem. */
export function web(name: string, portName?: string): ContainerSpec {
  return {
    name,
    image: NGINX_IMAGE,
    essential: true,
    memory: 256,
    user: '101',
    readonlyRootFilesystem: true,
    linuxParameters: { tmpfs: [{ containerPath: '/tmp', size: 64 }] },
    portMappings: [{ containerPort: 8080, ...(portName ? { name: portName, appProtocol: 'http' as const } : {}) }],
  };
}

/** What the traffic part builds (tests read it). */
export interface TrafficPart {
  readonly loadBalancer: SharedLoadBalancer;
  readonly storefront: Ec2Service;
  readonly catalog: Ec2Service;
  readonly worker: Ec2Service;
}

/** Adds the shared ALB, its two services, Service Connect, alarm rollback, scaling and a CI-owned service. */
export function addTraffic(platform: EverydayPlatform): TrafficPart {
  const { stack, network, cluster } = platform;
  const logs = new LoadBalancerLogsBucket(stack, 'alb-logs', { bucketNamePrefix: 'everyday-alb-logs-' });
  const loadBalancer = new SharedLoadBalancer(stack, 'shop-alb', {
    network,
    name: 'shop',
    accessLogs: logs.accessLogsOptions('shop'),
    // Internal load balancers default to no deletion protection; this one fronts the shop, so keep it.
    deletionProtection: true,
  });
  const listener = loadBalancer.addListener('http');
  const namespace = PrivateDnsNamespace.of(stack, network, 'shop.internal');
  const task = (family: string, container: ContainerSpec) =>
    new TaskDefinition(stack, `${family}-task`, { family, containers: [container] });

  // The storefront's own alarm: five minutes of 5xx answers roll a deployment back.
  const errors = new CloudwatchMetricAlarm(stack, 'storefront-5xx', {
    alarmName: 'storefront-5xx',
    namespace: 'AWS/ApplicationELB',
    metricName: 'HTTPCode_Target_5XX_Count',
    dimensions: { LoadBalancer: loadBalancer.loadBalancer.arnSuffix },
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: 5,
    threshold: 10,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
  });
  const storefront = new Ec2Service(stack, 'storefront', {
    cluster,
    serviceName: 'storefront',
    taskDefinition: task('storefront', web('storefront')),
    desiredCount: 2,
    loadBalancer: { listener, priority: 100, conditions: [ListenerCondition.pathPatterns(['/*'])] },
    deploymentAlarms: { alarmNames: [errors.alarmName] },
    autoScaling: {
      minCapacity: 2,
      maxCapacity: 6,
      targetRequestsPerTarget: 1000,
      scheduledActions: [
        { name: 'office-hours', schedule: 'cron(0 8 ? * MON-FRI *)', minCapacity: 4, timezone: 'Europe/Paris' },
        { name: 'evenings', schedule: 'cron(0 20 ? * MON-FRI *)', minCapacity: 2, timezone: 'Europe/Paris' },
      ],
    },
  });
  const catalog = new Ec2Service(stack, 'catalog', {
    cluster,
    serviceName: 'catalog',
    taskDefinition: task('catalog', web('catalog', 'http')),
    loadBalancer: {
      listener,
      priority: 10,
      conditions: [ListenerCondition.hostHeaders(['catalog.shop.internal'])],
    },
    serviceConnect: { namespace, services: [{ portName: 'http', dnsName: 'catalog', port: 80 }] },
  });
  // CI pushes the worker's task definition revisions (aws ecs update-service): Terraform leaves them.
  const worker = new Ec2Service(stack, 'worker', {
    cluster,
    serviceName: 'worker',
    taskDefinition: task('worker', web('worker')),
    serviceConnect: { namespace },
    ignoreTaskDefinitionChanges: true,
  });
  // The worker calls http://catalog:80 through its Service Connect proxy, which reaches the catalog's
  // tasks on their container port.
  worker.connections.allowTo(catalog, Port.tcp(8080));
  return { loadBalancer, storefront, catalog, worker };
}
