import * as fc from 'fast-check';
import { architectureOfInstanceType, CpuArchitecture, isWellFormedInstanceType } from './helpers';

describe('architectureOfInstanceType', () => {
  test.each([
    'a1.large',
    'm6g.large',
    'm6gd.xlarge',
    'c6gn.large',
    'c7g.large',
    'c7gn.medium',
    'r8g.large',
    't4g.small',
    'x2gd.large',
    'im4gn.large',
    'is4gen.medium',
    'hpc7g.4xlarge',
    'g5g.xlarge',
    'i4g.large',
  ])('reads %s as a Graviton (arm64) type', (t) => {
    expect(architectureOfInstanceType(t)).toBe(CpuArchitecture.ARM64);
  });

  test.each([
    'c4.large',
    'c5.large',
    'c5n.xlarge',
    'm5.large',
    'c6i.large',
    'c6in.large',
    'c6a.large',
    'g5.xlarge',
    'g4dn.xlarge',
    'gr6.4xlarge',
    'p4d.24xlarge',
    'z1d.large',
    'inf2.xlarge',
    'u-6tb1.metal',
    't3.micro',
  ])('reads %s as an x86_64 type', (t) => {
    expect(architectureOfInstanceType(t)).toBe(CpuArchitecture.X86_64);
  });

  test.each(['c5', 'C5.large', 'c5.', '.large', 'c5 large', ''])('returns undefined for the malformed name %p', (t) => {
    expect(isWellFormedInstanceType(t)).toBe(false);
    expect(architectureOfInstanceType(t)).toBeUndefined();
  });

  test('the size never changes the architecture', () => {
    const size = fc.constantFrom('medium', 'large', 'xlarge', '2xlarge', '48xlarge', 'metal', 'metal-24xl');
    const family = fc.constantFrom('c5', 'c7g', 'm6gd', 'r6i', 'a1', 't4g');
    fc.assert(
      fc.property(family, size, size, (f, s1, s2) => {
        expect(architectureOfInstanceType(`${f}.${s1}`)).toBe(architectureOfInstanceType(`${f}.${s2}`));
      }),
    );
  });
});
