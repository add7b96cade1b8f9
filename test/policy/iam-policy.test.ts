import { isWildcardAction, policyDocumentReference, statementsFromDocument, statementsFromJson } from '../../modules/policy/iam-policy';

describe('IAM policy documents', () => {
  test('read the same statements from JSON and from an aws_iam_policy_document', () => {
    const fromJson = statementsFromJson(JSON.stringify({
      Statement: {
        Action: 'sts:AssumeRole', Principal: { Service: ['ecs-tasks.amazonaws.com'] },
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    }));
    const fromDoc = statementsFromDocument({
      statement: [{
        actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] }],
      }],
    });
    expect(fromJson).toEqual(fromDoc);
  });

  test('return undefined for text that is not a JSON policy', () => {
    expect(statementsFromJson('${jsonencode(local.policy)}')).toBeUndefined();
    expect(statementsFromJson('[1]')).toBeUndefined();
  });

  test('treat "*" and "service:*" as wildcards, partial wildcards not', () => {
    expect(['*', 's3:*', 'ecr-public:*'].map(isWildcardAction)).toEqual([true, true, true]);
    expect(['s3:Get*', 'ecr:BatchGetImage', '*:Get'].map(isWildcardAction)).toEqual([false, false, false]);
  });

  test('recognize a reference to a policy document\'s JSON', () => {
    expect(policyDocumentReference('${data.aws_iam_policy_document.trust.json}')).toBe('data.aws_iam_policy_document.trust');
    expect(policyDocumentReference('${jsonencode(data.aws_iam_policy_document.trust)}')).toBeUndefined();
  });
});
