/**
 * Synth-time checks of `Ec2Service.loadBalancer` (pure: creates no constructs), one function per
 * concern; `checkLoadBalancerOptions` runs them all.
 */
import { describeValue, isUnresolved, type Problem } from '../core';
import type { INetwork, SubnetRef } from '../network/network-ref';
import type { ContainerSpec, TaskPort } from './container-definitions';
import { checkListenerRule } from './listener-rules';
import {
  LoadBalancerScheme,
  LoadBalancerType,
  TargetType,
  type AccessLogsOptions,
  type HealthCheckOptions,
  type LoadBalancerOptions,
  type LoadBalancerTarget,
  type ServiceLoadBalancerProps,
} from './load-balancer-options';
import { NetworkMode } from '../core/network-mode';

/**
 * The container and port a load balancer targets: the named container (default: the first
 * essential container with a port mapping) and port (default: its first mapped port).
 */
export function chooseLoadBalancerTarget(
  options: LoadBalancerOptions,
  containers: readonly ContainerSpec[],
  ports: readonly TaskPort[],
  path: string,
): { target?: LoadBalancerTarget; problems: Problem[] } {
  if (options.containerName !== undefined && !containers.some((c) => c.name === options.containerName)) {
    return {
      problems: [
        {
          code: 'SERVICE_LB_CONTAINER_UNKNOWN',
          path: `${path}.containerName`,
          received: describeValue(options.containerName),
          allowed: `a container of the task: ${containers.map((c) => JSON.stringify(c.name)).join(', ')}`,
          fix: 'name a container of the task definition',
        },
      ],
    };
  }
  const essential = new Set(containers.filter((c) => c.essential !== false).map((c) => c.name));
  const chosen = ports.find(
    (p) =>
      (options.containerName === undefined
        ? essential.has(p.containerName)
        : p.containerName === options.containerName) &&
      (options.containerPort === undefined || p.containerPort === options.containerPort),
  );
  if (chosen) return { target: chosen, problems: [] };
  return {
    problems: [
      {
        code: 'SERVICE_LB_PORT_UNKNOWN',
        path: `${path}.${options.containerPort !== undefined ? 'containerPort' : 'containerName'}`,
        received:
          options.containerPort !== undefined
            ? `${options.containerPort} on ${options.containerName !== undefined ? JSON.stringify(options.containerName) : 'the essential containers'}`
            : 'no port mapping on the container(s)',
        allowed: `a mapped container port: ${ports.map((p) => `${p.containerName}:${p.containerPort}`).join(', ') || '(none)'}`,
        fix: 'add a portMappings entry for the port, or point the load balancer at a mapped one',
      },
    ],
  };
}

/** Linux and Windows ephemeral ranges together: where bridge mode puts dynamic host ports. */
export const DYNAMIC_HOST_PORTS = { from: 32768, to: 65535 } as const;

/** Problems of access log options at `path` (tokens pass). */
export function checkAccessLogs(o: AccessLogsOptions | undefined, path: string): Problem[] {
  if (o === undefined) return [];
  const out: Problem[] = [];
  const name = o.bucketName;
  if (!isUnresolved(name) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) {
    out.push({
      code: 'SERVICE_LB_ACCESS_LOGS_INVALID',
      path: `${path}.bucketName`,
      received: describeValue(name),
      allowed: 'an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)',
      fix: 'pass the bucket name (not its ARN), e.g. logsBucket.bucketName',
    });
  }
  const prefix = o.prefix;
  if (
    prefix !== undefined &&
    !isUnresolved(prefix) &&
    (prefix === '' || /^\/|\/$/.test(prefix) || /AWSLogs/.test(prefix))
  ) {
    out.push({
      code: 'SERVICE_LB_ACCESS_LOGS_INVALID',
      path: `${path}.prefix`,
      received: describeValue(prefix),
      allowed: 'a non-empty key prefix without a leading or trailing slash and without "AWSLogs"',
      fix: 'e.g. "alb/shop" (Elastic Load Balancing adds /AWSLogs/<account>/ itself)',
    });
  }
  return out;
}

/** The subnets a load balancer of `scheme` goes to. */
export function subnetsOf(network: INetwork, scheme: LoadBalancerScheme): readonly SubnetRef[] {
  return scheme === LoadBalancerScheme.INTERNET_FACING ? network.publicSubnets : network.privateSubnets;
}

function inRange(v: number | undefined, lo: number, hi: number): boolean {
  return v === undefined || isUnresolved(v) || (Number.isInteger(v) && v >= lo && v <= hi);
}

/** The target type against the network mode: `ip` for awsvpc only, `instance` for bridge and host. */
export function checkTargetType(props: ServiceLoadBalancerProps, path: string): Problem[] {
  const out: Problem[] = [];
  const targetType =
    props.targetType ?? (props.networkMode === NetworkMode.AWSVPC ? TargetType.IP : TargetType.INSTANCE);
  if (props.networkMode === NetworkMode.AWSVPC && targetType === TargetType.INSTANCE) {
    out.push({
      code: 'SERVICE_LB_TARGET_TYPE_MISMATCH',
      path: `${path}.targetType`,
      received: '"instance"',
      allowed: 'TargetType.IP for awsvpc tasks',
      fix: 'use TargetType.IP (or leave targetType unset): awsvpc tasks have their own ENI and address; ECS cannot register them as instances',
    });
  }
  if (props.networkMode !== NetworkMode.AWSVPC && targetType === TargetType.IP) {
    out.push({
      code: 'SERVICE_LB_TARGET_TYPE_MISMATCH',
      path: `${path}.targetType`,
      received: '"ip"',
      allowed: `TargetType.INSTANCE for ${props.networkMode} tasks`,
      fix: `use TargetType.INSTANCE (or leave targetType unset): ${props.networkMode} tasks have no address of their own`,
    });
  }
  return out;
}

/** The load balancer's subnets: public ones for internet-facing, enough AZs for its type. */
export function checkLoadBalancerSubnets(props: ServiceLoadBalancerProps, path: string): Problem[] {
  const out: Problem[] = [];
  const type = props.type ?? LoadBalancerType.APPLICATION;
  const scheme = props.scheme ?? LoadBalancerScheme.INTERNAL;
  const subnets = subnetsOf(props.network, scheme);
  const kind = scheme === LoadBalancerScheme.INTERNET_FACING ? 'public' : 'private';
  const azs = new Set(subnets.map((s) => s.availabilityZone));
  const needed = type === LoadBalancerType.APPLICATION ? 2 : 1;
  const countable = !subnets.some((s) => isUnresolved(s.availabilityZone));
  if (subnets.length === 0 && scheme === LoadBalancerScheme.INTERNET_FACING) {
    out.push({
      code: 'SERVICE_LB_NO_PUBLIC_SUBNETS',
      path: `${path}.scheme`,
      received: `${scheme}, in a network with no public subnets (e.g. Network.fromAttributes without publicSubnetIds)`,
      allowed: `an internet-facing load balancer only in a network with public subnets in at least ${needed} AZ(s)`,
      fix:
        'use LoadBalancerScheme.INTERNAL (reachable from inside the VPC), or give the network its public subnets ' +
        '(Network.fromAttributes({ publicSubnetIds }))',
    });
  } else if (subnets.length === 0 || (countable && azs.size < needed)) {
    out.push({
      code: 'SERVICE_LB_SUBNETS_TOO_FEW',
      path: `${path}.scheme`,
      received: `${scheme} with ${subnets.length} ${kind} subnet(s) in ${azs.size} AZ(s)`,
      allowed: `${type === LoadBalancerType.APPLICATION ? 'an Application Load Balancer needs' : 'a Network Load Balancer needs'} ${kind} subnets in at least ${needed} AZ(s)`,
      fix:
        scheme === LoadBalancerScheme.INTERNET_FACING
          ? 'give the network public subnets in two AZs, or use LoadBalancerScheme.INTERNAL'
          : 'give the network private subnets in two AZs',
    });
  }
  return out;
}

/** The target port's protocol: load balancers forward TCP. */
export function checkTargetProtocol(props: ServiceLoadBalancerProps, path: string): Problem[] {
  const out: Problem[] = [];
  if (props.target.protocol !== 'tcp') {
    out.push({
      code: 'SERVICE_LB_PROTOCOL_UNSUPPORTED',
      path: `${path}.containerPort`,
      received: `${props.target.containerPort}/${props.target.protocol}`,
      allowed: 'a TCP container port',
      fix: 'point the load balancer at a TCP port of the container',
    });
  }
  return out;
}

/** The listener: port, certificate, HTTPS not on 80. */
export function checkListenerOptions(props: ServiceLoadBalancerProps, path: string): Problem[] {
  const out: Problem[] = [];
  const type = props.type ?? LoadBalancerType.APPLICATION;
  if (!inRange(props.listenerPort, 1, 65535)) {
    out.push({
      code: 'SERVICE_LB_LISTENER_PORT_INVALID',
      path: `${path}.listenerPort`,
      received: describeValue(props.listenerPort),
      allowed: 'an integer from 1 to 65535',
      fix: 'use 80 or 443',
    });
  }
  if (
    props.certificateArn !== undefined &&
    !isUnresolved(props.certificateArn) &&
    !ACM_ARN.test(props.certificateArn)
  ) {
    out.push({
      code: 'SERVICE_LB_CERTIFICATE_ARN_INVALID',
      path: `${path}.certificateArn`,
      received: describeValue(props.certificateArn),
      allowed: 'an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)',
      fix: "pass the certificate's ARN, e.g. from aws_acm_certificate.arn",
    });
  }
  if (
    type === LoadBalancerType.APPLICATION &&
    props.certificateArn !== undefined &&
    (props.listenerPort ?? 443) === 80
  ) {
    out.push({
      code: 'SERVICE_LB_LISTENER_PORT_INVALID',
      path: `${path}.listenerPort`,
      received: '80 with a certificate',
      allowed: 'a port other than 80 for HTTPS (80 carries the redirect to HTTPS)',
      fix: 'use 443 (or leave listenerPort unset)',
    });
  }
  return out;
}

/** The target group: health check ranges and the deregistration delay. */
export function checkTargetGroupOptions(props: LoadBalancerOptions, path: string): Problem[] {
  const out: Problem[] = [];
  const hc = props.healthCheck ?? {};
  const checks: [keyof HealthCheckOptions, number | undefined, number, number][] = [
    ['intervalSeconds', hc.intervalSeconds, 5, 300],
    ['timeoutSeconds', hc.timeoutSeconds, 2, 120],
    ['healthyThreshold', hc.healthyThreshold, 2, 10],
    ['unhealthyThreshold', hc.unhealthyThreshold, 2, 10],
  ];
  for (const [key, v, lo, hi] of checks) {
    if (!inRange(v, lo, hi)) {
      out.push({
        code: 'SERVICE_LB_HEALTH_CHECK_INVALID',
        path: `${path}.healthCheck.${key}`,
        received: describeValue(v),
        allowed: `an integer from ${lo} to ${hi}`,
        fix: `set ${key} within the range Elastic Load Balancing accepts`,
      });
    }
  }
  const interval = hc.intervalSeconds ?? 30;
  const timeout = hc.timeoutSeconds ?? 5;
  if (!isUnresolved(interval) && !isUnresolved(timeout) && timeout >= interval) {
    out.push({
      code: 'SERVICE_LB_HEALTH_CHECK_INVALID',
      path: `${path}.healthCheck.timeoutSeconds`,
      received: `${timeout} (interval is ${interval})`,
      allowed: 'a timeout shorter than the interval',
      fix: 'lower timeoutSeconds or raise intervalSeconds',
    });
  }
  if (hc.path !== undefined && !isUnresolved(hc.path) && !hc.path.startsWith('/')) {
    out.push({
      code: 'SERVICE_LB_HEALTH_CHECK_INVALID',
      path: `${path}.healthCheck.path`,
      received: describeValue(hc.path),
      allowed: 'a path starting with "/"',
      fix: `use "/${hc.path}"`,
    });
  }
  if (!inRange(props.deregistrationDelaySeconds, 0, 3600)) {
    out.push({
      code: 'SERVICE_LB_DEREGISTRATION_DELAY_INVALID',
      path: `${path}.deregistrationDelaySeconds`,
      received: describeValue(props.deregistrationDelaySeconds),
      allowed: 'an integer from 0 to 3600',
      fix: 'use e.g. 30 for short-lived requests',
    });
  }
  return out;
}

/** Options of a load balancer of the service's own, refused when the service attaches to another's. */
const DEDICATED_ONLY = [
  'type',
  'scheme',
  'listenerPort',
  'certificateArn',
  'sslPolicy',
  'allowedPeers',
  'accessLogs',
  'deletionProtection',
] as const;

/**
 * How the service attaches: a load balancer of its own, a shared listener (with a rule), or an
 * existing target group; the options of one way are refused with another.
 */
export function checkAttachment(props: LoadBalancerOptions, path: string): Problem[] {
  const out: Problem[] = [];
  const attached = props.listener !== undefined || props.targetGroupArn !== undefined;
  if (props.listener !== undefined && props.targetGroupArn !== undefined) {
    out.push({
      code: 'SERVICE_LB_ATTACHMENT_CONFLICT',
      path: `${path}.targetGroupArn`,
      received: 'both listener and targetGroupArn',
      allowed:
        "one of listener (a rule to a target group of the service's own) and targetGroupArn (an existing target group)",
      fix: "keep the one that owns the routing: the listener rule, or the other team's target group",
    });
  }
  if (attached) {
    for (const key of DEDICATED_ONLY) {
      if (props[key] === undefined) continue;
      out.push({
        code: 'SERVICE_LB_OPTION_NOT_DEDICATED',
        path: `${path}.${key}`,
        received: `${key} with ${props.listener !== undefined ? 'listener' : 'targetGroupArn'}`,
        allowed: `${key} only for a load balancer of the service's own`,
        fix: `remove ${key}: the load balancer is the owner's (SharedLoadBalancer props, or the other team's)`,
      });
    }
  }
  if (props.targetGroupArn === undefined && props.loadBalancerSecurityGroupId !== undefined) {
    out.push({
      code: 'SERVICE_LB_OPTION_NOT_DEDICATED',
      path: `${path}.loadBalancerSecurityGroupId`,
      received: describeValue(props.loadBalancerSecurityGroupId),
      allowed: 'loadBalancerSecurityGroupId only with targetGroupArn (a listener carries its own group)',
      fix: 'remove it, or attach with targetGroupArn',
    });
  }
  const arn = props.targetGroupArn;
  if (arn !== undefined && !isUnresolved(arn) && !TARGET_GROUP_ARN.test(arn)) {
    out.push({
      code: 'SERVICE_LB_TARGET_GROUP_ARN_INVALID',
      path: `${path}.targetGroupArn`,
      received: describeValue(arn),
      allowed: 'a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)',
      fix: "pass the target group's ARN from the owning team's outputs",
    });
  }
  if (props.listener !== undefined) {
    out.push(...checkListenerRule({ priority: props.priority, conditions: props.conditions }, path));
  } else {
    for (const key of ['priority', 'conditions'] as const) {
      if (props[key] === undefined) continue;
      out.push({
        code: 'SERVICE_LB_RULE_WITHOUT_LISTENER',
        path: `${path}.${key}`,
        received: `${key} without listener`,
        allowed: `${key} only with listener (a rule on a shared listener)`,
        fix: 'pass listener (SharedLoadBalancer.addListener, or ApplicationListenerRef.fromAttributes), or remove it',
      });
    }
  }
  return out;
}

const TARGET_GROUP_ARN =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/;
const ACM_ARN = /^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)\/.+$/;

/** Every problem of the load balancer options (`path` locates them). */
export function checkLoadBalancerOptions(props: ServiceLoadBalancerProps, path: string): Problem[] {
  const attached = props.listener !== undefined || props.targetGroupArn !== undefined;
  return [
    ...checkAttachment(props, path),
    ...checkTargetType(props, path),
    ...(attached ? [] : checkLoadBalancerSubnets(props, path)),
    ...checkTargetProtocol(props, path),
    ...(attached ? [] : checkListenerOptions(props, path)),
    ...checkTargetGroupOptions(props, path),
    ...checkAccessLogs(props.accessLogs, `${path}.accessLogs`),
  ];
}
