import { PolicyRule, RuleResult, Severity, violation } from '../rule';
import {
  describeTraffic,
  loadBalancerListenerPorts,
  permissionsOf,
  SECURITY_GROUP_RULE_TYPES,
  SecurityGroupPermission,
  TrafficDirection,
} from '../security-group-permissions';
import type { StackIndex } from '../stack-index';

/** True when every port of `p` is a listener port of a load balancer that uses one of its groups. */
function onListenerPorts(p: SecurityGroupPermission, index: StackIndex): boolean {
  if (p.protocol === 'all' || p.fromPort === undefined || p.toPort === undefined || p.groups.length === 0) return false;
  if (p.toPort < p.fromPort || p.toPort - p.fromPort > 64) return false;
  return p.groups.every((g) => {
    const ports = loadBalancerListenerPorts(g, index);
    for (let port = p.fromPort!; port <= p.toPort!; port++) if (!ports.has(port)) return false;
    return true;
  });
}

/** AWSVPC-SG-001: no ingress from the whole internet, except to a load balancer on its listener ports. */
export const sgNoWorldIngress: PolicyRule = {
  id: 'AWSVPC-SG-001',
  industryIds: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277', 'AVD-AWS-0107', 'AwsSolutions-EC23'],
  severity: Severity.HIGH,
  summary:
    "Security groups allow no ingress from 0.0.0.0/0 or ::/0, except a load balancer's group on its listener ports.",
  explanation: [
    'Ingress from every address exposes whatever listens behind the group to the whole internet: SSH, the ECS agent',
    'introspection port, a debug endpoint. Only an internet-facing load balancer needs it, and only on the ports its',
    'listeners use. The rule accepts ingress from 0.0.0.0/0 or ::/0 when the group is attached to an aws_lb',
    "(security_groups) and every port of the rule is the port of one of that load balancer's aws_lb_listener resources;",
    'all-protocol rules are never accepted. Inline ingress blocks of aws_security_group, aws_security_group_rule',
    '(type ingress) and aws_vpc_security_group_ingress_rule are checked. CIDR blocks that are Terraform expressions are',
    'skipped: they cannot be known before apply.',
  ].join(' '),
  fix: "allow ingress only from a security group (e.g. the load balancer's, via referenced_security_group_id / source_security_group_id) or from known CIDR blocks",
  appliesTo: ['aws_security_group', ...SECURITY_GROUP_RULE_TYPES],
  check(subject, index) {
    const results: RuleResult[] = [];
    for (const p of permissionsOf(subject, index)) {
      if (p.direction !== TrafficDirection.INGRESS || p.worldCidrs.length === 0) continue;
      if (onListenerPorts(p, index)) continue;
      const where = p.label ? `${p.label} allows` : 'allows';
      const lb = p.groups.some((g) => loadBalancerListenerPorts(g, index).size > 0);
      results.push(
        violation(
          `${where} ingress from ${p.worldCidrs.join(', ')} on ${describeTraffic(p)}${lb ? ', which is not a listener port of the load balancer that uses the group' : ''}`,
        ),
      );
    }
    return results;
  },
};
