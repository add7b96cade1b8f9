/**
 * IAM policy documents in both the forms a stack holds them (pure; no constructs):
 * a JSON string (`aws_iam_policy.policy`, `aws_iam_role.assume_role_policy`, ...) or the attributes of
 * an `aws_iam_policy_document` data source. Both become the same list of statements.
 */
import { blocks, scalarText, strings } from './attributes';
import type { TerraformAttributes } from '../core/terraform-json';
import type { StackIndex } from './stack-index';

export interface PolicyPrincipal {
  /** `Service`, `AWS`, `Federated`, `CanonicalUser` or `*`. */
  readonly type: string;
  readonly identifiers: readonly string[];
}

export interface PolicyCondition {
  /** The operator, e.g. `StringEquals`. */
  readonly test: string;
  /** The context key, e.g. `aws:SourceAccount`. */
  readonly variable: string;
  readonly values: readonly string[];
}

export interface PolicyStatement {
  /** `Allow` or `Deny` (statements without an effect allow). */
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly principals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function principalsFromJson(value: unknown): PolicyPrincipal[] {
  if (value === '*') return [{ type: '*', identifiers: ['*'] }];
  const map = record(value);
  if (!map) return [];
  return Object.entries(map).map(([type, ids]) => ({ type, identifiers: strings(ids) }));
}

function conditionsFromJson(value: unknown): PolicyCondition[] {
  const map = record(value);
  if (!map) return [];
  return Object.entries(map).flatMap(([test, byKey]) =>
    Object.entries(record(byKey) ?? {}).map(([variable, values]) => ({ test, variable, values: strings(values) })),
  );
}

/**
 * Statements of a JSON policy document; undefined when `text` is not a JSON policy (for instance a
 * Terraform expression such as `${jsonencode(...)}`).
 * @param index when given, each text is parsed once per index (many roles share one trust policy; the
 *   statements are then shared: do not change them); without it, on every call
 */
export function statementsFromJson(text: string, index?: StackIndex): readonly PolicyStatement[] | undefined {
  return index ? index.derived(parseStatements, text) : parseStatements(text);
}

function parseStatements(text: string): PolicyStatement[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const doc = record(parsed);
  if (!doc) return undefined;
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list
    .map(record)
    .filter((s): s is Record<string, unknown> => s !== undefined)
    .map((s) => ({
      effect: typeof s.Effect === 'string' ? s.Effect : 'Allow',
      actions: strings(s.Action),
      notActions: strings(s.NotAction),
      principals: principalsFromJson(s.Principal),
      conditions: conditionsFromJson(s.Condition),
    }));
}

/** Statements of an `aws_iam_policy_document` data source's attributes. */
export function statementsFromDocument(attributes: TerraformAttributes): PolicyStatement[] {
  return blocks(attributes.statement).map((s) => ({
    effect: typeof s.effect === 'string' ? s.effect : 'Allow',
    actions: strings(s.actions),
    notActions: strings(s.not_actions),
    principals: blocks(s.principals).map((p) => ({ type: scalarText(p.type), identifiers: strings(p.identifiers) })),
    conditions: blocks(s.condition).map((c) => ({
      test: scalarText(c.test),
      variable: scalarText(c.variable),
      values: strings(c.values),
    })),
  }));
}

/** True for an action that grants everything, or everything of one service: `*`, `s3:*`. */
export function isWildcardAction(action: string): boolean {
  return /^\s*(\*|[A-Za-z0-9-]+:\*)\s*$/.test(action);
}

/** True when the statement allows (rather than denies). */
export function isAllow(statement: PolicyStatement): boolean {
  return statement.effect.toLowerCase() !== 'deny';
}

/** When `value` is exactly a reference to an `aws_iam_policy_document`'s JSON, that data source's address. */
export function policyDocumentReference(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z_][A-Za-z0-9_-]*)\.(json|minified_json)\}$/.exec(value.trim());
  return m?.[1];
}
