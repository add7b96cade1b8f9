/**
 * examples/config/dev.json and prod.json: the default app configured for two environments, run
 * through the app's real entry point (AWSVPC_CONFIG) and through Terraform.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { buildAwsvpcApp, loadConfig } from '../../modules/stacks';
import { expectStackPasses } from '../engine/terraform';
import { runApp } from '../support/app-runner';
import { resourcesOfType } from '../support/synth';
import {
  appliedSuppressions,
  documentedSuppressions,
  fromOutdir,
  REPO_ROOT,
  synthesizeApp,
  SynthesizedApp,
  tftest,
} from './support';

const CONFIG_DIR = path.join(REPO_ROOT, 'examples', 'config');

/** Runs the default app on `examples/config/<name>.json` and returns its output folder. */
function synthesizeConfig(name: 'dev' | 'prod'): SynthesizedApp {
  const run = runApp({ env: { AWSVPC_CONFIG: path.join(CONFIG_DIR, `${name}.json`) }, args: ['--synth-only'] });
  if (run.code !== 0) throw new Error(`the app failed on ${name}.json (exit ${run.code}):\n${run.stderr}${run.stdout}`);
  return fromOutdir(run.outdir);
}

/** The platform stack's policy pack, from building the app in-process on the same file. */
function policyPackOf(name: 'dev' | 'prod') {
  const { config } = loadConfig(REPO_ROOT, { AWSVPC_CONFIG: path.join(CONFIG_DIR, `${name}.json`) });
  let pack: ReturnType<typeof buildAwsvpcApp>['platform']['policyPack'] | undefined;
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    synthesizeApp((app: App) => {
      pack = buildAwsvpcApp(app, config).platform.policyPack;
    });
  } finally {
    quiet.mockRestore();
  }
  return pack!;
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
    beforeAll(() => {
      out = synthesizeConfig('dev');
    });

    test('synthesizes the account and platform stacks with one NAT gateway and a small Auto Scaling group', () => {
      expect(fs.readdirSync(path.join(out.dir('dev-platform'), '..')).sort()).toEqual(['dev-account', 'dev-platform']);
      expect(count(out, 'dev-platform', 'aws_nat_gateway')).toBe(1);
      expect(count(out, 'dev-platform', 'aws_subnet')).toBe(4);
      const [asg] = Object.values(resourcesOfType(out.json('dev-platform'), 'aws_autoscaling_group'));
      expect([asg.min_size, asg.max_size]).toEqual([1, 2]);
      expect(count(out, 'dev-platform', 'aws_appautoscaling_target')).toBe(0);
    });

    test('lets the account settings be destroyed with the sandbox', () => {
      const [setting] = Object.values(resourcesOfType(out.json('dev-account'), 'aws_ecs_account_setting_default'));
      expect(setting.lifecycle?.prevent_destroy ?? false).toBe(false);
    });

    test('passes the policy pack with only the suppressions docs/examples.md lists', () => {
      const pack = policyPackOf('dev');
      expect(pack.violations).toEqual([]);
      expect(appliedSuppressions(pack)).toEqual(documentedSuppressions('config/dev.json'));
    });

    test('passes terraform validate and test: the account stack applies and destroys', () => {
      expectStackPasses(out.dir('dev-account'), [tftest('config-dev-account')], { validate: false });
    }, 120_000);

    test('passes terraform validate and test: the platform stack applies and destroys', () => {
      expectStackPasses(out.dir('dev-platform'), [tftest('config-dev-platform')], { validate: false });
    }, 120_000);
  });

  describe('prod.json', () => {
    let out: SynthesizedApp;
    beforeAll(() => {
      out = synthesizeConfig('prod');
    });

    test('synthesizes three AZs with a NAT gateway in each, a larger Auto Scaling group and service auto scaling', () => {
      expect(count(out, 'prod-platform', 'aws_nat_gateway')).toBe(3);
      expect(count(out, 'prod-platform', 'aws_subnet')).toBe(6);
      const [asg] = Object.values(resourcesOfType(out.json('prod-platform'), 'aws_autoscaling_group'));
      expect([asg.min_size, asg.max_size]).toEqual([3, 9]);
      const [target] = Object.values(resourcesOfType(out.json('prod-platform'), 'aws_appautoscaling_target'));
      expect([target.min_capacity, target.max_capacity]).toEqual([6, 24]);
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
      expect(setting.lifecycle.prevent_destroy).toBe(true);
    });

    test('passes the policy pack with only the suppressions docs/examples.md lists', () => {
      const pack = policyPackOf('prod');
      expect(pack.violations).toEqual([]);
      expect(appliedSuppressions(pack)).toEqual(documentedSuppressions('config/prod.json'));
    });

    test('passes terraform validate and a plan of the account stack (prevent_destroy forbids destroying it)', () => {
      expectStackPasses(out.dir('prod-account'), [tftest('config-prod-account')], { validate: false });
    }, 120_000);

    test('passes terraform validate and test: the platform stack applies and destroys', () => {
      expectStackPasses(out.dir('prod-platform'), [tftest('config-prod-platform')], { validate: false });
    }, 120_000);
  });
});
