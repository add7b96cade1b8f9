/**
 * The default app: reads awsvpc.config.json (or $AWSVPC_CONFIG; with neither, the seeds' lab) and
 * synthesizes the account-settings and platform stacks into cdktf.out/stacks/<stack>/, with a
 * capacity report and a topology picture next to each cdk.tf.json.
 *
 *   npm run synth            (or: node scripts/app.cjs; cdktf synth|diff|deploy run the same)
 *   --synth-only             Terraform JSON and capacity reports, no pictures
 *   --strict                 warnings fail the synth (also: AWSVPC_STRICT=true)
 *
 * The output folder is cdktf.out, or $AWSVPC_OUTDIR, or $CDKTF_OUTDIR (`cdktf synth --output`).
 */
import * as path from 'path';
import { stopGraphviz } from './modules/diagram';
import {
  buildAwsvpcApp,
  loadConfig,
  recoverInterruptedSynth,
  reportFailure,
  strictModeFrom,
  synthesizeAtomically,
} from './modules/stacks';

async function main(): Promise<void> {
  const outdirSetting =
    process.env.AWSVPC_OUTDIR !== undefined
      ? 'AWSVPC_OUTDIR'
      : process.env.CDKTF_OUTDIR !== undefined
        ? 'CDKTF_OUTDIR'
        : 'the default output folder';
  const outdir = process.env.AWSVPC_OUTDIR ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  // First of all, also when the configuration turns out wrong: put back an output an interrupted run stranded.
  recoverInterruptedSynth(path.resolve(outdir), (line) => console.log(line));
  const { config, file, warnings } = loadConfig(process.cwd());
  const result = await synthesizeAtomically((app) => buildAwsvpcApp(app, config), {
    outdir,
    outdirSetting,
    pictures: !process.argv.includes('--synth-only'),
    strict: strictModeFrom(process.env.AWSVPC_STRICT, process.argv),
    strictHint: 'set AWSVPC_STRICT=true or pass --strict to make warnings fail the synth',
    warnings, // the configuration file's (deprecated keys)
    // Warnings go with the policy pack's report, on stdout: stderr is for failures.
    log: (line) => console.log(line),
  });
  console.log(
    `synthesized ${result.stacks.join(', ')} from ${file ?? "the defaults (the seeds' lab)"} into ${result.outdir}`,
  );
}

main()
  .catch((error: unknown) => {
    process.exitCode = reportFailure(error, (line) => console.error(line));
  })
  .finally(() => stopGraphviz()); // an orderly end of the Graphviz worker, also when the synth failed
