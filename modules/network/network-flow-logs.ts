/**
 * `Network`'s VPC flow logs: a log group, the role VPC Flow Logs assumes (trusting only this account's
 * flow logs: confused-deputy protection) with an inline policy on that log group only, and the flow log
 * for all traffic. Built under the `Network` construct (docs/network.md, "Flow logs").
 */
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { stackAccountId, stackPartition, validHcl } from '../core';
import type { NetworkTagger } from './network-tiers';

export interface FlowLogsOptions {
  readonly namePrefix: string;
  readonly vpcId: string;
  readonly retentionInDays: number;
  /** For the role's `aws:SourceArn` condition. */
  readonly regionName: string;
  readonly tagged: NetworkTagger;
}

/** Builds the flow log and what it needs. */
export function buildFlowLogs(
  scope: Construct,
  options: FlowLogsOptions,
): { group: CloudwatchLogGroup; role: IamRole; flowLog: FlowLog } {
  const { namePrefix, tagged } = options;
  const account = stackAccountId(scope);
  const partition = stackPartition(scope);
  const group = new CloudwatchLogGroup(scope, 'flow-log-group', {
    name: `/aws/vpc/${namePrefix}/flow-logs`,
    retentionInDays: options.retentionInDays,
    tags: tagged('flow-logs'),
  });
  const role = validHcl(
    new IamRole(scope, 'flow-log-role', {
      namePrefix: `${namePrefix}-flowlogs-`,
      description: `Lets VPC Flow Logs write ${namePrefix}'s flow logs to CloudWatch Logs`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': account },
              ArnLike: { 'aws:SourceArn': `arn:${partition}:ec2:${options.regionName}:${account}:vpc-flow-log/*` },
            },
          },
        ],
      }),
      tags: tagged('flow-logs'),
    }),
  );
  validHcl(
    new IamRolePolicy(scope, 'flow-log-policy', {
      name: 'write-flow-logs',
      role: role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'WriteToTheFlowLogGroupOnly',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [group.arn, `${group.arn}:*`],
          },
        ],
      }),
    }),
  );
  const flowLog = new FlowLog(scope, 'flow-log', {
    vpcId: options.vpcId,
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logDestination: group.arn,
    iamRoleArn: role.arn,
    tags: tagged('flow-log'),
  });
  return { group, role, flowLog };
}
