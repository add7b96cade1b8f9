import { Fn } from 'cdktf';
import { AmiFamily, CpuArchitecture, EcsOptimizedAmi, OsFamily } from '../../modules/compute';
import { thrownValidationError } from '../support/problem-matcher';

describe('EcsOptimizedAmi', () => {
  test.each([
    [
      'amazonLinux2023',
      EcsOptimizedAmi.amazonLinux2023(),
      'c5.large',
      '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
      CpuArchitecture.X86_64,
    ],
    [
      'amazonLinux2023',
      EcsOptimizedAmi.amazonLinux2023(),
      'c7g.large',
      '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id',
      CpuArchitecture.ARM64,
    ],
    [
      'amazonLinux2',
      EcsOptimizedAmi.amazonLinux2(),
      'm5.large',
      '/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id',
      CpuArchitecture.X86_64,
    ],
    [
      'amazonLinux2',
      EcsOptimizedAmi.amazonLinux2(),
      'm6g.large',
      '/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id',
      CpuArchitecture.ARM64,
    ],
    [
      'windowsServer2022',
      EcsOptimizedAmi.windowsServer2022(),
      'm5.large',
      '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id',
      CpuArchitecture.X86_64,
    ],
  ])('%s on %s reads %s', (_f, ami, instanceType, parameter, architecture) => {
    const r = ami.resolve(instanceType);
    expect(r.ssmParameterName).toBe(parameter);
    expect(r.architecture).toBe(architecture);
  });

  test('describes the OS family and root volume of each family', () => {
    expect(EcsOptimizedAmi.amazonLinux2023().resolve('c5.large')).toMatchObject({
      family: AmiFamily.AMAZON_LINUX_2023,
      osFamily: OsFamily.LINUX,
      rootDeviceName: '/dev/xvda',
      rootVolumeMinGiB: 30,
    });
    expect(EcsOptimizedAmi.windowsServer2022().resolve('m5.large')).toMatchObject({
      family: AmiFamily.WINDOWS_SERVER_2022_FULL,
      osFamily: OsFamily.WINDOWS,
      rootDeviceName: '/dev/sda1',
      rootVolumeMinGiB: 50,
    });
    expect(EcsOptimizedAmi.amazonLinux2().osFamily).toBe(OsFamily.LINUX);
  });

  test('accepts an explicit architecture that matches the instance type', () => {
    expect(
      EcsOptimizedAmi.amazonLinux2023({ architecture: CpuArchitecture.ARM64 }).resolve('c7g.large').architecture,
    ).toBe(CpuArchitecture.ARM64);
    expect(EcsOptimizedAmi.amazonLinux2023({ architecture: CpuArchitecture.ARM64 }).requestedArchitecture).toBe(
      CpuArchitecture.ARM64,
    );
  });

  test('uses the explicit architecture (else x86_64) for an instance type known only at apply time', () => {
    const t = Fn.lower('C7G.LARGE');
    expect(EcsOptimizedAmi.amazonLinux2023({ architecture: CpuArchitecture.ARM64 }).resolve(t).architecture).toBe(
      CpuArchitecture.ARM64,
    );
    expect(EcsOptimizedAmi.amazonLinux2023().resolve(t).architecture).toBe(CpuArchitecture.X86_64);
  });

  test('fails when an arm64 AMI is asked for with an x86_64 instance type', () => {
    const e = thrownValidationError(() =>
      EcsOptimizedAmi.amazonLinux2023({ architecture: CpuArchitecture.ARM64 }).resolve(
        'c5.large',
        'Ec2CapacityProvider(linux).machineImage',
      ),
    );
    expect(e.code).toBe('COMPUTE_AMI_ARCHITECTURE_MISMATCH');
    expect(e.path).toBe('Ec2CapacityProvider(linux).machineImage.architecture');
    expect(e.message).toContain('ARM64 with instance type "c5.large" (X86_64)');
    expect(e.message).toContain('Graviton');
  });

  test('fails when an x86_64 AMI is asked for with a Graviton instance type', () => {
    const e = thrownValidationError(() =>
      EcsOptimizedAmi.amazonLinux2({ architecture: CpuArchitecture.X86_64 }).resolve('m7g.large'),
    );
    expect(e.code).toBe('COMPUTE_AMI_ARCHITECTURE_MISMATCH');
    expect(e.message).toContain('x86_64 (e.g. c5.large)');
  });

  test('fails for Windows on a Graviton instance type', () => {
    const e = thrownValidationError(() => EcsOptimizedAmi.windowsServer2022().resolve('c7g.large'));
    expect(e.code).toBe('COMPUTE_AMI_ARCHITECTURE_UNSUPPORTED');
    expect(e.message).toContain('windows-server-2022-full on ARM64');
    expect(e.message).toContain('x86_64 only');
  });

  test('fails for an architecture that is not a CpuArchitecture value', () => {
    const e = thrownValidationError(() =>
      EcsOptimizedAmi.amazonLinux2023({ architecture: 'riscv' as CpuArchitecture }).resolve('c5.large'),
    );
    expect(e.code).toBe('COMPUTE_AMI_ARCHITECTURE_INVALID');
    expect(e.message).toContain('"riscv"');
  });

  describe('fromFamilyName', () => {
    test.each(Object.values(AmiFamily))('knows %s', (name) => {
      expect(EcsOptimizedAmi.fromFamilyName(name).family).toBe(name);
    });

    test('fails for an unknown family, listing the known ones', () => {
      const e = thrownValidationError(() => EcsOptimizedAmi.fromFamilyName('bottlerocket', {}, 'capacity[0].ami'));
      expect(e.code).toBe('COMPUTE_AMI_FAMILY_UNKNOWN');
      expect(e.path).toBe('capacity[0].ami');
      expect(e.message).toContain('"bottlerocket"');
      expect(e.message).toContain('"amazon-linux-2023", "amazon-linux-2", "windows-server-2022-full"');
    });
  });

  test('ssmParameterName has no Windows arm64 parameter', () => {
    expect(EcsOptimizedAmi.ssmParameterName(AmiFamily.WINDOWS_SERVER_2022_FULL, CpuArchitecture.ARM64)).toBeUndefined();
  });
});
