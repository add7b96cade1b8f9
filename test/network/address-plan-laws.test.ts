import * as fc from 'fast-check';
import { Address4 } from 'ip-address';

import {
  AddressLayout,
  AddressPlan,
  cidrContains,
  cidrsOverlap,
  planAddresses,
  SubnetTier,
} from '../../modules/network';

import { cidrs, range } from './address-plan-support';

describe('planAddresses laws (property tests)', () => {
  /** A random VPC block from /16 to /26, subnet prefix lengths between it and /28, 1 to 8 AZs. */
  const inputs = fc.integer({ min: 16, max: 26 }).chain((vpcPrefix) =>
    fc.record({
      vpcCidr: fc
        .integer({ min: 0, max: 2 ** 32 - 1 })
        .map((n) => new Address4(`${Address4.fromBigInt(BigInt(n)).correctForm()}/${vpcPrefix}`).networkForm()),
      vpcPrefix: fc.constant(vpcPrefix),
      publicSubnetPrefixLength: fc.integer({ min: vpcPrefix, max: 28 }),
      privateSubnetPrefixLength: fc.integer({ min: vpcPrefix, max: 28 }),
      availabilityZoneCount: fc.integer({ min: 1, max: 8 }),
    }),
  );

  const fits = (i: {
    vpcPrefix: number;
    publicSubnetPrefixLength: number;
    privateSubnetPrefixLength: number;
    availabilityZoneCount: number;
  }) =>
    i.availabilityZoneCount * (2 ** (32 - i.publicSubnetPrefixLength) + 2 ** (32 - i.privateSubnetPrefixLength)) <=
    2 ** (32 - i.vpcPrefix);

  test("a plan exists exactly when the subnets' total size fits in the VPC", () => {
    fc.assert(
      fc.property(inputs, (i) => {
        let ok = true;
        try {
          planAddresses(i);
        } catch (e) {
          expect((e as { code: string }).code).toBe('NETWORK_PLAN_DOES_NOT_FIT');
          ok = false;
        }
        expect(ok).toBe(fits(i));
      }),
      { numRuns: 300 },
    );
  });

  test('subnets are disjoint, inside the VPC, one per AZ per tier, with the requested sizes and usable counts', () => {
    fc.assert(
      fc.property(inputs.filter(fits), (i) => {
        const plan = planAddresses(i);
        const [vpcStart, vpcEnd] = range(i.vpcCidr);
        const all = [...plan.publicSubnets, ...plan.privateSubnets];
        // one per AZ per tier
        expect(plan.publicSubnets.map((s) => s.azIndex)).toEqual([...Array(i.availabilityZoneCount).keys()]);
        expect(plan.privateSubnets.map((s) => s.azIndex)).toEqual([...Array(i.availabilityZoneCount).keys()]);
        expect(plan.publicSubnets.every((s) => s.tier === SubnetTier.PUBLIC)).toBe(true);
        expect(plan.privateSubnets.every((s) => s.tier === SubnetTier.PRIVATE)).toBe(true);
        const ranges = all.map((s) => range(s.cidrBlock));
        ranges.forEach(([start, end], k) => {
          // inside the VPC
          expect(start >= vpcStart && end <= vpcEnd).toBe(true);
          // requested size, and AWS's 5 reserved addresses off the usable count
          const s = all[k]!;
          const wanted = s.tier === SubnetTier.PUBLIC ? i.publicSubnetPrefixLength : i.privateSubnetPrefixLength;
          expect(s.prefixLength).toBe(wanted);
          expect(s.addressCount).toBe(Number(end - start + 1n));
          expect(s.usableAddressCount).toBe(2 ** (32 - wanted) - 5);
          // a network address: the block is written in its canonical form
          expect(new Address4(s.cidrBlock).networkForm()).toBe(s.cidrBlock);
        });
        // pairwise disjoint
        for (let a = 0; a < ranges.length; a++) {
          for (let b = a + 1; b < ranges.length; b++) {
            const [s1, e1] = ranges[a]!;
            const [s2, e2] = ranges[b]!;
            expect(e1 < s2 || e2 < s1).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('any /16 with /24 subnets follows the seed lab: public x.y.<i>.0, private x.y.<100+i>.0 (up to 100 AZs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 1, max: 100 }),
        (a, b, n) => {
          const plan = planAddresses({ vpcCidr: `${a}.${b}.0.0/16`, availabilityZoneCount: n });
          expect(plan.layout).toBe(AddressLayout.SEED_LAB);
          expect(cidrs(plan)).toEqual({
            public: [...Array(n).keys()].map((i) => `${a}.${b}.${i}.0/24`),
            private: [...Array(n).keys()].map((i) => `${a}.${b}.${100 + i}.0/24`),
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  test("giving a plan's own blocks back reproduces it", () => {
    fc.assert(
      fc.property(inputs.filter(fits), (i) => {
        const plan = planAddresses(i);
        const again = planAddresses({
          vpcCidr: i.vpcCidr,
          availabilityZoneCount: i.availabilityZoneCount,
          publicSubnetCidrs: cidrs(plan).public,
          privateSubnetCidrs: cidrs(plan).private,
        });
        expect(cidrs(again)).toEqual(cidrs(plan));
      }),
      { numRuns: 100 },
    );
  });

  test('a tier planned around given blocks stays disjoint from them and inside the VPC', () => {
    fc.assert(
      fc.property(inputs.filter(fits), fc.boolean(), (i, givePublic) => {
        const plan = planAddresses(i);
        let mixed: AddressPlan;
        try {
          mixed = planAddresses(
            givePublic
              ? {
                  vpcCidr: i.vpcCidr,
                  availabilityZoneCount: i.availabilityZoneCount,
                  publicSubnetCidrs: cidrs(plan).public,
                  privateSubnetPrefixLength: i.privateSubnetPrefixLength,
                }
              : {
                  vpcCidr: i.vpcCidr,
                  availabilityZoneCount: i.availabilityZoneCount,
                  privateSubnetCidrs: cidrs(plan).private,
                  publicSubnetPrefixLength: i.publicSubnetPrefixLength,
                },
          );
        } catch (e) {
          // first-fit may fragment; the failure must then be the documented one
          expect((e as { code: string }).code).toBe('NETWORK_PLAN_DOES_NOT_FIT');
          return;
        }
        const all = [...cidrs(mixed).public, ...cidrs(mixed).private];
        expect(all.every((c) => cidrContains(i.vpcCidr, c))).toBe(true);
        for (let a = 0; a < all.length; a++)
          for (let b = a + 1; b < all.length; b++) expect(cidrsOverlap(all[a]!, all[b]!)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
