/**
 * Connections between security groups, modelled on AWS CDK's `Connections` / `IConnectable`
 * (aws-ec2): one call lets one side reach another on a port and writes BOTH rules, the egress rule on
 * the caller's group and the ingress rule on the other's:
 *
 * ```ts
 * web.connections.allowTo(api, Port.tcp(8080));   // egress on web's group, ingress on api's group
 * ```
 *
 * Security groups are stateful, so these two rules are all a request and its answer need. Forgetting
 * one of them used to pass synth and fail only at run time (a timeout); here it cannot happen.
 *
 * Generated rules get construct ids (Terraform addresses) derived from the names of the two sides and
 * the port (`to-api-8080-tcp`, `from-web-8080-tcp`), never from counts or call order, so adding or
 * reordering connections never renames a rule. A permission that already exists on a group (a second
 * call, or `allowFrom` after `allowTo` of the same pair) is not written twice: EC2 refuses duplicates.
 */
import { createHash } from 'crypto';
import { Construct } from 'constructs';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { describeValue, isUnresolved, ValidationError, type Problem } from '../core';
import type { GuardedSecurityGroup } from './guarded-security-group';
import { Peer } from './peer';
import { Port } from './port';
import { checkRule, RuleDirection, ruleArguments, sanitizeDescription, type SecurityGroupRule } from './rules';

/** Something with a security group that other things can be allowed to reach, or be allowed to reach. */
export interface IConnectable {
  /** The object's connections: `a.connections.allowTo(b, Port.tcp(8080))`. */
  readonly connections: Connections;
}

export interface ConnectionsProps {
  /**
   * Names this side in the ids of generated rules (`to-<name>-8080-tcp`, `from-<name>-8080-tcp` on
   * the other side) and in their descriptions. A literal of letters, digits, `.`, `_` and `-`,
   * starting with a letter or digit. Services use their service name, load balancers `<service>-lb`.
   * @default - the security group's name
   */
  readonly name?: string;
  /**
   * The library security group whose rules this side writes (its ingress rules are checked against
   * the group's declared ports).
   * @default - none: give `securityGroupId`, or every call fails with SECURITY_CONNECTIONS_NO_SECURITY_GROUP
   */
  readonly securityGroup?: GuardedSecurityGroup;
  /**
   * A security group made elsewhere (another stack, another team), by id. Rules on it are written as
   * separate rule resources under `ruleScope`; its ports are not known, so any TCP or UDP port may be
   * opened. Exactly one of `securityGroup` and `securityGroupId`, or neither.
   * @default - none
   */
  readonly securityGroupId?: string;
  /**
   * The VPC of the group, to refuse connections between groups of different VPCs.
   * @default - `securityGroup.network.vpcId`; unknown (not checked) for `securityGroupId`
   */
  readonly vpcId?: string;
  /**
   * Where this side's rule resources are created (a service creates them under itself, so a shared
   * group's rules live with the service that needs them). Required with `securityGroupId`.
   * @default - the security group
   */
  readonly ruleScope?: Construct;
  /**
   * Why this side has no security group, for the error message of a call that needs one.
   * @default 'it has no security group'
   */
  readonly noSecurityGroupReason?: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const MAX_ID_LENGTH = 63;
/** What an external group (ports unknown) may open: any TCP or UDP port, never all traffic. */
const ANY_PORT = [Port.tcpRange(1, 65535), Port.udpRange(1, 65535)];

/** `text` as a construct-id fragment: letters, digits, `_` and `-`. */
function slug(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The name of a peer in rule ids: its label, lower case, without a leading "the". */
function peerSlug(peer: Peer): string {
  return slug(peer.label.toLowerCase().replace(/^the /, ''));
}

/**
 * `<prefix>-<name>-<port>`, at most 63 characters: a longer name is cut and followed by 8 hex digits
 * of its hash, so the id stays stable and distinct.
 */
function ruleId(prefix: string, name: string, port: Port): string {
  const id = `${prefix}-${name}-${port.slug}`;
  if (id.length <= MAX_ID_LENGTH) return id;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const room = MAX_ID_LENGTH - prefix.length - port.slug.length - hash.length - 3;
  return `${prefix}-${name.slice(0, room).replace(/-+$/, '')}-${hash}-${port.slug}`;
}

function ruleKey(direction: RuleDirection, peer: Peer, port: Port): string {
  return [direction, peer.kind, peer.value, port.protocol, port.fromPort, port.toPort].join('|');
}

/**
 * The connections of one side: a security group (the library's own, or one made elsewhere) and where
 * its rules are created. Build one for your own group with `new Connections({ securityGroup })`;
 * `Ec2Service`, `ServiceLoadBalancer` and `ExternalSecurityGroup` expose theirs as `connections`.
 */
export class Connections {
  /** The name of this side in rule ids and descriptions. */
  public readonly name: string;
  /** The group's id (a token), when this side has a group. */
  public readonly securityGroupId?: string;
  private readonly group?: GuardedSecurityGroup;
  private readonly vpcId?: string;
  private readonly scope?: Construct;
  private readonly noGroupReason: string;
  /** Rules written on an external group (the library's groups keep their own record). */
  private readonly externalRules = new Set<string>();

  constructor(props: ConnectionsProps) {
    const problems: Problem[] = [];
    const name = props.name ?? props.securityGroup?.name;
    if (props.securityGroup !== undefined && props.securityGroupId !== undefined) {
      problems.push({
        code: 'SECURITY_CONNECTIONS_PROPS_INVALID',
        path: 'Connections.securityGroupId',
        received: `securityGroup ${props.securityGroup.node.path} and securityGroupId ${describeValue(props.securityGroupId)}`,
        allowed: 'one of securityGroup (a library group) and securityGroupId (a group made elsewhere)',
        fix: 'pass only one of them',
      });
    }
    if (props.securityGroupId !== undefined && props.ruleScope === undefined) {
      problems.push({
        code: 'SECURITY_CONNECTIONS_PROPS_INVALID',
        path: 'Connections.ruleScope',
        received: 'undefined',
        allowed: 'a construct under which the rules on the external group are created',
        fix: 'pass ruleScope, or use new ExternalSecurityGroup(scope, id, { securityGroupId, name })',
      });
    }
    if (
      props.securityGroupId !== undefined &&
      !isUnresolved(props.securityGroupId) &&
      !/^sg-[0-9a-f]{8,17}$/.test(props.securityGroupId)
    ) {
      problems.push({
        code: 'SECURITY_GROUP_ID_INVALID',
        path: 'Connections.securityGroupId',
        received: describeValue(props.securityGroupId),
        allowed: 'a security group id such as sg-0123456789abcdef0, or a reference to one',
        fix: "pass the group's id, not its name",
      });
    }
    if (name === undefined || (!isUnresolved(name) && !NAME.test(name))) {
      problems.push({
        code: 'SECURITY_CONNECTIONS_NAME_INVALID',
        path: 'Connections.name',
        received: describeValue(name),
        allowed: 'letters, digits, ".", "_" and "-" (it becomes part of rule ids)',
        fix: 'name the side after what it is, e.g. the service name "web"',
      });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    this.name = name!;
    this.group = props.securityGroup;
    this.securityGroupId = props.securityGroup?.securityGroupId ?? props.securityGroupId;
    this.vpcId = props.vpcId ?? props.securityGroup?.network.vpcId;
    this.scope = props.ruleScope ?? props.securityGroup;
    this.noGroupReason = props.noSecurityGroupReason ?? 'it has no security group';
  }

  /** This side as the peer of another group's rule. */
  private asPeer(): Peer {
    return Peer.securityGroupId(this.securityGroupId!, this.name);
  }

  /** Where this side lives, for error paths. */
  private get where(): string {
    return this.scope?.node.path || this.name;
  }

  /**
   * Lets this side open connections to `other` on `port` (the port `other` listens on): an egress
   * rule on this group to `other`'s, and an ingress rule on `other`'s group from this one.
   */
  public allowTo(other: IConnectable, port: Port, description?: string): void {
    this.connect(this, other.connections, port, description, `${this.where}.connections.allowTo(other, port)`);
  }

  /**
   * Lets `other` open connections to this side on `port` (the port this side listens on): an ingress
   * rule on this group from `other`'s, and an egress rule on `other`'s group to this one.
   */
  public allowFrom(other: IConnectable, port: Port, description?: string): void {
    this.connect(other.connections, this, port, description, `${this.where}.connections.allowFrom(other, port)`);
  }

  /**
   * Lets this side reach `peer` (a CIDR block, a prefix list, a security group you do not manage):
   * one egress rule on this group. Nothing is written on the peer's side.
   */
  public allowToPeer(peer: Peer, port: Port, description?: string): void {
    const path = `${this.where}.connections.allowToPeer(peer, port)`;
    const rule = this.peerRule('to', peer, port, description ?? `${port.label} to ${peer.label}`, path);
    this.write([[this, RuleDirection.EGRESS, rule]], path);
  }

  /**
   * Lets `peer` (a CIDR block, a prefix list, a security group you do not manage) reach this side on
   * `port`: one ingress rule on this group, on one of its declared ports.
   */
  public allowFromPeer(peer: Peer, port: Port, description?: string): void {
    const path = `${this.where}.connections.allowFromPeer(peer, port)`;
    const rule = this.peerRule('from', peer, port, description ?? `${port.label} from ${peer.label}`, path);
    this.write([[this, RuleDirection.INGRESS, rule]], path);
  }

  /**
   * Lets the members of this group (the tasks of one service, or of the services sharing the group)
   * reach each other on `port`: an ingress and an egress rule on this group referring to itself.
   */
  public allowInternally(port: Port, description?: string): void {
    const path = `${this.where}.connections.allowInternally(port)`;
    this.throwIfUnusablePort(port, path);
    this.throwIfNoGroup(path);
    this.write(
      [
        [
          this,
          RuleDirection.EGRESS,
          this.groupRule('to-self', port, description ?? `${port.label} to the other members of ${this.name}`),
        ],
        [
          this,
          RuleDirection.INGRESS,
          this.groupRule('from-self', port, description ?? `${port.label} from the other members of ${this.name}`),
        ],
      ],
      path,
    );
  }

  private groupRule(prefix: string, port: Port, description: string): SecurityGroupRule {
    return {
      id: `${prefix}-${port.slug}`,
      peer: this.asPeer(),
      port,
      description: sanitizeDescription(description),
    };
  }

  private noGroupProblem(path: string): Problem {
    return {
      code: 'SECURITY_CONNECTIONS_NO_SECURITY_GROUP',
      path,
      received: `${describeValue(this.name)}: ${this.noGroupReason}`,
      allowed: 'sides with a security group (awsvpc services, load balancers, security groups)',
      fix:
        'use NetworkMode.AWSVPC for the service (its tasks then get their own security group), or allow traffic ' +
        "to or from the container instances' security group with allowToPeer / allowFromPeer",
    };
  }

  private throwIfNoGroup(path: string): void {
    if (this.securityGroupId === undefined) throw new ValidationError(this.noGroupProblem(path));
  }

  private peerRule(prefix: string, peer: Peer, port: Port, description: string, path: string): SecurityGroupRule {
    this.throwIfUnusablePort(port, path);
    this.throwIfNoGroup(path);
    if (isUnresolved(peer.label)) {
      throw new ValidationError({
        code: 'SECURITY_CONNECTIONS_PEER_UNNAMED',
        path: `${path}.peer`,
        received: 'a peer whose label is only known at apply time',
        allowed: "a peer with a literal label: the rule's id is derived from it",
        fix: 'give the peer a label, e.g. Peer.ipv4(cidrToken, "office") or Peer.securityGroupId(idToken, "orders-db")',
      });
    }
    return { id: ruleId(prefix, peerSlug(peer), port), peer, port, description: sanitizeDescription(description) };
  }

  private throwIfUnusablePort(port: Port, path: string): void {
    if (isUnresolved(port.fromPort ?? 0) || isUnresolved(port.toPort ?? 0)) {
      throw new ValidationError({
        code: 'SECURITY_CONNECTIONS_PORT_UNRESOLVED',
        path: `${path}.port`,
        received: 'a port only known at apply time',
        allowed: "a literal port: the rule's id is derived from it, and ingress ports are checked against the group's",
        fix: 'pass the port number, e.g. Port.tcp(8080)',
      });
    }
  }

  private connect(from: Connections, to: Connections, port: Port, description: string | undefined, path: string): void {
    this.throwIfUnusablePort(port, path);
    if (from === to) {
      throw new ValidationError({
        code: 'SECURITY_CONNECTIONS_TO_SELF',
        path: `${path}.other`,
        received: `${describeValue(from.name)} itself`,
        allowed: 'another service, load balancer or security group',
        fix: `to let the tasks of ${from.name} reach each other on ${port.label}, call connections.allowInternally(port) instead`,
      });
    }
    const problems: Problem[] = [];
    for (const side of [from, to]) {
      if (side.securityGroupId === undefined)
        problems.push(side.noGroupProblem(side === this ? path : `${path}.other`));
      if (isUnresolved(side.name)) {
        problems.push({
          code: 'SECURITY_CONNECTIONS_NAME_INVALID',
          path: side === this ? path : `${path}.other`,
          received: 'a name only known at apply time',
          allowed: 'a literal name: the ids of generated rules are derived from it',
          fix: 'give the service a literal serviceName (or the Connections a literal name)',
        });
      }
    }
    if (
      from.vpcId !== undefined &&
      to.vpcId !== undefined &&
      !isUnresolved(from.vpcId) &&
      !isUnresolved(to.vpcId) &&
      from.vpcId !== to.vpcId
    ) {
      problems.push({
        code: 'SECURITY_CONNECTIONS_OTHER_VPC',
        path: `${path}.other`,
        received: `${from.name} in ${from.vpcId}, ${to.name} in ${to.vpcId}`,
        allowed: 'two sides in the same VPC (security group references do not cross VPCs)',
        fix: "allow the other VPC's CIDR block with allowToPeer(Peer.ipv4(...)) instead",
      });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const egress: SecurityGroupRule = {
      id: ruleId('to', slug(to.name), port),
      peer: to.asPeer(),
      port,
      description: sanitizeDescription(description ?? `${port.label} to ${to.name}`),
    };
    const ingress: SecurityGroupRule = {
      id: ruleId('from', slug(from.name), port),
      peer: from.asPeer(),
      port,
      description: sanitizeDescription(description ?? `${port.label} from ${from.name}`),
    };
    this.write(
      [
        [from, RuleDirection.EGRESS, egress],
        [to, RuleDirection.INGRESS, ingress],
      ],
      path,
    );
  }

  /** Checks every rule first, then writes those not yet on their group: all or nothing. */
  private write(rules: readonly [Connections, RuleDirection, SecurityGroupRule][], path: string): void {
    const problems: Problem[] = [];
    const pending = rules.filter(([side, direction, rule]) => {
      if (side.hasRule(direction, rule)) return false;
      problems.push(...side.ruleProblems(direction, rule, path));
      const existing = side.scope!.node.tryFindChild(rule.id);
      if (existing !== undefined) {
        problems.push({
          code: 'SECURITY_RULE_ID_DUPLICATE',
          path: `${path}.id`,
          received: `${describeValue(rule.id)}, already used in ${side.scope!.node.path} by another rule`,
          allowed: 'sides with distinct names (rule ids are derived from names and ports)',
          fix: "give the two sides different names (service names, or the peers' labels)",
        });
      }
      return true;
    });
    if (problems.length > 0) throw new ValidationError(problems);
    for (const [side, direction, rule] of pending) side.addRule(direction, rule);
  }

  private hasRule(direction: RuleDirection, rule: SecurityGroupRule): boolean {
    return this.group
      ? this.group.hasRule(direction, rule.peer, rule.port)
      : this.externalRules.has(ruleKey(direction, rule.peer, rule.port));
  }

  private ruleProblems(direction: RuleDirection, rule: SecurityGroupRule, path: string): Problem[] {
    return this.group
      ? this.group.ruleProblems(direction, rule, path)
      : checkRule(direction, rule, ANY_PORT, 'TCP and UDP ports', path);
  }

  private addRule(direction: RuleDirection, rule: SecurityGroupRule): void {
    if (this.group) {
      if (direction === RuleDirection.INGRESS) this.group.addIngressRule(rule, this.scope);
      else this.group.addEgressRule(rule, this.scope);
      return;
    }
    this.externalRules.add(ruleKey(direction, rule.peer, rule.port));
    const args = { ...ruleArguments(direction, rule), securityGroupId: this.securityGroupId! };
    if (direction === RuleDirection.INGRESS) new VpcSecurityGroupIngressRule(this.scope!, rule.id, args);
    else new VpcSecurityGroupEgressRule(this.scope!, rule.id, args);
  }
}

export interface ExternalSecurityGroupProps {
  /** The group's id (`sg-...`, or a reference). */
  readonly securityGroupId: string;
  /** Its name in rule ids and descriptions (letters, digits, `.`, `_`, `-`), e.g. `orders-db`. */
  readonly name: string;
  /**
   * Its VPC, so that connections from another VPC are refused at synth.
   * @default - not checked
   */
  readonly vpcId?: string;
}

/**
 * A security group made elsewhere (another stack, another team's module), as one side of
 * connections: `api.connections.allowTo(database, Port.tcp(5432))` writes the egress rule on the
 * api's group and an ingress rule on the database's group, created under this construct. Use
 * `allowToPeer(Peer.securityGroupId(...))` instead when you may not add rules to that group.
 */
export class ExternalSecurityGroup extends Construct implements IConnectable {
  public readonly securityGroupId: string;
  public readonly connections: Connections;

  constructor(scope: Construct, id: string, props: ExternalSecurityGroupProps) {
    super(scope, id);
    this.securityGroupId = props.securityGroupId;
    this.connections = new Connections({
      name: props.name,
      securityGroupId: props.securityGroupId,
      vpcId: props.vpcId,
      ruleScope: this,
    });
  }
}
