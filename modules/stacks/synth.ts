/**
 * The synth pipeline of the default app: synthesize into a scratch folder beside the output, write
 * each stack's capacity report and topology picture next to its cdk.tf.json, and only then swap the
 * scratch folder in. A failed synth leaves any previous output untouched and writes nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { CapacityReport, renderCapacityReportJson, renderCapacityTable } from '../capacity';
import type { TopologyFacts } from '../diagram/topology';

/** A stack that has more to say than its Terraform JSON. */
export interface IReportingStack {
  /** The stack's capacity report, if it runs services on a cluster. */
  capacityReport(): CapacityReport | undefined;
  /** Facts for its topology picture that the JSON cannot carry. */
  topologyFacts(): TopologyFacts;
}

function isReporting(x: unknown): x is IReportingStack {
  return typeof (x as IReportingStack).capacityReport === 'function' &&
    typeof (x as IReportingStack).topologyFacts === 'function';
}

export interface SynthOptions {
  /** Output folder (cdktf.out by default). */
  readonly outdir: string;
  /** Draw the topology pictures (SVG). @default true */
  readonly pictures?: boolean;
  /** Where progress and the capacity tables go. @default - nowhere */
  readonly log?: (line: string) => void;
}

export interface SynthResult {
  readonly outdir: string;
  /** Stack names, in synthesis order. */
  readonly stacks: readonly string[];
  /** Files written besides cdk.tf.json, relative to outdir. */
  readonly extras: readonly string[];
}

/**
 * Builds the app with `build` in a scratch folder, synthesizes it, adds the reports and pictures,
 * and replaces `outdir` with the result. Any error leaves `outdir` as it was.
 */
export async function synthesizeAtomically(build: (app: App) => void, options: SynthOptions): Promise<SynthResult> {
  const outdir = path.resolve(options.outdir);
  const log = options.log ?? (() => undefined);
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const scratch = fs.mkdtempSync(`${outdir}.tmp-`);
  try {
    const app = new App({ outdir: scratch });
    build(app);
    app.synth();
    const stacks = app.node.findAll().filter(TerraformStack.isStack);
    const extras: string[] = [];
    const pictures: Promise<void>[] = [];
    for (const stack of stacks) {
      const name = stack.node.id;
      const dir = path.join(scratch, 'stacks', name);
      if (!isReporting(stack)) continue;
      const report = stack.capacityReport();
      if (report) {
        fs.writeFileSync(path.join(dir, 'capacity-report.json'), renderCapacityReportJson(report));
        extras.push(path.join('stacks', name, 'capacity-report.json'));
        log(`capacity of ${name}:`);
        renderCapacityTable(report).split('\n').forEach((line) => log(`  ${line}`));
      }
      if (options.pictures ?? true) {
        const facts = stack.topologyFacts();
        pictures.push(renderPicture(dir, facts));
        extras.push(path.join('stacks', name, 'topology.svg'));
      }
    }
    await Promise.all(pictures);
    swapIn(scratch, outdir);
    return { outdir, stacks: stacks.map((s) => s.node.id), extras };
  } catch (e) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}

async function renderPicture(stackDir: string, facts: TopologyFacts): Promise<void> {
  // Loaded on first use: runs that draw no picture never parse Graphviz.
  const { renderTopologySvg } = await import('../diagram/render');
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as unknown;
  fs.writeFileSync(path.join(stackDir, 'topology.svg'), await renderTopologySvg(json, facts));
}

/** Replaces `outdir` by `scratch` with renames, so a reader never sees a half-written folder. */
function swapIn(scratch: string, outdir: string): void {
  const old = `${outdir}.old-${process.pid}`;
  const hadOld = fs.existsSync(outdir);
  if (hadOld) fs.renameSync(outdir, old);
  try {
    fs.renameSync(scratch, outdir);
  } catch (e) {
    if (hadOld) fs.renameSync(old, outdir);
    throw e;
  }
  if (hadOld) fs.rmSync(old, { recursive: true, force: true });
}
