/**
 * Policy suppressions: "rule R does not apply to the resources at or below this construct, because ...".
 *
 * Declared here, in `core`, so that constructs can state the design conflicts they make on purpose
 * (HTTPS egress to AWS endpoints, a writable root filesystem for ECS Exec) where they make them, with
 * their reason, without importing the policy pack (a read-only view to their right). Users declare
 * theirs with `PolicyPack.suppress`, which stores them the same way after checking the rule id
 * against the pack's rules. The pack reads them when it checks a stack, reports the findings they
 * cover as suppressed with their reasons, and fails on a declaration that names no rule it knows.
 *
 * Storage: construct metadata (type `POLICY_SUPPRESSION_METADATA`), the way cdk-nag's
 * `NagSuppressions` keeps `rules_to_suppress` in resource metadata. cdktf writes only annotation
 * metadata to its manifest, so these entries change no output.
 */
import type { IConstruct } from 'constructs';
import { describeValue, ProblemCollector, type Problem } from './validation-error';

/** The construct metadata type that holds one policy suppression. */
export const POLICY_SUPPRESSION_METADATA = 'awsvpc-ecs:policy-suppression';

/** The format of policy rule ids: upper-case words joined by dashes, e.g. `AWSVPC-EC2-001`. */
export const RULE_ID_FORMAT = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

/** The shortest reason accepted (cdk-nag asks for 10 characters too): "ok" explains nothing. */
export const MIN_REASON_LENGTH = 10;

/** One declared suppression. */
export interface PolicySuppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Construct path where it was declared. */
  readonly constructPath: string;
}

interface StoredSuppression {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * The problems of a suppression's rule id (its format only: which rules exist is the policy pack's
 * to say) and reason, for messages that name `call` (e.g. `PolicyPack.suppress`). A missing reason
 * is reported alone, not also as too short.
 */
export function policySuppressionProblems(ruleId: unknown, reason: unknown, call: string): Problem[] {
  const problems = new ProblemCollector();
  problems.check(typeof ruleId === 'string' && RULE_ID_FORMAT.test(ruleId.trim()), () => ({
    code: 'POLICY_SUPPRESSION_RULE_UNKNOWN',
    path: `${call}(ruleId)`,
    received: describeValue(ruleId),
    allowed: 'a rule id: upper-case words joined by dashes, e.g. "AWSVPC-SG-002"',
    fix: 'use a rule id as printed in the finding, e.g. "AWSVPC-SG-002"',
  }));
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (
    problems.check(text.length > 0, () => ({
      code: 'POLICY_SUPPRESSION_REASON_MISSING',
      path: `${call}(reason)`,
      received: describeValue(reason),
      allowed: 'a written reason why the rule does not apply to this resource',
      fix: 'say why the risk is accepted, e.g. "tasks pull images from ECR over HTTPS through the NAT gateway"',
    }))
  ) {
    problems.check(text.length >= MIN_REASON_LENGTH, () => ({
      code: 'POLICY_SUPPRESSION_REASON_TOO_SHORT',
      path: `${call}(reason)`,
      received: describeValue(reason),
      allowed: `a reason of at least ${MIN_REASON_LENGTH} characters`,
      fix: 'write a sentence a reviewer can check, e.g. "ECS Exec is enabled for debugging and needs a writable root filesystem"',
    }));
  }
  return [...problems.problems];
}

/**
 * Declares that policy rule `ruleId` does not apply to the resources at or below `scope`, for the
 * written `reason`. For constructs that weaken a check on purpose; the findings it covers are still
 * reported, as suppressed, with the reason. Throws a ValidationError when the rule id is not in the
 * rule id format or the reason is missing or shorter than `MIN_REASON_LENGTH`; the policy pack fails
 * when it checks a stack where a declaration names a rule it does not know.
 */
export function declarePolicySuppression(scope: IConstruct, ruleId: string, reason: string): void {
  const problems = new ProblemCollector();
  policySuppressionProblems(ruleId, reason, `declarePolicySuppression(${scope.node.path || '<app>'}, ...)`).forEach(
    (p) => problems.add(p),
  );
  problems.throwIfAny(scope);
  const entry: StoredSuppression = { ruleId: ruleId.trim(), reason: reason.trim() };
  scope.node.addMetadata(POLICY_SUPPRESSION_METADATA, entry);
}

/** The suppressions declared on `scope` itself, in declaration order. */
export function policySuppressionsOn(scope: IConstruct): readonly PolicySuppression[] {
  const out: PolicySuppression[] = [];
  for (const m of scope.node.metadata) {
    if (m.type !== POLICY_SUPPRESSION_METADATA) continue;
    const { ruleId, reason } = m.data as StoredSuppression;
    out.push({ ruleId, reason, constructPath: scope.node.path });
  }
  return out;
}

/**
 * The suppression of `ruleId` that covers `construct`: the one declared on the construct itself or
 * on its nearest scope; on one construct, the last declaration wins (so an app can restate a
 * construct's own declaration with its reason).
 */
export function findPolicySuppression(construct: IConstruct, ruleId: string): PolicySuppression | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const here = policySuppressionsOn(scopes[i]!).filter((s) => s.ruleId === ruleId);
    if (here.length > 0) return here[here.length - 1];
  }
  return undefined;
}
