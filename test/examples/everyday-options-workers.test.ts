import { build } from '../../examples/everyday-options/main';
import { synthesizeApp } from './support';
import type { EverydayPlatform } from '../../examples/everyday-options/platform';

/**
 * examples/everyday-options, workers part (workers.ts): the Spot provider, the weighted worker and the
 * daemon log agent in the capacity report. (terraform validate and a terraform test plan of the stack,
 * with terraform/everyday-options.workers.tftest.hcl: synth-examples.test.ts.)
 */
describe('examples/everyday-options: workers (Spot, weighted strategy, daemon)', () => {
  let platform: EverydayPlatform | undefined;
  synthesizeApp((app) => {
    platform = build(app);
  });

  test('the capacity report accounts for the daemon, the weighted strategy and the Spot group', () => {
    const report = platform!.cluster.capacityReport();
    const spot = report.capacityProviders.find((p) => p.capacityProvider === 'everyday-spot')!;
    expect(spot).toMatchObject({
      instanceType: 'c5.large',
      instanceTypes: ['c5.xlarge', 'm5.xlarge', 'c5.large'],
      spot: true,
      tasksPerInstance: 10,
      capacity: 60,
    });
    const share = (provider: string, service: string) =>
      report.capacityProviders
        .find((p) => p.capacityProvider === provider)!
        .services.find((s) => s.service === service)!;
    // 6 tasks, 12 at peak: 2 on on-demand first, then the other 10 by 1:3 (rounded up per provider).
    expect(share('everyday-on-demand', 'everyday-worker').formula).toBe(
      'ceil(6 x 200%) = 12 -> 5 here (base 2, weight 1/4)',
    );
    expect(share('everyday-spot', 'everyday-worker').formula).toBe(
      'ceil(6 x 200%) = 12 -> 8 here (base 0, weight 3/4)',
    );
    // The daemon: one task (one ENI) on every instance of every provider (the on-demand group's maximum is 6).
    expect(share('everyday-on-demand', 'everyday-log-agent')).toMatchObject({ daemon: true, awsvpcTasks: 6 });
    expect(share('everyday-spot', 'everyday-log-agent')).toMatchObject({ daemon: true, awsvpcTasks: 6 });
    const table = platform!.cluster.capacityTable();
    expect(table).toContain('c5.large (smallest of 3, Spot)');
    expect(table).toMatch(/everyday-spot +everyday-log-agent \(daemon\) +6 +6 +daemon: 1 per instance x 6 instances/);
  });
});
