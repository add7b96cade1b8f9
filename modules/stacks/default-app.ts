/**
 * The default app's run, from the environment it is given to an exit code: put back an output an
 * interrupted run stranded, load the configuration, synthesize atomically, print the result or the
 * failure. main.ts calls it with the process's folder, environment, arguments and console; the tests
 * call it in-process with their own and capture what it prints.
 */
import * as path from 'path';
import { buildAwsvpcApp } from './awsvpc-app';
import { loadConfig } from './config';
import { reportFailure } from './errors';
import { recoverInterruptedSynth } from './output-folder';
import { synthesizeAtomically } from './synth';
import { strictModeFrom } from './warnings';

export interface DefaultAppRun {
  /** The folder the app runs in (where it looks for awsvpc.config.json). */
  readonly cwd: string;
  /** The app's environment: AWSVPC_CONFIG, AWSVPC_OUTDIR, CDKTF_OUTDIR, AWSVPC_STRICT are read. */
  readonly env: NodeJS.ProcessEnv;
  /** The app's arguments: `--synth-only` (no pictures), `--strict` (warnings fail the synth). */
  readonly args: readonly string[];
  /** Reports, warnings and the closing line (stdout). */
  readonly log: (line: string) => void;
  /** Failures, one line per problem (stderr). */
  readonly error: (line: string) => void;
}

/** Which setting chose the output folder, as messages name it. */
function outdirSettingOf(env: NodeJS.ProcessEnv): string {
  if (env.AWSVPC_OUTDIR !== undefined) return 'AWSVPC_OUTDIR';
  if (env.CDKTF_OUTDIR !== undefined) return 'CDKTF_OUTDIR';
  return 'the default output folder';
}

/** The default app's output folder for `cwd` and `env`: AWSVPC_OUTDIR, else CDKTF_OUTDIR, else cdktf.out. */
export function defaultAppOutdir(cwd: string, env: NodeJS.ProcessEnv): string {
  return path.resolve(cwd, env.AWSVPC_OUTDIR ?? env.CDKTF_OUTDIR ?? 'cdktf.out');
}

/** Runs the default app; returns the exit code (0, or `reportFailure`'s). Never throws for a user's mistake. */
export async function runDefaultApp(run: DefaultAppRun): Promise<number> {
  const { env, args, log } = run;
  const outdir = defaultAppOutdir(run.cwd, env);
  try {
    // First of all, also when the configuration turns out wrong: put back an output an interrupted run stranded.
    recoverInterruptedSynth(outdir, log);
    const { config, file, warnings } = loadConfig(run.cwd, env);
    const result = await synthesizeAtomically((app) => buildAwsvpcApp(app, config), {
      outdir,
      outdirSetting: outdirSettingOf(env),
      pictures: !args.includes('--synth-only'),
      strict: strictModeFrom(env.AWSVPC_STRICT, args),
      strictHint: 'set AWSVPC_STRICT=true or pass --strict to make warnings fail the synth',
      warnings, // the configuration file's (deprecated keys)
      // Warnings go with the policy pack's report, on stdout: stderr is for failures.
      log,
    });
    log(
      `synthesized ${result.stacks.join(', ')} from ${file ?? "the defaults (the seeds' lab)"} into ${result.outdir}`,
    );
    return 0;
  } catch (error) {
    return reportFailure(error, run.error);
  }
}
