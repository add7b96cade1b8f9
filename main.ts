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
import { stopGraphviz } from './modules/diagram';
import { runDefaultApp } from './modules/stacks';

runDefaultApp({
  cwd: process.cwd(),
  env: process.env,
  args: process.argv.slice(2),
  log: (line) => console.log(line),
  error: (line) => console.error(line),
})
  .then((code) => {
    process.exitCode = code;
  })
  .finally(() => stopGraphviz()); // an orderly end of the Graphviz worker, also when the synth failed
