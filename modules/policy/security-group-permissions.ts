/**
 * The permissions a security group resource grants, in one shape for the three ways Terraform declares
 * them (pure; no constructs): inline ingress/egress blocks of aws_security_group, aws_security_group_rule,
 * and aws_vpc_security_group_ingress_rule / aws_vpc_security_group_egress_rule.
 */
import { asNumber, blocks, isWorldCidr, scalarText, strings } from './attributes';
import type { PolicySubject, TerraformAttributes } from './stack-index';
import type { StackIndex } from './stack-index';

export enum TrafficDirection {
  INGRESS = 'ingress',
  EGRESS = 'egress',
}

/** One permission: protocol and ports, to or from some CIDR blocks. */
export interface SecurityGroupPermission {
  readonly direction: TrafficDirection;
  /** Where it is declared, for messages: `ingress[0]` for inline blocks, empty for rule resources. */
  readonly label: string;
  /** The CIDR blocks that match every address (`0.0.0.0/0`, `::/0`). */
  readonly worldCidrs: readonly string[];
  /** `all`, `tcp`, `udp`, `icmp`, ... (numbers 6 and 17 become tcp and udp). */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** Addresses of the security groups in the stack that the permission belongs to. */
  readonly groups: readonly string[];
}

const SG_TYPES = ['aws_security_group', 'aws_default_security_group'];
export const SECURITY_GROUP_RULE_TYPES = [
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
];

function normalizeProtocol(value: unknown): string {
  const p = scalarText(value).trim().toLowerCase();
  if (p === '-1' || p === 'all') return 'all';
  if (p === '6') return 'tcp';
  if (p === '17') return 'udp';
  if (p === '1') return 'icmp';
  return p;
}

function world(cidrs: readonly string[]): string[] {
  return cidrs.filter((c) => !c.includes('${') && isWorldCidr(c));
}

function permission(
  direction: TrafficDirection,
  label: string,
  cidrs: string[],
  b: TerraformAttributes,
  protocolKey: string,
  groups: string[],
): SecurityGroupPermission {
  return {
    direction,
    label,
    worldCidrs: world(cidrs),
    protocol: normalizeProtocol(b[protocolKey]),
    fromPort: asNumber(b.from_port),
    toPort: asNumber(b.to_port),
    groups,
  };
}

/** The permissions `subject` grants (empty for other resource types). */
export function permissionsOf(subject: PolicySubject, index: StackIndex): SecurityGroupPermission[] {
  const a = subject.attributes;
  if (SG_TYPES.includes(subject.type)) {
    return [TrafficDirection.INGRESS, TrafficDirection.EGRESS].flatMap((dir) =>
      blocks(a[dir]).map((b, i) =>
        permission(dir, `${dir}[${i}]`, [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)], b, 'protocol', [
          subject.address,
        ]),
      ),
    );
  }
  const groups = index
    .subjectsIn(a.security_group_id)
    .filter((s) => SG_TYPES.includes(s.type))
    .map((s) => s.address);
  switch (subject.type) {
    case 'aws_security_group_rule': {
      const dir = a.type === 'egress' ? TrafficDirection.EGRESS : TrafficDirection.INGRESS;
      return [permission(dir, '', [...strings(a.cidr_blocks), ...strings(a.ipv6_cidr_blocks)], a, 'protocol', groups)];
    }
    case 'aws_vpc_security_group_ingress_rule':
      return [
        permission(
          TrafficDirection.INGRESS,
          '',
          [...strings(a.cidr_ipv4), ...strings(a.cidr_ipv6)],
          a,
          'ip_protocol',
          groups,
        ),
      ];
    case 'aws_vpc_security_group_egress_rule':
      return [
        permission(
          TrafficDirection.EGRESS,
          '',
          [...strings(a.cidr_ipv4), ...strings(a.cidr_ipv6)],
          a,
          'ip_protocol',
          groups,
        ),
      ];
    default:
      return [];
  }
}

/** `all traffic`, `tcp 443`, `tcp 1024-65535`. */
export function describeTraffic(p: SecurityGroupPermission): string {
  if (p.protocol === 'all') return 'all traffic';
  if (p.fromPort === undefined || p.toPort === undefined) return p.protocol;
  return p.fromPort === p.toPort ? `${p.protocol} ${p.fromPort}` : `${p.protocol} ${p.fromPort}-${p.toPort}`;
}

/** The ports of the listeners of the load balancers that use security group `groupAddress`. */
export function loadBalancerListenerPorts(groupAddress: string, index: StackIndex): Set<number> {
  const ports = new Set<number>();
  for (const lb of index.referrersThrough(groupAddress, 'security_groups', 'aws_lb', 'aws_alb')) {
    for (const l of index.referrersThrough(lb.address, 'load_balancer_arn', 'aws_lb_listener', 'aws_alb_listener')) {
      const port = asNumber(l.attributes.port);
      if (port !== undefined) ports.add(port);
    }
  }
  return ports;
}
