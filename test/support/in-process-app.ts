/**
 * The default app's entry point (main.ts) in this process: the same `runDefaultApp` call, with the
 * folder, the environment and the arguments given instead of the process's, and what it prints
 * (console.log and console.error included) captured. A child process costs a Node start and a bundle load per
 * case; tests that prove the wiring of the real entry point use `runApp` (app-runner.ts) instead.
 */
import { defaultAppOutdir, runDefaultApp } from '../../modules/stacks/default-app';

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

/** Runs the default app (main.ts's `runDefaultApp`) for `cwd`; never throws for a failed synth. */
export async function runAppInProcess(options: InProcessOptions): Promise<InProcessRun> {
  const env = options.env ?? {};
  const stdout: string[] = [];
  const stderr: string[] = [];
  // What the library prints itself (the policy pack's report) goes where main.ts's output would go.
  const consoleLog = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => stdout.push(a.join(' ')));
  const consoleError = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => stderr.push(a.join(' ')));
  let code: number;
  try {
    code = await runDefaultApp({
      cwd: options.cwd,
      env,
      args: options.args ?? [],
      log: (line) => stdout.push(line),
      error: (line) => stderr.push(line),
    });
  } finally {
    consoleLog.mockRestore();
    consoleError.mockRestore();
  }
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  return { code, stdout: text(stdout), stderr: text(stderr), outdir: defaultAppOutdir(options.cwd, env) };
}
