/**
 * A load balancer in front of one service: an ALB or NLB (internet-facing in the public subnets, or
 * internal in the private subnets), its own security group, a target group (`ip` targets for awsvpc
 * tasks), listeners, access logs, and the security group wiring from the load balancer to the tasks
 * on the container port only. A load balancer shared by several services is `SharedLoadBalancer`
 * (shared-load-balancer.ts); a service attaches to it through `ServiceListenerTarget`.
 */
import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ProblemCollector } from '../core';
import type { INetwork } from '../network/network-ref';
import {
  Connections,
  LoadBalancerSecurityGroup,
  Peer,
  Port,
  sanitizeDescription,
  type IConnectable,
} from '../security';
import { checkLoadBalancerOptions, DYNAMIC_HOST_PORTS, subnetsOf } from './load-balancer-checks';
import {
  LoadBalancerScheme,
  LoadBalancerType,
  TargetType,
  type AccessLogsOptions,
  type HealthCheckOptions,
  type LoadBalancerTarget,
  type ServiceLoadBalancerProps,
} from './load-balancer-options';
import { NetworkMode } from '../core/network-mode';

/** The TLS policy of HTTPS and TLS listeners unless one is given: TLS 1.3 and 1.2 only. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Where a load balancer's traffic lands: the task ENIs (awsvpc), the container port (host) or host ports (bridge). */
export function targetPortOf(networkMode: NetworkMode, t: LoadBalancerTarget): Port {
  return networkMode === NetworkMode.BRIDGE && t.hostPort === 0
    ? Port.tcpRange(DYNAMIC_HOST_PORTS.from, DYNAMIC_HOST_PORTS.to)
    : Port.tcp(networkMode === NetworkMode.BRIDGE ? t.hostPort : t.containerPort);
}

/** The target type of a service's target group: `ip` for awsvpc, `instance` for bridge and host. */
export function defaultTargetType(networkMode: NetworkMode): TargetType {
  return networkMode === NetworkMode.AWSVPC ? TargetType.IP : TargetType.INSTANCE;
}

export interface ServiceTargetGroupProps {
  readonly network: INetwork;
  readonly name: string;
  readonly targetType: TargetType;
  readonly port: number;
  /** HTTP target group (ALB) or TCP (NLB). */
  readonly http: boolean;
  readonly healthCheck?: HealthCheckOptions;
  readonly deregistrationDelaySeconds?: number;
}

/** A service's target group with its health check (created before the old one is destroyed). */
export function createTargetGroup(scope: Construct, id: string, props: ServiceTargetGroupProps): LbTargetGroup {
  const hc = props.healthCheck ?? {};
  const httpCheck = props.http || hc.path !== undefined;
  return new LbTargetGroup(scope, id, {
    targetType: props.targetType,
    port: props.port,
    protocol: props.http ? 'HTTP' : 'TCP',
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
}

/** The `access_logs` block of an `aws_lb`. */
export function accessLogsBlock(
  o: AccessLogsOptions | undefined,
): { bucket: string; prefix?: string; enabled: boolean } | undefined {
  return o
    ? { bucket: o.bucketName, ...(o.prefix !== undefined ? { prefix: o.prefix } : {}), enabled: true }
    : undefined;
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
  /** The resource label of request-count scaling (`<load balancer ARN suffix>/<target group ARN suffix>`). */
  public readonly requestCountResourceLabel: string;
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
    this.targetType = props.targetType ?? defaultTargetType(props.networkMode);
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
    const targetPort = targetPortOf(props.networkMode, t);
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
      enableDeletionProtection: props.deletionProtection ?? internetFacing,
      accessLogs: accessLogsBlock(props.accessLogs),
      dependsOn: props.accessLogs?.dependsOn ? [...props.accessLogs.dependsOn] : undefined,
      tags: { Name: props.name },
    });
    this.dnsName = this.loadBalancer.dnsName;

    this.targetGroup = createTargetGroup(this, 'target-group', {
      network: props.network,
      name: props.name,
      targetType: this.targetType,
      port: t.containerPort,
      http: alb,
      healthCheck: props.healthCheck,
      deregistrationDelaySeconds: props.deregistrationDelaySeconds,
    });
    this.requestCountResourceLabel = `${this.loadBalancer.arnSuffix}/${this.targetGroup.arnSuffix}`;

    const forward = [{ type: 'forward', targetGroupArn: this.targetGroup.arn }];
    this.listener = new LbListener(this, 'listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: listenerPort,
      protocol: alb ? (tls ? 'HTTPS' : 'HTTP') : tls ? 'TLS' : 'TCP',
      certificateArn: props.certificateArn,
      sslPolicy: tls ? (props.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined,
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
