/**
 * Suppressions: a rule that does not apply to one resource, with the written reason why.
 *
 * A suppression is declared on a construct and covers the resources at or below it: on the resource
 * itself (preferred), or on a construct that groups resources (every resource in it). The nearest
 * declaration wins; on one construct, the last. Users declare theirs with `PolicyPack.suppress`,
 * which checks the rule id at once, so a typo fails instead of silently suppressing nothing.
 * Constructs declare the design conflicts they make on purpose with core's
 * `declarePolicySuppression` (they cannot import this module); those rule ids are checked when the
 * pack checks a stack (`unknownRuleProblems`).
 *
 * Both are stored in construct metadata by core (modules/core/policy-suppression.ts): one store,
 * one precedence, whoever declared.
 */
import type { IConstruct } from 'constructs';
import {
  declarePolicySuppression,
  describeValue,
  findPolicySuppression,
  policySuppressionProblems,
  policySuppressionsOn,
  ProblemCollector,
  RULE_ID_FORMAT,
  type PolicySuppression,
  type Problem,
} from '../core';

export { MIN_REASON_LENGTH } from '../core';
export type { PolicySuppression } from '../core';

const knownRuleIds = new Set<string>();

/** Makes rule ids known to `addSuppression` (the pack registers its rules). */
export function registerRuleIds(ids: Iterable<string>): void {
  for (const id of ids) knownRuleIds.add(id);
}

/** The rule ids suppressions may name. */
export function registeredRuleIds(): string[] {
  return [...knownRuleIds].sort();
}

function unknownRuleProblem(ruleId: unknown, path: string): Problem {
  const id = typeof ruleId === 'string' ? ruleId.trim() : ruleId;
  return {
    code: 'POLICY_SUPPRESSION_RULE_UNKNOWN',
    path,
    received: describeValue(ruleId),
    allowed: `the id of a rule of the pack: ${registeredRuleIds().join(', ')}`,
    fix:
      typeof id === 'string' && RULE_ID_FORMAT.test(id)
        ? 'check the spelling against docs/security.md; for a custom rule, create the PolicyPack that runs it before suppressing it'
        : 'use a rule id as printed in the finding, e.g. "AWSVPC-SG-002"',
  };
}

/** Declares a suppression; throws a ValidationError for an unknown rule id or a missing or too short reason. */
export function addSuppression(scope: IConstruct, ruleId: string, reason: string): void {
  const problems = new ProblemCollector();
  const id = typeof ruleId === 'string' ? ruleId.trim() : ruleId;
  if (!knownRuleIds.has(id as string)) problems.add(unknownRuleProblem(ruleId, 'PolicyPack.suppress(ruleId)'));
  // The format problem is the unknown-rule problem above, with a less helpful message.
  policySuppressionProblems(ruleId, reason, 'PolicyPack.suppress')
    .filter((p) => p.code !== 'POLICY_SUPPRESSION_RULE_UNKNOWN')
    .forEach((p) => problems.add(p));
  problems.throwIfAny(scope);
  declarePolicySuppression(scope, id as string, reason);
}

/** Suppressions declared on `scope` itself, by users and by constructs, in declaration order. */
export function suppressionsOn(scope: IConstruct): readonly PolicySuppression[] {
  return policySuppressionsOn(scope);
}

/** The suppression of `ruleId` that covers `construct`: declared on it or on its nearest scope. */
export function findSuppression(construct: IConstruct, ruleId: string): PolicySuppression | undefined {
  return findPolicySuppression(construct, ruleId);
}

/**
 * One problem per suppression declared on `constructs` that names a rule no pack knows (constructs
 * declare theirs without the pack to check them), naming where it was declared.
 */
export function unknownRuleProblems(constructs: Iterable<IConstruct>): Problem[] {
  const out: Problem[] = [];
  for (const c of constructs) {
    for (const s of policySuppressionsOn(c)) {
      if (!knownRuleIds.has(s.ruleId))
        out.push(unknownRuleProblem(s.ruleId, `${s.constructPath || '<app>'}: suppression of ${s.ruleId}`));
    }
  }
  return out;
}
