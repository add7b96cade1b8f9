/**
 * Reliability: a failed synth leaves any previous cdktf.out untouched. The real entry point first
 * synthesizes the seeds' lab; then, in the same folder, configurations that fail in each way a synth
 * can fail (the configuration file, the schema, a construct's own checks, the policy pack) must exit
 * with 1, say what is wrong, and leave every file and folder of cdktf.out with the same bytes and the
 * same mtimes, with no scratch folder left behind.
 */
import * as fs from 'fs';
import { runApp, type AppRun } from '../support/app-runner';
import { INVALID_CONFIG, OVER_CAPACITY_CONFIG, POLICY_VIOLATION_CONFIG } from './fixtures';
import { treeState } from './support/tree-state';

const FAILURES: ReadonlyArray<{
  readonly failure: string;
  readonly config: unknown;
  readonly says: readonly RegExp[];
}> = [
  {
    failure: 'a configuration file that is not JSON',
    config: '{ "network": { "availabilityZoneCount": 2, } }',
    says: [
      /^synth failed: 1 problem \(nothing was written\)$/m,
      /^ {2}\[CONFIG_NOT_JSON\] awsvpc\.config\.json: received .+; allowed: a JSON document\. Fix: /m,
    ],
  },
  {
    failure: 'a configuration the schema rejects',
    config: INVALID_CONFIG,
    says: [
      /^synth failed: 3 problems \(nothing was written\)$/m,
      /^ {2}\[CONFIG_TOO_SMALL\] network\.availabilityZoneCount: received 0; allowed: a number at least 1\. Fix: /m,
      /^ {2}\[CONFIG_INVALID_VALUE\] network\.natGatewayMode: received "both"; allowed: one of "per-az", "single", "none"\. Fix: /m,
      /^ {2}\[CONFIG_INVALID_FORMAT\] capacityProviders\[0\]\.instanceType: received "C5\.LARGE"; .*Fix: use an EC2 instance type such as c5\.large$/m,
    ],
  },
  {
    failure: "more tasks than the capacity providers can hold (a construct's check)",
    config: OVER_CAPACITY_CONFIG,
    says: [
      /^synth failed: 1 problem \(nothing was written\)$/m,
      /^ {2}\[CAPACITY_ENI_OVERCOMMITTED\] capacityProviders\S*( \(.*\))?: received 80 awsvpc tasks at peak.*; allowed: at most 4: .*\. Fix: turn ENI trunking on/m,
    ],
  },
  {
    failure: 'a policy violation (a container running as root)',
    config: POLICY_VIOLATION_CONFIG,
    says: [
      /^synth failed: 1 problem \(nothing was written\)$/m,
      /^ {2}\[POLICY_VIOLATION\] lab-platform\/aws_ecs_task_definition\.task-api_task-definition_[0-9A-F]{8} \[AWSVPC-ECS-004\]: received container "api" runs as user "root"; .*Fix: set "user"/m,
    ],
  },
];

describe('a failed synth', () => {
  let first: AppRun;
  let folder: string;
  beforeAll(() => {
    first = runApp();
    folder = first.cwd;
  });

  test("starts from a successful synth of the seeds' lab", () => {
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(Object.keys(treeState(first.outdir))).toEqual(
      expect.arrayContaining([
        'stacks/lab-platform/cdk.tf.json',
        'stacks/lab-platform/capacity-report.json',
        'stacks/lab-platform/policy-report.json',
        'stacks/lab-platform/topology.svg',
      ]),
    );
  });

  test.each(FAILURES)('after $failure, exits with 1, says why and leaves cdktf.out untouched', ({ config, says }) => {
    const before = treeState(first.outdir);
    const entries = fs
      .readdirSync(folder)
      .filter((e) => e !== 'awsvpc.config.json')
      .sort();

    const failed = runApp({ cwd: folder, config });

    expect(failed.code).toBe(1);
    for (const line of says) expect(failed.stderr).toMatch(line);
    expect(failed.stderr).not.toMatch(/unexpected error|TypeError|\n\s+at /);
    expect(treeState(first.outdir)).toEqual(before);
    expect(
      fs
        .readdirSync(folder)
        .filter((e) => e !== 'awsvpc.config.json')
        .sort(),
    ).toEqual(entries);
  });
});
