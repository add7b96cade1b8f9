/**
 * Suppressions: a rule that does not apply to one resource, with the written reason why.
 *
 * A suppression is declared on a construct and covers the resources at or below it: on the resource
 * itself (preferred), or on a construct that groups resources (every resource in it). The nearest
 * declaration wins. Rule ids are checked when the suppression is declared, so a typo fails at once
 * instead of silently suppressing nothing.
 */
import type { IConstruct } from 'constructs';
import { describeValue, ProblemCollector } from '../core';
import { RULE_ID_FORMAT } from './rule';

/** One declared suppression. */
export interface PolicySuppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Construct path where it was declared. */
  readonly constructPath: string;
}

/** The shortest reason accepted (cdk-nag asks for 10 characters too): "ok" explains nothing. */
export const MIN_REASON_LENGTH = 10;

const declared = new WeakMap<IConstruct, PolicySuppression[]>();
const knownRuleIds = new Set<string>();

/** Makes rule ids known to `addSuppression` (the pack registers its rules). */
export function registerRuleIds(ids: Iterable<string>): void {
  for (const id of ids) knownRuleIds.add(id);
}

/** The rule ids suppressions may name. */
export function registeredRuleIds(): string[] {
  return [...knownRuleIds].sort();
}

/** Declares a suppression; throws a ValidationError for an unknown rule id or a missing or too short reason. */
export function addSuppression(scope: IConstruct, ruleId: string, reason: string): void {
  const problems = new ProblemCollector();
  const id = typeof ruleId === 'string' ? ruleId.trim() : ruleId;
  problems.check(typeof id === 'string' && knownRuleIds.has(id), () => ({
    code: 'POLICY_SUPPRESSION_RULE_UNKNOWN',
    path: 'PolicyPack.suppress(ruleId)',
    received: describeValue(ruleId),
    allowed: `the id of a rule of the pack: ${registeredRuleIds().join(', ')}`,
    fix: typeof id === 'string' && RULE_ID_FORMAT.test(id)
      ? 'check the spelling against docs/security.md; for a custom rule, create the PolicyPack that runs it before suppressing it'
      : 'use a rule id as printed in the finding, e.g. "AWSVPC-SG-002"',
  }));
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!problems.check(text.length > 0, () => ({
    code: 'POLICY_SUPPRESSION_REASON_MISSING',
    path: 'PolicyPack.suppress(reason)',
    received: describeValue(reason),
    allowed: 'a written reason why the rule does not apply to this resource',
    fix: 'say why the risk is accepted, e.g. "tasks pull images from ECR over HTTPS through the NAT gateway"',
  }))) {
    problems.throwIfAny();
  }
  problems.check(text.length >= MIN_REASON_LENGTH, () => ({
    code: 'POLICY_SUPPRESSION_REASON_TOO_SHORT',
    path: 'PolicyPack.suppress(reason)',
    received: describeValue(reason),
    allowed: `a reason of at least ${MIN_REASON_LENGTH} characters`,
    fix: 'write a sentence a reviewer can check, e.g. "ECS Exec is enabled for debugging and needs a writable root filesystem"',
  }));
  problems.throwIfAny();
  const list = declared.get(scope) ?? [];
  list.push({ ruleId: id as string, reason: text, constructPath: scope.node.path });
  declared.set(scope, list);
}

/** Suppressions declared on `scope` itself. */
export function suppressionsOn(scope: IConstruct): readonly PolicySuppression[] {
  return declared.get(scope) ?? [];
}

/** The suppression of `ruleId` that covers `construct`: declared on it or on its nearest scope. */
export function findSuppression(construct: IConstruct, ruleId: string): PolicySuppression | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const hit = declared.get(scopes[i]!)?.find((s) => s.ruleId === ruleId);
    if (hit) return hit;
  }
  return undefined;
}
