import * as fc from 'fast-check';
import { Address4 } from 'ip-address';
import { Fn, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AddressLayout,
  AddressPlan,
  addressCount,
  cidrContains,
  cidrsOverlap,
  planAddresses,
  SubnetTier,
  usableAddressCount,
} from '../../modules/network';
import { expectProblem } from './expect-problem';

const cidrs = (plan: AddressPlan) => ({
  public: plan.publicSubnets.map((s) => s.cidrBlock),
  private: plan.privateSubnets.map((s) => s.cidrBlock),
});

/** Start and end (inclusive) of a block, computed in the test with ip-address directly. */
function range(cidr: string): [bigint, bigint] {
  const a = new Address4(cidr);
  return [a.startAddress().bigInt(), a.endAddress().bigInt()];
}

function tokens(): { str: string; list: string[] } {
  const stack = new TerraformStack(Testing.app(), 'tokens');
  return {
    str: new TerraformVariable(stack, 's', {}).stringValue,
    list: new TerraformVariable(stack, 'l', {}).listValue,
  };
}

describe('planAddresses', () => {
  test('reproduces the seed lab by default', () => {
    const plan = planAddresses();
    expect(plan.vpcCidr).toBe('10.0.0.0/16');
    expect(plan.layout).toBe(AddressLayout.SEED_LAB);
    expect(cidrs(plan)).toEqual({
      public: ['10.0.0.0/24', '10.0.1.0/24'],
      private: ['10.0.100.0/24', '10.0.101.0/24'],
    });
    expect(plan.privateSubnets.map((s) => s.usableAddressCount)).toEqual([251, 251]);
    expect(plan.publicSubnets.map((s) => [s.tier, s.azIndex])).toEqual([
      [SubnetTier.PUBLIC, 0],
      [SubnetTier.PUBLIC, 1],
    ]);
  });

  test('continues the seed pattern for more AZs and another /16', () => {
    const plan = planAddresses({ vpcCidr: '172.20.0.0/16', availabilityZoneCount: 4 });
    expect(cidrs(plan)).toEqual({
      public: ['172.20.0.0/24', '172.20.1.0/24', '172.20.2.0/24', '172.20.3.0/24'],
      private: ['172.20.100.0/24', '172.20.101.0/24', '172.20.102.0/24', '172.20.103.0/24'],
    });
  });

  test('sizes the tiers separately', () => {
    const plan = planAddresses({
      publicSubnetPrefixLength: 26,
      privateSubnetPrefixLength: 20,
      availabilityZoneCount: 3,
    });
    expect(cidrs(plan)).toEqual({
      public: ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26'],
      private: ['10.0.112.0/20', '10.0.128.0/20', '10.0.144.0/20'],
    });
    expect(plan.privateSubnets[0]!.usableAddressCount).toBe(4091);
    expect(plan.publicSubnets[0]!.usableAddressCount).toBe(59);
  });

  test('packs the tiers, larger subnets first, when the seed layout does not fit', () => {
    const plan = planAddresses({
      vpcCidr: '10.0.0.0/24',
      publicSubnetPrefixLength: 28,
      privateSubnetPrefixLength: 26,
      availabilityZoneCount: 3,
    });
    expect(plan.layout).toBe(AddressLayout.PACKED);
    expect(cidrs(plan)).toEqual({
      public: ['10.0.0.192/28', '10.0.0.208/28', '10.0.0.224/28'],
      private: ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26'],
    });
  });

  test('takes explicit subnet blocks as given', () => {
    const plan = planAddresses({
      publicSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      privateSubnetCidrs: ['10.0.32.0/19', '10.0.64.0/19'],
    });
    expect(plan.layout).toBe(AddressLayout.EXPLICIT);
    expect(cidrs(plan)).toEqual({
      public: ['10.0.10.0/24', '10.0.11.0/24'],
      private: ['10.0.32.0/19', '10.0.64.0/19'],
    });
    expect(plan.privateSubnets.map((s) => s.usableAddressCount)).toEqual([8187, 8187]);
  });

  test('places the tier not given around the given one, from its usual start', () => {
    expect(cidrs(planAddresses({ publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'] })).private).toEqual([
      '10.0.100.0/24',
      '10.0.101.0/24',
    ]);
    expect(cidrs(planAddresses({ privateSubnetCidrs: ['10.0.0.0/24', '10.0.2.0/24'] })).public).toEqual([
      '10.0.1.0/24',
      '10.0.3.0/24',
    ]);
  });

  test('accepts token subnet blocks (with a token VPC block) and leaves their sizes unknown', () => {
    const t = tokens();
    const plan = planAddresses({
      vpcCidr: t.str,
      publicSubnetCidrs: [Fn.element(t.list, 0), Fn.element(t.list, 1)],
      privateSubnetCidrs: ['10.0.100.0/24', '10.0.101.0/24'],
    });
    expect(plan.vpcAddressCount).toBeUndefined();
    expect(plan.publicSubnets[0]!.usableAddressCount).toBeUndefined();
    expect(plan.privateSubnets[0]!.usableAddressCount).toBe(251);
  });

  test('counts usable addresses as the block size minus the 5 AWS reserves', () => {
    expect(usableAddressCount('10.0.0.0/24')).toBe(251);
    expect(usableAddressCount('10.0.0.0/28')).toBe(11);
    expect(usableAddressCount('10.0.0.0/16')).toBe(65531);
    expect(addressCount('10.0.0.0/20')).toBe(4096);
    expect(cidrsOverlap('10.0.0.0/24', '10.0.0.128/25')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/25', '10.0.0.128/25')).toBe(false);
    expect(cidrContains('10.0.0.0/16', '10.0.5.0/24')).toBe(true);
  });

  describe('rejects bad input', () => {
    test('fails when the VPC CIDR is not an IPv4 block', () => {
      expectProblem(
        () => planAddresses({ vpcCidr: '10.0.0/16' }),
        'NETWORK_VPC_CIDR_INVALID',
        'Network.vpcCidr',
        'received "10.0.0/16"',
        'an IPv4 network block',
        'not of the form a.b.c.d/n',
      );
      expectProblem(() => planAddresses({ vpcCidr: '10.0.0.0' }), 'NETWORK_VPC_CIDR_INVALID', 'received "10.0.0.0"');
      expectProblem(
        () => planAddresses({ vpcCidr: '300.0.0.0/16' }),
        'NETWORK_VPC_CIDR_INVALID',
        'not a valid IPv4 address',
      );
    });

    test('fails when the VPC CIDR has host bits set, and names the network address', () => {
      expectProblem(
        () => planAddresses({ vpcCidr: '10.0.3.0/16' }),
        'NETWORK_VPC_CIDR_INVALID',
        'received "10.0.3.0/16"',
        'use the block\'s network address, "10.0.0.0/16"',
      );
    });

    test('fails when the VPC CIDR is larger than /16', () => {
      expectProblem(
        () => planAddresses({ vpcCidr: '10.0.0.0/8' }),
        'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
        'Network.vpcCidr',
        'received "10.0.0.0/8"',
        'from /16',
        'to /28',
        'e.g. "10.0.0.0/16"',
      );
    });

    test('fails when the VPC CIDR is smaller than /28', () => {
      expectProblem(
        () => planAddresses({ vpcCidr: '10.0.0.0/29' }),
        'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
        'received "10.0.0.0/29"',
        'use a /28 or larger block',
      );
    });

    test('fails when the VPC CIDR is a token and a tier is to be planned', () => {
      expectProblem(
        () => planAddresses({ vpcCidr: tokens().str, publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'] }),
        'NETWORK_VPC_CIDR_UNRESOLVED',
        'Network.vpcCidr',
        'give vpcCidr as a literal',
        'Network.privateSubnetCidrs',
      );
    });

    test('fails when there are fewer than 1 AZ', () => {
      expectProblem(
        () => planAddresses({ availabilityZoneCount: 0 }),
        'NETWORK_AZ_COUNT_INVALID',
        'Network.availabilityZoneCount',
        'received 0',
        'at least 1',
      );
      expectProblem(() => planAddresses({ availabilityZoneCount: 1.5 }), 'NETWORK_AZ_COUNT_INVALID', 'received 1.5');
    });

    test('fails when a subnet prefix length is smaller than /28', () => {
      expectProblem(
        () => planAddresses({ privateSubnetPrefixLength: 29 }),
        'NETWORK_SUBNET_TOO_SMALL',
        'Network.privateSubnetPrefixLength',
        'received 29',
        '/28 (16 addresses, 11 usable) or larger',
      );
    });

    test('fails when a given subnet block is smaller than /28', () => {
      expectProblem(
        () => planAddresses({ publicSubnetCidrs: ['10.0.0.0/29', '10.0.1.0/24'] }),
        'NETWORK_SUBNET_TOO_SMALL',
        'Network.publicSubnetCidrs[0]',
        'received "10.0.0.0/29"',
        'prefix length of 28 or less',
      );
    });

    test('fails when a subnet prefix length is not a whole number or larger than the VPC', () => {
      expectProblem(
        () => planAddresses({ publicSubnetPrefixLength: 24.5 }),
        'NETWORK_SUBNET_PREFIX_INVALID',
        'Network.publicSubnetPrefixLength',
        'received 24.5',
        'whole-number',
      );
      expectProblem(
        () => planAddresses({ vpcCidr: '10.0.0.0/20', publicSubnetPrefixLength: 19 }),
        'NETWORK_SUBNET_PREFIX_INVALID',
        'received 19',
        "from the VPC's (/20)",
        'cannot be larger than its VPC',
      );
    });

    test('fails when a given subnet block is outside the VPC', () => {
      expectProblem(
        () => planAddresses({ privateSubnetCidrs: ['10.0.100.0/24', '10.1.101.0/24'] }),
        'NETWORK_SUBNET_OUTSIDE_VPC',
        'Network.privateSubnetCidrs[1]',
        'received "10.1.101.0/24"',
        'inside the VPC 10.0.0.0/16 (10.0.0.0 to 10.0.255.255)',
      );
    });

    test('fails when given subnet blocks overlap, within a tier or across tiers', () => {
      expectProblem(
        () => planAddresses({ publicSubnetCidrs: ['10.0.0.0/24', '10.0.0.128/25'] }),
        'NETWORK_SUBNETS_OVERLAP',
        'Network.publicSubnetCidrs[1]',
        '"10.0.0.128/25", which overlaps "10.0.0.0/24" (Network.publicSubnetCidrs[0])',
      );
      expectProblem(
        () =>
          planAddresses({
            publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'],
            privateSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
          }),
        'NETWORK_SUBNETS_OVERLAP',
        'Network.privateSubnetCidrs[0]',
        'overlaps "10.0.1.0/24" (Network.publicSubnetCidrs[1])',
      );
    });

    test('fails when a given subnet block is not an IPv4 block', () => {
      expectProblem(
        () => planAddresses({ publicSubnetCidrs: ['10.0.0.1/24', 'ten'] }),
        'NETWORK_SUBNET_CIDR_INVALID',
        'Network.publicSubnetCidrs[0]',
        'use the block\'s network address, "10.0.0.0/24"',
      );
      expectProblem(
        () => planAddresses({ publicSubnetCidrs: ['10.0.0.0/24', 'ten'] }),
        'NETWORK_SUBNET_CIDR_INVALID',
        'Network.publicSubnetCidrs[1]',
        'received "ten"',
      );
    });

    test('fails when a given list does not have one block per AZ', () => {
      expectProblem(
        () => planAddresses({ availabilityZoneCount: 3, publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'] }),
        'NETWORK_SUBNET_COUNT_MISMATCH',
        'Network.publicSubnetCidrs',
        'received 2 block(s)',
        'exactly one public block per availability zone (3)',
      );
    });

    test('fails when a given list is a list token', () => {
      expectProblem(
        () => planAddresses({ privateSubnetCidrs: tokens().list }),
        'NETWORK_SUBNET_LIST_UNRESOLVED',
        'Network.privateSubnetCidrs',
        'write the list out',
      );
    });

    test('fails when a tier is given both as blocks and as a prefix length', () => {
      expectProblem(
        () => planAddresses({ publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'], publicSubnetPrefixLength: 24 }),
        'NETWORK_SUBNET_OPTIONS_CONFLICT',
        'Network.publicSubnetPrefixLength',
        'either Network.publicSubnetCidrs or Network.publicSubnetPrefixLength',
      );
    });

    test('fails when the plan does not fit in the VPC', () => {
      expectProblem(
        () =>
          planAddresses({
            vpcCidr: '10.0.0.0/24',
            availabilityZoneCount: 3,
            privateSubnetPrefixLength: 25,
            publicSubnetPrefixLength: 28,
          }),
        'NETWORK_PLAN_DOES_NOT_FIT',
        'Network.vpcCidr',
        '"10.0.0.0/24" (256 addresses) for 3 AZ(s)',
        '(432 addresses)',
        'use a larger vpcCidr',
      );
      expectProblem(
        () => planAddresses({ vpcCidr: '10.0.0.0/23', privateSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'] }),
        'NETWORK_PLAN_DOES_NOT_FIT',
        'Network.publicSubnetPrefixLength',
        'only 0 fit in 10.0.0.0/23 beside the given blocks',
      );
    });

    test('reports every problem of one call at once', () => {
      let codes: string[] = [];
      try {
        planAddresses({ vpcCidr: '10.0.0.0/8', availabilityZoneCount: 0, publicSubnetPrefixLength: 30 });
      } catch (e) {
        codes = (e as { problems: { code: string }[] }).problems.map((p) => p.code);
      }
      expect(codes).toEqual([
        'NETWORK_AZ_COUNT_INVALID',
        'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
        'NETWORK_SUBNET_TOO_SMALL',
      ]);
    });
  });

  describe('laws (property tests)', () => {
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
});
