/**
 * `cdktf synth --hcl` of apps built from the constructs, with cdktf as published (no bundle, no
 * patch): Terraform accepts the HCL, and the HCL means what the JSON means.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Fn, LocalBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TrunkingAccountSetting } from '../../modules/capacity';
import { Ec2CapacityProvider, EcsCluster, EcsOptimizedAmi } from '../../modules/compute';
import { escapeHclTemplate, validHcl } from '../../modules/core';
import { NatGatewayMode, Network } from '../../modules/network';
import { Ec2Service, TaskDefinition } from '../../modules/service';
import { build as buildNetworkModes } from '../../examples/network-modes/main';
import { build as buildWindowsIis } from '../../examples/windows-iis/main';
import { build as buildPlatformTeam } from '../../examples/platform-and-service-team/platform/main';
import { build as buildServiceTeam } from '../../examples/platform-and-service-team/service/main';
import { runTerraform, terraformEngine } from '../engine/terraform';

/** Literal text that JSON documents carry and HCL must escape: quotes, backslashes, line breaks, template escapes. */
const TRICKY =
  'say "hi" \\ C:\\temp\\ \n line two \r\n tab\there $${not_a_reference} %%{not_a_directive} ünïcode $5 100%';

/** A team's app, written from the docs: network, cluster, capacity, one service with ECS Exec and awkward values. */
class TeamStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    new LocalBackend(this, {});
    // No availability zones given: a data source and a precondition on the VPC.
    const network = new Network(this, 'network', { namePrefix: 'team', natGatewayMode: NatGatewayMode.SINGLE });
    const cluster = new EcsCluster(this, 'cluster', {
      clusterName: 'team',
      network,
      capacityChecks: { trunkingAccountSetting: TrunkingAccountSetting.NOT_DECLARED },
    });
    // An instance type the ENI table does not know, without trunking: a postcondition on aws_ec2_instance_type.
    const provider: Ec2CapacityProvider = cluster.addCapacityProvider('linux', {
      capacityProviderName: 'team-linux',
      instanceType: 'c9i.large',
      machineImage: EcsOptimizedAmi.amazonLinux2023(),
      minSize: 1,
      maxSize: 3,
      trunking: false,
    });
    const bucket = new S3Bucket(this, 'bucket', { bucketPrefix: 'team-data-' });
    const task = new TaskDefinition(this, 'task', {
      family: 'api',
      cpu: 256,
      memoryMiB: 512,
      enableExecuteCommand: true,
      containers: [
        {
          name: 'api',
          image: 'ghcr.io/acme/api:2.1',
          user: '1000',
          readonlyRootFilesystem: true,
          portMappings: [{ containerPort: 8080 }],
          environment: [
            { name: 'GREETING', value: TRICKY },
            { name: 'BUCKET', value: bucket.bucket },
            { name: 'SETTINGS', value: Fn.jsonencode({ bucket: bucket.arn, mode: 'strict' }) },
          ],
          command: ['sh', '-c', `echo "starting in ${bucket.bucket}" && exec /app/api --quote '"' --slash '\\'`],
        },
      ],
      taskRolePolicyStatements: [
        {
          sid: 'ReadData',
          actions: ['s3:GetObject'],
          resources: [`${bucket.arn}/data/*`],
          conditions: [{ test: 'StringLike', variable: 's3:prefix', values: ['data/"quoted"/*', bucket.bucket] }],
        },
      ],
    });
    new Ec2Service(this, 'service', { cluster, taskDefinition: task, serviceName: 'api', desiredCount: 2 });
    void provider;
  }
}

const scratchDirs: string[] = [];
function scratch(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => scratchDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/**
 * Synthesizes what `build` adds to an app, in HCL or in JSON. `cdktf synth --hcl` runs the app with
 * SYNTH_HCL_OUTPUT=true, which both App and every TerraformStack read when they are created.
 */
function synth(build: (app: App) => unknown, hcl: boolean): string {
  const saved = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const app = new App({ outdir: scratch('awsvpc-hcl-app-') });
    build(app);
    app.synth();
    return app.outdir;
  } finally {
    quiet.mockRestore();
    if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = saved;
  }
}

const STACK = 'team';
let hclOut: string;
let jsonOut: string;

beforeAll(() => {
  hclOut = synth((app) => new TeamStack(app, STACK), true);
  jsonOut = synth((app) => new TeamStack(app, STACK), false);
});

function hclOf(outdir: string, stack: string): string {
  return fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf'), 'utf8');
}

/** The HCL quoted string on `name = "..."` line(s) of the element `address`, unescaped as HCL reads it (no templates inside). */
function readHclString(hcl: string, blockHeader: string, name: string): string {
  const block = hcl.slice(hcl.indexOf(blockHeader));
  const line = block.split('\n').find((l) => l.startsWith(`${name} = "`));
  if (!line) throw new Error(`no ${name} in ${blockHeader}`);
  return line
    .slice(name.length + 4, -1)
    .replace(/\\(["\\nrt])/g, (_m, c: string) => (({ n: '\n', r: '\r', t: '\t' }) as Record<string, string>)[c] ?? c);
}

describe('escapeHclTemplate', () => {
  test('escapes quotes, backslashes and line breaks of the literal parts only', () => {
    expect(escapeHclTemplate('{"a":"${aws_vpc.v.id}","b":"x\\"y"}')).toBe(
      '{\\"a\\":\\"${aws_vpc.v.id}\\",\\"b\\":\\"x\\\\\\"y\\"}',
    );
    expect(escapeHclTemplate('line\nnext\r')).toBe('line\\nnext\\r');
  });

  test('leaves interpolations and directives as they are, string literals and braces inside them included', () => {
    const expr = '${can(regex("^ami-[0-9a-f]{8,17}$", data.aws_ssm_parameter.p.insecure_value))}';
    expect(escapeHclTemplate(`"${expr}"`)).toBe(`\\"${expr}\\"`);
    expect(escapeHclTemplate('${jsonencode({"k" = "}"})} "x"')).toBe('${jsonencode({"k" = "}"})} \\"x\\"');
    expect(escapeHclTemplate('%{ if true }"y"%{ endif }')).toBe('%{ if true }\\"y\\"%{ endif }');
  });

  test('keeps the $${ and %%{ escapes, which mean the same in HCL as in Terraform JSON', () => {
    expect(escapeHclTemplate('$${x} %%{y} $$ 5%')).toBe('$${x} %%{y} $$ 5%');
  });

  test('Terraform reads the escaped text back as the original (terraform console)', () => {
    const samples = [
      TRICKY,
      '{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject"}]}',
      '\\"',
      '\\\\n',
      'end\\',
      '"',
    ];
    const dir = scratch('awsvpc-hcl-console-');
    const expression = `jsonencode([${samples.map((s) => `"${escapeHclTemplate(s)}"`).join(', ')}])`;
    const r = spawnSync(terraformEngine().terraform, ['console'], {
      cwd: dir,
      env: terraformEngine().env,
      input: `${expression}\n`,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    // Terraform JSON and HCL both read `$${` as a literal `${` (and `%%{` as `%{`).
    const expected = samples.map((s) => s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
    expect(JSON.parse(JSON.parse(r.stdout.trim()) as string)).toEqual(expected);
  });
});

describe('validHcl', () => {
  const bucketsStack = (wrap: boolean) => (app: App) => {
    const stack = new TerraformStack(app, 's');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const bucket = new S3Bucket(stack, 'bucket', {
      bucketPrefix: 'x-',
      lifecycle: {
        precondition: [{ condition: '${1 == 1}', errorMessage: 'never "fails"' }],
        createBeforeDestroy: true,
      },
    });
    const other = new S3Bucket(stack, 'other', { bucketPrefix: `{"a":"${bucket.arn}"}` });
    if (wrap) [bucket, other].forEach(validHcl);
  };

  test('changes nothing in cdk.tf.json', () => {
    const read = (outdir: string) => fs.readFileSync(path.join(outdir, 'stacks', 's', 'cdk.tf.json'), 'utf8');
    expect(read(synth(bucketsStack(true), false))).toBe(read(synth(bucketsStack(false), false)));
  });

  test("keeps the lifecycle's other arguments beside the condition blocks", () => {
    expect(hclOf(synth(bucketsStack(true), true), 's')).toContain(
      [
        'lifecycle {',
        'precondition {',
        'condition = "${1 == 1}"',
        'error_message = "never \\"fails\\""',
        '}',
        'create_before_destroy = true',
        '}',
      ].join('\n'),
    );
  });

  test('writes lifecycle pre- and postconditions as blocks', () => {
    const hcl = hclOf(hclOut, STACK);
    const vpc = hcl.slice(hcl.indexOf('resource "aws_vpc"'));
    expect(vpc).toMatch(
      /^lifecycle \{\nprecondition \{\ncondition = "\$\{\(length\(data\.aws_availability_zones\.[^"]+\.names\) >= 2\)\}"\nerror_message = "Network team\/network needs 2 /m,
    );
    expect(hcl).toMatch(/^data "aws_ec2_instance_type" [^\n]+\n[\s\S]*?^postcondition \{$/m);
    expect(hcl).not.toMatch(/(pre|post)condition = /);
  });

  test("writes JSON documents that Terraform reads as the JSON output's documents", () => {
    const hcl = hclOf(hclOut, STACK);
    const json = JSON.parse(fs.readFileSync(path.join(jsonOut, 'stacks', STACK, 'cdk.tf.json'), 'utf8')) as {
      resource: Record<string, Record<string, Record<string, string>>>;
    };
    const [taskDefinitionName, taskDefinition] = Object.entries(json.resource.aws_ecs_task_definition!)[0]!;
    const fromHcl = readHclString(
      hcl,
      `resource "aws_ecs_task_definition" "${taskDefinitionName}"`,
      'container_definitions',
    );
    expect(fromHcl).toBe(taskDefinition.container_definitions);
    expect(fromHcl).toContain('say \\"hi\\"'); // the JSON's own escape survives
    const [policyName, policy] = Object.entries(json.resource.aws_iam_role_policy!).find(([n]) =>
      n.startsWith('task_task-policy'),
    )!;
    expect(readHclString(hcl, `resource "aws_iam_role_policy" "${policyName}"`, 'policy')).toBe(policy.policy);
  });
});

describe('cdktf synth --hcl with cdktf as published', () => {
  // Every stack is one module of a scratch root configuration, so that one `terraform validate`
  // (which loads the AWS provider's schema once, seconds of CPU) checks them all.
  test("terraform validate accepts a team's app and every example", () => {
    const stacks: [string, string][] = [
      ['team', path.join(hclOut, 'stacks', STACK)],
      ...(
        [
          ['network-modes', buildNetworkModes],
          ['windows-iis', buildWindowsIis],
          ['acme-platform', buildPlatformTeam],
          [
            'acme-orders',
            (app: App) => buildServiceTeam(app, { platformStatePath: '../acme-platform/terraform.tfstate' }),
          ],
        ] as const
      ).map(([stack, build]): [string, string] => [
        stack,
        path.join(synth(build as (app: App) => unknown, true), 'stacks', stack),
      ]),
    ];
    const root = scratch('awsvpc-hcl-root-');
    for (const [name, dir] of stacks) {
      expect(fs.readdirSync(dir)).not.toContain('cdk.tf.json');
      fs.mkdirSync(path.join(root, name));
      fs.copyFileSync(path.join(dir, 'cdk.tf'), path.join(root, name, 'main.tf'));
    }
    fs.writeFileSync(
      path.join(root, 'main.tf'),
      stacks.map(([name]) => `module "${name}" {\n  source = "./${name}"\n}\n`).join(''),
    );
    const init = runTerraform(root, ['init', '-backend=false', '-input=false']);
    if (!init.ok) throw new Error(init.output);
    const validate = runTerraform(root, ['validate']);
    if (!validate.ok) throw new Error(validate.output);
    expect(validate.output).toContain('Success! The configuration is valid');
  }, 180_000);
});
