/**
 * The default app, in process: a configuration document through `parseConfig` and `buildAwsvpcApp`
 * into Terraform JSON (no reports, no pictures), and what the reliability tests read from the
 * result: Terraform addresses and resources by type.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildAwsvpcApp, parseConfig } from '../../../modules/stacks';
import type { TerraformJson } from '../../support/synth';

export type { TerraformJson };

export interface SynthesizedApp {
  /** The app's output folder (cdktf.out). */
  readonly outdir: string;
  /** Each stack's Terraform JSON, by stack name. */
  readonly stacks: ReadonlyMap<string, TerraformJson>;
}

/** Synthesizes the default app for `document` (as awsvpc.config.json would hold it) into a temporary folder. */
export function synthDefaultApp(document: unknown = {}): SynthesizedApp {
  const config = parseConfig(document);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-reliability-'));
  const app = new App({ outdir });
  buildAwsvpcApp(app, config);
  // The policy pack prints its report at synth; these tests read the JSON instead.
  const log = console.log;
  console.log = () => undefined;
  try {
    app.synth();
  } finally {
    console.log = log;
  }
  return { outdir, stacks: readStacks(outdir) };
}

/** Every stack's Terraform JSON under `outdir/stacks`, by stack name. */
export function readStacks(outdir: string): ReadonlyMap<string, TerraformJson> {
  const stacksDir = path.join(outdir, 'stacks');
  return new Map(
    fs
      .readdirSync(stacksDir)
      .sort()
      .map((name) => [
        name,
        JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson,
      ]),
  );
}

/**
 * The Terraform addresses a stack declares, sorted: `type.name` for resources, `data.type.name` for
 * data sources, `output.name` for outputs (and `var.name`, `local.name`, `module.name` if any).
 */
export function terraformAddresses(json: TerraformJson): string[] {
  const out: string[] = [];
  const typed = (block: unknown, prefix: string) => {
    for (const [type, byName] of Object.entries((block ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const name of Object.keys(byName)) out.push(`${prefix}${type}.${name}`);
    }
  };
  const named = (block: unknown, prefix: string) => {
    for (const name of Object.keys((block ?? {}) as Record<string, unknown>)) out.push(`${prefix}${name}`);
  };
  typed(json.resource, '');
  typed(json.data, 'data.');
  named(json.output, 'output.');
  named(json.variable, 'var.');
  named(json.locals, 'local.');
  named(json.module, 'module.');
  return out.sort();
}

/** The addresses of every stack of an app, one per line as `<stack>: <address>`, sorted. */
export function addressList(stacks: ReadonlyMap<string, TerraformJson>): string {
  return [...stacks]
    .flatMap(([name, json]) => terraformAddresses(json).map((a) => `${name}: ${a}`))
    .sort()
    .join('\n');
}

/** The resources of the given types, keyed by address, with every attribute as synthesized. */
export function resourcesOfTypes(json: TerraformJson, types: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of types) {
    for (const [name, body] of Object.entries(json.resource?.[type] ?? {})) out[`${type}.${name}`] = body;
  }
  return out;
}
