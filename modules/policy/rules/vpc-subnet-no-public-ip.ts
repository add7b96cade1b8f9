import { asBoolean } from '../attributes';
import { PolicyRule, Severity, violation } from '../rule';

/** AWSVPC-VPC-001: subnets do not give public IP addresses to what is launched in them. */
export const vpcSubnetNoPublicIp: PolicyRule = {
  id: 'AWSVPC-VPC-001',
  industryIds: ['CKV_AWS_130', 'AVD-AWS-0164'],
  severity: Severity.HIGH,
  summary: 'Subnets do not map public IP addresses on launch (map_public_ip_on_launch is not true).',
  explanation: [
    'With map_public_ip_on_launch, every instance and network interface created in the subnet gets a public address,',
    'whatever its launch template says. Public subnets hold load balancers and NAT gateways, which get their addresses',
    'from elastic IPs or from AWS; nothing needs the automatic mapping.',
  ].join(' '),
  fix: 'set map_public_ip_on_launch = false (or leave it unset); give NAT gateways elastic IPs',
  appliesTo: ['aws_subnet'],
  check(subject) {
    return asBoolean(subject.attributes.map_public_ip_on_launch) === true
      ? [violation('map_public_ip_on_launch is true')]
      : [];
  },
};
