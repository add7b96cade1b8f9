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
  /** Stable code, UPPER_SNAKE_CASE, prefixed with the module (`NETWORK_VPC_CIDR_INVALID`). */
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

/** Marks ValidationErrors, from any copy of this library (AWS CDK's errors are recognised the same way). */
const VALIDATION_ERROR = Symbol.for('awsvpc-ecs.ValidationError');

/** Set `AWSVPC_ERROR_STACK_TRACES=1` to keep the JavaScript stack trace of ValidationErrors (for debugging the library). */
const KEEP_STACK_TRACES = 'AWSVPC_ERROR_STACK_TRACES';

/** What `ValidationError` needs of a construct: its path in the tree. */
export interface ValidationScope {
  readonly node: { readonly path: string };
}

/**
 * A user's mistake: one or more problems, each on one line, and where in the construct tree it was
 * found (`constructPath`, added to every line as ` (at platform/api/task)`).
 *
 * Its `stack` holds only `ValidationError: <message>`: the problem is in the app's props, not in the
 * library's code, so an app that does not catch it (`cdktf synth` runs the app and shows what it
 * printed) shows each problem once, without a stack trace. The problems and their fields are not
 * enumerable, so that Node does not print them a second time after the message.
 */
export class ValidationError extends Error {
  /** True for a ValidationError of any copy of this library (where `instanceof` can fail: two installs, a bundle). */
  public static isValidationError(x: unknown): x is ValidationError {
    return typeof x === 'object' && x !== null && VALIDATION_ERROR in x;
  }

  /** Every problem found; at least one. */
  declare public readonly problems: readonly Problem[];
  /** Path of the construct that found the problems (`platform/api/task`); undefined when none did. */
  declare public readonly constructPath: string | undefined;

  /**
   * @param problems what is wrong, one entry per problem
   * @param scope the construct that found them (constructs pass `this`)
   */
  constructor(problems: Problem | readonly Problem[], scope?: ValidationScope) {
    const list = Array.isArray(problems) ? [...(problems as readonly Problem[])] : [problems as Problem];
    if (list.length === 0) {
      throw new TypeError('ValidationError needs at least one problem');
    }
    for (const p of list) {
      if (!CODE_FORMAT.test(p.code)) {
        throw new TypeError(
          `ValidationError code ${JSON.stringify(p.code)} is not UPPER_SNAKE_CASE with a module prefix`,
        );
      }
    }
    const constructPath = scope?.node.path || undefined;
    const at = constructPath ? ` (at ${constructPath})` : '';
    super(list.map((p) => `${formatProblem(p)}${at}`).join('\n'));
    const hidden = (value: unknown) => ({ value, enumerable: false, writable: false, configurable: false });
    Object.defineProperties(this, {
      [VALIDATION_ERROR]: hidden(true),
      name: { value: 'ValidationError', enumerable: false, writable: true, configurable: true },
      problems: hidden(Object.freeze(list)),
      constructPath: hidden(constructPath),
    });
    if (process.env[KEEP_STACK_TRACES] !== '1') {
      Object.defineProperty(this, 'stack', {
        value: `ValidationError: ${this.message}`,
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }

  /** The first problem's code. */
  public get code(): string {
    return this.problems[0]!.code;
  }

  /** The first problem's property or configuration key. */
  public get path(): string {
    return this.problems[0]!.path;
  }

  /** The first problem's value received. */
  public get received(): string {
    return this.problems[0]!.received;
  }

  /** What the first problem allows. */
  public get allowed(): string {
    return this.problems[0]!.allowed;
  }

  /** How to fix the first problem. */
  public get fix(): string {
    return this.problems[0]!.fix;
  }

  /**
   * The same problems located at `scope`, for a construct that calls code which throws without a
   * location; an error that already names a construct is returned as it is.
   */
  public at(scope: ValidationScope): ValidationError {
    return this.constructPath !== undefined ? this : new ValidationError(this.problems, scope);
  }
}

// Bundlers rename classes (esbuild writes `_ValidationError`); Node prints an error under its class's name.
Object.defineProperty(ValidationError, 'name', { value: 'ValidationError' });

/**
 * Collects problems so that a constructor or a configuration check can report all of them at once.
 *
 * ```ts
 * const problems = new ProblemCollector();
 * problems.check(min <= max, { code: 'COMPUTE_ASG_MIN_ABOVE_MAX', ... });
 * problems.throwIfAny(this);
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

  /**
   * Throws one ValidationError with every problem recorded, if any.
   * @param scope the construct that found them (constructs pass `this`): the message names its path
   */
  public throwIfAny(scope?: ValidationScope): void {
    if (this.list.length > 0) throw new ValidationError(this.list, scope);
  }
}
