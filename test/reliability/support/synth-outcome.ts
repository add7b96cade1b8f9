/** What the synth worker is asked, and how a run ended. */

export interface SynthRequest {
  /** The configuration document, as awsvpc.config.json would hold it (ignored when `text` is given). */
  readonly config?: unknown;
  /** The text of awsvpc.config.json, read as the entry point reads the file. */
  readonly text?: string;
  /** Where cdktf.out goes. */
  readonly outdir: string;
  /** Draw the topology pictures too. */
  readonly pictures: boolean;
}

/** Stacks written to `outdir`. */
export interface Synthesized {
  readonly kind: 'synthesized';
  readonly outdir: string;
  readonly stacks: readonly string[];
}

/**
 * A clean failure: the entry point would exit with 1 and print these lines (a ValidationError's
 * problems, or the policy pack's violations).
 */
export interface Rejected {
  readonly kind: 'rejected';
  readonly exitCode: 1;
  readonly errorName: string;
  readonly lines: readonly string[];
}

/** A bug: the entry point would take the "unexpected error" path (exit code 70). */
export interface Crashed {
  readonly kind: 'crashed';
  readonly exitCode: number;
  readonly errorName: string;
  readonly lines: readonly string[];
}

/** A bug: the run did not end within the harness's time limit. */
export interface Hung {
  readonly kind: 'hung';
  readonly afterMs: number;
}

export type SynthOutcome = Synthesized | Rejected | Crashed | Hung;
