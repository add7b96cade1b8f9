/**
 * The schema check that stands in for `terraform validate` on the AWS provider 6 line
 * (scripts/provider-schema/schema.ts, run by `npm run test:provider-aws-21` against the 21.x bindings).
 * Here it runs against the installed 20.x bindings, where Terraform itself is the referee: it must
 * accept what `terraform validate` accepts (the default app) and name what the schema refuses.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, Testing } from 'cdktf';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { regionAttributeOf } from '../../modules/core';
import { buildAwsvpcApp, parseConfig } from '../../modules/stacks';
import { checkTerraformJson, type Json, ProviderSchema } from '../../scripts/provider-schema/schema';
import { newTestStack, valueAt } from '../support/synth';

type JsonObject = { [key: string]: Json };

const bindings = new ProviderSchema(path.dirname(require.resolve('@cdktf/provider-aws/package.json')));

function defaultAppStacks(): Record<string, JsonObject> {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-schema-')) });
  buildAwsvpcApp(app, parseConfig({}));
  app.synth();
  const out: Record<string, JsonObject> = {};
  for (const name of fs.readdirSync(path.join(app.outdir, 'stacks'))) {
    out[name] = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as JsonObject;
  }
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return out;
}

const stacks = defaultAppStacks();
/** A copy of the platform stack's JSON, to break one thing in it. */
const platform = (): JsonObject => JSON.parse(JSON.stringify(stacks['lab-platform'])) as JsonObject;

/** The object at `path` in such a copy (fails the test when there is none). */
function objectAt(doc: Json, ...path: readonly (string | number)[]): JsonObject {
  const found = valueAt(doc, ...path);
  if (typeof found !== 'object' || found === null || Array.isArray(found))
    throw new Error(`no object at ${path.join('.')}`);
  return found as JsonObject;
}

const anyService = (doc: JsonObject): JsonObject => {
  const services = objectAt(doc, 'resource', 'aws_ecs_service');
  return objectAt(services, Object.keys(services)[0]!);
};

describe("ProviderSchema (the bindings' declared schema)", () => {
  test('reads the provider version the bindings were generated from', () => {
    expect(bindings.providerVersion()).toBe('5.100.0');
  });

  test('knows resources, data sources and nested blocks, with required arguments', () => {
    const service = bindings.element('aws_ecs_service', false)!;
    expect(service.arguments.get('name')).toMatchObject({ required: true, kind: 'string' });
    expect(service.arguments.get('desired_count')).toMatchObject({ required: false, kind: 'number' });
    expect(service.arguments.get('network_configuration')?.block?.arguments.get('subnets')).toMatchObject({
      required: true,
      kind: 'list',
    });
    expect(bindings.element('aws_region', true)?.dataSource).toBe(true);
    expect(bindings.element('aws_no_such_thing', false)).toBeUndefined();
  });
});

describe('checkTerraformJson', () => {
  test('accepts every stack of the default app (which terraform validate accepts)', () => {
    expect(Object.keys(stacks).sort()).toEqual(['lab-account', 'lab-platform']);
    for (const [name, doc] of Object.entries(stacks)) {
      expect({ name, problems: checkTerraformJson(bindings, doc) }).toEqual({ name, problems: [] });
    }
  });

  test('names an unknown argument, at the top level and in a nested block', () => {
    const doc = platform();
    anyService(doc).bogus = true;
    objectAt(anyService(doc), 'network_configuration').subnetz = ['subnet-1'];
    const messages = checkTerraformJson(bindings, doc).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining(['unknown argument "bogus"', 'unknown argument "subnetz"']));
  });

  test('names a missing required argument', () => {
    const doc = platform();
    delete anyService(doc).name;
    expect(checkTerraformJson(bindings, doc)).toEqual([
      expect.objectContaining({ message: 'missing required argument "name"' }),
    ]);
  });

  test('names a value of the wrong type, and lets a Terraform expression stand for any type', () => {
    const doc = platform();
    anyService(doc).desired_count = 'two';
    anyService(doc).enable_execute_command = '${var.exec}';
    expect(checkTerraformJson(bindings, doc).map((p) => p.message)).toEqual(['expected a number, found "two"']);
  });

  test('names an unknown resource type and checks the provider block', () => {
    const doc = platform();
    objectAt(doc, 'resource').aws_not_a_resource = { x: {} };
    objectAt(doc, 'provider', 'aws', 0).regoin = 'us-east-1';
    expect(checkTerraformJson(bindings, doc).map((p) => `${p.at}: ${p.message}`)).toEqual([
      'resource.aws_not_a_resource: unknown resource type "aws_not_a_resource"',
      'provider.aws[0].regoin: unknown argument "regoin"',
    ]);
  });
});

describe('the one difference between the provider lines', () => {
  test("the region is read from data.aws_region's `name` on the 20.x bindings (`region` on 21.x)", () => {
    const { app, stack } = newTestStack();
    new TerraformOutput(stack, 'region', { value: regionAttributeOf(new DataAwsRegion(stack, 'r')) });
    fs.rmSync(app.outdir, { recursive: true, force: true });
    expect(JSON.parse(Testing.synth(stack)).output.region.value).toBe('${data.aws_region.r.name}');
  });
});
