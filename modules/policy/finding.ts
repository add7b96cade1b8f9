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

interface FindingCounts {
  /** Unsuppressed errors. */
  readonly violations: number;
  /** Unsuppressed warnings. */
  readonly warnings: number;
  /** Suppressed findings, whatever their level. */
  readonly suppressed: number;
  /** Unsuppressed info findings. */
  readonly info: number;
}

function countFindings(findings: readonly PolicyFinding[]): FindingCounts {
  const unsuppressed = (level: FindingLevel): number =>
    findings.filter((f) => !f.suppressed && f.level === level).length;
  return {
    violations: unsuppressed(FindingLevel.ERROR),
    warnings: unsuppressed(FindingLevel.WARNING),
    suppressed: findings.filter((f) => f.suppressed).length,
    info: unsuppressed(FindingLevel.INFO),
  };
}

/** Where a finding goes in reports: violations, warnings, info, then suppressed findings. */
function outcomeOrder(f: PolicyFinding): number {
  return f.suppressed ? 3 : f.level === FindingLevel.ERROR ? 0 : f.level === FindingLevel.WARNING ? 1 : 2;
}

/**
 * Orders findings for reports: outcome, rule id, address, message, then the other fields (code-unit
 * order, not localeCompare: the first locale comparison loads ICU's collator, a tenth of the default
 * app's synth time). The order is total, so the same findings in any order give the same reports.
 */
function compareFindings(a: PolicyFinding, b: PolicyFinding): number {
  return (
    outcomeOrder(a) - outcomeOrder(b) ||
    compareCodeUnits(a.ruleId, b.ruleId) ||
    compareCodeUnits(a.address, b.address) ||
    compareCodeUnits(a.message, b.message) ||
    compareCodeUnits(a.constructPath, b.constructPath) ||
    compareCodeUnits(a.suppressionReason ?? '', b.suppressionReason ?? '') ||
    compareCodeUnits(a.suppressedAt ?? '', b.suppressedAt ?? '') ||
    compareCodeUnits(a.level, b.level) ||
    compareCodeUnits(a.fix, b.fix) ||
    compareCodeUnits(a.severity, b.severity) ||
    compareCodeUnits(a.stackName, b.stackName) ||
    compareCodeUnits(JSON.stringify(a.industryIds), JSON.stringify(b.industryIds))
  );
}

/**
 * The console line of a group of findings in report order (same outcome and rule, and the same fix for
 * warnings or the same reason when suppressed): a group of one prints as `formatFinding` does; a larger group gives its count, its
 * first address "and N more", that finding's message and, when suppressed, where (or at how many places).
 */
function groupLine(group: readonly PolicyFinding[]): string {
  const first = group[0]!;
  const label = (first.suppressed ? 'SUPPRESSED' : first.level).padEnd(10);
  if (group.length === 1) return `  ${label} ${formatFinding(first)}`;
  const places = new Set(group.map((f) => f.suppressedAt)).size;
  return `  ${label} ${formatFinding({
    ...first,
    address: `${group.length} findings, on ${first.address} and ${group.length - 1} more`,
    suppressedAt: places === 1 ? first.suppressedAt : `${places} places`,
  })}`;
}

/**
 * A short report of findings (what synth prints): a header with the counts, then every violation on a
 * line of its own, then warnings, info and suppressed findings grouped: findings with the same outcome
 * and rule id (warnings: and the same fix; suppressed: and the same reason) share one line that gives
 * their count, the first address "and N more" and the first finding's message. A group of one prints
 * like a violation does. `PolicyPack.findings` (and the default app's policy-report.json) hold every finding.
 */
export function formatReport(stackName: string, findings: readonly PolicyFinding[]): string {
  const c = countFindings(findings);
  const lines = [
    `Policy pack, stack "${stackName}": ${c.violations} violation(s), ${c.warnings} warning(s), ${c.suppressed} suppressed, ${c.info} info`,
  ];
  // Grouped in report order: each group's findings are in address order, and the groups in the order
  // of their first findings.
  const groups = new Map<string, PolicyFinding[]>();
  [...findings].sort(compareFindings).forEach((f, i) => {
    // Warnings of one rule collapse only when they ask for the same fix (one decision for all of them).
    const key =
      f.suppressed || f.level === FindingLevel.INFO
        ? `${outcomeOrder(f)} ${f.ruleId} ${f.suppressionReason ?? ''}`
        : f.level === FindingLevel.WARNING
          ? `${outcomeOrder(f)} ${f.ruleId} ${f.fix}`
          : `#${i}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  });
  for (const group of groups.values()) lines.push(groupLine(group));
  return lines.join('\n');
}

/**
 * Every finding of one stack as JSON, for a file next to the stack's Terraform (the default app's
 * policy-report.json): the counts, then the findings with every field, in report order (outcome, rule
 * id, address, message), pretty-printed with a trailing newline. The same findings give the same bytes.
 */
export function renderPolicyReportJson(stackName: string, findings: readonly PolicyFinding[]): string {
  const report = {
    stackName,
    ...countFindings(findings),
    // Fields in a fixed order, whatever order the finding objects were built in.
    findings: [...findings].sort(compareFindings).map((f) => ({
      ruleId: f.ruleId,
      industryIds: [...f.industryIds],
      severity: f.severity,
      level: f.level,
      stackName: f.stackName,
      address: f.address,
      constructPath: f.constructPath,
      message: f.message,
      fix: f.fix,
      suppressed: f.suppressed,
      ...(f.suppressed ? { suppressionReason: f.suppressionReason, suppressedAt: f.suppressedAt } : {}),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
