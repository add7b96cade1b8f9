/**
 * examples/everyday-options, traffic part (traffic.ts) on its own platform: the shared ALB and its
 * rules, Service Connect, alarm rollback, scaling, the CI-owned task definition; the policy pack
 * finds no violation; Terraform validates and plans it under mock_provider.
 */
import * as path from 'path';
import { FindingLevel, PolicyPack } from '../../modules/policy';
import { createPlatform } from '../../examples/everyday-options/platform';
import { addTraffic } from '../../examples/everyday-options/traffic';
import { expectStackPasses } from '../engine/terraform';
import { resourcesOfType } from '../support/synth';
import { synthesizeApp, type SynthesizedApp } from './support';

describe('examples/everyday-options: traffic', () => {
  let out: SynthesizedApp;
  let pack: PolicyPack;
  beforeAll(() => {
    out = synthesizeApp((app) => {
      const platform = createPlatform(app, 'everyday-options');
      addTraffic(platform);
      pack = PolicyPack.applyTo(platform.stack, { printReport: false });
    });
  });

  test('one shared internal ALB with access logs, two rules, no violation of the policy pack', () => {
    const json = out.json('everyday-options');
    expect(Object.values(resourcesOfType(json, 'aws_lb'))).toEqual([
      expect.objectContaining({ internal: true, access_logs: expect.objectContaining({ prefix: 'shop' }) }),
    ]);
    expect(Object.keys(resourcesOfType(json, 'aws_lb_listener_rule'))).toHaveLength(2);
    const unsuppressed = pack.findings.filter((f) => !f.suppressed && f.level !== FindingLevel.INFO);
    expect(unsuppressed).toEqual([]);
  });

  test('the worker leaves its task definition to CI', () => {
    const services = Object.values(resourcesOfType(out.json('everyday-options'), 'aws_ecs_service'));
    const worker = services.find((s) => s.name === 'worker')!;
    expect(worker).toHaveProperty('lifecycle.ignore_changes', ['task_definition']);
  });

  test('passes terraform validate and a terraform test plan', () => {
    expectStackPasses(out.dir('everyday-options'), [
      path.join(__dirname, 'terraform', 'everyday-options.traffic.tftest.hcl'),
    ]);
  });
});
