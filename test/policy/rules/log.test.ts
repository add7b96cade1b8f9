import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FindingLevel, logGroupKms, logGroupRetention } from '../../../modules/policy';
import { findingsOf, messages } from '../support';

describe('AWSVPC-LOG-001 log groups with retention', () => {
  test('accepts a log group with retention', () => {
    expect(
      findingsOf(logGroupRetention, (s) => {
        new CloudwatchLogGroup(s, 'logs', { retentionInDays: 30 });
      }),
    ).toEqual([]);
  });

  test('fails a log group that keeps logs forever', () => {
    expect(
      messages(
        findingsOf(logGroupRetention, (s) => {
          new CloudwatchLogGroup(s, 'logs', {});
          new CloudwatchLogGroup(s, 'zero', { retentionInDays: 0 });
        }),
      ),
    ).toEqual([
      'aws_cloudwatch_log_group.logs: retention_in_days is not set, so logs never expire',
      'aws_cloudwatch_log_group.zero: retention_in_days is 0, so logs never expire',
    ]);
  });
});

describe('AWSVPC-LOG-002 log groups with KMS (informational)', () => {
  test('says nothing about a log group with a customer managed key', () => {
    expect(
      findingsOf(logGroupKms, (s) => {
        new CloudwatchLogGroup(s, 'logs', {
          retentionInDays: 30,
          kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
        });
      }),
    ).toEqual([]);
  });

  test('reports a log group without a key as information, never as a violation', () => {
    const findings = findingsOf(logGroupKms, (s) => {
      new CloudwatchLogGroup(s, 'logs', { retentionInDays: 30 });
    });
    expect(messages(findings)).toEqual([]);
    expect(messages(findings, FindingLevel.INFO)).toEqual([
      'aws_cloudwatch_log_group.logs: has no kms_key_id: its logs are encrypted with a key AWS manages',
    ]);
  });
});
