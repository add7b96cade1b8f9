import { PolicyRule, RuleResult, Severity, violation } from '../rule';
import {
  describeTraffic,
  permissionsOf,
  SECURITY_GROUP_RULE_TYPES,
  TrafficDirection,
} from '../security-group-permissions';

/** AWSVPC-SG-002: no egress to the whole internet without a written reason. */
export const sgNoWorldEgress: PolicyRule = {
  id: 'AWSVPC-SG-002',
  industryIds: ['CKV_AWS_382', 'AVD-AWS-0104'],
  severity: Severity.MEDIUM,
  summary: 'Security groups allow no egress to 0.0.0.0/0 or ::/0 unless a suppression explains why.',
  explanation: [
    'Egress to every address is the path for data exfiltration and for malware to reach its command servers.',
    'Container instances and tasks do need some internet egress when the VPC has no endpoints for ECR, ECS, S3 and',
    'CloudWatch Logs (HTTPS through the NAT gateway to pull images and register with ECS): those rules should be',
    'narrow (tcp 443) and carry a suppression whose reason says so. All-protocol egress (checkov CKV_AWS_382) is',
    'reported the same way, with the wider traffic named in the message.',
  ].join(' '),
  fix: 'limit egress to what the workload needs (the VPC CIDR, prefix lists, VPC endpoint security groups); where HTTPS to the internet through the NAT is needed, allow only tcp 443 and suppress this rule with that reason',
  appliesTo: ['aws_security_group', ...SECURITY_GROUP_RULE_TYPES],
  check(subject, index) {
    const results: RuleResult[] = [];
    for (const p of permissionsOf(subject, index)) {
      if (p.direction !== TrafficDirection.EGRESS || p.worldCidrs.length === 0) continue;
      const where = p.label ? `${p.label} allows` : 'allows';
      results.push(violation(`${where} egress to ${p.worldCidrs.join(', ')} on ${describeTraffic(p)}`));
    }
    return results;
  },
};
