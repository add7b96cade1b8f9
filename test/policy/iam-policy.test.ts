import { iamNoWildcardActions, iamTaskRoleTrust, StackIndex } from '../../modules/policy';
import {
  isWildcardAction,
  policyDocumentReference,
  statementsFromDocument,
  statementsFromJson,
} from '../../modules/policy/iam-policy';

describe('IAM policy documents', () => {
  test('read the same statements from JSON and from an aws_iam_policy_document', () => {
    const fromJson = statementsFromJson(
      JSON.stringify({
        Statement: {
          Action: 'sts:AssumeRole',
          Principal: { Service: ['ecs-tasks.amazonaws.com'] },
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      }),
    );
    const fromDoc = statementsFromDocument({
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] }],
        },
      ],
    });
    expect(fromJson).toEqual(fromDoc);
  });

  test('return undefined for text that is not a JSON policy', () => {
    expect(statementsFromJson('${jsonencode(local.policy)}')).toBeUndefined();
    expect(statementsFromJson('[1]')).toBeUndefined();
  });

  test('are parsed once per index for each text, however many roles share it', () => {
    const trust = JSON.stringify({
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ],
    });
    const index = StackIndex.fromTerraformJson({
      resource: {
        aws_iam_role: { a: { assume_role_policy: trust }, b: { assume_role_policy: trust } },
        aws_ecs_task_definition: {
          t: { task_role_arn: '${aws_iam_role.a.arn}', execution_role_arn: '${aws_iam_role.b.arn}' },
        },
      },
    });
    const parse = jest.spyOn(JSON, 'parse');
    try {
      for (const role of index.ofType('aws_iam_role')) {
        expect(iamTaskRoleTrust.check(role, index)).toEqual([]);
        expect(iamNoWildcardActions.check(role, index)).toEqual([]);
      }
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
    expect(statementsFromJson(trust, index)).toBe(statementsFromJson(trust, index));
    expect(statementsFromJson(trust, index)).toEqual(statementsFromJson(trust));
  });

  test('treat "*" and "service:*" as wildcards, partial wildcards not', () => {
    expect(['*', 's3:*', 'ecr-public:*'].map(isWildcardAction)).toEqual([true, true, true]);
    expect(['s3:Get*', 'ecr:BatchGetImage', '*:Get'].map(isWildcardAction)).toEqual([false, false, false]);
  });

  test("recognize a reference to a policy document's JSON", () => {
    expect(policyDocumentReference('${data.aws_iam_policy_document.trust.json}')).toBe(
      'data.aws_iam_policy_document.trust',
    );
    expect(policyDocumentReference('${jsonencode(data.aws_iam_policy_document.trust)}')).toBeUndefined();
  });
});
