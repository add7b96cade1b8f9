/** Assertion helper: `fn` throws a ValidationError with a problem of `code` whose text has every fragment. */
import { formatProblem, ValidationError, type Problem } from '../../modules/core';

export function problemsOf(fn: () => unknown): readonly Problem[] {
  try {
    fn();
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e.problems;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

export function expectValidationError(fn: () => unknown, code: string, ...fragments: (string | RegExp)[]): Problem {
  const problems = problemsOf(fn);
  const problem = problems.find((p) => p.code === code);
  if (!problem) {
    throw new Error(`expected a problem ${code}, got: ${problems.map((p) => p.code).join(', ')}`);
  }
  const text = formatProblem(problem);
  for (const f of fragments) {
    if (typeof f === 'string') expect(text).toContain(f);
    else expect(text).toMatch(f);
  }
  return problem;
}
