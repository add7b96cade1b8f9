/**
 * Nothing silent (modules/stacks/warnings.ts): every warning a synth raises is printed with its code
 * and construct path and counted, and strict mode makes warnings fail the synth.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FindingLevel, PolicyFinding } from '../../modules/policy';
import { constructWarnings, policyWarnings, strictModeFrom } from '../../modules/stacks';
import { runApp } from '../support/app-runner';
import { treeState } from '../reliability/support/tree-state';

/** ECS Exec with no route to SSM and a read-only root filesystem: two construct warnings. */
const WARNING_CONFIG = {
  network: { natGatewayMode: 'none' },
  services: [
    {
      name: 'api',
      image: 'ghcr.io/acme/api:2.1',
      user: '1000',
      enableExecuteCommand: true,
      readonlyRootFilesystem: true,
    },
  ],
};

const scratchDirs: string[] = [];
afterEach(() => scratchDirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('warnings, through the real entry point', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-warnings-'));
    scratchDirs.push(cwd);
  });

  test("are printed with their code and construct path, and counted (on stdout, with the policy pack's report); the synth succeeds", () => {
    const run = runApp({ cwd, config: WARNING_CONFIG, args: ['--synth-only'] });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' }); // stderr is for failures
    expect(run.stdout.split('\n').filter((l) => /^warning: |^\d+ warnings? /.test(l))).toEqual([
      expect.stringMatching(
        /^warning: \[COMPUTE_NO_ROUTE_TO_ECS\] lab-platform\/cluster\/capacity-linux: lab-linux: the private subnets have no NAT gateway/,
      ),
      expect.stringMatching(
        /^warning: \[SERVICE_IMAGE_PULL_NO_ROUTE\] lab-platform\/service-api: lab-api: the private subnets have no NAT gateway/,
      ),
      expect.stringMatching(
        /^warning: \[SERVICE_EXEC_NO_ROUTE_TO_SSM\] lab-platform\/service-api: lab-api: ECS Exec is on, but the private subnets have neither/,
      ),
      expect.stringMatching(
        /^warning: \[SERVICE_EXEC_READ_ONLY_ROOT_FS\] lab-platform\/service-api: lab-api: ECS Exec is on, but container\(s\) api/,
      ),
      '4 warnings (4 from constructs, above); set AWSVPC_STRICT=true or pass --strict to make warnings fail the synth',
    ]);
  });

  test.each([
    ['AWSVPC_STRICT=true', { env: { AWSVPC_STRICT: 'true' } }],
    ['--strict', { args: ['--strict'] }],
  ])('in strict mode (%s) fail the synth: exit 1, each warning a problem, the previous output untouched', (_, how) => {
    expect(runApp({ cwd, args: ['--synth-only'] }).code).toBe(0);
    const before = treeState(cwd);
    fs.writeFileSync(path.join(cwd, 'awsvpc.config.json'), JSON.stringify(WARNING_CONFIG));
    const config = treeState(cwd)['awsvpc.config.json'];

    const run = runApp({
      cwd,
      args: ['--synth-only', ...('args' in how ? how.args : [])],
      ...('env' in how ? { env: how.env } : {}),
    });

    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'synth failed: 4 problems (nothing was written)',
      expect.stringMatching(
        /^ {2}\[SYNTH_STRICT_WARNING\] lab-platform\/cluster\/capacity-linux: received the warning \[COMPUTE_NO_ROUTE_TO_ECS\] /,
      ),
      expect.stringMatching(
        /^ {2}\[SYNTH_STRICT_WARNING\] lab-platform\/service-api: received the warning \[SERVICE_IMAGE_PULL_NO_ROUTE\] /,
      ),
      expect.stringMatching(
        /^ {2}\[SYNTH_STRICT_WARNING\] lab-platform\/service-api: received the warning \[SERVICE_EXEC_NO_ROUTE_TO_SSM\] .*; allowed: no warnings \(strict mode is on\)\. Fix: /,
      ),
      expect.stringMatching(
        /^ {2}\[SYNTH_STRICT_WARNING\] lab-platform\/service-api: received the warning \[SERVICE_EXEC_READ_ONLY_ROOT_FS\] /,
      ),
    ]);
    expect(treeState(cwd)).toEqual({ ...before, 'awsvpc.config.json': config, '/': treeState(cwd)['/'] });
  });

  test('a strict mode value that is neither on nor off is refused', () => {
    const run = runApp({ cwd, args: ['--synth-only'], env: { AWSVPC_STRICT: 'yes' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '[SYNTH_STRICT_INVALID] AWSVPC_STRICT: received "yes"; allowed: "true" or "1" (warnings fail the synth), "false", "0" or unset.',
    );
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});

describe('collecting warnings', () => {
  test('reads construct warnings from the manifest, code apart; errors and info are not warnings', () => {
    expect(
      constructWarnings({
        stacks: {
          a: {
            annotations: [
              { constructPath: 'a/x', level: '@cdktf/warn', message: '[SERVICE_X_Y] said' },
              { constructPath: 'a/y', level: '@cdktf/warn', message: "a third party construct's warning" },
              { constructPath: 'a/z', level: '@cdktf/info', message: '[INFO_X] fyi' },
              { constructPath: 'a/z', level: '@cdktf/error', message: '[ERR_X] bad' },
            ],
          },
          b: {},
        },
      }),
    ).toEqual([
      { code: 'SERVICE_X_Y', constructPath: 'a/x', message: 'said', source: 'construct' },
      { constructPath: 'a/y', message: "a third party construct's warning", source: 'construct' },
    ]);
  });

  test("takes the policy pack's unsuppressed warnings, with their rule id", () => {
    const finding = (level: FindingLevel, suppressed: boolean): PolicyFinding => ({
      ruleId: 'AWSVPC-ECS-009',
      industryIds: [],
      severity: 'MEDIUM' as PolicyFinding['severity'],
      level,
      stackName: 's',
      address: 'aws_ecs_task_definition.t',
      constructPath: 's/t',
      message: 'uses the latest tag',
      fix: 'pin a tag',
      suppressed,
      ...(suppressed ? { suppressionReason: 'a good reason here', suppressedAt: 's/t' } : {}),
    });
    const warnings = policyWarnings([
      finding(FindingLevel.WARNING, false),
      finding(FindingLevel.WARNING, true),
      finding(FindingLevel.INFO, false),
      finding(FindingLevel.ERROR, false),
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'AWSVPC-ECS-009', constructPath: 's/t', source: 'policy' }),
    ]);
    expect(warnings[0]!.message).toMatch(/^aws_ecs_task_definition\.t: uses the latest tag\. Fix: pin a tag\./);
  });

  test('strict mode: --strict, or AWSVPC_STRICT true or 1; false, 0 or unset is off', () => {
    expect(['true', 'TRUE', '1'].map((v) => strictModeFrom(v, []))).toEqual([true, true, true]);
    expect([undefined, '', 'false', '0'].map((v) => strictModeFrom(v, []))).toEqual([false, false, false, false]);
    expect(strictModeFrom(undefined, ['node', 'main.js', '--strict'])).toBe(true);
    expect(() => strictModeFrom('on', [])).toThrow(expect.objectContaining({ code: 'SYNTH_STRICT_INVALID' }));
  });
});
