/**
 * The one error type of the library.
 *
 * Every failure a user can cause carries a stable `code` (documented, safe to match on in scripts and
 * tests) and says four things: which property or configuration key (`path`), the value received, what
 * is allowed, and how to fix it. One error may carry several problems (configuration validation
 * reports every problem at once); `code`, `path`, `received`, `allowed` and `fix` are the first one's.
 */

/** One problem found in the user's input. */
export interface Problem {
  /** Stable code, UPPER_SNAKE_CASE, prefixed with the module (`NETWORK_CIDR_INVALID`). */
  readonly code: string;
  /** The property or configuration key at fault, e.g. `Network.vpcCidr` or `services[0].desiredCount`. */
  readonly path: string;
  /** The value received, rendered for humans. */
  readonly received: string;
  /** What is allowed. */
  readonly allowed: string;
  /** How to fix it. */
  readonly fix: string;
}

const CODE_FORMAT = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

/** Renders any value for an error message: strings quoted, objects as JSON, long values cut. */
export function describeValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Formats one problem on one line: `[CODE] path: received X; allowed: Y. Fix: Z` */
export function formatProblem(p: Problem): string {
  const allowed = p.allowed.replace(/\.+$/, '');
  return `[${p.code}] ${p.path}: received ${p.received}; allowed: ${allowed}. Fix: ${p.fix}`;
}

export class ValidationError extends Error {
  /** Narrowing helper that also works across bundles (where `instanceof` can fail). */
  public static isValidationError(x: unknown): x is ValidationError {
    return typeof x === 'object' && x !== null && (x as { name?: unknown }).name === 'ValidationError' &&
      Array.isArray((x as { problems?: unknown }).problems);
  }

  /** Every problem found; at least one. */
  public readonly problems: readonly Problem[];
  public readonly code: string;
  public readonly path: string;
  public readonly received: string;
  public readonly allowed: string;
  public readonly fix: string;

  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? [...(problems as readonly Problem[])] : [problems as Problem];
    if (list.length === 0) {
      throw new TypeError('ValidationError needs at least one problem');
    }
    for (const p of list) {
      if (!CODE_FORMAT.test(p.code)) {
        throw new TypeError(`ValidationError code ${JSON.stringify(p.code)} is not UPPER_SNAKE_CASE with a module prefix`);
      }
    }
    super(list.map(formatProblem).join('\n'));
    this.name = 'ValidationError';
    this.problems = list;
    const first = list[0]!;
    this.code = first.code;
    this.path = first.path;
    this.received = first.received;
    this.allowed = first.allowed;
    this.fix = first.fix;
  }
}

/**
 * Collects problems so that a constructor or a configuration check can report all of them at once.
 *
 * ```ts
 * const problems = new ProblemCollector();
 * problems.check(min <= max, { code: 'COMPUTE_ASG_MIN_ABOVE_MAX', ... });
 * problems.throwIfAny();
 * ```
 */
export class ProblemCollector {
  private readonly list: Problem[] = [];

  /** Records `problem` unless `ok` holds. Returns `ok`. */
  public check(ok: boolean, problem: Problem | (() => Problem)): boolean {
    if (!ok) this.add(typeof problem === 'function' ? problem() : problem);
    return ok;
  }

  public add(problem: Problem): void {
    this.list.push(problem);
  }

  /** Runs `fn`, recording the problems of any ValidationError it throws; rethrows anything else. */
  public collect<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (ValidationError.isValidationError(e)) {
        e.problems.forEach((p) => this.add(p));
        return undefined;
      }
      throw e;
    }
  }

  public get problems(): readonly Problem[] {
    return this.list;
  }

  public throwIfAny(): void {
    if (this.list.length > 0) throw new ValidationError(this.list);
  }
}
