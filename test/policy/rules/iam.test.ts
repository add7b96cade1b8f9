import { Fn, TerraformStack } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { FindingLevel, iamNoWildcardActions, iamTaskRoleTrust } from '../../../modules/policy';
import { webContainer } from '../fixtures';
import { findingsOf, messages } from '../support';

function trust(statement: Record<string, unknown>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }],
  });
}

const ECS_TASKS = { Service: 'ecs-tasks.amazonaws.com' };
const SOURCE_ACCOUNT = { StringEquals: { 'aws:SourceAccount': '123456789012' } };

function taskUsing(stack: TerraformStack, taskRole: IamRole, executionRole?: IamRole): void {
  new EcsTaskDefinition(stack, 'task', {
    family: 'task',
    containerDefinitions: JSON.stringify([webContainer()]),
    taskRoleArn: taskRole.arn,
    executionRoleArn: executionRole?.arn,
  });
}

function policy(statement: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statement });
}

describe('AWSVPC-IAM-001 task roles trusted by ecs-tasks with aws:SourceAccount', () => {
  test('accepts trust policies as JSON or from an aws_iam_policy_document', () => {
    expect(
      findingsOf(iamTaskRoleTrust, (s) => {
        const doc = new DataAwsIamPolicyDocument(s, 'trust', {
          statement: [
            {
              actions: ['sts:AssumeRole'],
              principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
              condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] }],
            },
          ],
        });
        const task = new IamRole(s, 'task-role', { assumeRolePolicy: doc.json });
        const exec = new IamRole(s, 'exec-role', {
          assumeRolePolicy: trust({ Principal: ECS_TASKS, Condition: SOURCE_ACCOUNT }),
        });
        taskUsing(s, task, exec);
      }),
    ).toEqual([]);
  });

  test('ignores roles no task definition uses', () => {
    expect(
      findingsOf(iamTaskRoleTrust, (s) => {
        new IamRole(s, 'instance-role', { assumeRolePolicy: trust({ Principal: { Service: 'ec2.amazonaws.com' } }) });
      }),
    ).toEqual([]);
  });

  test('fails a task role without aws:SourceAccount, or trusting other principals', () => {
    expect(
      messages(
        findingsOf(iamTaskRoleTrust, (s) => {
          const task = new IamRole(s, 'task-role', { assumeRolePolicy: trust({ Principal: ECS_TASKS }) });
          const exec = new IamRole(s, 'exec-role', {
            assumeRolePolicy: trust({
              Principal: { Service: ['ecs-tasks.amazonaws.com', 'ec2.amazonaws.com'] },
              Condition: SOURCE_ACCOUNT,
            }),
          });
          taskUsing(s, task, exec);
        }),
      ),
    ).toEqual([
      'aws_iam_role.task-role: used by aws_ecs_task_definition.task, but its trust of ecs-tasks.amazonaws.com has no aws:SourceAccount condition',
      'aws_iam_role.exec-role: used by aws_ecs_task_definition.task, but its trust policy also trusts Service ec2.amazonaws.com',
    ]);
  });

  test('fails a task role that does not trust ecs-tasks at all', () => {
    expect(
      messages(
        findingsOf(iamTaskRoleTrust, (s) => {
          taskUsing(
            s,
            new IamRole(s, 'task-role', {
              assumeRolePolicy: trust({
                Principal: { AWS: 'arn:aws:iam::123456789012:root' },
                Condition: SOURCE_ACCOUNT,
              }),
            }),
          );
        }),
      ),
    ).toEqual([
      'aws_iam_role.task-role: used by aws_ecs_task_definition.task, but its trust policy does not trust ecs-tasks.amazonaws.com',
      'aws_iam_role.task-role: used by aws_ecs_task_definition.task, but its trust policy also trusts AWS arn:aws:iam::123456789012:root',
    ]);
  });

  test('warns when the trust policy is only known at apply time', () => {
    const findings = findingsOf(iamTaskRoleTrust, (s) => {
      taskUsing(s, new IamRole(s, 'task-role', { assumeRolePolicy: Fn.jsonencode({ Statement: [] }) }));
    });
    expect(messages(findings, FindingLevel.WARNING)).toEqual([
      'aws_iam_role.task-role: used by aws_ecs_task_definition.task: assume_role_policy is a Terraform expression, only known at apply time, so it cannot be checked at synth time',
    ]);
  });
});

describe('AWSVPC-IAM-002 no wildcard IAM actions', () => {
  test('accepts named actions, partial wildcards, wildcard resources and Deny statements', () => {
    expect(
      findingsOf(iamNoWildcardActions, (s) => {
        new IamPolicy(s, 'pull', {
          policy: policy([
            { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
            { Effect: 'Allow', Action: ['s3:Get*', 'ecr:BatchGetImage'], Resource: 'arn:aws:s3:::bucket/*' },
            { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ]),
        });
        new DataAwsIamPolicyDocument(s, 'doc', { statement: [{ actions: ['logs:PutLogEvents'], resources: ['*'] }] });
      }),
    ).toEqual([]);
  });

  test('fails "*" and "service:*" in every kind of policy, once per place', () => {
    expect(
      messages(
        findingsOf(iamNoWildcardActions, (s) => {
          const doc = new DataAwsIamPolicyDocument(s, 'doc', { statement: [{ actions: ['s3:*'], resources: ['*'] }] });
          new IamPolicy(s, 'from-doc', { policy: doc.json });
          new IamPolicy(s, 'admin', { policy: policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]) });
          const role = new IamRole(s, 'role', {
            assumeRolePolicy: trust({ Principal: ECS_TASKS, Condition: SOURCE_ACCOUNT }),
            inlinePolicy: [
              { name: 'ecr', policy: policy([{ Action: ['ecr:*', 'logs:PutLogEvents'], Resource: '*' }]) },
            ],
          });
          new IamRolePolicy(s, 'not-action', {
            role: role.id,
            policy: policy([{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }]),
          });
        }),
      ),
    ).toEqual([
      'data.aws_iam_policy_document.doc: statement 0 allows wildcard action "s3:*"',
      'aws_iam_policy.admin: statement 0 allows wildcard action "*"',
      'aws_iam_role.role: inline_policy[0] (ecr) statement 0 allows wildcard action "ecr:*"',
      'aws_iam_role_policy.not-action: statement 0 allows everything except "iam:*" (NotAction with Allow)',
    ]);
  });

  test('warns when a policy is only known at apply time', () => {
    const findings = findingsOf(iamNoWildcardActions, (s) => {
      new IamPolicy(s, 'p', { policy: Fn.jsonencode({ Statement: [{ Action: '*' }] }) });
    });
    expect(messages(findings, FindingLevel.WARNING)).toEqual([
      'aws_iam_policy.p: policy is a Terraform expression, only known at apply time, so its actions cannot be checked at synth time',
    ]);
  });
});
