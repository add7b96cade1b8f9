import { isPresent } from '../attributes';
import { info, PolicyRule, Severity } from '../rule';

/** AWSVPC-LOG-002: log groups can be encrypted with a customer managed KMS key (informational). */
export const logGroupKms: PolicyRule = {
  id: 'AWSVPC-LOG-002',
  industryIds: ['CKV_AWS_158', 'AVD-AWS-0017'],
  severity: Severity.LOW,
  summary: 'CloudWatch log groups without kms_key_id are reported for information (KMS encryption is optional).',
  explanation: [
    'CloudWatch Logs always encrypts log data at rest. A customer managed KMS key adds control over who can decrypt it',
    'and an audit trail of its use, at the cost of a key policy that must allow the logs service. The pack reports',
    'log groups without one as information, never as a violation.',
  ].join(' '),
  fix: 'to use a customer managed key, set kms_key_id to an aws_kms_key whose policy allows logs.<region>.amazonaws.com',
  appliesTo: ['aws_cloudwatch_log_group'],
  check(subject) {
    return isPresent(subject.attributes.kms_key_id)
      ? []
      : [info('has no kms_key_id: its logs are encrypted with a key AWS manages')];
  },
};
