import * as fc from 'fast-check';
import {
  CapacityProviderRuleInput,
  capacityProviderNameProblems,
  capacityProviderProblems,
  OsFamily,
} from '../../modules/compute';

const valid: CapacityProviderRuleInput = {
  path: 'Ec2CapacityProvider(linux)',
  capacityProviderName: 'seed-linux',
  instanceType: 'c5.large',
  osFamily: OsFamily.LINUX,
  minSize: 1,
  maxSize: 4,
  managedScaling: true,
  managedTerminationProtection: true,
  targetCapacityPercent: 100,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 10,
  instanceWarmupPeriodSeconds: 300,
  trunking: true,
  rootVolumeSizeGiB: 30,
  rootVolumeMinGiB: 30,
  extraEcsConfig: [],
  privateSubnetCount: 2,
};

describe('capacityProviderProblems', () => {
  test('finds nothing wrong with the defaults', () => {
    expect(capacityProviderProblems(valid)).toEqual([]);
  });

  test('sizes are accepted exactly when min <= desired <= max', () => {
    const n = fc.integer({ min: 0, max: 50 });
    fc.assert(
      fc.property(n, n, fc.option(n, { nil: undefined }), (minSize, maxSize, desiredCapacity) => {
        const codes = capacityProviderProblems({ ...valid, minSize, maxSize, desiredCapacity }).map((p) => p.code);
        const ok =
          minSize <= maxSize &&
          (desiredCapacity === undefined || (desiredCapacity >= minSize && desiredCapacity <= maxSize));
        expect(codes.length === 0).toBe(ok);
        if (minSize > maxSize) expect(codes).toEqual(['COMPUTE_ASG_MIN_ABOVE_MAX']);
      }),
    );
  });

  test('a trunking opt-in that is given but off is refused; an absent one is not', () => {
    expect(capacityProviderProblems({ ...valid, trunkingOptInEnabled: false }).map((p) => p.code)).toEqual([
      'COMPUTE_TRUNKING_NOT_OPTED_IN',
    ]);
    expect(capacityProviderProblems({ ...valid, trunkingOptInEnabled: undefined })).toEqual([]);
    expect(capacityProviderProblems({ ...valid, trunking: false, trunkingOptInEnabled: false })).toEqual([]);
  });
});

describe('capacityProviderNameProblems', () => {
  test('accepts any name of allowed characters that does not start with aws, ecs or fargate', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/).filter((s) => !/^(aws|ecs|fargate)/i.test(s));
    fc.assert(
      fc.property(name, (n) => {
        expect(capacityProviderNameProblems(n, 'p')).toEqual([]);
      }),
    );
  });

  test('refuses every name with a reserved prefix, whatever follows', () => {
    const name = fc
      .tuple(
        fc.constantFrom('aws', 'AWS', 'ecs', 'Ecs', 'fargate', 'FARGATE'),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,20}$/),
      )
      .map(([p, rest]) => p + rest);
    fc.assert(
      fc.property(name, (n) => {
        expect(capacityProviderNameProblems(n, 'p').map((x) => x.code)).toEqual([
          'COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED',
        ]);
      }),
    );
  });
});
