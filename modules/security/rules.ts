/**
 * Security group rules as data, and the checks every rule passes (pure: creates no constructs).
 */
import { describeValue, isUnresolved, type Problem } from '../core';
import { Peer, PeerKind } from './peer';
import { Port, Protocol } from './port';

/** One rule of a security group. */
export interface SecurityGroupRule {
  /**
   * Construct id of the rule resource: short and fixed (it becomes the Terraform address), e.g.
   * `from-lb`, `https-out`. Letters, digits, `-` and `_`, starting with a letter.
   */
  readonly id: string;
  /** Source (ingress) or destination (egress). */
  readonly peer: Peer;
  /** Port or port range and protocol. */
  readonly port: Port;
  /**
   * Rule description shown in the console (EC2 allows letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*`).
   * @default - "<port> from <peer>" or "<port> to <peer>"
   */
  readonly description?: string;
}

/** Direction of a rule. */
export enum RuleDirection {
  INGRESS = 'ingress',
  EGRESS = 'egress',
}

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
/** Characters EC2 accepts in a rule description (CreateSecurityGroup / AuthorizeSecurityGroup*). */
export const RULE_DESCRIPTION_PATTERN = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

/** The description used when the rule gives none. */
export function ruleDescription(direction: RuleDirection, rule: SecurityGroupRule): string {
  if (rule.description !== undefined) return rule.description;
  const label = sanitizeDescription(rule.peer.label);
  return direction === RuleDirection.INGRESS ? `${rule.port.label} from ${label}` : `${rule.port.label} to ${label}`;
}

/** Drops the characters EC2 refuses in descriptions (used for generated text only). */
export function sanitizeDescription(text: string): string {
  if (isUnresolved(text)) return 'a referenced peer';
  return text.replace(/[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g, '').slice(0, 255);
}

/** Arguments of `aws_vpc_security_group_ingress_rule` / `_egress_rule` for one rule (without the group id). */
export interface RuleArguments {
  readonly description: string;
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly referencedSecurityGroupId?: string;
  readonly prefixListId?: string;
}

export function ruleArguments(direction: RuleDirection, rule: SecurityGroupRule): RuleArguments {
  const { peer, port } = rule;
  const ports = port.protocol === Protocol.ALL ? {} : { fromPort: port.fromPort, toPort: port.toPort };
  const target =
    peer.kind === PeerKind.IPV4_CIDR
      ? { cidrIpv4: peer.value }
      : peer.kind === PeerKind.IPV6_CIDR
        ? { cidrIpv6: peer.value }
        : peer.kind === PeerKind.SECURITY_GROUP
          ? { referencedSecurityGroupId: peer.value }
          : { prefixListId: peer.value };
  return { description: ruleDescription(direction, rule), ipProtocol: port.protocol, ...ports, ...target };
}

/**
 * Checks one rule. `allowedIngressPorts` are the ports this group may open (container ports,
 * listener ports); `portKind` names them in messages; `path` locates the rule.
 */
export function checkRule(
  direction: RuleDirection,
  rule: SecurityGroupRule,
  allowedIngressPorts: readonly Port[],
  portKind: string,
  path: string,
): Problem[] {
  const problems: Problem[] = [];
  if (!ID_PATTERN.test(rule.id)) {
    problems.push({
      code: 'SECURITY_RULE_ID_INVALID',
      path: `${path}.id`,
      received: describeValue(rule.id),
      allowed: 'a short fixed id: a letter, then up to 62 letters, digits, "-" or "_"',
      fix: 'name the rule after its purpose, e.g. "from-lb" or "https-out"; never derive it from values that change',
    });
  }
  if (
    rule.description !== undefined &&
    !isUnresolved(rule.description) &&
    !RULE_DESCRIPTION_PATTERN.test(rule.description)
  ) {
    problems.push({
      code: 'SECURITY_RULE_DESCRIPTION_INVALID',
      path: `${path}.description`,
      received: describeValue(rule.description),
      allowed: 'up to 255 characters among letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*',
      fix: 'remove quotes, apostrophes, angle brackets and other characters EC2 refuses',
    });
  }
  if (direction === RuleDirection.INGRESS) {
    if (rule.peer.isWorld && !rule.peer.worldAcknowledged) {
      problems.push({
        code: 'SECURITY_INGRESS_OPEN_TO_WORLD',
        path: `${path}.peer`,
        received: describeValue(rule.peer.value),
        allowed:
          'named sources: a CIDR block narrower than /0, the VPC (Peer.vpc), a security group (Peer.securityGroupId) or a prefix list',
        fix: "admit traffic from the load balancer's security group or from known CIDR blocks; if the port must really be open to the internet, say so with Peer.anyIpv4OpenToTheWorld() / Peer.anyIpv6OpenToTheWorld()",
      });
    }
    if (rule.port.protocol === Protocol.ALL) {
      problems.push({
        code: 'SECURITY_INGRESS_PORT_NOT_ALLOWED',
        path: `${path}.port`,
        received: 'all traffic',
        allowed: `only the group's ${portKind}: ${allowedIngressPorts.map((p) => p.label).join(', ') || '(none declared)'}`,
        fix: `admit one of the ${portKind} (e.g. Port.tcp(80)) instead of all traffic`,
      });
    } else if (!allowedIngressPorts.some((p) => p.contains(rule.port))) {
      problems.push({
        code: 'SECURITY_INGRESS_PORT_NOT_ALLOWED',
        path: `${path}.port`,
        received: rule.port.label,
        allowed: `only the group's ${portKind}: ${allowedIngressPorts.map((p) => p.label).join(', ') || '(none declared)'}`,
        fix: `declare the port among the ${portKind} first, or admit one of the declared ports`,
      });
    }
  }
  return problems;
}
