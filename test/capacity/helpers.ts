/** Shared imports and helpers of the capacity tests. */
import { ValidationError } from '../../modules/core/validation-error';

export * from '../../modules/capacity';
export { ValidationError };
export { CpuArchitecture } from '../../modules/core/platform';
export { NetworkMode } from '../../modules/core/network-mode';

/** Runs `fn` and returns the ValidationError it throws (failing the test when it throws nothing or something else). */
export function thrownValidationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}
