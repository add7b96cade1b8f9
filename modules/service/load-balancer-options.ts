/**
 * The vocabulary of service load balancing (pure: creates no constructs): load balancer types and
 * schemes, target types, health checks, the options of `Ec2Service.loadBalancer`, listener rule
 * conditions, access logs, and the listener interface a shared load balancer and an imported
 * listener both implement.
 */
import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import type { INetwork } from '../network/network-ref';
import type { GuardedSecurityGroup, Peer, Port } from '../security';
import type { NetworkMode } from '../core/network-mode';

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
  /**
   * Access logs of a load balancer of the service's own, to an S3 bucket (see `AccessLogsOptions`).
   * Only for the service's own load balancer (a shared one has them in `SharedLoadBalancerProps`).
   * @default - none
   */
  readonly accessLogs?: AccessLogsOptions;
  /**
   * Deletion protection of the service's own load balancer: while on, AWS refuses to delete it
   * (`terraform destroy` fails until it is turned off).
   * @default true for an internet-facing load balancer (the public entry point whose DNS name
   *   clients and records depend on), false for an internal one
   */
  readonly deletionProtection?: boolean;
  /**
   * Instead of a load balancer of the service's own: an ALB listener shared with other services
   * (`SharedLoadBalancer.addListener`, or one another team owns: `ApplicationListenerRef.fromAttributes`).
   * The service gets its own `ip` target group and a listener rule (`priority`, `conditions`), like
   * AWS CDK's `listener.addTargets(id, { priority, conditions, targets: [service] })`.
   * @default - a load balancer of the service's own
   */
  readonly listener?: IApplicationListener;
  /**
   * Priority of the listener rule (1-50000, unique on the listener: checked at synth across every
   * service attached to it in the stack). Lower is evaluated first. Only with `listener`.
   * @default - required with `listener`
   */
  readonly priority?: number;
  /**
   * When the listener rule forwards to this service: host headers and/or path patterns (at most 5
   * values in all per rule). Only with `listener`.
   * @default - required with `listener`
   */
  readonly conditions?: readonly ListenerCondition[];
  /**
   * An existing target group (ARN) owned by another team, instead of a load balancer or a target
   * group of the service's own: ECS registers the tasks in it. It must be of target type `ip` for an
   * awsvpc service (`instance` for bridge and host), on the container port. Give
   * `loadBalancerSecurityGroupId` so the tasks accept the load balancer's traffic.
   * @default - a target group of the service's own
   */
  readonly targetGroupArn?: string;
  /**
   * The security group of the load balancer in front of `targetGroupArn`: the tasks' group admits it
   * on the container port. Only with `targetGroupArn` (a listener carries its own).
   * @default - no rule: the tasks admit nothing from that load balancer until you add one
   */
  readonly loadBalancerSecurityGroupId?: string;
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

/** Access logs of a load balancer, to an S3 bucket. */
export interface AccessLogsOptions {
  /**
   * The bucket's name. Its policy must let Elastic Load Balancing write: yours, or the one
   * `LoadBalancerLogsBucket` creates with the bucket. Log delivery needs SSE-S3 (AES256) encryption.
   */
  readonly bucketName: string;
  /**
   * Key prefix of the log objects (no leading or trailing slash, and not containing "AWSLogs").
   * @default - none: logs go under AWSLogs/<account>/ at the bucket's root
   */
  readonly prefix?: string;
  /**
   * What the load balancer waits for: the bucket's policy (ELB checks it can write when logging is
   * turned on). `LoadBalancerLogsBucket.accessLogsOptions` sets it.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** A listener rule condition (at most one of each kind per rule). */
export class ListenerCondition {
  /** Matches requests whose Host header is one of `values` (wildcards `*` and `?` allowed). */
  public static hostHeaders(values: readonly string[]): ListenerCondition {
    return new ListenerCondition('hostHeaders', values);
  }
  /** Matches requests whose path is one of `values` (e.g. `/api/*`; case sensitive). */
  public static pathPatterns(values: readonly string[]): ListenerCondition {
    return new ListenerCondition('pathPatterns', values);
  }
  private constructor(
    /** The condition's kind. */
    public readonly kind: 'hostHeaders' | 'pathPatterns',
    /** The values it matches. */
    public readonly values: readonly string[],
  ) {}
}

/**
 * An ALB listener services attach to through listener rules: a `SharedLoadBalancer`'s, or one of
 * another team's (`ApplicationListenerRef.fromAttributes`).
 */
export interface IApplicationListener {
  /** The listener's ARN. Rules of one listener are checked together for priority collisions. */
  readonly listenerArn: string;
  /** The load balancer's security group: the tasks admit it on their container port. */
  readonly securityGroupId: string;
  /**
   * The load balancer's ARN suffix (`app/<name>/<id>`): with the target group's, the resource label of
   * request-count scaling.
   */
  readonly loadBalancerArnSuffix: string;
  /**
   * Where a listener of ours adds its half of the wiring (egress from the load balancer's group to
   * the tasks); undefined for a listener another team owns (their group's egress is theirs).
   */
  addTargetEgress?(rule: { id: string; peer: Peer; port: Port; description: string }): void;
  /** Something the service waits for (the listener resource), when it is ours. */
  readonly dependable?: ITerraformDependable;
}
