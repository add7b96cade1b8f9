/**
 * The policy pack on an app a team builds from the constructs alone, with their defaults (issue 12):
 * a VPC over three AZs with one NAT gateway, a cluster with m5.large capacity, an `api` service with
 * ECS Exec and a `web` service behind an internal ALB, the pack applied to the app in one line before
 * any stack exists. No code of the default app is used.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcsCluster, INSTANCE_HTTPS_EGRESS_REASON } from '../../modules/compute';
import { NatGatewayMode, Network } from '../../modules/network';
import { FindingLevel, PolicyFinding, PolicyPack, renderPolicyReportJson } from '../../modules/policy';
import { TASK_HTTPS_EGRESS_REASON } from '../../modules/security';
import { Ec2Service, EXEC_WRITABLE_ROOT_REASON, TaskDefinition } from '../../modules/service';

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The team's app: every construct with its defaults, only what the team must choose given. */
function teamApp(): { app: App; pack: PolicyPack } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-team-app-'));
  scratch.push(outdir);
  const app = new App({ outdir });
  const pack = PolicyPack.applyTo(app, { printReport: false });

  const stack = new TerraformStack(app, 'team');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new Network(stack, 'network', { availabilityZoneCount: 3, natGatewayMode: NatGatewayMode.SINGLE });
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'team', network });
  const general = cluster.addCapacityProvider('general', { instanceType: 'm5.large', maxSize: 3 });

  const api = new TaskDefinition(stack, 'api-task', {
    family: 'api',
    memoryMiB: 512,
    containers: [
      {
        name: 'api',
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2',
        portMappings: [{ containerPort: 8080 }],
      },
    ],
  });
  new Ec2Service(stack, 'api', {
    cluster,
    taskDefinition: api,
    serviceName: 'api',
    capacityProvider: general,
    enableExecuteCommand: true,
  });

  const web = new TaskDefinition(stack, 'web-task', {
    family: 'web',
    memoryMiB: 512,
    containers: [
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27',
        user: '101',
        portMappings: [{ containerPort: 8080 }],
        readonlyRootFilesystem: true,
        linuxParameters: { tmpfs: [{ containerPath: '/tmp', size: 64 }] },
      },
    ],
  });
  new Ec2Service(stack, 'web', {
    cluster,
    taskDefinition: web,
    serviceName: 'web',
    capacityProvider: general,
    loadBalancer: {},
  });
  return { app, pack };
}

const line = (f: PolicyFinding) => `${f.ruleId} ${f.constructPath}`;

describe('an app built from the constructs with their defaults, PolicyPack.applyTo(app)', () => {
  let app: App;
  let pack: PolicyPack;
  beforeAll(() => {
    ({ app, pack } = teamApp());
    app.synth();
  });

  test('synthesizes with zero violations', () => {
    expect(pack.violations).toEqual([]);
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'team', 'cdk.tf.json'))).toBe(true);
  });

  test("reports the design conflicts the constructs make on purpose as suppressed, each with the construct's reason", () => {
    const suppressed = pack.suppressed.map((f) => ({
      finding: line(f),
      at: f.suppressedAt,
      reason: f.suppressionReason,
    }));
    expect(suppressed).toEqual(
      expect.arrayContaining([
        {
          finding: 'AWSVPC-SG-002 team/cluster/general/egress-https',
          at: 'team/cluster/general/egress-https',
          reason: INSTANCE_HTTPS_EGRESS_REASON,
        },
        {
          finding: 'AWSVPC-SG-002 team/api/security-group/https-out',
          at: 'team/api/security-group/https-out',
          reason: TASK_HTTPS_EGRESS_REASON,
        },
        {
          finding: 'AWSVPC-SG-002 team/web/security-group/https-out',
          at: 'team/web/security-group/https-out',
          reason: TASK_HTTPS_EGRESS_REASON,
        },
        {
          finding: 'AWSVPC-ECS-005 team/api-task/task-definition',
          at: 'team/api-task',
          reason: EXEC_WRITABLE_ROOT_REASON,
        },
      ]),
    );
    expect(suppressed).toHaveLength(4);
  });

  test("warns of what the stack cannot show (the api image's user), and only of that", () => {
    expect(pack.warnings.map((f) => `${line(f)}: ${f.message}`)).toEqual([
      'AWSVPC-ECS-004 team/api-task/task-definition: container "api" sets no user, so it runs as its image\'s USER, which the stack does not show (root for most public images)',
    ]);
    expect(
      pack.findings
        .filter((f) => !f.suppressed && f.level === FindingLevel.INFO)
        .every((f) => f.ruleId === 'AWSVPC-LOG-002'),
    ).toBe(true);
  });

  test('lists every suppressed finding with its reason and place in the report and in policy-report.json', () => {
    const text = pack.report();
    expect(text).toContain('0 violation(s), 1 warning(s), 4 suppressed');
    expect(text).toContain(`Suppressed at team/cluster/general/egress-https: ${INSTANCE_HTTPS_EGRESS_REASON}`);
    expect(text).toContain(`Suppressed at 2 places: ${TASK_HTTPS_EGRESS_REASON}`);
    expect(text).toContain(`Suppressed at team/api-task: ${EXEC_WRITABLE_ROOT_REASON}`);
    const json = JSON.parse(
      renderPolicyReportJson('team', pack.findingsOf(app.node.findChild('team') as TerraformStack)!),
    ) as {
      violations: number;
      suppressed: number;
      findings: { suppressed: boolean; suppressionReason?: string; suppressedAt?: string }[];
    };
    expect([json.violations, json.suppressed]).toEqual([0, 4]);
    for (const f of json.findings.filter((x) => x.suppressed)) {
      expect(f.suppressionReason!.length).toBeGreaterThan(40);
      expect(f.suppressedAt).toMatch(/^team\//);
    }
  });
});
