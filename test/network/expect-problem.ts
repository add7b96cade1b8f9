/** Test helper: asserts that `fn` throws a ValidationError carrying `code`, and that the message says `parts`. */
import { Problem, ValidationError } from '../../modules/core';

export function expectProblem(fn: () => unknown, code: string, ...parts: (string | RegExp)[]): Problem {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error(`expected a ValidationError with ${code}, but nothing was thrown`);
  if (!ValidationError.isValidationError(thrown)) throw thrown;
  const problem = thrown.problems.find((p) => p.code === code);
  if (!problem) {
    throw new Error(`expected ${code}, got:\n${thrown.message}`);
  }
  const line = thrown.message.split('\n').find((l) => l.startsWith(`[${code}] ${problem.path}:`));
  expect(line).toBeDefined();
  for (const part of parts) {
    if (typeof part === 'string') expect(line).toContain(part);
    else expect(line).toMatch(part);
  }
  return problem;
}
