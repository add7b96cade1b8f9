import { asBoolean, isExpression } from '../attributes';
import { PolicyRule, Severity, violation } from '../rule';

/** AWSVPC-ELB-001: application load balancers drop invalid header fields. */
export const elbDropInvalidHeaders: PolicyRule = {
  id: 'AWSVPC-ELB-001',
  industryIds: ['CKV_AWS_131', 'AVD-AWS-0052'],
  severity: Severity.MEDIUM,
  summary: 'Application load balancers drop invalid HTTP header fields (drop_invalid_header_fields = true).',
  explanation: [
    'Header names that are not valid HTTP tokens are a known vector for request smuggling and header injection between',
    'the load balancer and the targets, which may parse them differently. Dropping them at the load balancer costs',
    'nothing for well-formed clients. Network and gateway load balancers do not parse HTTP and are skipped.',
  ].join(' '),
  fix: 'set drop_invalid_header_fields = true on the aws_lb',
  appliesTo: ['aws_lb', 'aws_alb'],
  check(subject) {
    const a = subject.attributes;
    const type = a.load_balancer_type;
    if (isExpression(type) || (type !== undefined && type !== null && type !== 'application')) return [];
    if (isExpression(a.drop_invalid_header_fields)) return [];
    return asBoolean(a.drop_invalid_header_fields) === true
      ? []
      : [
          violation(
            `drop_invalid_header_fields is ${a.drop_invalid_header_fields == null ? 'not set (default false)' : JSON.stringify(a.drop_invalid_header_fields)}`,
          ),
        ];
  },
};
