/**
 * The default app's entry point (main.ts) in this process: the same calls in the same order (put back
 * an interrupted output, load the configuration, synthesize atomically, report a failure as
 * `reportFailure` prints it), with the folder, the environment and the arguments given instead of
 * the process's, and what it prints (console.log and console.error included) captured. A child process costs a Node start and a bundle load per
 * case; tests that prove the wiring of the real entry point use `runApp` (app-runner.ts) instead.
 */
import * as path from 'path';
import * as stacks from '../../modules/stacks';

export interface InProcessRun {
  /** What main.ts would exit with: 0, or reportFailure's code. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The output folder, resolved against `cwd`. */
  readonly outdir: string;
}

export interface InProcessOptions {
  /** The folder the app runs in (where it looks for awsvpc.config.json). */
  readonly cwd: string;
  /** The app's environment (AWSVPC_CONFIG, AWSVPC_OUTDIR, CDKTF_OUTDIR, AWSVPC_STRICT); not process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The app's arguments (`--synth-only`, `--strict`). */
  readonly args?: readonly string[];
}

/** Runs main.ts's steps for `cwd`; never throws for a failed synth (the caller asserts on code and stderr). */
export async function runAppInProcess(options: InProcessOptions): Promise<InProcessRun> {
  const env = options.env ?? {};
  const args = options.args ?? [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = (line: string) => stdout.push(line);
  const outdirSetting =
    env.AWSVPC_OUTDIR !== undefined
      ? 'AWSVPC_OUTDIR'
      : env.CDKTF_OUTDIR !== undefined
        ? 'CDKTF_OUTDIR'
        : 'the default output folder';
  const outdir = path.resolve(options.cwd, env.AWSVPC_OUTDIR ?? env.CDKTF_OUTDIR ?? 'cdktf.out');
  // What the library prints itself (the policy pack's report) goes where main.ts's output would go.
  const consoleLog = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => log(a.join(' ')));
  const consoleError = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => stderr.push(a.join(' ')));
  let code = 0;
  try {
    stacks.recoverInterruptedSynth(outdir, log);
    const { config, warnings } = stacks.loadConfig(options.cwd, env);
    await stacks.synthesizeAtomically((app) => stacks.buildAwsvpcApp(app, config), {
      outdir,
      outdirSetting,
      pictures: !args.includes('--synth-only'),
      strict: stacks.strictModeFrom(env.AWSVPC_STRICT, args),
      strictHint: 'set AWSVPC_STRICT=true or pass --strict to make warnings fail the synth',
      warnings,
      log,
    });
  } catch (error) {
    code = stacks.reportFailure(error, (line) => stderr.push(line));
  } finally {
    consoleLog.mockRestore();
    consoleError.mockRestore();
  }
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  return { code, stdout: text(stdout), stderr: text(stderr), outdir };
}
