import { blocks, isExpression } from '../attributes';
import {
  isAllow,
  isWildcardAction,
  PolicyStatement,
  policyDocumentReference,
  statementsFromDocument,
  statementsFromJson,
} from '../iam-policy';
import { PolicyRule, RuleResult, Severity, violation, warning } from '../rule';
import type { StackIndex } from '../stack-index';

function wildcards(statements: readonly PolicyStatement[], where: string): RuleResult[] {
  const results: RuleResult[] = [];
  statements.forEach((s, i) => {
    if (!isAllow(s)) return;
    const wild = s.actions.filter(isWildcardAction);
    if (wild.length > 0)
      results.push(
        violation(
          `${where}statement ${i} allows wildcard action${wild.length > 1 ? 's' : ''} ${wild.map((w) => JSON.stringify(w)).join(', ')}`,
        ),
      );
    if (s.notActions.length > 0)
      results.push(
        violation(
          `${where}statement ${i} allows everything except ${s.notActions.map((w) => JSON.stringify(w)).join(', ')} (NotAction with Allow)`,
        ),
      );
  });
  return results;
}

function checkJson(value: unknown, where: string, index: StackIndex): RuleResult[] {
  if (typeof value !== 'string' || policyDocumentReference(value)) return []; // data sources are checked on their own
  const statements = statementsFromJson(value, index);
  if (statements) return wildcards(statements, where);
  return isExpression(value)
    ? [
        warning(
          `${where}policy is a Terraform expression, only known at apply time, so its actions cannot be checked at synth time`,
        ),
      ]
    : [];
}

/** AWSVPC-IAM-002: our own policies name their actions. */
export const iamNoWildcardActions: PolicyRule = {
  id: 'AWSVPC-IAM-002',
  industryIds: ['CKV_AWS_63', 'AVD-AWS-0057', 'AwsSolutions-IAM5'],
  severity: Severity.HIGH,
  summary:
    'IAM policies defined in the stack allow no wildcard actions ("*" or "service:*") and no Allow with NotAction.',
  explanation: [
    'A wildcard action grants every present and future action of a service (or of AWS): the role can do far more than',
    'the task needs, and an attacker who obtains its credentials can too. Name the actions. The rule reads the policies',
    'the stack defines: aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, the',
    'inline_policy blocks of aws_iam_role, and aws_iam_policy_document data sources. AWS managed policies are not in',
    'the stack and are not checked. Deny statements may use wildcards. Partial wildcards such as "s3:Get*" are',
    'accepted. Wildcard resources are a separate concern (some actions, such as ecr:GetAuthorizationToken, only take',
    '"*") and are not checked.',
  ].join(' '),
  fix: 'list the actions the principal needs (e.g. "ecr:BatchGetImage", "logs:PutLogEvents") instead of "*" or "service:*"',
  appliesTo: [
    'aws_iam_policy',
    'aws_iam_role_policy',
    'aws_iam_user_policy',
    'aws_iam_group_policy',
    'aws_iam_role',
    'data.aws_iam_policy_document',
  ],
  check(subject, index) {
    const a = subject.attributes;
    if (subject.isDataSource) return wildcards(statementsFromDocument(a), '');
    if (subject.type === 'aws_iam_role') {
      return blocks(a.inline_policy).flatMap((p, i) =>
        checkJson(p.policy, `inline_policy[${i}]${typeof p.name === 'string' ? ` (${p.name})` : ''} `, index),
      );
    }
    return checkJson(a.policy, '', index);
  },
};
