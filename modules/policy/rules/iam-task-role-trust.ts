import { isExpression } from '../attributes';
import {
  isAllow,
  PolicyStatement,
  policyDocumentReference,
  statementsFromDocument,
  statementsFromJson,
} from '../iam-policy';
import { PolicyRule, RuleResult, Severity, violation, warning } from '../rule';
import type { StackIndex } from '../stack-index';

const ECS_TASKS = 'ecs-tasks.amazonaws.com';

function trustStatements(value: unknown, index: StackIndex): readonly PolicyStatement[] | string {
  const docAddress = policyDocumentReference(value);
  if (docAddress) {
    const doc = index.get(docAddress);
    return doc
      ? statementsFromDocument(doc.attributes)
      : `assume_role_policy refers to ${docAddress}, which is not in this stack`;
  }
  if (typeof value !== 'string') return 'assume_role_policy is missing';
  const statements = statementsFromJson(value, index);
  if (statements) return statements;
  return isExpression(value)
    ? 'assume_role_policy is a Terraform expression, only known at apply time, so it cannot be checked at synth time'
    : 'assume_role_policy is not a JSON policy document';
}

function trustsEcsTasks(s: PolicyStatement): boolean {
  return s.principals.some((p) => p.type === 'Service' && p.identifiers.includes(ECS_TASKS));
}

/** AWSVPC-IAM-001: task roles trust only ecs-tasks.amazonaws.com, for this account only. */
export const iamTaskRoleTrust: PolicyRule = {
  id: 'AWSVPC-IAM-001',
  industryIds: [],
  severity: Severity.MEDIUM,
  summary:
    'Roles used as task_role_arn or execution_role_arn trust only ecs-tasks.amazonaws.com, with an aws:SourceAccount condition.',
  explanation: [
    'A role named by a task definition is assumed by the ECS tasks service on behalf of the task. Without an',
    'aws:SourceAccount condition, the service could be made to assume it on behalf of a task in another account (the',
    '"confused deputy"); trusting other principals as well lets them act as the task. The rule finds the roles a',
    'task definition names (task_role_arn, execution_role_arn) and reads their assume_role_policy, as a JSON string',
    'or from the aws_iam_policy_document data source it refers to. An assume_role_policy built by a Terraform',
    'expression cannot be read before apply and is reported as a warning.',
  ].join(' '),
  fix: 'trust only { Service = "ecs-tasks.amazonaws.com" } and add the condition StringEquals aws:SourceAccount = <account id> (e.g. from data.aws_caller_identity)',
  appliesTo: ['aws_iam_role'],
  check(subject, index) {
    const users = index
      .referrers(subject.address, 'aws_ecs_task_definition')
      .filter(
        (t) =>
          index.refersTo(t.attributes.task_role_arn, subject.address) ||
          index.refersTo(t.attributes.execution_role_arn, subject.address),
      );
    if (users.length === 0) return [];
    const usedBy = `used by ${users.map((u) => u.address).join(', ')}`;
    const statements = trustStatements(subject.attributes.assume_role_policy, index);
    if (typeof statements === 'string') return [warning(`${usedBy}: ${statements}`)];
    const allows = statements.filter(isAllow);
    const results: RuleResult[] = [];
    if (!allows.some(trustsEcsTasks))
      results.push(violation(`${usedBy}, but its trust policy does not trust ${ECS_TASKS}`));
    for (const s of allows) {
      const others = s.principals.flatMap((p) =>
        p.identifiers.filter((id) => !(p.type === 'Service' && id === ECS_TASKS)).map((id) => `${p.type} ${id}`),
      );
      if (others.length > 0)
        results.push(violation(`${usedBy}, but its trust policy also trusts ${others.join(', ')}`));
      if (trustsEcsTasks(s) && !s.conditions.some((c) => c.variable.toLowerCase() === 'aws:sourceaccount')) {
        results.push(violation(`${usedBy}, but its trust of ${ECS_TASKS} has no aws:SourceAccount condition`));
      }
    }
    return results;
  },
};
