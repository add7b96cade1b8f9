/** Test helpers: synthesize a stack for unit assertions or for the real-engine tier. */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { scratchDir } from './scratch';

export interface SynthesizedStack {
  /** Folder that holds cdk.tf.json (what `checkStack` takes). */
  readonly dir: string;
  /** The parsed Terraform JSON. */
  readonly json: TerraformJson;
}

/** One block of synthesized Terraform JSON (a resource, data source or output): its arguments, unchecked. */
export interface TerraformBlock {
  readonly [argument: string]: unknown;
}

/**
 * The value at `path` inside a piece of Terraform JSON, undefined where the path leaves it (as `?.` would):
 * `valueAt(service, 'network_configuration', 'subnets')`, `valueAt(record, 'dns_records', 0, 'type')`.
 */
export function valueAt(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Readonly<Record<string | number, unknown>>)[key];
  }
  return current;
}

/** The nested block `key` of `block` (cdktf writes a single nested block as an object); fails when it is not one. */
export function blockArg(block: TerraformBlock, key: string): TerraformBlock {
  const value = block[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected "${key}" to be a block, found ${JSON.stringify(value)}`);
  }
  return value as TerraformBlock;
}

/** The list argument `key` of `block` (a list of ids, of nested blocks); fails when it is not a list. */
export function listArg(block: TerraformBlock, key: string): unknown[] {
  const value = block[key];
  if (!Array.isArray(value)) throw new Error(`expected "${key}" to be a list, found ${JSON.stringify(value)}`);
  return value;
}

/** The string argument `key` of `block` (a JSON document, an ARN, a reference); fails when it is not a string. */
export function stringArg(block: TerraformBlock, key: string): string {
  const value = block[key];
  if (typeof value !== 'string') throw new Error(`expected "${key}" to be a string, found ${JSON.stringify(value)}`);
  return value;
}

/** Loose shape of a synthesized Terraform JSON document, for assertions. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, TerraformBlock>>;
  readonly data?: Record<string, Record<string, TerraformBlock>>;
  readonly output?: Record<string, TerraformBlock>;
  readonly [key: string]: unknown;
}

/** A fresh stack with the AWS provider configured, in an app writing to a scratch folder removed after the test file. */
export function newTestStack(name = 'test'): { app: App; stack: TerraformStack } {
  const outdir = scratchDir('awsvpc-synth-');
  const app = new App({ outdir });
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return { app, stack };
}

/** Synthesizes `app` and returns the stack's folder and JSON. */
export function synthToDir(app: App, stackName = 'test'): SynthesizedStack {
  app.synth();
  const dir = path.join(app.outdir, 'stacks', stackName);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  return { dir, json };
}

/**
 * Synthesizes one stack of `app` in memory (cdktf's `Testing.synth`, with the stack's validations and
 * aspects, as `app.synth()` runs them) and returns its Terraform JSON without writing a file. For a test
 * that reads only the JSON of a single stack; cdktf's "//" metadata is left out. A test that needs the
 * folder (the real engine, the manifest, annotations, cross-stack references) uses `synthToDir`.
 */
export function synthJson(app: App, stackName = 'test'): TerraformJson {
  const stack = app.node.findChild(stackName) as TerraformStack;
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

/** All resources of one Terraform type, keyed by their logical name. */
export function resourcesOfType(json: TerraformJson, type: string): Record<string, TerraformBlock> {
  return json.resource?.[type] ?? {};
}
