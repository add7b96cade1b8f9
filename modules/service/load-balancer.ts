/**
 * A load balancer in front of one service: an ALB or NLB (internet-facing in the public subnets, or
 * internal in the private subnets), its own security group, a target group (`ip` targets for awsvpc
 * tasks), listeners, and the security group wiring from the load balancer to the tasks on the
 * container port only.
 */
import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { describeValue, isUnresolved, ProblemCollector, type Problem } from '../core';
import type { INetwork, SubnetRef } from '../network/network-ref';
import {
  Connections,
  LoadBalancerSecurityGroup,
  Peer,
  Port,
  sanitizeDescription,
  type GuardedSecurityGroup,
  type IConnectable,
} from '../security';
import type { ContainerSpec, TaskPort } from './container-definitions';
import { NetworkMode } from '../core/network-mode';

export enum LoadBalancerType {
  /** Application Load Balancer (HTTP/HTTPS). */
  APPLICATION = 'application',
  /** Network Load Balancer (TCP/TLS), with a security group. */
  NETWORK = 'network',
}

export enum LoadBalancerScheme {
  /** Reachable from the internet; placed in the public subnets. */
  INTERNET_FACING = 'internet-facing',
  /** Reachable from inside the VPC only; placed in the private subnets. */
  INTERNAL = 'internal',
}

/** How the target group addresses the tasks. */
export enum TargetType {
  /** The task's own ENI address: the only choice for awsvpc tasks. */
  IP = 'ip',
  /** The container instance (host port): for bridge and host tasks. */
  INSTANCE = 'instance',
}

/** Target group health check. */
export interface HealthCheckOptions {
  /**
   * HTTP path. For an NLB, setting it switches the check from TCP to HTTP.
   * @default '/' for an ALB; none (TCP check) for an NLB
   */
  readonly path?: string;
  /**
   * HTTP codes that mean healthy.
   * @default '200-399'
   */
  readonly matcher?: string;
  /** @default 30 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 2 */
  readonly healthyThreshold?: number;
  /** @default 3 */
  readonly unhealthyThreshold?: number;
}

/** The load balancer of a service. */
export interface LoadBalancerOptions {
  /** @default LoadBalancerType.APPLICATION */
  readonly type?: LoadBalancerType;
  /**
   * Internet-facing (public subnets) or internal (private subnets).
   * @default LoadBalancerScheme.INTERNAL
   */
  readonly scheme?: LoadBalancerScheme;
  /**
   * Listener port.
   * @default 443 with a certificate, else 80
   */
  readonly listenerPort?: number;
  /**
   * ACM certificate: HTTPS (ALB) or TLS (NLB) listener; an ALB also gets an HTTP listener on 80
   * that redirects to HTTPS.
   * @default - plain HTTP (ALB) or TCP (NLB)
   */
  readonly certificateArn?: string;
  /**
   * TLS policy of the HTTPS/TLS listener.
   * @default 'ELBSecurityPolicy-TLS13-1-2-2021-06'
   */
  readonly sslPolicy?: string;
  /**
   * Who may connect to the listener(s). Named sources only; the internet needs
   * `Peer.anyIpv4OpenToTheWorld()`.
   * @default - internet-facing: `Peer.anyIpv4OpenToTheWorld()` (the one exception to "nothing open
   * to the world"); internal: the VPC's CIDR
   */
  readonly allowedPeers?: readonly Peer[];
  /**
   * Container that receives the traffic.
   * @default - the first essential container with a port mapping
   */
  readonly containerName?: string;
  /**
   * Its port.
   * @default - the container's first mapped port
   */
  readonly containerPort?: number;
  /**
   * Target type.
   * @default TargetType.IP for awsvpc, TargetType.INSTANCE for bridge and host
   */
  readonly targetType?: TargetType;
  /** @default - see HealthCheckOptions */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Seconds the target group waits before deregistering a draining task.
   * @default 300 (the AWS default)
   */
  readonly deregistrationDelaySeconds?: number;
}

/** The port the load balancer sends traffic to. */
export interface LoadBalancerTarget {
  readonly containerName: string;
  readonly containerPort: number;
  readonly protocol: string;
  /** awsvpc/host: the container port; bridge: the static host port, or 0 for dynamic. */
  readonly hostPort: number;
}

export interface ServiceLoadBalancerProps extends LoadBalancerOptions {
  /** The network (subnets for the load balancer, VPC for groups). */
  readonly network: INetwork;
  /** Name used for the groups and tags (the service name). */
  readonly name: string;
  readonly networkMode: NetworkMode;
  readonly target: LoadBalancerTarget;
  /**
   * The security group of the targets: the container security group (awsvpc). Its ingress rule is
   * created under `ruleScope`.
   */
  readonly containerSecurityGroup?: GuardedSecurityGroup;
  /**
   * The container instances' security group id (bridge and host), when the load balancer must reach
   * the instances' host ports.
   */
  readonly instanceSecurityGroupId?: string;
  /** Where target-side rules are created (the service). */
  readonly ruleScope: Construct;
}

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

const ACM_ARN = /^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)\/.+$/;

function subnetsOf(network: INetwork, scheme: LoadBalancerScheme): readonly SubnetRef[] {
  return scheme === LoadBalancerScheme.INTERNET_FACING ? network.publicSubnets : network.privateSubnets;
}

function inRange(v: number | undefined, lo: number, hi: number): boolean {
  return v === undefined || isUnresolved(v) || (Number.isInteger(v) && v >= lo && v <= hi);
}

/** Every problem of the load balancer options (`path` locates them). */
export function checkLoadBalancerOptions(props: ServiceLoadBalancerProps, path: string): Problem[] {
  const out: Problem[] = [];
  const type = props.type ?? LoadBalancerType.APPLICATION;
  const scheme = props.scheme ?? LoadBalancerScheme.INTERNAL;
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
  if (props.target.protocol !== 'tcp') {
    out.push({
      code: 'SERVICE_LB_PROTOCOL_UNSUPPORTED',
      path: `${path}.containerPort`,
      received: `${props.target.containerPort}/${props.target.protocol}`,
      allowed: 'a TCP container port',
      fix: 'point the load balancer at a TCP port of the container',
    });
  }
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

/** The load balancer of one service, wired to its tasks. */
export class ServiceLoadBalancer extends Construct implements IConnectable {
  public readonly type: LoadBalancerType;
  public readonly scheme: LoadBalancerScheme;
  public readonly targetType: TargetType;
  public readonly securityGroup: LoadBalancerSecurityGroup;
  public readonly loadBalancer: Lb;
  public readonly targetGroup: LbTargetGroup;
  /** The listener that forwards to the target group. */
  public readonly listener: LbListener;
  /** The HTTP listener that redirects to HTTPS (ALB with a certificate). */
  public readonly redirectListener?: LbListener;
  public readonly target: LoadBalancerTarget;
  /** The load balancer's DNS name (a token). */
  public readonly dnsName: string;
  /**
   * The load balancer's security group as one side of connections, named `<service>-lb`:
   * `web.connections.allowTo(api.loadBalancer!, Port.tcp(80))` opens a listener port to web's tasks.
   */
  public readonly connections: Connections;

  constructor(scope: Construct, id: string, props: ServiceLoadBalancerProps) {
    super(scope, id);
    const problems = new ProblemCollector();
    checkLoadBalancerOptions(props, 'Ec2Service.loadBalancer').forEach((p) => problems.add(p));
    problems.throwIfAny(this);

    this.type = props.type ?? LoadBalancerType.APPLICATION;
    this.scheme = props.scheme ?? LoadBalancerScheme.INTERNAL;
    this.targetType =
      props.targetType ?? (props.networkMode === NetworkMode.AWSVPC ? TargetType.IP : TargetType.INSTANCE);
    this.target = props.target;
    const alb = this.type === LoadBalancerType.APPLICATION;
    const tls = props.certificateArn !== undefined;
    const listenerPort = props.listenerPort ?? (tls ? 443 : 80);
    const redirect = alb && tls;
    const listenerPorts = redirect ? [Port.tcp(listenerPort), Port.tcp(80)] : [Port.tcp(listenerPort)];
    const internetFacing = this.scheme === LoadBalancerScheme.INTERNET_FACING;
    const peers = props.allowedPeers ?? [internetFacing ? Peer.anyIpv4OpenToTheWorld() : Peer.vpc(props.network)];

    this.securityGroup = new LoadBalancerSecurityGroup(this, 'security-group', {
      network: props.network,
      name: `${props.name}-lb`,
      description: `Load balancer of ${props.name}: listener ports from allowed sources, to the tasks only`,
      listenerPorts,
    });
    this.connections = new Connections({ name: `${props.name}-lb`, securityGroup: this.securityGroup });
    // Ids keyed by listener and peer position; the usual case is one peer.
    listenerPorts.forEach((port, i) =>
      peers.forEach((peer, j) => {
        this.securityGroup.addIngressRule({
          id: `${i === 0 ? 'listener' : 'http-redirect'}${j === 0 ? '' : `-${j}`}`,
          peer,
          port,
          description: `${port.label} from ${sanitizeDescription(peer.label)}`,
        });
      }),
    );

    // Where the load balancer's traffic lands: the task ENIs (awsvpc) or the instances' host ports.
    const t = props.target;
    const targetPort =
      props.networkMode === NetworkMode.BRIDGE && t.hostPort === 0
        ? Port.tcpRange(DYNAMIC_HOST_PORTS.from, DYNAMIC_HOST_PORTS.to)
        : Port.tcp(props.networkMode === NetworkMode.BRIDGE ? t.hostPort : t.containerPort);
    if (props.containerSecurityGroup) {
      this.securityGroup.addEgressRule({
        id: 'to-tasks',
        peer: props.containerSecurityGroup.asPeer(),
        port: targetPort,
        description: `${targetPort.label} to the tasks of ${props.name}`,
      });
      props.containerSecurityGroup.addIngressRule(
        {
          id: 'from-load-balancer',
          peer: this.securityGroup.asPeer(),
          port: targetPort,
          description: `${targetPort.label} from the load balancer of ${props.name}`,
        },
        props.ruleScope,
      );
    }
    if (props.instanceSecurityGroupId !== undefined) {
      const instances = Peer.securityGroupId(props.instanceSecurityGroupId, 'the container instances');
      this.securityGroup.addEgressRule({
        id: 'to-instances',
        peer: instances,
        port: targetPort,
        description: `${targetPort.label} to the container instances (${props.networkMode} mode)`,
      });
      // The instances' group belongs to the compute layer: the rule is a separate resource here.
      new VpcSecurityGroupIngressRule(props.ruleScope, 'instances-from-load-balancer', {
        securityGroupId: props.instanceSecurityGroupId,
        referencedSecurityGroupId: this.securityGroup.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: targetPort.fromPort,
        toPort: targetPort.toPort,
        description: `${targetPort.label} from the load balancer of ${props.name} (${props.networkMode} mode)`,
      });
    }

    const scheme = this.scheme;
    const subnets = subnetsOf(props.network, scheme);
    this.loadBalancer = new Lb(this, 'load-balancer', {
      loadBalancerType: this.type,
      internal: scheme === LoadBalancerScheme.INTERNAL,
      subnets: subnets.map((s) => s.subnetId),
      securityGroups: [this.securityGroup.securityGroupId],
      dropInvalidHeaderFields: alb ? true : undefined,
      enableDeletionProtection: false,
      tags: { Name: props.name },
    });
    this.dnsName = this.loadBalancer.dnsName;

    const hc = props.healthCheck ?? {};
    const httpCheck = alb || hc.path !== undefined;
    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      targetType: this.targetType,
      port: t.containerPort,
      protocol: alb ? 'HTTP' : 'TCP',
      vpcId: props.network.vpcId,
      deregistrationDelay:
        props.deregistrationDelaySeconds !== undefined ? String(props.deregistrationDelaySeconds) : undefined,
      healthCheck: {
        enabled: true,
        protocol: httpCheck ? 'HTTP' : 'TCP',
        path: httpCheck ? (hc.path ?? '/') : undefined,
        matcher: httpCheck ? (hc.matcher ?? '200-399') : undefined,
        port: 'traffic-port',
        interval: hc.intervalSeconds ?? 30,
        timeout: hc.timeoutSeconds ?? 5,
        healthyThreshold: hc.healthyThreshold ?? 2,
        unhealthyThreshold: hc.unhealthyThreshold ?? 3,
      },
      tags: { Name: props.name },
      lifecycle: { createBeforeDestroy: true },
    });

    const forward = [{ type: 'forward', targetGroupArn: this.targetGroup.arn }];
    this.listener = new LbListener(this, 'listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: listenerPort,
      protocol: alb ? (tls ? 'HTTPS' : 'HTTP') : tls ? 'TLS' : 'TCP',
      certificateArn: props.certificateArn,
      sslPolicy: tls ? (props.sslPolicy ?? 'ELBSecurityPolicy-TLS13-1-2-2021-06') : undefined,
      defaultAction: forward,
    });
    if (redirect) {
      this.redirectListener = new LbListener(this, 'http-redirect', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [
          {
            type: 'redirect',
            redirect: { protocol: 'HTTPS', port: String(listenerPort), statusCode: 'HTTP_301' },
          },
        ],
      });
    }
  }
}
