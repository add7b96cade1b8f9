/**
 * What an example's main.ts does when it is run rather than imported by a test: build the app,
 * synthesize it into cdktf.out (or $AWSVPC_OUTDIR, or the $CDKTF_OUTDIR the cdktf CLI sets), and
 * print each stack's policy report and capacity table. A mistake in the example's props, or a policy violation, prints
 * one line per problem and exits 1, without a stack trace, as the default app does.
 *
 *   AWSVPC_APP_ENTRY=examples/<example>/main.ts node scripts/app.cjs
 */
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { renderCapacityTable } from '../../modules/capacity';
import { ValidationError } from '../../modules/core';
import type { PolicyPack } from '../../modules/policy';
import type { ICluster } from '../../modules/compute/compute-ref';

/**
 * True when this process was started to synthesize the example: through `node scripts/app.cjs` (the
 * bundle it runs, also what `cdktf synth` runs), `node scripts/run-ts.mjs <main.ts>`, or
 * `ts-node <main.ts>`. False when a test imports the example to call its build function.
 */
export function startedAsApp(entry: NodeModule): boolean {
  if (require.main === entry) return true;
  const script = path.basename(process.argv[1] ?? '');
  return script === 'app.cjs' || script === 'main.ts';
}

/** What an example's stack may carry: the policy pack it applied, its cluster (which checks its capacity). */
interface ExampleStack {
  readonly policyPack?: PolicyPack;
  readonly cluster?: ICluster;
}

/** Builds the app with `build`, synthesizes it and prints the policy reports; sets the exit code on failure. */
export function synthesizeExample(build: (app: App) => unknown, log: (line: string) => void = console.log): void {
  try {
    const app = new App({ outdir: process.env.AWSVPC_OUTDIR ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
    build(app);
    app.synth();
    const stacks = app.node.findAll().filter(TerraformStack.isStack);
    for (const stack of stacks as (TerraformStack & ExampleStack)[]) {
      if (stack.policyPack) log(stack.policyPack.report());
      if (stack.cluster) {
        log(`capacity of ${stack.node.id}:`);
        renderCapacityTable(stack.cluster.capacityReport())
          .split('\n')
          .forEach((line) => log(`  ${line}`));
      }
    }
    log(`synthesized ${stacks.map((s) => s.node.id).join(', ')} into ${path.resolve(app.outdir)}`);
  } catch (error) {
    if (ValidationError.isValidationError(error)) {
      console.error(`synth failed: ${error.problems.length} problem(s)`);
      error.message.split('\n').forEach((line) => console.error(`  ${line}`));
      process.exitCode = 1;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (/Encountered Annotations with level "ERROR"/.test(message)) {
      console.error('synth failed: the policy pack found violations');
      message
        .split('\n')
        .slice(1)
        .filter((line) => line.trim())
        .forEach((line) => console.error(`  ${line.trim()}`));
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
