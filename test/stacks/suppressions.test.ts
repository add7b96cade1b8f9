import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { PolicyPack } from '../../modules/policy';
import { buildAwsvpcApp, parseConfig } from '../../modules/stacks';

const SECURITY_DOC = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The default app's platform stack for `config`, rendered (which runs its policy pack). */
function checkedPack(config: unknown): PolicyPack {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-supp-'));
  scratch.push(outdir);
  const { platform } = buildAwsvpcApp(new App({ outdir }), parseConfig(config));
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    platform.toTerraform();
  } finally {
    log.mockRestore();
  }
  return platform.policyPack;
}

function suppressedFindings(config: unknown): { at: string; rule: string; reason: string }[] {
  const unique = new Map(
    checkedPack(config).suppressed.map((f) => [
      `${f.suppressedAt} ${f.ruleId}`,
      { at: f.suppressedAt!, rule: f.ruleId, reason: f.suppressionReason! },
    ]),
  );
  return [...unique.values()];
}

describe("the default app's policy suppressions", () => {
  test("are the constructs' own three, as docs/security.md lists them, each with its reason", () => {
    const found = suppressedFindings({});
    expect(found.map((f) => `${f.at} ${f.rule}`).sort()).toEqual([
      'lab-platform/cluster/capacity-linux/egress-https AWSVPC-SG-002',
      'lab-platform/service-nginx/security-group/https-out AWSVPC-SG-002',
      'lab-platform/task-nginx AWSVPC-ECS-005',
    ]);
    for (const f of found) {
      expect(SECURITY_DOC).toContain(`| default app | \`${f.at}\` | \`${f.rule}\` | ${f.reason} |`);
    }
  });

  test("take the configuration's own reason when flow logs are off or a root filesystem is writable", () => {
    const found = suppressedFindings({
      network: { flowLogs: false, flowLogsDisabledReason: 'a throwaway sandbox VPC, deleted nightly' },
      services: [
        {
          name: 'web',
          image: 'public.ecr.aws/nginx/nginx:1.27',
          readonlyRootFilesystem: false,
          writableRootFilesystemReason: 'nginx writes its cache under /var/cache/nginx',
        },
        {
          name: 'shell',
          image: 'public.ecr.aws/nginx/nginx:1.27',
          enableExecuteCommand: true,
          writableRootFilesystemReason: 'engineers debug this service with ECS Exec, ticket OPS-42',
        },
      ],
    });
    expect(found).toContainEqual({
      at: 'lab-platform/network',
      rule: 'AWSVPC-VPC-002',
      reason: 'a throwaway sandbox VPC, deleted nightly',
    });
    expect(found).toContainEqual({
      at: 'lab-platform/task-web',
      rule: 'AWSVPC-ECS-005',
      reason: 'nginx writes its cache under /var/cache/nginx',
    });
    // With ECS Exec the task definition declares its own reason; the configuration's restates it.
    expect(found).toContainEqual({
      at: 'lab-platform/task-shell',
      rule: 'AWSVPC-ECS-005',
      reason: 'engineers debug this service with ECS Exec, ticket OPS-42',
    });
  });

  test('key nothing on an image name: a container without a user is a warning whatever its image, one that runs as root a violation', () => {
    const pack = checkedPack({
      services: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', enableExecuteCommand: true }],
    });
    expect(pack.warnings.map((f) => `${f.ruleId} ${f.constructPath}`)).toEqual([
      'AWSVPC-ECS-004 lab-platform/task-web/task-definition',
    ]);
    expect(pack.suppressed.filter((f) => f.ruleId === 'AWSVPC-ECS-004')).toEqual([]);
    expect(() =>
      checkedPack({
        services: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', enableExecuteCommand: true, user: '0' }],
      }),
    ).toThrow(/\[AWSVPC-ECS-004\][\s\S]*container "web" runs as user "0"/);
  });
});
