import { Lazy } from 'cdktf';
import {
  checkPolicyStatements,
  ecsTasksTrustPolicy,
  ecsTasksTrustPolicyJson,
  executeCommandStatements,
  executionRoleStatements,
  parseEcrImage,
  PolicyEffect,
  policyDocument,
  type PolicyStatement,
} from '../../modules/service';

const CTX = { accountId: '123456789012', region: 'us-east-1', partition: 'aws' };
const LOGS = 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web';

function actionsOf(statements: readonly PolicyStatement[]): string[] {
  return statements.flatMap((s) => s.actions);
}

describe('IAM policies', () => {
  test('never contain a wildcard action', () => {
    const all = [
      ...executionRoleStatements(
        {
          images: [Lazy.stringValue({ produce: () => 'x' })],
          logGroupArn: LOGS,
          secretReferences: ['/a'],
          registryCredentials: [],
        },
        CTX,
      ),
      ...executeCommandStatements({ logGroupArn: LOGS, kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k' }, CTX),
    ];
    for (const a of actionsOf(all)) expect(a).not.toMatch(/[*?]/);
    expect(checkPolicyStatements(all, 'x')).toEqual([]);
  });

  test("the execution role writes only the service's log group and pulls nothing for public images", () => {
    const statements = executionRoleStatements(
      { images: ['nginx'], logGroupArn: LOGS, secretReferences: [], registryCredentials: [] },
      CTX,
    );
    expect(statements).toEqual([
      { sid: 'ServiceLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${LOGS}:*`] },
    ]);
  });

  test('the execution role pulls from the ECR repositories the images name', () => {
    const image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.2.3';
    expect(parseEcrImage(image)).toEqual({
      accountId: '123456789012',
      region: 'eu-west-1',
      repositoryName: 'team/api',
    });
    expect(parseEcrImage('nginx:1.27')).toBeUndefined();
    expect(parseEcrImage('public.ecr.aws/nginx/nginx:latest')).toBeUndefined();
    const statements = executionRoleStatements(
      { images: [image, 'nginx'], logGroupArn: LOGS, secretReferences: [], registryCredentials: [] },
      CTX,
    );
    expect(statements[0]).toEqual({
      sid: 'EcrAuthorization',
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'],
    });
    expect(statements[1]).toEqual({
      sid: 'EcrPull',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: ['arn:aws:ecr:eu-west-1:123456789012:repository/team/api'],
    });
  });

  test('the execution role pulls from any repository only when an image is unknown at synth time and no repository is named', () => {
    const token = Lazy.stringValue({ produce: () => 'x' });
    const any = executionRoleStatements(
      { images: [token], logGroupArn: LOGS, secretReferences: [], registryCredentials: [] },
      CTX,
    );
    expect(any.find((s) => s.sid === 'EcrPull')!.resources).toEqual(['*']);
    const named = executionRoleStatements(
      {
        images: [token],
        ecrRepositoryArns: ['arn:aws:ecr:us-east-1:123456789012:repository/app'],
        logGroupArn: LOGS,
        secretReferences: [],
        registryCredentials: [],
      },
      CTX,
    );
    expect(named.find((s) => s.sid === 'EcrPull')!.resources).toEqual([
      'arn:aws:ecr:us-east-1:123456789012:repository/app',
    ]);
  });

  test('the execution role reads exactly the secrets the containers name', () => {
    const statements = executionRoleStatements(
      {
        images: ['nginx'],
        logGroupArn: LOGS,
        registryCredentials: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:hub-AbCdEf'],
        secretReferences: [
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-XyZ123:password::',
          'arn:aws:ssm:us-east-1:123456789012:parameter/app/key',
          '/app/other',
        ],
      },
      CTX,
    );
    expect(statements.find((s) => s.sid === 'ReadSecrets')!.resources).toEqual([
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:hub-AbCdEf',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-XyZ123',
    ]);
    expect(statements.find((s) => s.sid === 'ReadParameters')).toEqual({
      sid: 'ReadParameters',
      actions: ['ssm:GetParameters'],
      resources: [
        'arn:aws:ssm:us-east-1:123456789012:parameter/app/key',
        'arn:aws:ssm:us-east-1:123456789012:parameter/app/other',
      ],
    });
  });

  test('ECS Exec adds the ssmmessages channels, and session logging where asked', () => {
    expect(actionsOf(executeCommandStatements({}, CTX))).toEqual([
      'ssmmessages:CreateControlChannel',
      'ssmmessages:CreateDataChannel',
      'ssmmessages:OpenControlChannel',
      'ssmmessages:OpenDataChannel',
    ]);
    const withLogs = executeCommandStatements({ logGroupArn: LOGS }, CTX);
    expect(withLogs.find((s) => s.sid === 'EcsExecSessionLogs')!.resources).toEqual([`${LOGS}:*`]);
  });
});

describe('IAM trust policies and policy documents', () => {
  test('trust policies admit ecs-tasks of this account only', () => {
    const task = ecsTasksTrustPolicy(CTX, true) as { Statement: Record<string, unknown>[] };
    expect(task.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': ['123456789012'] },
        ArnLike: { 'aws:SourceArn': ['arn:aws:ecs:us-east-1:123456789012:*'] },
      },
    });
    const execution = ecsTasksTrustPolicy(CTX, false) as { Statement: { Condition: Record<string, unknown> }[] };
    expect(Object.keys(execution.Statement[0]!.Condition)).toEqual(['StringEquals']);
  });

  test('trust policies as JSON are the documents above, for each account context and role kind', () => {
    const other = { ...CTX, accountId: '210987654321' };
    for (const ctx of [CTX, other, CTX]) {
      for (const withSourceArn of [true, false]) {
        expect(JSON.parse(ecsTasksTrustPolicyJson(ctx, withSourceArn))).toEqual(
          ecsTasksTrustPolicy(ctx, withSourceArn),
        );
      }
    }
    expect(ecsTasksTrustPolicyJson(other, true)).toContain('210987654321');
    expect(ecsTasksTrustPolicyJson(CTX, true)).not.toContain('210987654321');
  });

  test('render statements as IAM JSON', () => {
    expect(
      policyDocument([
        {
          sid: 'Read',
          effect: PolicyEffect.DENY,
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::b/*'],
          conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ]),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Read',
          Effect: 'Deny',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::b/*'],
          Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
        },
      ],
    });
  });

  test('fail on wildcard actions, malformed actions, and empty lists', () => {
    const problems = checkPolicyStatements(
      [
        { actions: ['s3:*', 's3:Get*', '*', 'GetObject'], resources: [] },
        { actions: [], resources: ['*'], sid: 'has space' },
      ],
      'TaskDefinition.taskRolePolicyStatements',
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['SERVICE_POLICY_WILDCARD_ACTION', 'TaskDefinition.taskRolePolicyStatements[0].actions[0]'],
      ['SERVICE_POLICY_WILDCARD_ACTION', 'TaskDefinition.taskRolePolicyStatements[0].actions[1]'],
      ['SERVICE_POLICY_WILDCARD_ACTION', 'TaskDefinition.taskRolePolicyStatements[0].actions[2]'],
      ['SERVICE_POLICY_ACTION_INVALID', 'TaskDefinition.taskRolePolicyStatements[0].actions[3]'],
      ['SERVICE_POLICY_RESOURCES_EMPTY', 'TaskDefinition.taskRolePolicyStatements[0].resources'],
      ['SERVICE_POLICY_ACTIONS_EMPTY', 'TaskDefinition.taskRolePolicyStatements[1].actions'],
      ['SERVICE_POLICY_SID_INVALID', 'TaskDefinition.taskRolePolicyStatements[1].sid'],
    ]);
    expect(problems[0]!.received).toBe('"s3:*"');
    expect(problems[0]!.fix).toContain('"s3:GetObject" instead of "s3:*"');
  });
});
