/**
 * Findings: what the policy pack reports, one per rule result (pure; no constructs).
 */
import { FindingLevel, Severity } from './rule';

/** One rule result on one resource, after suppressions. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly industryIds: readonly string[];
  readonly severity: Severity;
  readonly level: FindingLevel;
  /** The stack's construct id. */
  readonly stackName: string;
  /** Terraform address of the resource or data source (`aws_launch_template.instances`). */
  readonly address: string;
  /** Construct path of the resource (`platform/cluster/launch-template`). */
  readonly constructPath: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** True when a suppression with a written reason covers this finding. */
  readonly suppressed: boolean;
  /**
   * The suppression's reason.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
  /**
   * Construct path where the suppression was declared (the resource or one of its scopes).
   * @default - not suppressed
   */
  readonly suppressedAt?: string;
}

/** The call that suppresses `ruleId`, for messages. */
export function suppressionHint(ruleId: string): string {
  return `PolicyPack.suppress(<construct>, '${ruleId}', '<why this is acceptable>')`;
}

/**
 * The one-line message of a finding, as annotations and the console show it:
 * `[AWSVPC-EC2-001] aws_launch_template.lt: <what is wrong>. Fix: <fix>. To accept the risk: PolicyPack.suppress(...)`
 */
export function formatFinding(f: PolicyFinding): string {
  const ids = f.industryIds.length > 0 ? ` (${f.industryIds.join(', ')})` : '';
  const head = `[${f.ruleId}] ${f.address}: ${f.message.replace(/\.$/, '')}.`;
  if (f.suppressed) {
    return `${head} Suppressed at ${f.suppressedAt}: ${f.suppressionReason}`;
  }
  if (f.level === FindingLevel.INFO) return `${head} Optional: ${f.fix.replace(/\.$/, '')}.${ids}`;
  return `${head} Fix: ${f.fix.replace(/\.$/, '')}.${ids} To accept the risk instead, ${suppressionHint(f.ruleId)}.`;
}

/** A short report of findings: one line per finding, grouped by outcome (what synth prints). */
export function formatReport(stackName: string, findings: readonly PolicyFinding[]): string {
  const count = (p: (f: PolicyFinding) => boolean): number => findings.filter(p).length;
  const errors = count((f) => !f.suppressed && f.level === FindingLevel.ERROR);
  const warnings = count((f) => !f.suppressed && f.level === FindingLevel.WARNING);
  const infos = count((f) => !f.suppressed && f.level === FindingLevel.INFO);
  const suppressed = count((f) => f.suppressed);
  const lines = [`Policy pack, stack "${stackName}": ${errors} violation(s), ${warnings} warning(s), ${suppressed} suppressed, ${infos} info`];
  const order = (f: PolicyFinding): number => (f.suppressed ? 3 : f.level === FindingLevel.ERROR ? 0 : f.level === FindingLevel.WARNING ? 1 : 2);
  // Code-unit order, not localeCompare: the first locale comparison loads ICU's collator, a tenth of
  // the default app's synth time.
  const sorted = [...findings].sort((a, b) => order(a) - order(b) || compareCodeUnits(a.ruleId, b.ruleId) || compareCodeUnits(a.address, b.address));
  for (const f of sorted) {
    const label = f.suppressed ? 'SUPPRESSED' : f.level;
    lines.push(`  ${label.padEnd(10)} ${formatFinding(f)}`);
  }
  return lines.join('\n');
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
