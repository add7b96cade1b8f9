/**
 * The common part of the library's security groups: a group whose ingress is limited to declared
 * ports and named sources, with every rule its own `aws_vpc_security_group_ingress_rule` /
 * `aws_vpc_security_group_egress_rule` resource (so rules are added and removed one by one, never
 * by rewriting the group).
 */
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { describeValue, isUnresolved, ProblemCollector, ValidationError, type Problem } from '../core';
import type { INetwork } from '../network/network-ref';
import { Peer } from './peer';
import type { Port } from './port';
import { checkRule, RULE_DESCRIPTION_PATTERN, ruleArguments, RuleDirection, type SecurityGroupRule } from './rules';

/** Props shared by the library's security groups. */
export interface GuardedSecurityGroupProps {
  /** The network whose VPC holds the group. */
  readonly network: INetwork;
  /**
   * Name of the group: the Terraform `name_prefix` (a unique suffix is added, so a replacement never
   * collides with the old group) and the `Name` tag.
   */
  readonly name: string;
  /**
   * Group description (immutable in EC2: changing it replaces the group).
   * @default - says what the group is for
   */
  readonly description?: string;
  /**
   * Ingress rules; each must name its source and open only the group's declared ports.
   * @default - none (add them with `addIngressRule`)
   */
  readonly ingress?: readonly SecurityGroupRule[];
}

function ruleKey(direction: RuleDirection, peer: Peer, port: Port): string {
  return [direction, peer.kind, peer.value, port.protocol, port.fromPort, port.toPort].join('|');
}

const NAME_PATTERN = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,200}$/;

export abstract class GuardedSecurityGroup extends Construct {
  /** The `aws_security_group` resource. */
  public readonly securityGroup: SecurityGroup;
  /** The group's id (a token). */
  public readonly securityGroupId: string;
  /** The group's name (prefix). */
  public readonly name: string;
  /** The network the group lives in. */
  public readonly network: INetwork;

  private readonly allowedPorts: Port[];
  /** `direction|peer|protocol|from|to` of every rule created on this group. */
  private readonly ruleKeys = new Set<string>();

  protected constructor(
    scope: Construct,
    id: string,
    props: GuardedSecurityGroupProps,
    private readonly portKind: string,
    allowedPorts: readonly Port[],
    defaultDescription: string,
    egress: readonly SecurityGroupRule[],
    extraProblems: readonly Problem[] = [],
  ) {
    super(scope, id);
    const className = new.target.name;
    const problems = new ProblemCollector();
    extraProblems.forEach((p) => problems.add(p));
    problems.check(
      isUnresolved(props.name) || (NAME_PATTERN.test(props.name) && !props.name.startsWith('sg-')),
      () => ({
        code: 'SECURITY_GROUP_NAME_INVALID',
        path: `${className}.name`,
        received: describeValue(props.name),
        allowed: '1 to 200 characters among letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-"',
        fix: 'use the service name, e.g. "web-tasks"',
      }),
    );
    const description = props.description ?? defaultDescription;
    problems.check(
      isUnresolved(description) || (RULE_DESCRIPTION_PATTERN.test(description) && description.length > 0),
      () => ({
        code: 'SECURITY_GROUP_DESCRIPTION_INVALID',
        path: `${className}.description`,
        received: describeValue(description),
        allowed: '1 to 255 characters among letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*',
        fix: 'remove quotes, apostrophes and other characters EC2 refuses',
      }),
    );
    this.allowedPorts = [...allowedPorts];
    const ingress = props.ingress ?? [];
    const seen = new Set<string>();
    const checkIds = (rules: readonly SecurityGroupRule[], prop: string) =>
      rules.forEach((r, i) => {
        problems.check(!seen.has(r.id), () => ({
          code: 'SECURITY_RULE_ID_DUPLICATE',
          path: `${className}.${prop}[${i}].id`,
          received: describeValue(r.id),
          allowed: "ids unique among the group's ingress and egress rules",
          fix: 'give each rule its own id',
        }));
        seen.add(r.id);
      });
    checkIds(ingress, 'ingress');
    checkIds(egress, 'egress');
    ingress.forEach((r, i) =>
      checkRule(RuleDirection.INGRESS, r, this.allowedPorts, portKind, `${className}.ingress[${i}]`).forEach((p) =>
        problems.add(p),
      ),
    );
    egress.forEach((r, i) =>
      checkRule(RuleDirection.EGRESS, r, this.allowedPorts, portKind, `${className}.egress[${i}]`).forEach((p) =>
        problems.add(p),
      ),
    );
    problems.throwIfAny(this);

    this.name = props.name;
    this.network = props.network;
    this.securityGroup = new SecurityGroup(this, 'group', {
      namePrefix: `${props.name}-`,
      description,
      vpcId: props.network.vpcId,
      revokeRulesOnDelete: true,
      tags: { Name: props.name },
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.securityGroup.id;
    ingress.forEach((r) => this.createRule(RuleDirection.INGRESS, r, this));
    egress.forEach((r) => this.createRule(RuleDirection.EGRESS, r, this));
  }

  /** The ports this group may open to ingress. */
  protected get ingressPorts(): readonly Port[] {
    return this.allowedPorts;
  }

  /** Declares one more port that ingress rules may open. */
  protected allowPort(port: Port): void {
    if (!this.allowedPorts.some((p) => p.equals(port))) this.allowedPorts.push(port);
  }

  /** This group as the peer of another group's rule. */
  public asPeer(): Peer {
    return Peer.securityGroupId(this.securityGroupId, `${this.name} security group`);
  }

  /**
   * Adds an ingress rule. The rule resource is created under `scope` (default: this group), so a
   * shared group's rules live with the service that needs them.
   */
  public addIngressRule(rule: SecurityGroupRule, scope?: Construct): VpcSecurityGroupIngressRule {
    this.throwIfInvalid(RuleDirection.INGRESS, rule, scope ?? this);
    return this.createRule(RuleDirection.INGRESS, rule, scope ?? this) as VpcSecurityGroupIngressRule;
  }

  /** Adds an egress rule, under `scope` (default: this group). */
  public addEgressRule(rule: SecurityGroupRule, scope?: Construct): VpcSecurityGroupEgressRule {
    this.throwIfInvalid(RuleDirection.EGRESS, rule, scope ?? this);
    return this.createRule(RuleDirection.EGRESS, rule, scope ?? this) as VpcSecurityGroupEgressRule;
  }

  /**
   * Whether the group already has a rule in `direction` with this peer and port (however it was
   * added). Used to keep one rule per permission: EC2 refuses a duplicate.
   */
  public hasRule(direction: RuleDirection, peer: Peer, port: Port): boolean {
    return this.ruleKeys.has(ruleKey(direction, peer, port));
  }

  /**
   * The problems `rule` would have on this group (ports not declared, the world without opt-in, a
   * bad id or description), located at `path`. Nothing is created.
   */
  public ruleProblems(direction: RuleDirection, rule: SecurityGroupRule, path: string): Problem[] {
    return checkRule(direction, rule, this.allowedPorts, this.portKind, path);
  }

  private throwIfInvalid(direction: RuleDirection, rule: SecurityGroupRule, scope: Construct): void {
    const path = `${this.constructor.name}.add${direction === RuleDirection.INGRESS ? 'Ingress' : 'Egress'}Rule(rule)`;
    const problems = checkRule(direction, rule, this.allowedPorts, this.portKind, path);
    if (scope.node.tryFindChild(rule.id) !== undefined) {
      problems.push({
        code: 'SECURITY_RULE_ID_DUPLICATE',
        path: `${path}.id`,
        received: describeValue(rule.id),
        allowed: `an id not yet used in ${scope.node.path}`,
        fix: 'give each rule its own id',
      });
    }
    if (problems.length > 0) throw new ValidationError(problems, this);
  }

  private createRule(direction: RuleDirection, rule: SecurityGroupRule, scope: Construct): Construct {
    const args = { ...ruleArguments(direction, rule), securityGroupId: this.securityGroupId };
    this.ruleKeys.add(ruleKey(direction, rule.peer, rule.port));
    return direction === RuleDirection.INGRESS
      ? new VpcSecurityGroupIngressRule(scope, rule.id, args)
      : new VpcSecurityGroupEgressRule(scope, rule.id, args);
  }
}
