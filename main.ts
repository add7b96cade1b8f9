/**
 * The default app: reads awsvpc.config.json (or $AWSVPC_CONFIG; with neither, the seeds' lab) and
 * synthesizes the account-settings and platform stacks into cdktf.out/stacks/<stack>/, with a
 * capacity report and a topology picture next to each cdk.tf.json.
 *
 *   npm run synth            (or: node scripts/app.cjs; cdktf synth|diff|deploy run the same)
 *   --synth-only             Terraform JSON and capacity reports, no pictures
 */
import { buildAwsvpcApp, loadConfig, reportFailure, synthesizeAtomically } from './modules/stacks';

async function main(): Promise<void> {
  const { config, file } = loadConfig(process.cwd());
  const outdir = process.env.AWSVPC_OUTDIR ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const result = await synthesizeAtomically((app) => buildAwsvpcApp(app, config), {
    outdir,
    pictures: !process.argv.includes('--synth-only'),
    log: (line) => console.log(line),
  });
  console.log(`synthesized ${result.stacks.join(', ')} from ${file ?? 'the defaults (the seeds\' lab)'} into ${result.outdir}`);
}

main().catch((error: unknown) => {
  process.exitCode = reportFailure(error, (line) => console.error(line));
});
