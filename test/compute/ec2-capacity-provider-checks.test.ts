import { AccountSettings } from '../../modules/account';
import { CpuArchitecture, Ec2CapacityProviderOptions, EcsClusterProps, EcsOptimizedAmi } from '../../modules/compute';
import { newTestStack } from '../support/synth';
import { fakeNetwork, newCluster } from './fixtures';
import { thrownValidationError } from '../support/problem-matcher';
import { build } from './capacity-provider-build';

function fails(options: Partial<Ec2CapacityProviderOptions>, clusterProps: Partial<EcsClusterProps> = {}) {
  const { stack } = newTestStack();
  const cluster = newCluster(stack, clusterProps);
  return thrownValidationError(() =>
    cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 4, ...options }),
  );
}

describe('Ec2CapacityProvider fails: sizes, scaling and names', () => {
  test('when minSize is above maxSize', () => {
    const e = fails({ minSize: 5, maxSize: 2 });
    expect(e.code).toBe('COMPUTE_ASG_MIN_ABOVE_MAX');
    expect(e.message).toContain('Ec2CapacityProvider(linux).minSize: received minSize 5 with maxSize 2');
    expect(e.fix).toContain('Lower minSize to at most 2');
  });

  test.each([
    [0, 1, 3],
    [4, 1, 3],
  ])('when desiredCapacity %p is outside [%p, %p]', (desiredCapacity, minSize, maxSize) => {
    const e = fails({ desiredCapacity, minSize, maxSize });
    expect(e.code).toBe('COMPUTE_ASG_DESIRED_OUT_OF_RANGE');
    expect(e.path).toBe('Ec2CapacityProvider(linux).desiredCapacity');
    expect(e.allowed).toBe('an integer from 1 to 3');
  });

  test.each([
    [{ minSize: -1 }, 'minSize'],
    [{ maxSize: 2.5 }, 'maxSize'],
    [{ desiredCapacity: NaN }, 'desiredCapacity'],
  ])('when a size is not a whole number (%p)', (opts, prop) => {
    const e = fails(opts);
    expect(e.code).toBe('COMPUTE_ASG_SIZE_INVALID');
    expect(e.path).toBe(`Ec2CapacityProvider(linux).${prop}`);
  });

  test('when managed termination protection is asked for without managed scaling', () => {
    const e = fails({ managedScaling: false, managedTerminationProtection: true });
    expect(e.code).toBe('COMPUTE_TERMINATION_PROTECTION_WITHOUT_SCALING');
    expect(e.message).toContain('managedTerminationProtection true with managedScaling false');
    expect(e.fix).toContain('Turn managedScaling on');
  });

  test.each(['aws-linux', 'ecs-linux', 'fargate-spot', 'ECS_Linux', 'AWSome'])(
    'when the capacity provider name %p starts with a reserved prefix',
    (name) => {
      const e = fails({ capacityProviderName: name });
      expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED');
      expect(e.path).toBe('Ec2CapacityProvider(linux).capacityProviderName');
      expect(e.message).toContain(JSON.stringify(name));
      expect(e.allowed).toContain('"aws", "ecs" or "fargate"');
    },
  );

  test('when the default name starts with a reserved prefix (cluster "ecs-seed")', () => {
    const e = fails({}, { clusterName: 'ecs-seed' });
    expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED');
    expect(e.message).toContain('"ecs-seed-linux"');
  });

  test.each(['', 'seed linux', 'seed/linux', 'x'.repeat(256)])(
    'when the capacity provider name %p has bad characters or length',
    (name) => {
      const e = fails({ capacityProviderName: name });
      expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_INVALID');
      expect(e.allowed).toContain('1-255 characters');
    },
  );

  test.each(['c5', 'C5.LARGE', 'c5 large'])('when the instance type %p is malformed', (instanceType) => {
    const e = fails({ instanceType });
    expect(e.problems.map((p) => p.code)).toContain('COMPUTE_INSTANCE_TYPE_INVALID');
    expect(e.message).toContain(`received ${JSON.stringify(instanceType)}`);
  });
});

describe('Ec2CapacityProvider fails: AMI, trunking and the instances', () => {
  test('for an unknown AMI family', () => {
    const e = thrownValidationError(() => build({ machineImage: EcsOptimizedAmi.fromFamilyName('ubuntu-22.04') }));
    expect(e.code).toBe('COMPUTE_AMI_FAMILY_UNKNOWN');
    expect(e.message).toContain('"ubuntu-22.04"');
  });

  test('when the AMI architecture does not match the instance type', () => {
    const e = fails({ machineImage: EcsOptimizedAmi.amazonLinux2023({ architecture: CpuArchitecture.ARM64 }) });
    expect(e.code).toBe('COMPUTE_AMI_ARCHITECTURE_MISMATCH');
    expect(e.path).toBe('Ec2CapacityProvider(linux).machineImage.architecture');
  });

  test('for Windows on a Graviton instance type', () => {
    const e = fails({ instanceType: 'c7g.large', machineImage: EcsOptimizedAmi.windowsServer2022() });
    expect(e.code).toBe('COMPUTE_AMI_ARCHITECTURE_UNSUPPORTED');
    expect(e.fix).toContain('x86_64 instance type');
  });

  test('when trunking is asked for with a Windows AMI', () => {
    const e = fails({ instanceType: 'm5.large', machineImage: EcsOptimizedAmi.windowsServer2022(), trunking: true });
    expect(e.code).toBe('COMPUTE_TRUNKING_WINDOWS');
    expect(e.path).toBe('Ec2CapacityProvider(linux).trunking');
    expect(e.message).toContain('trunking true with a Windows AMI');
    expect(e.fix).toContain('Leave trunking unset for Windows');
  });

  test('when trunking is on but the opt-in has awsvpcTrunking off', () => {
    const { stack } = newTestStack();
    const cluster = newCluster(stack, {
      trunkingOptIn: new AccountSettings(stack, 'account', { awsvpcTrunking: false }),
    });
    const e = thrownValidationError(() =>
      cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 2 }),
    );
    expect(e.code).toBe('COMPUTE_TRUNKING_NOT_OPTED_IN');
    expect(e.fix).toContain('Enable awsvpcTrunking');
  });

  test.each([
    [{ targetCapacityPercent: 0 }, 'COMPUTE_TARGET_CAPACITY_INVALID', 'targetCapacityPercent'],
    [{ targetCapacityPercent: 101 }, 'COMPUTE_TARGET_CAPACITY_INVALID', 'targetCapacityPercent'],
    [{ minimumScalingStepSize: 0 }, 'COMPUTE_SCALING_STEP_INVALID', 'minimumScalingStepSize'],
    [{ maximumScalingStepSize: 10001 }, 'COMPUTE_SCALING_STEP_INVALID', 'maximumScalingStepSize'],
    [
      { minimumScalingStepSize: 5, maximumScalingStepSize: 2 },
      'COMPUTE_SCALING_STEP_INVALID',
      'minimumScalingStepSize',
    ],
    [{ instanceWarmupPeriodSeconds: -1 }, 'COMPUTE_WARMUP_INVALID', 'instanceWarmupPeriodSeconds'],
    [{ rootVolumeSizeGiB: 20 }, 'COMPUTE_ROOT_VOLUME_SIZE_INVALID', 'rootVolumeSizeGiB'],
  ])('for %p', (opts, code, prop) => {
    const e = fails(opts);
    expect(e.code).toBe(code);
    expect(e.path).toBe(`Ec2CapacityProvider(linux).${prop}`);
  });

  test('when a Windows root volume is smaller than the AMI', () => {
    const e = fails({
      instanceType: 'm5.large',
      machineImage: EcsOptimizedAmi.windowsServer2022(),
      rootVolumeSizeGiB: 40,
    });
    expect(e.code).toBe('COMPUTE_ROOT_VOLUME_SIZE_INVALID');
    expect(e.allowed).toContain('from 50');
  });

  test('for an extra agent line that overrides a reserved key', () => {
    const e = fails({ extraEcsConfig: ['ECS_AWSVPC_BLOCK_IMDS=false'] });
    expect(e.code).toBe('COMPUTE_ECS_CONFIG_KEY_RESERVED');
    expect(e.path).toBe('Ec2CapacityProvider(linux).extraEcsConfig[0]');
  });

  test('when the network has no private subnets', () => {
    const e = fails({}, { network: fakeNetwork({ privateSubnets: [] }) });
    expect(e.code).toBe('COMPUTE_NO_PRIVATE_SUBNETS');
    expect(e.fix).toContain('never get public IPs');
  });

  test('with every problem of its props at once', () => {
    const e = fails({
      capacityProviderName: 'ecs-linux',
      minSize: 3,
      maxSize: 1,
      managedScaling: false,
      managedTerminationProtection: true,
      instanceType: 'c7g.large',
      machineImage: EcsOptimizedAmi.windowsServer2022(),
      trunking: true,
    });
    expect(e.problems.map((p) => p.code)).toEqual([
      'COMPUTE_AMI_ARCHITECTURE_UNSUPPORTED',
      'COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED',
      'COMPUTE_ASG_MIN_ABOVE_MAX',
      'COMPUTE_TERMINATION_PROTECTION_WITHOUT_SCALING',
      'COMPUTE_TRUNKING_WINDOWS',
    ]);
  });
});
