/** How the default app reports a failure: one line per problem, no stack trace for users' mistakes. */
import { ValidationError } from '../core';

/** Prints `error` and returns the process exit code. */
export function reportFailure(error: unknown, print: (line: string) => void): number {
  if (ValidationError.isValidationError(error)) {
    const n = error.problems.length;
    print(`synth failed: ${n} problem${n === 1 ? '' : 's'} (nothing was written)`);
    for (const line of error.message.split('\n')) print(`  ${line}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/Encountered Annotations with level "ERROR"/.test(message)) {
    // The policy pack's violations, one per line, each naming its rule and how to fix or suppress it.
    print('synth failed: the policy pack found violations (nothing was written)');
    // cdktf's closing hint (set CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) is left out: the app refuses
    // to write violating stacks either way (see synth.ts); suppressions are the way to accept a risk.
    for (const line of message.split('\n').slice(1)) {
      if (line.trim() && !line.startsWith('Either fix the issues above')) print(`  ${line.trim()}`);
    }
    return 1;
  }
  print('synth failed with an unexpected error (a bug: please report it with this trace):');
  // The app runs from a bundle: map the trace back to the TypeScript sources (formatted lazily, on this access).
  process.setSourceMapsEnabled(true);
  print(error instanceof Error && error.stack ? error.stack : message);
  return 70;
}
