/**
 * The real-engine tier for the default app: `main.ts` run as users run it (no configuration file: the
 * seeds' lab), then both synthesized stacks through terraform init, validate and test under
 * mock_provider (terraform/account.tftest.hcl, terraform/platform.tftest.hcl).
 */
import * as fs from 'fs';
import * as path from 'path';
import { containerDefinitionShapeProblems } from '../service/ecs-shape';
import { expectStackPasses, tftestWith } from '../engine/terraform';
import { DEFAULT_APP_FILES, listFiles, runApp, type AppRun } from '../support/app-runner';
import { type TerraformJson, valueAt } from '../support/synth';

const TFTEST = path.join(__dirname, 'terraform');
/** The default network's routing asserts, shared with the network stack's engine test. */
const ROUTING_RUNS = path.join(__dirname, '..', 'network', 'terraform', 'default-network-routing.runs.hcl');
const ENGINE_TIMEOUT_MS = 180_000;

let run: AppRun;

function stackDir(name: string): string {
  return path.join(run.outdir, 'stacks', name);
}

function stackJson(name: string): TerraformJson {
  return JSON.parse(fs.readFileSync(path.join(stackDir(name), 'cdk.tf.json'), 'utf8')) as TerraformJson;
}

/** Every `type.name` / `data.type.name` address a tftest file refers to. */
function addressesIn(tftestFile: string): { kind: 'resource' | 'data'; type: string; name: string }[] {
  const text = fs
    .readFileSync(tftestFile, 'utf8')
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n');
  const found = new Map<string, { kind: 'resource' | 'data'; type: string; name: string }>();
  const pattern = /(?<![\w.-])(data\.)?(aws_[a-z0-9_]+|terraform_remote_state)\.([A-Za-z0-9_-]+)/g;
  for (const m of text.matchAll(pattern)) {
    const entry = { kind: m[1] ? ('data' as const) : ('resource' as const), type: m[2]!, name: m[3]! };
    found.set(`${entry.kind}.${entry.type}.${entry.name}`, entry);
  }
  return [...found.values()];
}

beforeAll(() => {
  run = runApp();
}, 60_000);

afterAll(() => fs.rmSync(run.cwd, { recursive: true, force: true }));

describe("the default app (no configuration: the seeds' lab)", () => {
  test('synthesizes the account and platform stacks with a capacity report and pictures', () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(listFiles(run.outdir)).toEqual(DEFAULT_APP_FILES);
    expect(run.stdout).toContain('synthesized lab-account, lab-platform from the defaults');
  });

  test("declares the platform stack's dependency on the account stack", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(run.outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { dependencies: string[] }>;
    };
    expect(manifest.stacks['lab-platform']!.dependencies).toEqual(['lab-account']);
    expect(manifest.stacks['lab-account']!.dependencies).toEqual([]);
    // The instances read the opt-in from the account stack's state: a cross-stack reference.
    const platform = stackJson('lab-platform');
    expect(Object.keys(platform.data?.terraform_remote_state ?? {})).toEqual([
      'cross-stack-reference-input-lab-account',
    ]);
  });

  test('protects the trunking setting from terraform destroy (prevent_destroy, which terraform test cannot apply)', () => {
    const settings = stackJson('lab-account').resource?.aws_ecs_account_setting_default ?? {};
    expect(Object.values(settings)).toEqual([
      expect.objectContaining({ name: 'awsvpcTrunking', value: 'enabled', lifecycle: { prevent_destroy: true } }),
    ]);
  });

  test("gives the container security group no ingress rule besides the load balancer's", () => {
    const json = stackJson('lab-platform');
    const groups = Object.entries(json.resource?.aws_security_group ?? {});
    const tasks = groups.find(([, g]) => valueAt(g, 'tags', 'Name') === 'lab-nginx-tasks');
    expect(tasks).toBeDefined();
    const ref = `\${aws_security_group.${tasks![0]}.id}`;
    expect(tasks![1].ingress).toBeUndefined();
    const ingress = Object.entries(json.resource?.aws_vpc_security_group_ingress_rule ?? {}).filter(
      ([, r]) => r.security_group_id === ref,
    );
    expect(ingress.map(([name]) => name)).toEqual(['service-nginx_from-load-balancer_1AC46232']);
  });

  test('opens nothing to the world: no ingress from 0.0.0.0/0 or ::/0, an internal load balancer, no public IPs', () => {
    const json = stackJson('lab-platform');
    const rules = Object.values(json.resource?.aws_vpc_security_group_ingress_rule ?? {});
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules)
      expect([r.cidr_ipv4, r.cidr_ipv6]).not.toContainEqual(expect.stringMatching(/^(0\.0\.0\.0|::)\/0$/));
    for (const g of Object.values(json.resource?.aws_security_group ?? {})) expect(g.ingress ?? []).toEqual([]);
    const lbs = Object.values(json.resource?.aws_lb ?? {});
    expect(lbs.map((lb) => lb.internal)).toEqual([true]);
    expect(lbs[0]!.subnets).toEqual([
      '${aws_subnet.network_private-0_A0649C48.id}',
      '${aws_subnet.network_private-1_4188AF2B.id}',
    ]);
    const lbRule = rules.find((r) => r.from_port === 80 && r.cidr_ipv4 !== undefined);
    expect(lbRule?.cidr_ipv4).toBe('10.0.0.0/16'); // the VPC: the load balancer is reachable from inside it only
  });

  test("sets ECS_DISABLE_PRIVILEGED=true in the instances' agent configuration", () => {
    const templates = Object.values(stackJson('lab-platform').resource?.aws_launch_template ?? {});
    expect(templates).toHaveLength(1);
    const userData = Buffer.from(templates[0]!.user_data as string, 'base64').toString('utf8');
    expect(userData.split('\n')).toContain('ECS_DISABLE_PRIVILEGED=true');
  });

  test("writes container definitions that match the ECS API's shape, in every stack", () => {
    const stacks = fs.readdirSync(path.join(run.outdir, 'stacks'));
    const definitions = stacks.flatMap((s) => Object.keys(stackJson(s).resource?.aws_ecs_task_definition ?? {}));
    expect(definitions).toHaveLength(1);
    for (const s of stacks)
      expect({ stack: s, problems: containerDefinitionShapeProblems(stackJson(s)) }).toEqual({
        stack: s,
        problems: [],
      });
  });

  test.each([
    ['lab-account', 'account.tftest.hcl'],
    ['lab-platform', 'platform.tftest.hcl'],
    ['lab-platform', ROUTING_RUNS],
  ])('%s: the tftest file %s names only addresses the app synthesizes', (stack, file) => {
    const json = stackJson(stack);
    const addresses = addressesIn(path.resolve(TFTEST, file));
    expect(addresses.length).toBeGreaterThan(0);
    const missing = addresses.filter((a) => !json[a.kind]?.[a.type]?.[a.name]);
    // A construct renamed (its id is part of the address) shows up here before Terraform's own message.
    expect(missing).toEqual([]);
  });

  test(
    'the account stack passes terraform validate and its plan assertions',
    () => {
      expectStackPasses(stackDir('lab-account'), [path.join(TFTEST, 'account.tftest.hcl')]);
    },
    ENGINE_TIMEOUT_MS,
  );

  test(
    'the platform stack passes terraform validate and its plan and apply assertions',
    () => {
      const result = expectStackPasses(stackDir('lab-platform'), [
        tftestWith(path.join(TFTEST, 'platform.tftest.hcl'), ROUTING_RUNS),
      ]);
      expect(result.test?.output).toMatch(/run "plan"\.\.\. pass/);
      expect(result.test?.output).toMatch(/run "apply"\.\.\. pass/);
      // The routing asserts the network stack runs too (one copy, test/network/terraform/).
      expect(result.test?.output).toMatch(/run "default_network_routes"\.\.\. pass/);
    },
    ENGINE_TIMEOUT_MS,
  );
});
