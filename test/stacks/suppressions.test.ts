import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildAwsvpcApp, parseConfig } from '../../modules/stacks';

const SECURITY_DOC = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');

function suppressedFindings(config: unknown): { at: string; rule: string; reason: string }[] {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-supp-')) });
  const { platform } = buildAwsvpcApp(app, parseConfig(config));
  platform.toTerraform(); // runs the policy pack on the rendered stack
  const unique = new Map(platform.policyPack.suppressed.map((f) => [`${f.suppressedAt} ${f.ruleId}`,
    { at: f.suppressedAt!, rule: f.ruleId, reason: f.suppressionReason! }]));
  return [...unique.values()];
}

describe('the default app\'s policy suppressions', () => {
  test('are exactly the four documented in docs/security.md, each with its reason', () => {
    const found = suppressedFindings({});
    expect(found.map((f) => `${f.at} ${f.rule}`).sort()).toEqual([
      'lab-platform/cluster/capacity-linux AWSVPC-SG-002',
      'lab-platform/service-nginx AWSVPC-SG-002',
      'lab-platform/task-nginx AWSVPC-ECS-004',
      'lab-platform/task-nginx AWSVPC-ECS-005',
    ]);
    for (const f of found) {
      expect(SECURITY_DOC).toContain(`| default app | \`${f.at}\` | \`${f.rule}\` | ${f.reason} |`);
    }
  });

  test('take the configuration\'s own reason when flow logs are off or a root filesystem is writable', () => {
    const found = suppressedFindings({
      network: { flowLogs: false, flowLogsDisabledReason: 'a throwaway sandbox VPC, deleted nightly' },
      services: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', readonlyRootFilesystem: false,
        writableRootFilesystemReason: 'nginx writes its cache under /var/cache/nginx' }],
    });
    expect(found).toContainEqual({ at: 'lab-platform/network', rule: 'AWSVPC-VPC-002', reason: 'a throwaway sandbox VPC, deleted nightly' });
    expect(found).toContainEqual({ at: 'lab-platform/task-web', rule: 'AWSVPC-ECS-005', reason: 'nginx writes its cache under /var/cache/nginx' });
  });
});
