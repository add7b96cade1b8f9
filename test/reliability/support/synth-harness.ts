/**
 * Runs the default app's synth pipeline on many configurations quickly, and notices runs that never
 * end: the pipeline runs in a worker thread (bundled once by esbuild, as scripts/app.cjs bundles
 * main.ts), and a run that outlives its time limit terminates the worker and is reported as hung.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { SynthOutcome, SynthRequest } from './synth-outcome';

export * from './synth-outcome';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function bundleWorker(): string {
  // Loaded here, not at the top: only this harness needs esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-synth-worker-')), 'synth-worker.js');
  esbuild.buildSync({
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(__dirname, 'synth-worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return outfile;
}

export class SynthHarness {
  private readonly script = bundleWorker();
  private worker: Worker | undefined;

  /** Synthesizes `config` into `outdir`; resolves with how it ended, never rejects for the app's errors. */
  public run(request: SynthRequest, timeLimitMs: number): Promise<SynthOutcome> {
    const worker = this.worker ?? this.start();
    return new Promise<SynthOutcome>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (outcome: SynthOutcome): void => {
        done();
        resolve(outcome);
      };
      const onError = (error: Error): void => {
        done();
        this.worker = undefined;
        reject(error);
      };
      const timer = setTimeout(() => {
        done();
        this.worker = undefined;
        void worker.terminate();
        resolve({ kind: 'hung', afterMs: timeLimitMs });
      }, timeLimitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(request);
    });
  }

  public async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    fs.rmSync(path.dirname(this.script), { recursive: true, force: true });
  }

  private start(): Worker {
    // The app's console output (policy reports, capacity tables) is not what these tests read.
    this.worker = new Worker(this.script, { execArgv: ['--enable-source-maps'], stdout: true, stderr: true });
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    return this.worker;
  }
}
