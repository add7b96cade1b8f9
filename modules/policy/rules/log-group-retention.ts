import { asNumber, isExpression } from '../attributes';
import { PolicyRule, Severity, violation } from '../rule';

/** AWSVPC-LOG-001: log groups expire their logs. */
export const logGroupRetention: PolicyRule = {
  id: 'AWSVPC-LOG-001',
  industryIds: ['CKV_AWS_66'],
  severity: Severity.MEDIUM,
  summary: 'CloudWatch log groups set retention_in_days (logs are not kept forever).',
  explanation: [
    'A log group without retention keeps every event forever: costs grow without bound and data that should have',
    'expired (personal data, secrets a container printed) stays readable. Set the retention your compliance',
    'regime requires; checkov CKV_AWS_338 asks for at least 365 days, which this rule does not impose.',
    'A retention given as a Terraform expression is not checked.',
  ].join(' '),
  fix: 'set retention_in_days (e.g. 30, 90 or 365) on the aws_cloudwatch_log_group',
  appliesTo: ['aws_cloudwatch_log_group'],
  check(subject) {
    const days = subject.attributes.retention_in_days;
    if (isExpression(days)) return [];
    const n = asNumber(days);
    if (n === undefined || n === 0) {
      return [
        violation(
          `retention_in_days is ${days === undefined || days === null ? 'not set' : JSON.stringify(days)}, so logs never expire`,
        ),
      ];
    }
    return [];
  },
};
