import fc from 'fast-check';
import {
  addressesInPrefix,
  CidrBlock,
  cidrBlockContains,
  cidrBlocksOverlap,
  parseCidrBlock,
} from '../../modules/core/cidr';
import {
  explicitLayout,
  packedLayout,
  seedLabLayout,
  seedLabPrivateSlot,
  SubnetTier,
  TierBlocks,
} from '../../modules/network/address-layouts';

const vpc = (cidr: string): CidrBlock => parseCidrBlock(cidr)!;
const blocks = (list: readonly CidrBlock[] | undefined): string[] | undefined => list?.map((b) => b.cidr);
const tiers = (layout: TierBlocks | undefined) =>
  layout && { public: blocks(layout.public), private: blocks(layout.private) };

describe('seedLabPrivateSlot', () => {
  test('is block 100 of a /16 with /24 subnets, rounded up to a block boundary for larger subnets', () => {
    expect(seedLabPrivateSlot(vpc('10.0.0.0/16'), 24)).toBe(100n);
    expect(seedLabPrivateSlot(vpc('10.0.0.0/16'), 20)).toBe(7n); // 10.0.112.0/20
    expect(seedLabPrivateSlot(vpc('10.2.0.0/20'), 22)).toBe(2n); // 10.2.8.0/22
  });
});

describe('seedLabLayout', () => {
  test('is the seed lab for a /16 with /24 subnets', () => {
    expect(tiers(seedLabLayout(vpc('10.0.0.0/16'), 2, { public: 24, private: 24 }))).toEqual({
      public: ['10.0.0.0/24', '10.0.1.0/24'],
      private: ['10.0.100.0/24', '10.0.101.0/24'],
    });
  });

  test('places the examples of docs/network.md', () => {
    expect(tiers(seedLabLayout(vpc('10.0.0.0/16'), 2, { public: 24, private: 20 }))!.private).toEqual([
      '10.0.112.0/20',
      '10.0.128.0/20',
    ]);
    expect(tiers(seedLabLayout(vpc('10.2.0.0/20'), 2, { public: 26, private: 22 }))).toEqual({
      public: ['10.2.0.0/26', '10.2.0.64/26'],
      private: ['10.2.8.0/22', '10.2.12.0/22'],
    });
  });

  test('fits up to 100 AZs of /24s in a /16 and no more (the public tier would reach the private one)', () => {
    expect(seedLabLayout(vpc('10.0.0.0/16'), 100, { public: 24, private: 24 })!.public).toHaveLength(100);
    expect(seedLabLayout(vpc('10.0.0.0/16'), 101, { public: 24, private: 24 })).toBeUndefined();
  });

  test('does not fit when the private tier would run past the VPC', () => {
    expect(seedLabLayout(vpc('10.0.0.0/24'), 3, { public: 28, private: 26 })).toBeUndefined();
  });
});

describe('packedLayout', () => {
  test('puts the tier with the larger subnets first, the other right after it', () => {
    expect(tiers(packedLayout(vpc('10.0.0.0/24'), 3, { public: 28, private: 26 }))).toEqual({
      public: ['10.0.0.192/28', '10.0.0.208/28', '10.0.0.224/28'],
      private: ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26'],
    });
  });

  test('puts the public tier first when both tiers have the same size', () => {
    expect(tiers(packedLayout(vpc('10.0.0.0/26'), 2, { public: 28, private: 28 }))).toEqual({
      public: ['10.0.0.0/28', '10.0.0.16/28'],
      private: ['10.0.0.32/28', '10.0.0.48/28'],
    });
  });

  test("law: fits exactly when the subnets' total size fits the VPC, and then the blocks are disjoint and inside it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 28 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 16, max: 28 }),
        fc.integer({ min: 16, max: 28 }),
        (vpcPrefix, azCount, pub, priv) => {
          fc.pre(pub >= vpcPrefix && priv >= vpcPrefix);
          const v = vpc(`10.0.0.0/${vpcPrefix}`);
          const layout = packedLayout(v, azCount, { public: pub, private: priv });
          const total = BigInt(azCount) * (addressesInPrefix(pub) + addressesInPrefix(priv));
          expect(layout !== undefined).toBe(total <= v.size);
          const all = layout ? [...layout.public, ...layout.private] : [];
          for (const [i, a] of all.entries()) {
            expect(cidrBlockContains(v, a)).toBe(true);
            for (const b of all.slice(i + 1)) expect(cidrBlocksOverlap(a, b)).toBe(false);
          }
        },
      ),
    );
  });
});

describe('explicitLayout', () => {
  test('places a private tier around given public blocks from its usual start', () => {
    const taken = [vpc('10.0.0.0/24'), vpc('10.0.1.0/24')];
    expect(blocks(explicitLayout(vpc('10.0.0.0/16'), 2, SubnetTier.PRIVATE, 24, taken))).toEqual([
      '10.0.100.0/24',
      '10.0.101.0/24',
    ]);
  });

  test('places a public tier first-fit in the gaps the given private blocks leave', () => {
    const taken = [vpc('10.0.0.0/24'), vpc('10.0.2.0/24')];
    expect(blocks(explicitLayout(vpc('10.0.0.0/16'), 2, SubnetTier.PUBLIC, 24, taken))).toEqual([
      '10.0.1.0/24',
      '10.0.3.0/24',
    ]);
  });

  test('wraps around to the VPC start when the space after the usual start is taken', () => {
    const taken = [vpc('10.0.0.128/25')];
    expect(blocks(explicitLayout(vpc('10.0.0.0/24'), 2, SubnetTier.PRIVATE, 26, taken))).toEqual([
      '10.0.0.0/26',
      '10.0.0.64/26',
    ]);
  });

  test('returns fewer blocks than AZs when they do not fit', () => {
    const taken = [vpc('10.0.0.0/25')];
    expect(explicitLayout(vpc('10.0.0.0/24'), 3, SubnetTier.PUBLIC, 26, taken)).toHaveLength(2);
  });
});
