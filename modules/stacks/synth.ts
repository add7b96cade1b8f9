/**
 * The synth pipeline of the default app: synthesize into a scratch folder beside the output, write
 * each stack's capacity report, policy report and topology picture next to its cdk.tf.json, and only
 * then swap the scratch folder in. A failed synth leaves any previous output untouched and writes nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, App, TerraformStack } from 'cdktf';
import { ValidationError } from '../core';
import { CapacityReport, renderCapacityReportJson, renderCapacityTable } from '../capacity';
import { preloadGraphviz, renderTopologySvg } from '../diagram/render';
import type { TopologyFacts } from '../diagram/topology';
import { PolicyFinding, renderPolicyReportJson } from '../policy';

/** cdktf's context key (`DISABLE_STACK_TRACE_IN_METADATA`, not exported from its package root). */
const DISABLE_STACK_TRACE_IN_METADATA = '@cdktf/disable_stack_trace_in_metadata';

/** A stack that has more to say than its Terraform JSON. */
export interface IReportingStack {
  /** The stack's capacity report, if it runs services on a cluster. */
  capacityReport(): CapacityReport | undefined;
  /**
   * The policy pack's findings on the stack once it has been rendered (every one, suppressed and info
   * included), if the stack runs the pack; undefined if it does not.
   */
  policyFindings(): readonly PolicyFinding[] | undefined;
  /** Facts for its topology picture that the JSON cannot carry. */
  topologyFacts(): TopologyFacts;
}

function isReporting(x: unknown): x is IReportingStack {
  return typeof (x as IReportingStack).capacityReport === 'function' &&
    typeof (x as IReportingStack).policyFindings === 'function' &&
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
  // Graphviz loads on a worker thread while the app is built and synthesized.
  if (options.pictures ?? true) preloadGraphviz();
  try {
    // Annotations (policy findings, warnings) would each record a stack trace nobody reads: at 1000
    // services that was most of the policy pack's time. Their messages name the resource instead.
    const app = new App({ outdir: scratch, context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
    build(app);
    app.synth();
    throwOnErrorAnnotations(scratch);
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
      // `cdktf synth --hcl` (SYNTH_HCL_OUTPUT) writes cdk.tf, rendered without `toTerraform()`: render the
      // stack's Terraform JSON here, which runs its policy pack (a violation fails the synth), and draw
      // from it. Otherwise the synth above ran the pack, and the picture reads cdk.tf.json.
      const inMemoryJson = app.hclOutput ? stack.toTerraform() : undefined;
      if (options.pictures ?? true) {
        pictures.push(renderPicture(dir, stack.topologyFacts(), inMemoryJson));
        extras.push(path.join('stacks', name, 'topology.svg'));
      }
    }
    for (const stack of stacks) {
      const findings = isReporting(stack) ? stack.policyFindings() : undefined;
      if (!findings) continue;
      const file = path.join('stacks', stack.node.id, 'policy-report.json');
      fs.writeFileSync(path.join(scratch, file), renderPolicyReportJson(stack.node.id, findings));
      extras.push(file);
      log(`policy report of ${stack.node.id} (every finding): ${file}`);
    }
    await Promise.all(pictures);
    swapIn(scratch, outdir, runByCdktfCli(outdir) ? stacks.map((s) => s.node.id) : undefined);
    return { outdir, stacks: stacks.map((s) => s.node.id), extras };
  } catch (e) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Fails like cdktf does on error annotations (the policy pack's violations), also when
 * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS is set: the cdktf CLI always sets it and reports the
 * annotations itself after the app exited, by which time the violating stacks would already have
 * replaced the previous output.
 */
function throwOnErrorAnnotations(scratch: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(scratch, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { annotations?: { constructPath: string; level: string; message: string }[] }>;
  };
  const errors = Object.values(manifest.stacks).flatMap((s) => s.annotations ?? [])
    .filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
  if (errors.length > 0) {
    throw new ValidationError(errors.map((a) => ({
      code: 'SYNTH_ERROR_ANNOTATION',
      path: a.constructPath,
      received: a.message,
      allowed: 'no error annotations (a construct or aspect reported this error)',
      fix: 'do what the message says; for a policy finding, fix the resource or suppress the rule with a reason',
    })));
  }
}

async function renderPicture(stackDir: string, facts: TopologyFacts, inMemoryJson?: unknown): Promise<void> {
  const json = inMemoryJson ?? JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as unknown;
  fs.writeFileSync(path.join(stackDir, 'topology.svg'), await renderTopologySvg(json, facts));
}

/** True when the cdktf CLI runs the app (`cdktf synth|diff|deploy`): it passes the output folder as CDKTF_OUTDIR. */
function runByCdktfCli(outdir: string): boolean {
  const fromCli = process.env.CDKTF_OUTDIR;
  return fromCli !== undefined && path.resolve(fromCli) === outdir;
}

/**
 * Replaces `outdir` by `scratch` with renames, so a reader never sees a half-written folder.
 *
 * With `keepOrphansBesides` (the stacks just synthesized), stack folders of the previous output that
 * this synth no longer produces are moved into the new output: the cdktf CLI lists `stacks/*` before
 * it runs the app and deletes the folders of stacks that are gone afterwards, with an `rmSync` that
 * fails (ENOENT) when the folder has already disappeared.
 */
function swapIn(scratch: string, outdir: string, keepOrphansBesides?: readonly string[]): void {
  const old = `${outdir}.old-${process.pid}`;
  const hadOld = fs.existsSync(outdir);
  if (hadOld) fs.renameSync(outdir, old);
  try {
    fs.renameSync(scratch, outdir);
  } catch (e) {
    if (hadOld) fs.renameSync(old, outdir);
    throw e;
  }
  if (!hadOld) return;
  if (keepOrphansBesides) {
    const oldStacks = path.join(old, 'stacks');
    const orphans = fs.existsSync(oldStacks)
      ? fs.readdirSync(oldStacks, { withFileTypes: true }).filter((e) => e.isDirectory() && !keepOrphansBesides.includes(e.name))
      : [];
    for (const orphan of orphans) {
      fs.mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
      fs.renameSync(path.join(oldStacks, orphan.name), path.join(outdir, 'stacks', orphan.name));
    }
  }
  fs.rmSync(old, { recursive: true, force: true });
}
