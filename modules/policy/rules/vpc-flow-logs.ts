import { PolicyRule, Severity, violation } from '../rule';

/** AWSVPC-VPC-002: every VPC has a flow log. */
export const vpcFlowLogs: PolicyRule = {
  id: 'AWSVPC-VPC-002',
  industryIds: ['CKV2_AWS_11', 'AVD-AWS-0178', 'AwsSolutions-VPC7'],
  severity: Severity.MEDIUM,
  summary: 'Every aws_vpc has an aws_flow_log attached to it (vpc_id).',
  explanation: [
    'Flow logs record accepted and rejected connections at the network interfaces: without them there is no record',
    'of what a compromised task talked to, and no way to debug a security group that drops traffic. The rule looks',
    'for an aws_flow_log in the same stack whose vpc_id refers to the VPC; flow logs on single subnets or interfaces',
    'do not count.',
  ].join(' '),
  fix: 'add an aws_flow_log with vpc_id = <the VPC>.id and traffic_type = "ALL", delivering to CloudWatch Logs or S3',
  appliesTo: ['aws_vpc'],
  check(subject, index) {
    const logs = index.referrersThrough(subject.address, 'vpc_id', 'aws_flow_log');
    return logs.length > 0
      ? []
      : [violation('has no aws_flow_log (no aws_flow_log in the stack has vpc_id referring to it)')];
  },
};
