/**
 * One Application Load Balancer shared by several services: the load balancer, its security group
 * and its listeners belong to the platform; each service attaches with `loadBalancer: { listener,
 * priority, conditions }` and gets its own target group and listener rule (AWS CDK's
 * `listener.addTargets(id, { priority, conditions, targets })`). A listener another team owns is
 * `ApplicationListenerRef.fromAttributes`.
 */
import { Fn, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { describeValue, isUnresolved, ProblemCollector, ValidationError, type Problem } from '../core';
import type { INetwork } from '../network/network-ref';
import {
  Connections,
  LoadBalancerSecurityGroup,
  Peer,
  Port,
  RuleDirection,
  sanitizeDescription,
  type IConnectable,
  type SecurityGroupRule,
} from '../security';
import { checkAccessLogs, checkLoadBalancerSubnets, subnetsOf } from './load-balancer-checks';
import { accessLogsBlock, DEFAULT_SSL_POLICY } from './load-balancer';
import {
  LoadBalancerScheme,
  LoadBalancerType,
  type AccessLogsOptions,
  type IApplicationListener,
} from './load-balancer-options';
import { NetworkMode } from '../core/network-mode';

export interface SharedLoadBalancerProps {
  readonly network: INetwork;
  /** Names the load balancer (tag), its security group (`<name>-lb`) and its connections side. */
  readonly name: string;
  /** @default LoadBalancerScheme.INTERNAL */
  readonly scheme?: LoadBalancerScheme;
  /**
   * Who may connect to the listeners. Named sources only; the internet needs `Peer.anyIpv4OpenToTheWorld()`.
   * @default - internet-facing: `Peer.anyIpv4OpenToTheWorld()`; internal: the VPC's CIDR
   */
  readonly allowedPeers?: readonly Peer[];
  /** @default - none */
  readonly accessLogs?: AccessLogsOptions;
  /**
   * Deletion protection (AWS refuses to delete the load balancer while it is on).
   * @default true for internet-facing, false for internal
   */
  readonly deletionProtection?: boolean;
  /**
   * The listener ports (each added with `addListener`), so the security group admits them.
   * @default [80] (443 as well when a listener has a certificate: declare it here)
   */
  readonly listenerPorts?: readonly number[];
}

export interface SharedListenerProps {
  /** @default 443 with a certificate, else 80 */
  readonly port?: number;
  /**
   * ACM certificate: an HTTPS listener.
   * @default - HTTP
   */
  readonly certificateArn?: string;
  /** @default DEFAULT_SSL_POLICY (TLS 1.3 and 1.2) */
  readonly sslPolicy?: string;
}

/** An Application Load Balancer shared by several services through listener rules. */
export class SharedLoadBalancer extends Construct implements IConnectable {
  public readonly loadBalancer: Lb;
  public readonly securityGroup: LoadBalancerSecurityGroup;
  public readonly scheme: LoadBalancerScheme;
  /** The load balancer's DNS name (a token). */
  public readonly dnsName: string;
  /** The load balancer's security group as one side of connections, named `<name>-lb`. */
  public readonly connections: Connections;
  private readonly peers: readonly Peer[];
  private readonly ports: readonly number[];

  constructor(scope: Construct, id: string, props: SharedLoadBalancerProps) {
    super(scope, id);
    const problems = new ProblemCollector();
    checkLoadBalancerSubnets(
      {
        network: props.network,
        name: props.name,
        scheme: props.scheme,
        type: LoadBalancerType.APPLICATION,
        networkMode: NetworkMode.AWSVPC,
        target: { containerName: '', containerPort: 80, protocol: 'tcp', hostPort: 80 },
        ruleScope: this,
      },
      'SharedLoadBalancer',
    ).forEach((p) => problems.add(p));
    checkAccessLogs(props.accessLogs, 'SharedLoadBalancer.accessLogs').forEach((p) => problems.add(p));
    problems.throwIfAny(this);

    this.scheme = props.scheme ?? LoadBalancerScheme.INTERNAL;
    const internetFacing = this.scheme === LoadBalancerScheme.INTERNET_FACING;
    this.peers = props.allowedPeers ?? [internetFacing ? Peer.anyIpv4OpenToTheWorld() : Peer.vpc(props.network)];
    this.ports = props.listenerPorts ?? [80];
    this.securityGroup = new LoadBalancerSecurityGroup(this, 'security-group', {
      network: props.network,
      name: `${props.name}-lb`,
      description: `Shared load balancer ${props.name}: listener ports from allowed sources, to the tasks of its services only`,
      listenerPorts: this.ports.map((p) => Port.tcp(p)),
    });
    this.connections = new Connections({ name: `${props.name}-lb`, securityGroup: this.securityGroup });
    this.loadBalancer = new Lb(this, 'load-balancer', {
      loadBalancerType: LoadBalancerType.APPLICATION,
      internal: !internetFacing,
      subnets: subnetsOf(props.network, this.scheme).map((s) => s.subnetId),
      securityGroups: [this.securityGroup.securityGroupId],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? internetFacing,
      accessLogs: accessLogsBlock(props.accessLogs),
      dependsOn: props.accessLogs?.dependsOn ? [...props.accessLogs.dependsOn] : undefined,
      tags: { Name: props.name },
    });
    this.dnsName = this.loadBalancer.dnsName;
  }

  /**
   * A listener services attach to with rules. Requests no rule matches get a 404 (fixed response):
   * nothing is reached by accident.
   */
  public addListener(id: string, props: SharedListenerProps = {}): SharedListener {
    return new SharedListener(this, id, { ...props, loadBalancer: this, peers: this.peers, ports: this.ports });
  }
}

interface SharedListenerInternalProps extends SharedListenerProps {
  readonly loadBalancer: SharedLoadBalancer;
  readonly peers: readonly Peer[];
  readonly ports: readonly number[];
}

/** A listener of a `SharedLoadBalancer`: pass it as `Ec2Service.loadBalancer.listener`. */
export class SharedListener extends Construct implements IApplicationListener {
  public readonly resource: LbListener;
  public readonly listenerArn: string;
  public readonly securityGroupId: string;
  public readonly loadBalancerArnSuffix: string;
  public readonly port: number;
  public readonly dependable: ITerraformDependable;
  private readonly owner: SharedLoadBalancer;

  constructor(scope: Construct, id: string, props: SharedListenerInternalProps) {
    super(scope, id);
    const tls = props.certificateArn !== undefined;
    this.port = props.port ?? (tls ? 443 : 80);
    const problems: Problem[] = [];
    if (!isUnresolved(this.port) && !props.ports.includes(this.port)) {
      problems.push({
        code: 'SERVICE_LB_LISTENER_PORT_INVALID',
        path: `SharedLoadBalancer.addListener(${JSON.stringify(id)}).port`,
        received: describeValue(this.port),
        allowed: `a port of SharedLoadBalancerProps.listenerPorts (${props.ports.join(', ')}): the security group admits only those`,
        fix: `add ${this.port} to listenerPorts`,
      });
    }
    if (problems.length > 0) throw new ValidationError(problems, this);
    this.owner = props.loadBalancer;
    const group = props.loadBalancer.securityGroup;
    props.peers.forEach((peer, j) =>
      group.addIngressRule(
        {
          id: `ingress${j === 0 ? '' : `-${j}`}`,
          peer,
          port: Port.tcp(this.port),
          description: `${this.port}/tcp from ${sanitizeDescription(peer.label)}`,
        },
        this,
      ),
    );
    this.resource = new LbListener(this, 'listener', {
      loadBalancerArn: props.loadBalancer.loadBalancer.arn,
      port: this.port,
      protocol: tls ? 'HTTPS' : 'HTTP',
      certificateArn: props.certificateArn,
      sslPolicy: tls ? (props.sslPolicy ?? DEFAULT_SSL_POLICY) : undefined,
      defaultAction: [
        {
          type: 'fixed-response',
          fixedResponse: { contentType: 'text/plain', statusCode: '404', messageBody: 'Not found' },
        },
      ],
    });
    this.listenerArn = this.resource.arn;
    this.securityGroupId = group.securityGroupId;
    this.loadBalancerArnSuffix = props.loadBalancer.loadBalancer.arnSuffix;
    this.dependable = this.resource;
  }

  /** Egress from the load balancer's group to a service's targets (one rule per permission). */
  public addTargetEgress(rule: SecurityGroupRule): void {
    const group = this.owner.securityGroup;
    if (!group.hasRule(RuleDirection.EGRESS, rule.peer, rule.port)) group.addEgressRule(rule);
  }
}

export interface ApplicationListenerAttributes {
  /** The listener's ARN (`arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<lb>/<id>/<id>`). */
  readonly listenerArn: string;
  /** The load balancer's security group (the tasks admit it on their container port). */
  readonly securityGroupId: string;
}

/** An ALB listener another team owns, for services to attach to with rules. */
export class ApplicationListenerRef {
  /** The listener of `attributes`: the load balancer's ARN suffix is read from the listener ARN. */
  public static fromAttributes(attributes: ApplicationListenerAttributes): IApplicationListener {
    const arn = attributes.listenerArn;
    if (!isUnresolved(arn) && !LISTENER_ARN.test(arn)) {
      throw new ValidationError([
        {
          code: 'SERVICE_LB_LISTENER_ARN_INVALID',
          path: 'ApplicationListenerRef.fromAttributes.listenerArn',
          received: describeValue(arn),
          allowed:
            'an ALB listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<name>/<id>/<id>)',
          fix: "pass the listener's ARN from the owning team's outputs (an NLB listener has no rules)",
        },
      ]);
    }
    // The group id is checked now (the tasks' ingress rules reference it).
    Peer.securityGroupId(attributes.securityGroupId, 'the load balancer');
    return {
      listenerArn: arn,
      securityGroupId: attributes.securityGroupId,
      loadBalancerArnSuffix: isUnresolved(arn)
        ? Fn.join('/', Fn.slice(Fn.split('/', arn), 1, 4))
        : arn.split('/').slice(1, 4).join('/'),
    };
  }
}

const LISTENER_ARN =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[^/]+\/[0-9a-f]+\/[0-9a-f]+$/;
