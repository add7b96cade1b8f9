import { asBoolean, blocks } from '../attributes';
import { PolicyRule, RuleResult, Severity, violation } from '../rule';

/** AWSVPC-EC2-003: instances get no public IP address. */
export const ec2NoPublicIp: PolicyRule = {
  id: 'AWSVPC-EC2-003',
  industryIds: ['CKV_AWS_88', 'AVD-AWS-0009'],
  severity: Severity.HIGH,
  summary: 'EC2 instances, launch templates and launch configurations do not associate a public IP address.',
  explanation: [
    'A public address makes the instance reachable from the internet whenever a security group or network ACL slips;',
    'container instances belong in private subnets and reach the internet, if at all, through a NAT gateway.',
    'Checked: aws_instance.associate_public_ip_address, aws_launch_configuration.associate_public_ip_address and every',
    'aws_launch_template network_interfaces[].associate_public_ip_address.',
  ].join(' '),
  fix: 'set associate_public_ip_address = false (or leave it unset) and place the instances in private subnets',
  appliesTo: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
  check(subject) {
    const a = subject.attributes;
    const results: RuleResult[] = [];
    if (subject.type === 'aws_launch_template') {
      blocks(a.network_interfaces).forEach((ni, i) => {
        if (asBoolean(ni.associate_public_ip_address) === true) {
          results.push(violation(`network_interfaces[${i}].associate_public_ip_address is true`));
        }
      });
    } else if (asBoolean(a.associate_public_ip_address) === true) {
      results.push(violation('associate_public_ip_address is true'));
    }
    return results;
  },
};
