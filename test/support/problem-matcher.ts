/**
 * `expect(fn).toThrowProblem(code, ...fragments)`: the one way tests assert a user's mistake.
 *
 * Passes when `fn` throws a `ValidationError` (from any copy of the library) holding a problem with
 * `code`, and that problem's line of the message (`[CODE] path: received ...; allowed: .... Fix: ...
 * (at construct/path)`) contains every string fragment and matches every regular expression. The
 * failure message shows what was thrown instead. Registered for every test file by jest.config.js
 * (`setupFilesAfterEnv`); `thrownProblems` and `thrownValidationError` are for tests that read the fields.
 */
import { ValidationError, type Problem } from '../../modules/core/validation-error';

type Fragment = string | RegExp;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** `fn` throws a ValidationError with a problem of `code` whose message line has every fragment. */
      toThrowProblem(code: string, ...fragments: Fragment[]): R;
    }
  }
}

/** Runs `fn` and returns the ValidationError it throws; fails when it throws nothing or something else. */
export function thrownValidationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** The problems of the ValidationError `fn` throws. */
export function thrownProblems(fn: () => unknown): readonly Problem[] {
  return thrownValidationError(fn).problems;
}

/** The problem of `code` in the ValidationError `fn` throws (fails the test when there is none). */
export function thrownProblem(fn: () => unknown, code: string, ...fragments: Fragment[]): Problem {
  // `fn` runs once: building a construct twice would fail on its id, not on the problem.
  const outcome = outcomeOf(fn);
  const again = (): void => {
    if (outcome.threw) throw outcome.thrown;
  };
  expect(again).toThrowProblem(code, ...fragments);
  return (outcome.thrown as ValidationError).problems.find((p) => p.code === code)!;
}

/** Whether `fn` threw, and what. */
function outcomeOf(fn: () => unknown): { threw: boolean; thrown?: unknown } {
  try {
    fn();
    return { threw: false };
  } catch (thrown) {
    return { threw: true, thrown };
  }
}

function messageLine(error: ValidationError, code: string): string | undefined {
  return error.message.split('\n').find((line) => line.startsWith(`[${code}] `));
}

function fragmentMissing(line: string, fragment: Fragment): boolean {
  return typeof fragment === 'string' ? !line.includes(fragment) : !fragment.test(line);
}

expect.extend({
  toThrowProblem(received: unknown, code: string, ...fragments: Fragment[]) {
    if (typeof received !== 'function') {
      return { pass: false, message: () => 'toThrowProblem expects a function to call' };
    }
    const { threw, thrown } = outcomeOf(received as () => unknown);
    const want = `a ValidationError with ${code}${fragments.length ? ` saying ${fragments.map(String).join(', ')}` : ''}`;
    if (!threw) return { pass: false, message: () => `expected ${want}, but nothing was thrown` };
    if (!ValidationError.isValidationError(thrown)) {
      const text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
      return { pass: false, message: () => `expected ${want}, but got ${text}` };
    }
    const line = messageLine(thrown, code);
    if (line === undefined) {
      return { pass: false, message: () => `expected ${want}, but got:\n${thrown.message}` };
    }
    const missing = fragments.filter((f) => fragmentMissing(line, f));
    if (missing.length > 0) {
      return {
        pass: false,
        message: () => `expected ${want}; the ${code} line lacks ${missing.map(String).join(', ')}:\n${line}`,
      };
    }
    return { pass: true, message: () => `expected no ValidationError with ${code}, but got:\n${line}` };
  },
});
