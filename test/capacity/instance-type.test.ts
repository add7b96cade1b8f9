import { instanceArchitecture, instanceSizeRank, parseInstanceType, tryParseInstanceType } from './helpers';
import { thrownValidationError } from '../support/problem-matcher';

describe('instance type names', () => {
  test('parses family and size, and the parts of the family', () => {
    expect(parseInstanceType('c6gn.2xlarge')).toEqual({
      instanceType: 'c6gn.2xlarge',
      family: 'c6gn',
      size: '2xlarge',
      series: 'c',
      generation: 6,
      attributes: 'gn',
    });
    expect(parseInstanceType('u-12tb1.112xlarge')).toMatchObject({
      family: 'u-12tb1',
      series: 'u',
      generation: undefined,
    });
    expect(parseInstanceType('c7i-flex.large')).toMatchObject({
      family: 'c7i-flex',
      series: 'c',
      generation: 7,
      attributes: 'i',
    });
    expect(parseInstanceType('m8gb.metal-48xl')).toMatchObject({ family: 'm8gb', size: 'metal-48xl' });
  });

  test('fails for a name that is not family.size', () => {
    for (const bad of ['c5', 'C5.large', 'c5.large.x', '', ' c5.large']) {
      const e = thrownValidationError(() => parseInstanceType(bad, 'Ec2CapacityProvider.instanceType'));
      expect(e.code).toBe('CAPACITY_INSTANCE_TYPE_MALFORMED');
      expect(e.message).toContain(`Ec2CapacityProvider.instanceType: received ${JSON.stringify(bad)}`);
      expect(e.message).toMatch(/family and size joined by a dot, in lower case/);
    }
    expect(tryParseInstanceType('c5')).toBeUndefined();
  });

  test.each([
    ['c6g.large', 'arm64'],
    ['c6gn.large', 'arm64'],
    ['c7gn.large', 'arm64'],
    ['m7g.large', 'arm64'],
    ['t4g.micro', 'arm64'],
    ['r8g.large', 'arm64'],
    ['a1.large', 'arm64'],
    ['x2gd.large', 'arm64'],
    ['im4gn.large', 'arm64'],
    ['is4gen.large', 'arm64'],
    ['g5g.xlarge', 'arm64'],
    ['hpc7g.4xlarge', 'arm64'],
    ['i8ge.large', 'arm64'],
    ['mac2-m2pro.metal', 'arm64'],
    ['c5.large', 'x86_64'],
    ['m5n.large', 'x86_64'],
    ['c7i-flex.large', 'x86_64'],
    ['g4dn.xlarge', 'x86_64'],
    ['u-12tb1.112xlarge', 'x86_64'],
    ['mac1.metal', 'x86_64'],
    ['gr6.4xlarge', 'x86_64'],
    ['p6-b200.48xlarge', 'x86_64'],
    ['not-a-type', 'x86_64'],
  ])('%s is %s', (type, arch) => {
    expect(instanceArchitecture(type).toLowerCase()).toBe(arch); // EC2's spelling of ECS's X86_64 and ARM64
  });

  test('orders sizes', () => {
    const sizes = ['metal', 'metal-48xl', '48xlarge', '2xlarge', 'xlarge', 'large', 'medium', 'small', 'micro', 'nano'];
    expect([...sizes].sort((a, b) => instanceSizeRank(a) - instanceSizeRank(b))).toEqual([...sizes].reverse());
  });
});
