/**
 * What the capacity model tells the user: plain, JSON-serializable diagnostics. Errors become a
 * ValidationError (synth fails); warnings are printed and written to the capacity report.
 */
import { ValidationError, type Problem, type ValidationScope } from '../core/validation-error';

/** How serious a diagnostic is. */
export enum DiagnosticSeverity {
  /** The design cannot work as configured: synth fails (see `throwOnCapacityErrors`). */
  ERROR = 'error',
  /** The design works but is tight, or the model cannot verify it: printed and reported. */
  WARNING = 'warning',
}

/**
 * One finding of a budget or pre-flight check. It carries the fields of a core `Problem` (so that
 * errors turn into a ValidationError unchanged) plus the severity and a one-paragraph message.
 */
export interface CapacityDiagnostic {
  readonly severity: DiagnosticSeverity;
  /** Stable code, `CAPACITY_...`. */
  readonly code: string;
  /** What the finding is about, e.g. `capacityProviders["web"]` or `subnets["private-a"]`. */
  readonly path: string;
  /** The whole finding in one paragraph, with its numbers and the ways out. */
  readonly message: string;
  /** The value found (with its numbers). */
  readonly received: string;
  /** What would be within the limits. */
  readonly allowed: string;
  /** The ways out. */
  readonly fix: string;
}

/** `fix` as a sentence: capital first letter, final period. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.?!]$/.test(capital) ? capital : `${capital}.`;
}

/** Builds a diagnostic; the message is the summary followed by the fix, so that it reads on its own. */
export function diagnostic(severity: DiagnosticSeverity, problem: Problem, summary: string): CapacityDiagnostic {
  return {
    severity,
    code: problem.code,
    path: problem.path,
    message: `${summary} ${sentence(problem.fix)}`,
    received: problem.received,
    allowed: problem.allowed,
    fix: problem.fix,
  };
}

/** The errors among `diagnostics`. */
export function capacityErrors(diagnostics: readonly CapacityDiagnostic[]): CapacityDiagnostic[] {
  return diagnostics.filter((d) => d.severity === DiagnosticSeverity.ERROR);
}

/** The warnings among `diagnostics`. */
export function capacityWarnings(diagnostics: readonly CapacityDiagnostic[]): CapacityDiagnostic[] {
  return diagnostics.filter((d) => d.severity === DiagnosticSeverity.WARNING);
}

/**
 * Throws one ValidationError carrying every error diagnostic (in order) as a problem; does nothing
 * when there are only warnings. `scope`: the construct that ran the check (its path goes into the message).
 */
export function throwOnCapacityErrors(diagnostics: readonly CapacityDiagnostic[], scope?: ValidationScope): void {
  const errors = capacityErrors(diagnostics);
  if (errors.length === 0) return;
  throw new ValidationError(
    errors.map((d): Problem => ({
      code: d.code,
      path: d.path,
      received: d.received,
      allowed: d.allowed,
      fix: d.fix,
    })),
    scope,
  );
}

/** Renders a diagnostic on one line for a terminal: `warning CAPACITY_X capacityProviders["web"]: message`. */
export function formatDiagnostic(d: CapacityDiagnostic): string {
  return `${d.severity} ${d.code} ${d.path}: ${d.message}`;
}

/** Status of a budget, from best to worst. */
export enum BudgetStatus {
  /** Fits with at least 20% to spare. */
  OK = 'ok',
  /** Fits with less than 20% to spare, or could not be fully verified. */
  WARNING = 'warning',
  /** Does not fit. */
  ERROR = 'error',
  /** Cannot be computed at synth time (an instance type the table does not know, a size that is a token). */
  UNKNOWN = 'unknown',
}

const STATUS_ORDER: readonly BudgetStatus[] = [
  BudgetStatus.OK,
  BudgetStatus.UNKNOWN,
  BudgetStatus.WARNING,
  BudgetStatus.ERROR,
];

/** The worse of several statuses (ok < unknown < warning < error). */
export function worstStatus(statuses: Iterable<BudgetStatus>): BudgetStatus {
  let worst = BudgetStatus.OK;
  for (const s of statuses) if (STATUS_ORDER.indexOf(s) > STATUS_ORDER.indexOf(worst)) worst = s;
  return worst;
}

/** Headroom below this fraction of capacity gets a warning (the issue: "under 20% headroom"). */
export const HEADROOM_WARNING_THRESHOLD = 0.2;

/** Formats a fraction as a whole percentage, rounded down so that 19.9% never shows as 20%. */
export function formatPercent(fraction: number): string {
  return `${Math.floor(fraction * 100 + 1e-9)}%`;
}
