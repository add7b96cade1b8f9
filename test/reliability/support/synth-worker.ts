/**
 * Runs the default app's synth pipeline (parseConfig or parseConfigText, buildAwsvpcApp, synthesizeAtomically) on one
 * configuration document per message, in a worker thread, and answers how it ended the way the real
 * entry point would (`reportFailure`'s exit code and lines). Bundled by `synth-harness.ts` with esbuild.
 *
 * The worker keeps cdktf and the modules loaded between runs; a run that never ends is caught by the
 * harness, which terminates the worker.
 */
import { parentPort } from 'worker_threads';
import {
  buildAwsvpcApp,
  parseConfig,
  parseConfigText,
  reportFailure,
  synthesizeAtomically,
} from '../../../modules/stacks';
import type { SynthOutcome, SynthRequest } from './synth-outcome';

async function synth(request: SynthRequest): Promise<SynthOutcome> {
  try {
    const config = request.text !== undefined ? parseConfigText(request.text) : parseConfig(request.config);
    const result = await synthesizeAtomically((app) => buildAwsvpcApp(app, config), {
      outdir: request.outdir,
      pictures: request.pictures,
    });
    return { kind: 'synthesized', outdir: result.outdir, stacks: [...result.stacks] };
  } catch (error: unknown) {
    const lines: string[] = [];
    const exitCode = reportFailure(error, (line) => lines.push(line));
    const name = error instanceof Error ? error.constructor.name : typeof error;
    if (exitCode === 1) return { kind: 'rejected', exitCode, errorName: name, lines };
    return { kind: 'crashed', exitCode, errorName: name, lines };
  }
}

parentPort!.on('message', (request: SynthRequest) => {
  void synth(request).then((outcome) => parentPort!.postMessage(outcome));
});
