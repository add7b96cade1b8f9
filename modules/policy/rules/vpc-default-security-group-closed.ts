import { isPresent } from '../attributes';
import { PolicyRule, RuleResult, Severity, violation } from '../rule';

const RULE_TYPES = [
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
];

/** AWSVPC-VPC-003: the VPC's default security group allows nothing. */
export const vpcDefaultSecurityGroupClosed: PolicyRule = {
  id: 'AWSVPC-VPC-003',
  industryIds: ['CKV2_AWS_12', 'AVD-AWS-0173'],
  severity: Severity.MEDIUM,
  summary:
    "Every aws_vpc's default security group has no rules (an aws_default_security_group without ingress or egress).",
  explanation: [
    'AWS creates each VPC with a default security group that allows all traffic between its members and all egress.',
    'Anything launched without an explicit security group lands in it. Adopting it with an aws_default_security_group',
    'that declares no ingress and no egress makes Terraform remove those rules. The rule also fails when separate rule',
    'resources (aws_security_group_rule, aws_vpc_security_group_ingress_rule/egress_rule) add rules to that group.',
  ].join(' '),
  fix: 'add aws_default_security_group { vpc_id = <the VPC>.id } with no ingress and no egress blocks, and attach no rules to it',
  appliesTo: ['aws_vpc'],
  check(subject, index) {
    const defaults = index.referrersThrough(subject.address, 'vpc_id', 'aws_default_security_group');
    if (defaults.length === 0) {
      return [
        violation(
          'has no aws_default_security_group, so its default security group keeps the rules AWS gives it (all traffic between members, all egress)',
        ),
      ];
    }
    const results: RuleResult[] = [];
    for (const d of defaults) {
      for (const dir of ['ingress', 'egress'] as const) {
        if (isPresent(d.attributes[dir]))
          results.push(violation(`its default security group ${d.address} declares ${dir} rules`));
      }
      for (const r of index.referrers(d.address, ...RULE_TYPES)) {
        if (index.refersTo(r.attributes.security_group_id, d.address))
          results.push(violation(`${r.address} adds a rule to its default security group ${d.address}`));
      }
    }
    const viaVpcAttribute = `${subject.address}.default_security_group_id`;
    for (const r of index.referrers(subject.address, ...RULE_TYPES)) {
      const sg = r.attributes.security_group_id;
      if (typeof sg === 'string' && sg.includes(viaVpcAttribute))
        results.push(violation(`${r.address} adds a rule to its default security group`));
    }
    return results;
  },
};
