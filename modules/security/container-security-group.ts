/**
 * The security group of a service's tasks (awsvpc: every task's ENI carries it). Separate from the
 * container instances' group: "allow port 80 to the containers, block it for the instances".
 */
import { Construct } from 'constructs';
import { declarePolicySuppression, describeValue, ValidationError, type Problem } from '../core';
import { GuardedSecurityGroup, type GuardedSecurityGroupProps } from './guarded-security-group';
import { Peer } from './peer';
import { Port, Protocol } from './port';
import type { SecurityGroupRule } from './rules';

/**
 * The default egress of task security groups: HTTPS (443/tcp) to any IPv4 address. Enough for the
 * SSM agent of ECS Exec (ssmmessages), for the application's AWS API calls with its task role, and
 * for image and artifact downloads the application does itself, through the NAT gateway or VPC
 * endpoints. DNS needs no rule: security groups do not filter traffic to the Amazon-provided DNS
 * resolver (nor to the instance or task metadata endpoints). On EC2, image pulls and the awslogs
 * driver use the container instance's network and security group, not the task's.
 */
export function defaultTaskEgress(): SecurityGroupRule[] {
  return [
    {
      id: DEFAULT_TASK_EGRESS_ID,
      peer: Peer.anyIpv4(),
      port: Port.tcp(443),
      description: 'HTTPS to AWS APIs and registries through the NAT gateway or VPC endpoints',
    },
  ];
}

const DEFAULT_TASK_EGRESS_ID = 'https-out';

/**
 * Why the default task egress (HTTPS to 0.0.0.0/0) is by design: the reason of the policy suppression
 * (AWSVPC-SG-002) a container security group declares on that rule when it uses the default egress.
 */
export const TASK_HTTPS_EGRESS_REASON =
  "Tasks call AWS APIs with their task role, and ECS Exec's agent reaches SSM, over HTTPS " +
  'through the NAT gateway or VPC endpoints; AWS service endpoints have no fixed CIDR to name instead. Only 443/tcp is open ' +
  '(the default egress of ContainerSecurityGroup: pass egress to narrow it).';

export interface ContainerSecurityGroupProps extends GuardedSecurityGroupProps {
  /**
   * The container ports ingress rules may open (e.g. `Port.tcp(80)`). Services that share this group
   * declare theirs with `addContainerPort`.
   * @default - none yet
   */
  readonly containerPorts?: readonly Port[];
  /**
   * Egress rules. An empty list means no egress at all.
   * @default - `defaultTaskEgress()`: 443/tcp to 0.0.0.0/0
   */
  readonly egress?: readonly SecurityGroupRule[];
}

/**
 * One per service by default; pass one to several services to share it. Ingress only on the
 * container ports and only from named sources; nothing from 0.0.0.0/0 or ::/0 unless a rule says
 * `Peer.anyIpv4OpenToTheWorld()`.
 */
export class ContainerSecurityGroup extends GuardedSecurityGroup {
  constructor(scope: Construct, id: string, props: ContainerSecurityGroupProps) {
    const ports = props.containerPorts ?? [];
    const extra: Problem[] = [];
    ports.forEach((p, i) => {
      if (p.protocol === Protocol.ALL) {
        extra.push({
          code: 'SECURITY_CONTAINER_PORT_INVALID',
          path: `ContainerSecurityGroup.containerPorts[${i}]`,
          received: describeValue(p.label),
          allowed: 'a TCP or UDP port or range',
          fix: 'declare the ports the containers listen on, e.g. Port.tcp(80)',
        });
      }
    });
    super(
      scope,
      id,
      props,
      'container ports',
      ports.filter((p) => p.protocol !== Protocol.ALL),
      `Tasks of ${props.name}: container ports from named sources only`,
      props.egress ?? defaultTaskEgress(),
      extra,
    );
    // The default egress is ours, and so is its reason; egress the caller passes is theirs to justify.
    if (props.egress === undefined) {
      declarePolicySuppression(this.node.findChild(DEFAULT_TASK_EGRESS_ID), 'AWSVPC-SG-002', TASK_HTTPS_EGRESS_REASON);
    }
  }

  /** The container ports ingress rules may open. */
  public get containerPorts(): readonly Port[] {
    return this.ingressPorts;
  }

  /** Declares a container port (idempotent), so that ingress rules may open it. */
  public addContainerPort(port: Port): void {
    if (port.protocol === Protocol.ALL) {
      throw new ValidationError(
        {
          code: 'SECURITY_CONTAINER_PORT_INVALID',
          path: 'ContainerSecurityGroup.addContainerPort(port)',
          received: describeValue(port.label),
          allowed: 'a TCP or UDP port or range',
          fix: 'declare the ports the containers listen on, e.g. Port.tcp(80)',
        },
        this,
      );
    }
    this.allowPort(port);
  }
}
