import { planAddresses } from '../../modules/network';

import { tokens } from './address-plan-support';

describe('planAddresses rejects a bad VPC block or AZ count', () => {
  test('fails when the VPC CIDR is not an IPv4 block', () => {
    expect(() => planAddresses({ vpcCidr: '10.0.0/16' })).toThrowProblem(
      'NETWORK_VPC_CIDR_INVALID',
      'Network.vpcCidr',
      'received "10.0.0/16"',
      'an IPv4 network block',
      'not of the form a.b.c.d/n',
    );
    expect(() => planAddresses({ vpcCidr: '10.0.0.0' })).toThrowProblem(
      'NETWORK_VPC_CIDR_INVALID',
      'received "10.0.0.0"',
    );
    expect(() => planAddresses({ vpcCidr: '300.0.0.0/16' })).toThrowProblem(
      'NETWORK_VPC_CIDR_INVALID',
      'not a valid IPv4 address',
    );
  });

  test('fails when the VPC CIDR has host bits set, and names the network address', () => {
    expect(() => planAddresses({ vpcCidr: '10.0.3.0/16' })).toThrowProblem(
      'NETWORK_VPC_CIDR_INVALID',
      'received "10.0.3.0/16"',
      'use the block\'s network address, "10.0.0.0/16"',
    );
  });

  test('fails when the VPC CIDR is larger than /16', () => {
    expect(() => planAddresses({ vpcCidr: '10.0.0.0/8' })).toThrowProblem(
      'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
      'Network.vpcCidr',
      'received "10.0.0.0/8"',
      'from /16',
      'to /28',
      'e.g. "10.0.0.0/16"',
    );
  });

  test('fails when the VPC CIDR is smaller than /28', () => {
    expect(() => planAddresses({ vpcCidr: '10.0.0.0/29' })).toThrowProblem(
      'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
      'received "10.0.0.0/29"',
      'use a /28 or larger block',
    );
  });

  test('fails when the VPC CIDR is a token and a tier is to be planned', () => {
    expect(() =>
      planAddresses({ vpcCidr: tokens().str, publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'] }),
    ).toThrowProblem(
      'NETWORK_VPC_CIDR_UNRESOLVED',
      'Network.vpcCidr',
      'give vpcCidr as a literal',
      'Network.privateSubnetCidrs',
    );
  });

  test('fails when there are fewer than 1 AZ', () => {
    expect(() => planAddresses({ availabilityZoneCount: 0 })).toThrowProblem(
      'NETWORK_AZ_COUNT_INVALID',
      'Network.availabilityZoneCount',
      'received 0',
      'at least 1',
    );
    expect(() => planAddresses({ availabilityZoneCount: 1.5 })).toThrowProblem(
      'NETWORK_AZ_COUNT_INVALID',
      'received 1.5',
    );
  });
});

describe('planAddresses rejects bad subnet sizes and blocks', () => {
  test('fails when a subnet prefix length is smaller than /28', () => {
    expect(() => planAddresses({ privateSubnetPrefixLength: 29 })).toThrowProblem(
      'NETWORK_SUBNET_TOO_SMALL',
      'Network.privateSubnetPrefixLength',
      'received 29',
      '/28 (16 addresses, 11 usable) or larger',
    );
  });

  test('fails when a given subnet block is smaller than /28', () => {
    expect(() => planAddresses({ publicSubnetCidrs: ['10.0.0.0/29', '10.0.1.0/24'] })).toThrowProblem(
      'NETWORK_SUBNET_TOO_SMALL',
      'Network.publicSubnetCidrs[0]',
      'received "10.0.0.0/29"',
      'prefix length of 28 or less',
    );
  });

  test('fails when a subnet prefix length is not a whole number or larger than the VPC', () => {
    expect(() => planAddresses({ publicSubnetPrefixLength: 24.5 })).toThrowProblem(
      'NETWORK_SUBNET_PREFIX_INVALID',
      'Network.publicSubnetPrefixLength',
      'received 24.5',
      'whole-number',
    );
    expect(() => planAddresses({ vpcCidr: '10.0.0.0/20', publicSubnetPrefixLength: 19 })).toThrowProblem(
      'NETWORK_SUBNET_PREFIX_INVALID',
      'received 19',
      "from the VPC's (/20)",
      'cannot be larger than its VPC',
    );
  });

  test('fails when a given subnet block is outside the VPC', () => {
    expect(() => planAddresses({ privateSubnetCidrs: ['10.0.100.0/24', '10.1.101.0/24'] })).toThrowProblem(
      'NETWORK_SUBNET_OUTSIDE_VPC',
      'Network.privateSubnetCidrs[1]',
      'received "10.1.101.0/24"',
      'inside the VPC 10.0.0.0/16 (10.0.0.0 to 10.0.255.255)',
    );
  });

  test('fails when given subnet blocks overlap, within a tier or across tiers', () => {
    expect(() => planAddresses({ publicSubnetCidrs: ['10.0.0.0/24', '10.0.0.128/25'] })).toThrowProblem(
      'NETWORK_SUBNETS_OVERLAP',
      'Network.publicSubnetCidrs[1]',
      '"10.0.0.128/25", which overlaps "10.0.0.0/24" (Network.publicSubnetCidrs[0])',
    );
    expect(() =>
      planAddresses({
        publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'],
        privateSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      }),
    ).toThrowProblem(
      'NETWORK_SUBNETS_OVERLAP',
      'Network.privateSubnetCidrs[0]',
      'overlaps "10.0.1.0/24" (Network.publicSubnetCidrs[1])',
    );
  });

  test('fails when a given subnet block is not an IPv4 block', () => {
    expect(() => planAddresses({ publicSubnetCidrs: ['10.0.0.1/24', 'ten'] })).toThrowProblem(
      'NETWORK_SUBNET_CIDR_INVALID',
      'Network.publicSubnetCidrs[0]',
      'use the block\'s network address, "10.0.0.0/24"',
    );
    expect(() => planAddresses({ publicSubnetCidrs: ['10.0.0.0/24', 'ten'] })).toThrowProblem(
      'NETWORK_SUBNET_CIDR_INVALID',
      'Network.publicSubnetCidrs[1]',
      'received "ten"',
    );
  });
});

describe('planAddresses rejects bad lists and plans that do not fit', () => {
  test('fails when a given list does not have one block per AZ', () => {
    expect(() =>
      planAddresses({ availabilityZoneCount: 3, publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'] }),
    ).toThrowProblem(
      'NETWORK_SUBNET_COUNT_MISMATCH',
      'Network.publicSubnetCidrs',
      'received 2 block(s)',
      'exactly one public block per availability zone (3)',
    );
  });

  test('fails when a given list is a list token', () => {
    expect(() => planAddresses({ privateSubnetCidrs: tokens().list })).toThrowProblem(
      'NETWORK_SUBNET_LIST_UNRESOLVED',
      'Network.privateSubnetCidrs',
      'write the list out',
    );
  });

  test('fails when a tier is given both as blocks and as a prefix length', () => {
    expect(() =>
      planAddresses({ publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'], publicSubnetPrefixLength: 24 }),
    ).toThrowProblem(
      'NETWORK_SUBNET_OPTIONS_CONFLICT',
      'Network.publicSubnetPrefixLength',
      'either Network.publicSubnetCidrs or Network.publicSubnetPrefixLength',
    );
  });

  test('fails when the plan does not fit in the VPC', () => {
    expect(() =>
      planAddresses({
        vpcCidr: '10.0.0.0/24',
        availabilityZoneCount: 3,
        privateSubnetPrefixLength: 25,
        publicSubnetPrefixLength: 28,
      }),
    ).toThrowProblem(
      'NETWORK_PLAN_DOES_NOT_FIT',
      'Network.vpcCidr',
      '"10.0.0.0/24" (256 addresses) for 3 AZ(s)',
      '(432 addresses)',
      'use a larger vpcCidr',
    );
    expect(() =>
      planAddresses({ vpcCidr: '10.0.0.0/23', privateSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'] }),
    ).toThrowProblem(
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
