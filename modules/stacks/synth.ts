/**
 * The synth pipeline of the default app: synthesize into a scratch folder beside the output, write
 * each stack's capacity report, policy report and topology picture next to its cdk.tf.json, and only
 * then swap the scratch folder in. A failed synth leaves any previous output untouched and writes nothing.
 * Only a previous synth's output is ever replaced (output-folder.ts), what Terraform keeps in the stack
 * folders survives, and every warning is printed (warnings.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, App, TerraformStack } from 'cdktf';
import { ValidationError } from '../core';
import { CapacityReport, renderCapacityReportJson, renderCapacityTable } from '../capacity';
import { preloadGraphviz, renderTopologySvg } from '../diagram/render';
import type { TopologyFacts } from '../diagram/topology';
import { PolicyFinding, renderPolicyReportJson } from '../policy';
import { OUTDIR_CONTEXT_KEY } from './backend';
import { checkReplaceableOutdir, makeScratchFolder, recoverInterruptedSynth, swapIn } from './output-folder';
import {
  constructWarnings,
  ManifestAnnotations,
  policyWarnings,
  printWarnings,
  SynthWarning,
  throwOnWarnings,
} from './warnings';

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
  return (
    typeof (x as IReportingStack).capacityReport === 'function' &&
    typeof (x as IReportingStack).policyFindings === 'function' &&
    typeof (x as IReportingStack).topologyFacts === 'function'
  );
}

export interface SynthOptions {
  /** Output folder (cdktf.out by default). */
  readonly outdir: string;
  /** Draw the topology pictures (SVG). @default true */
  readonly pictures?: boolean;
  /** Where progress and the capacity tables go. @default - nowhere */
  readonly log?: (line: string) => void;
  /** Where warnings and their count go. @default - `log` */
  readonly warn?: (line: string) => void;
  /**
   * Strict mode: any warning (a construct's warning annotation, or the policy pack's unsuppressed
   * warning) fails the synth with `SYNTH_STRICT_WARNING`, and nothing is written. @default false
   */
  readonly strict?: boolean;
  /** How a user turns strict mode on, said after the warning count. @default 'set SynthOptions.strict to make warnings fail the synth' */
  readonly strictHint?: string;
  /** The setting that named `outdir`, named in errors about it. @default 'outdir' */
  readonly outdirSetting?: string;
  /**
   * Warnings raised before the synth (the configuration file's, `LoadedConfig.warnings`): printed and
   * counted with the synth's, and in strict mode they fail it. @default []
   */
  readonly warnings?: readonly SynthWarning[];
}

export interface SynthResult {
  readonly outdir: string;
  /** Stack names, in synthesis order. */
  readonly stacks: readonly string[];
  /** Files written besides cdk.tf.json, relative to outdir. */
  readonly extras: readonly string[];
  /** Every warning, printed and counted. */
  readonly warnings: readonly SynthWarning[];
}

/**
 * Builds the app with `build` in a scratch folder, synthesizes it, adds the reports and pictures,
 * and replaces `outdir` with the result. Any error leaves `outdir` as it was.
 *
 * `outdir` must hold a previous synth, be empty, or not exist (else `SYNTH_OUTDIR_NOT_OURS`, before
 * anything is written). Folders an interrupted synth left beside it are cleaned up first, and a
 * previous output stranded by one is put back. `.terraform.lock.hcl`, `.terraform/` and anything else
 * a synth does not write move from the previous output's stack folders into the new ones.
 */
export async function synthesizeAtomically(build: (app: App) => void, options: SynthOptions): Promise<SynthResult> {
  const outdir = path.resolve(options.outdir);
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  checkReplaceableOutdir(outdir, { setting: options.outdirSetting ?? 'outdir' });
  recoverInterruptedSynth(outdir, log);
  const scratch = makeScratchFolder(outdir);
  const pictures: Promise<void>[] = [];
  // Graphviz loads on a worker thread while the app is built and synthesized.
  if (options.pictures ?? true) preloadGraphviz();
  try {
    // Annotations (policy findings, warnings) would each record a stack trace nobody reads: at 1000
    // services that was most of the policy pack's time. Their messages name the resource instead.
    const app = new App({
      outdir: scratch,
      context: { [DISABLE_STACK_TRACE_IN_METADATA]: true, [OUTDIR_CONTEXT_KEY]: outdir },
    });
    build(app);
    app.synth();
    const manifest = readManifest(scratch);
    throwOnErrorAnnotations(manifest);
    const stacks = app.node.findAll().filter(TerraformStack.isStack);
    const extras: string[] = [];
    for (const stack of stacks) {
      const name = stack.node.id;
      const dir = path.join(scratch, 'stacks', name);
      if (!isReporting(stack)) continue;
      const report = stack.capacityReport();
      if (report) {
        fs.writeFileSync(path.join(dir, 'capacity-report.json'), renderCapacityReportJson(report));
        extras.push(path.join('stacks', name, 'capacity-report.json'));
        log(`capacity of ${name}:`);
        renderCapacityTable(report)
          .split('\n')
          .forEach((line) => log(`  ${line}`));
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
    const warnings = [...(options.warnings ?? []), ...constructWarnings(manifest)];
    for (const stack of stacks) {
      const findings = isReporting(stack) ? stack.policyFindings() : undefined;
      if (!findings) continue;
      // A pack applied as an aspect also annotated its warnings: count each once.
      warnings.push(
        ...policyWarnings(findings).filter(
          (p) => !warnings.some((w) => w.code === p.code && w.constructPath === p.constructPath),
        ),
      );
      const file = path.join('stacks', stack.node.id, 'policy-report.json');
      fs.writeFileSync(path.join(scratch, file), renderPolicyReportJson(stack.node.id, findings));
      extras.push(file);
      log(`policy report of ${stack.node.id} (every finding): ${file}`);
    }
    // In strict mode the error lists the warnings.
    if (options.strict) throwOnWarnings(warnings);
    printWarnings(warnings, warn, options.strictHint ?? 'set SynthOptions.strict to make warnings fail the synth');
    await Promise.all(pictures);
    swapIn(scratch, outdir, log, runByCdktfCli(outdir) ? stacks.map((s) => s.node.id) : undefined);
    return { outdir, stacks: stacks.map((s) => s.node.id), extras, warnings };
  } catch (e) {
    // Pictures still being drawn would write into the scratch folder after it is gone.
    await Promise.allSettled(pictures);
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
function throwOnErrorAnnotations(manifest: ManifestAnnotations): void {
  const errors = Object.values(manifest.stacks)
    .flatMap((s) => s.annotations ?? [])
    .filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
  if (errors.length > 0) {
    throw new ValidationError(
      errors.map((a) => ({
        code: 'SYNTH_ERROR_ANNOTATION',
        path: a.constructPath,
        received: a.message,
        allowed: 'no error annotations (a construct or aspect reported this error)',
        fix: 'do what the message says; for a policy finding, fix the resource or suppress the rule with a reason',
      })),
    );
  }
}

function readManifest(scratch: string): ManifestAnnotations {
  return JSON.parse(fs.readFileSync(path.join(scratch, 'manifest.json'), 'utf8')) as ManifestAnnotations;
}

async function renderPicture(stackDir: string, facts: TopologyFacts, inMemoryJson?: unknown): Promise<void> {
  const json = inMemoryJson ?? (JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as unknown);
  fs.writeFileSync(path.join(stackDir, 'topology.svg'), await renderTopologySvg(json, facts));
}

/** True when the cdktf CLI runs the app (`cdktf synth|diff|deploy`): it passes the output folder as CDKTF_OUTDIR. */
function runByCdktfCli(outdir: string): boolean {
  const fromCli = process.env.CDKTF_OUTDIR;
  return fromCli !== undefined && path.resolve(fromCli) === outdir;
}
