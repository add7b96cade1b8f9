/**
 * examples/config/dev.json and prod.json: the default app configured for two environments (run
 * through the app's real entry point and Terraform by synth-examples.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { buildAwsvpcApp, loadConfig } from '../../modules/stacks';
import type { PolicyPack } from '../../modules/policy';
import { resourcesOfType } from '../support/synth';
import { appliedSuppressions, documentedSuppressions, REPO_ROOT, synthesizeApp, SynthesizedApp } from './support';

const CONFIG_DIR = path.join(REPO_ROOT, 'examples', 'config');

/**
 * The default app built in-process on `examples/config/<name>.json`: its output folder and the
 * platform stack's policy pack. (The real entry point with AWSVPC_CONFIG, and Terraform, are
 * synth-examples.test.ts's: every example goes through them there.)
 */
function synthesizeConfig(name: 'dev' | 'prod'): { out: SynthesizedApp; pack: PolicyPack } {
  const { config } = loadConfig(REPO_ROOT, { AWSVPC_CONFIG: path.join(CONFIG_DIR, `${name}.json`) });
  let pack: PolicyPack | undefined;
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const out = synthesizeApp((app: App) => {
      pack = buildAwsvpcApp(app, config).platform.policyPack;
    });
    return { out, pack: pack! };
  } finally {
    quiet.mockRestore();
  }
}

function count(out: SynthesizedApp, stack: string, type: string): number {
  return Object.keys(resourcesOfType(out.json(stack), type)).length;
}

describe('examples/config', () => {
  test.each(['dev', 'prod'])('%s.json points at the published JSON Schema', (name) => {
    const raw = JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, `${name}.json`), 'utf8')) as { $schema: string };
    expect(raw.$schema).toBe('../../awsvpc.config.schema.json');
  });

  describe('dev.json', () => {
    let out: SynthesizedApp;
    let pack: PolicyPack;
    beforeAll(() => {
      ({ out, pack } = synthesizeConfig('dev'));
    });

    test('synthesizes the account and platform stacks with one NAT gateway and a small Auto Scaling group', () => {
      expect(fs.readdirSync(path.join(out.dir('dev-platform'), '..')).sort()).toEqual(['dev-account', 'dev-platform']);
      expect(count(out, 'dev-platform', 'aws_nat_gateway')).toBe(1);
      expect(count(out, 'dev-platform', 'aws_subnet')).toBe(4);
      const [asg] = Object.values(resourcesOfType(out.json('dev-platform'), 'aws_autoscaling_group'));
      expect([asg!.min_size, asg!.max_size]).toEqual([1, 2]);
      expect(count(out, 'dev-platform', 'aws_appautoscaling_target')).toBe(0);
    });

    test('lets the account settings be destroyed with the sandbox', () => {
      const [setting] = Object.values(resourcesOfType(out.json('dev-account'), 'aws_ecs_account_setting_default'));
      expect(setting).not.toHaveProperty('lifecycle.prevent_destroy', true);
    });

    test('passes the policy pack with only the suppressions docs/examples.md lists', () => {
      expect(pack.violations).toEqual([]);
      expect(appliedSuppressions(pack)).toEqual(documentedSuppressions('config/dev.json'));
    });
  });

  describe('prod.json', () => {
    let out: SynthesizedApp;
    let pack: PolicyPack;
    beforeAll(() => {
      ({ out, pack } = synthesizeConfig('prod'));
    });

    test('synthesizes three AZs with a NAT gateway in each, a larger Auto Scaling group and service auto scaling', () => {
      expect(count(out, 'prod-platform', 'aws_nat_gateway')).toBe(3);
      expect(count(out, 'prod-platform', 'aws_subnet')).toBe(6);
      const [asg] = Object.values(resourcesOfType(out.json('prod-platform'), 'aws_autoscaling_group'));
      expect([asg!.min_size, asg!.max_size]).toEqual([3, 9]);
      const [target] = Object.values(resourcesOfType(out.json('prod-platform'), 'aws_appautoscaling_target'));
      expect([target!.min_capacity, target!.max_capacity]).toEqual([6, 24]);
    });

    test('keeps state in S3 with native locking', () => {
      expect((out.json('prod-platform').terraform as { backend: unknown }).backend).toEqual({
        s3: {
          bucket: 'acme-terraform-state-prod',
          key: 'awsvpc/prod-platform.tfstate',
          region: 'us-east-1',
          encrypt: true,
          use_lockfile: true,
        },
      });
    });

    test('protects the account settings from destroy', () => {
      const [setting] = Object.values(resourcesOfType(out.json('prod-account'), 'aws_ecs_account_setting_default'));
      expect(setting).toHaveProperty('lifecycle.prevent_destroy', true);
    });

    test('passes the policy pack with only the suppressions docs/examples.md lists', () => {
      expect(pack.violations).toEqual([]);
      expect(appliedSuppressions(pack)).toEqual(documentedSuppressions('config/prod.json'));
    });
  });
});
