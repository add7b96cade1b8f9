/**
 * Configuration files the default app accepts that once went wrong, through the real entry point
 * (`node .gen/main.js`): a byte-order mark, Terraform template syntax in free-text strings (written as
 * literal text, never evaluated), and settings that weaken a default with their written reasons.
 */
import * as fs from 'fs';
import * as path from 'path';
import { expectStackPasses } from '../engine/terraform';
import { runApp, type AppRun } from '../support/app-runner';
import { type TerraformJson, valueAt } from '../support/synth';

const CONFIG = {
  backend: {
    type: 's3',
    bucket: 'team-state',
    keyPrefix: 'state/${terraform.workspace}',
    encrypt: false,
    encryptDisabledReason: 'the lab bucket has default SSE-S3 encryption configured on the bucket itself',
  },
  services: [
    {
      name: 'nginx',
      enableExecuteCommand: true,
      loadBalancer: {
        scheme: 'internet-facing',
        withoutCertificateReason: 'a lab without a domain name serves plain HTTP to the office range',
        allowedCidrs: ['203.0.113.0/24'],
        healthCheckPath: '/health?probe=${path.module}%{if true}',
      },
    },
    {
      name: 'exporter',
      networkMode: 'host',
      hostNetworkModeReason: 'the node exporter reads the instance network counters',
      containerPort: 9100,
      desiredCount: 1,
      environment: { GREETING: '${upper("hi")}' },
    },
  ],
};

let run: AppRun;
const platform = (): TerraformJson =>
  JSON.parse(fs.readFileSync(path.join(run.outdir, 'stacks', 'lab-platform', 'cdk.tf.json'), 'utf8')) as TerraformJson;

beforeAll(() => {
  // A byte-order mark before the JSON, as some Windows editors save it.
  run = runApp({ config: `\uFEFF${JSON.stringify(CONFIG, null, 2)}`, args: ['--synth-only'] });
}, 60_000);
afterAll(() => fs.rmSync(run.cwd, { recursive: true, force: true }));

describe('the app with free text and written reasons in its configuration', () => {
  test('accepts a file that starts with a byte-order mark', () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/synthesized lab-account, lab-platform from \S*awsvpc\.config\.json into/);
  });

  test('writes ${ and %{ of configuration strings as Terraform escapes, so Terraform reads them as text', () => {
    const json = platform() as TerraformJson & { terraform: { backend: { s3: { key: string } } } };
    expect(json.terraform.backend.s3.key).toBe('state/$${terraform.workspace}/lab-platform.tfstate');
    const groups = Object.values(json.resource?.aws_lb_target_group ?? {});
    expect(groups.map((g) => valueAt(g, 'health_check', 'path'))).toContain('/health?probe=$${path.module}%%{if true}');
    // Container fields are escaped once, by the container definitions.
    const definitions = Object.values(json.resource?.aws_ecs_task_definition ?? {}).map(
      (t) => t.container_definitions as string,
    );
    expect(definitions.join()).toContain('"value":"$${upper(\\"hi\\")}"');
    expect(definitions.join()).not.toContain('$$$');
  });

  test('accepts host mode, unencrypted state and a public plain listener when each has its reason', () => {
    const json = platform();
    expect(Object.values(json.resource?.aws_lb ?? {}).map((lb) => lb.internal)).toEqual([false]);
    expect(
      Object.values(json.resource?.aws_ecs_task_definition ?? {})
        .map((t) => t.network_mode)
        .sort(),
    ).toEqual(['awsvpc', 'host']);
  });

  test('the platform stack passes terraform init and validate', () => {
    expectStackPasses(path.join(run.outdir, 'stacks', 'lab-platform'));
  }, 180_000);
});
