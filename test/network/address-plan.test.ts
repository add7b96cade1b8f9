import { Fn } from 'cdktf';
import {
  AddressLayout,
  addressCount,
  cidrContains,
  cidrsOverlap,
  planAddresses,
  SubnetTier,
  usableAddressCount,
} from '../../modules/network';

import { cidrs, tokens } from './address-plan-support';

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
});
