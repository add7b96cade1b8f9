import { Token } from 'cdktf';
import {
  DiagnosticSeverity,
  throwOnCapacityErrors,
  TrunkingAccountSetting,
  trunkingAlternatives,
  trunkingPreflight,
  type TrunkingPreflightInput,
} from './helpers';
import { thrownValidationError } from '../support/problem-matcher';

const input = (over: Partial<TrunkingPreflightInput> = {}): TrunkingPreflightInput => ({
  capacityProvider: 'default',
  instanceType: 'c5.large',
  trunking: true,
  accountSetting: TrunkingAccountSetting.DECLARED_IN_APP,
  ...over,
});
const codes = (over: Partial<TrunkingPreflightInput>): string[] =>
  trunkingPreflight(input(over)).map((d) => `${d.severity} ${d.code}`);

describe('trunkingPreflight', () => {
  test('passes a supported type with the account setting declared', () => {
    expect(trunkingPreflight(input())).toEqual([]);
    expect(trunkingPreflight(input({ accountSetting: TrunkingAccountSetting.DECLARED_ELSEWHERE }))).toEqual([]);
  });

  test('checks nothing when trunking is off', () => {
    expect(
      trunkingPreflight(input({ trunking: false, instanceType: 'c4.large', windows: true, accountSetting: undefined })),
    ).toEqual([]);
  });

  test("fails for a type on AWS's exclusion list, naming the reason and alternatives", () => {
    const [d] = trunkingPreflight(input({ instanceType: 'c5n.large' }));
    expect(d).toMatchObject({
      severity: DiagnosticSeverity.ERROR,
      code: 'CAPACITY_TRUNKING_UNSUPPORTED',
      path: 'capacityProviders["default"].instanceType',
    });
    expect(d!.allowed).toContain(
      'not the c5n family: the ECS developer guide lists it among the types that do not support ENI trunking',
    );
    expect(d!.fix).toBe(
      'use a type that supports trunking, e.g. c5.large, c5a.large, c5d.large; or turn trunking off and size the ASG for the untrunked limit',
    );
    expect(d!.message).toContain(
      'Capacity provider "default" turns ENI trunking on, but c5n.large does not support it (it runs 2 awsvpc tasks per instance, trunking or not).',
    );
    const e = thrownValidationError(() => throwOnCapacityErrors([d!]));
    expect(e.code).toBe('CAPACITY_TRUNKING_UNSUPPORTED');
    expect(e.message).toContain('received "c5n.large"');
  });

  test('fails for a type excluded by name although the trunking table has a row (c5a.8xlarge)', () => {
    const [d] = trunkingPreflight(input({ instanceType: 'c5a.8xlarge' }));
    expect(d!.code).toBe('CAPACITY_TRUNKING_UNSUPPORTED');
    expect(d!.allowed).toContain('not c5a.8xlarge: the ECS developer guide lists it');
  });

  test('fails for a family AWS says never trunks (t3), and for an excluded type the table does not know (g3s)', () => {
    const [t3] = trunkingPreflight(input({ instanceType: 't3.large' }));
    expect(t3!.code).toBe('CAPACITY_TRUNKING_UNSUPPORTED');
    expect(t3!.allowed).toContain('AWS publishes no trunking row for t2, t3, t3a, t4g, c4, m4 and c5n');
    expect(codes({ instanceType: 'g3s.xlarge' })).toEqual(['error CAPACITY_TRUNKING_UNSUPPORTED']);
  });

  test('warns, not fails, for a type missing from the trunking table: unknown, not unsupported', () => {
    const [d] = trunkingPreflight(input({ instanceType: 'c7i.large' }));
    expect(d).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_TRUNKING_SUPPORT_UNKNOWN' });
    expect(d!.message).toContain(
      "c7i.large, which is not in ECS's trunking table of April 2023: whether it supports trunking is unknown, not unsupported",
    );
    expect(d!.fix).toContain('the budget counts 2 awsvpc tasks per instance (no trunking gain)');
  });

  test('warns for a type whose family the ENI table does not know at all', () => {
    const [d] = trunkingPreflight(input({ instanceType: 'c9x.large' }));
    expect(d).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_UNKNOWN_INSTANCE_TYPE' });
    expect(d!.message).toContain('whether it supports trunking is unknown (not unsupported)');
  });

  test('fails for a size the ENI table does not know in a family it knows (a typo), with the nearest sizes', () => {
    const [d] = trunkingPreflight(input({ instanceType: 'c5.lrge' }));
    expect(d).toMatchObject({
      severity: DiagnosticSeverity.ERROR,
      code: 'CAPACITY_INSTANCE_SIZE_UNKNOWN',
      path: 'capacityProviders["default"].instanceType',
      received: '"c5.lrge"',
    });
    expect(d!.fix).toMatch(/^did you mean "c5\.large"/);
    const [lenient] = trunkingPreflight(input({ instanceType: 'c5.lrge', unknownSizeIsError: false }));
    expect(lenient).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_UNKNOWN_INSTANCE_TYPE' });
  });

  test('fails for Windows instances', () => {
    const [d] = trunkingPreflight(input({ windows: true }));
    expect(d).toMatchObject({
      severity: DiagnosticSeverity.ERROR,
      code: 'CAPACITY_TRUNKING_WINDOWS',
      path: 'capacityProviders["default"].trunking',
    });
    expect(d!.message).toBe(
      'Capacity provider "default" turns ENI trunking on for Windows instances, which never get a trunk interface. ' +
        'Turn trunking off for Windows instances, or use a Linux AMI.',
    );
  });

  test('fails in shared subnets and in subnets with resource-name DNS A records', () => {
    expect(codes({ sharedSubnets: true })).toEqual(['error CAPACITY_TRUNKING_SHARED_SUBNET']);
    expect(codes({ resourceNameDnsARecords: true })).toEqual(['error CAPACITY_TRUNKING_RESOURCE_NAME_DNS']);
  });

  test('warns when the account setting is not declared, with the numbers it would cost', () => {
    const [d] = trunkingPreflight(input({ accountSetting: undefined }));
    expect(d).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_TRUNKING_ACCOUNT_SETTING' });
    expect(d!.message).toContain(
      'nothing in the app turns the awsvpcTrunking account setting on: without it a c5.large runs 2 awsvpc tasks, not 10',
    );
    expect(d!.fix).toContain('TrunkingAccountSetting.DECLARED_ELSEWHERE');
  });

  test('warns when trunking gives no gain (i4i.large, and u-18tb1.metal whose published figure is below the untrunked one)', () => {
    const [noGain] = trunkingPreflight(input({ instanceType: 'i4i.large' }));
    expect(noGain).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_TRUNKING_NO_GAIN' });
    expect(noGain!.received).toBe("i4i.large: ECS's table publishes -2 tasks with trunking");
    expect(noGain!.message).toContain('trunking gives i4i.large no more awsvpc tasks (2 either way)');
    const [lower] = trunkingPreflight(input({ instanceType: 'u-18tb1.metal' }));
    expect(lower).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_TRUNKING_NO_GAIN' });
    expect(lower!.received).toBe("u-18tb1.metal: ECS's table publishes 12 tasks with trunking");
    expect(lower!.message).toContain('trunking gives u-18tb1.metal no more awsvpc tasks (14 either way)');
  });

  test('reports every finding at once, and skips the type checks for a token', () => {
    expect(
      codes({ instanceType: 'c5n.large', windows: true, accountSetting: TrunkingAccountSetting.NOT_DECLARED }),
    ).toEqual([
      'error CAPACITY_TRUNKING_WINDOWS',
      'warning CAPACITY_TRUNKING_ACCOUNT_SETTING',
      'error CAPACITY_TRUNKING_UNSUPPORTED',
    ]);
    expect(codes({ instanceType: Token.asString({ Ref: 'type' }) })).toEqual([]);
  });

  test('suggests alternatives of the same series and architecture first', () => {
    expect(trunkingAlternatives('c4.large')[0]).toBe('c5.large');
    expect(trunkingAlternatives('m5n.xlarge')).toEqual(['m5.xlarge', 'm5a.xlarge', 'm5d.xlarge']);
    expect(trunkingAlternatives('t3.large')).toEqual([]);
  });
});
