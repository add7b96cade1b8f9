/**
 * The shape of a policy rule (house style after cdk-nag: one rule per file, a stable id, the industry
 * rules it corresponds to, a severity, a one-line summary and an explanation).
 *
 * Rules inspect Terraform resources as they are synthesized (resource type and snake_case attributes,
 * with references rendered as `${aws_vpc.main.id}`), never our own constructs: they work on any cdktf
 * stack, whoever built it. This file creates no constructs.
 */
import type { PolicySubject, StackIndex } from './stack-index';

/** How bad a violation of the rule is (the scale checkov, trivy and Security Hub use). */
export enum Severity {
  CRITICAL = 'CRITICAL',
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

/** What a finding does to synth. */
export enum FindingLevel {
  /** A violation: an error annotation that fails synth unless suppressed. */
  ERROR = 'ERROR',
  /** Reported as a warning annotation; synth goes on (e.g. an image tagged `latest`, or a value that cannot be checked before apply). */
  WARNING = 'WARNING',
  /** Reported as an info annotation (e.g. an optional hardening that is not used). */
  INFO = 'INFO',
}

/** One thing a rule found on one subject. */
export interface RuleResult {
  readonly level: FindingLevel;
  /** What is wrong, in one sentence, naming the attribute (e.g. `metadata_options.http_tokens is "optional"`). */
  readonly message: string;
  /**
   * How to fix this particular finding.
   * @default - the rule's `fix`
   */
  readonly fix?: string;
}

/** A policy rule. Implementations live one per file under `rules/`. */
export interface PolicyRule {
  /** Stable id, `AWSVPC-<AREA>-<NNN>`; what suppressions name. Never reused for another meaning. */
  readonly id: string;
  /** Ids of the industry rules this one corresponds to (checkov `CKV_AWS_*`, trivy `AVD-AWS-*`, cdk-nag `AwsSolutions-*`); empty when none is known. */
  readonly industryIds: readonly string[];
  readonly severity: Severity;
  /** One line: what must hold. */
  readonly summary: string;
  /** Why it matters, and where the rule's edges are. */
  readonly explanation: string;
  /** How to fix a violation, in general. */
  readonly fix: string;
  /** Terraform types the rule inspects: `aws_vpc`, or `data.aws_iam_policy_document` for data sources. */
  readonly appliesTo: readonly string[];
  /**
   * Inspects one subject whose `typeKey` is in `appliesTo`. `index` holds every resource and data source
   * of the stack, for rules that need context (which security groups a load balancer uses, which roles
   * a task definition names). Returns nothing when the subject complies.
   */
  check(subject: PolicySubject, index: StackIndex): readonly RuleResult[];
}

/** A violation (fails synth unless suppressed). */
export function violation(message: string, fix?: string): RuleResult {
  return { level: FindingLevel.ERROR, message, fix };
}

/** A warning (reported; synth goes on). */
export function warning(message: string, fix?: string): RuleResult {
  return { level: FindingLevel.WARNING, message, fix };
}

/** An informational finding. */
export function info(message: string, fix?: string): RuleResult {
  return { level: FindingLevel.INFO, message, fix };
}

/** The format of rule ids (defined in core, where constructs declare suppressions). */
export { RULE_ID_FORMAT } from '../core/policy-suppression';
