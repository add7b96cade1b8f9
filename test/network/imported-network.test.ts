import { Fn, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { INetwork, Network, NatGatewayMode, NetworkAttributes } from '../../modules/network';

const attrs: NetworkAttributes = {
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidrBlock: '10.50.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  publicSubnetIds: ['subnet-00000001', 'subnet-00000002'],
  privateSubnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'],
};

function importNetwork(overrides: Partial<NetworkAttributes> = {}): INetwork {
  const stack = new TerraformStack(Testing.app(), 'test');
  return Network.fromAttributes(stack, 'shared', { ...attrs, ...overrides });
}

describe('Network.fromAttributes', () => {
  test('returns an INetwork with subnet refs in AZ order and creates no resources', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const net = Network.fromAttributes(stack, 'shared', {
      ...attrs,
      privateSubnetCidrs: ['10.50.100.0/24', '10.50.101.0/24'],
      endpointServices: ['s3'],
    });
    expect(net.vpcId).toBe('vpc-0123456789abcdef0');
    expect(net.vpcCidrBlock).toBe('10.50.0.0/16');
    expect(net.privateSubnets).toEqual([
      { subnetId: 'subnet-0000000000000000a', availabilityZone: 'eu-west-1a', cidrBlock: '10.50.100.0/24' },
      { subnetId: 'subnet-0000000000000000b', availabilityZone: 'eu-west-1b', cidrBlock: '10.50.101.0/24' },
    ]);
    expect(net.publicSubnets[1]).toEqual({
      subnetId: 'subnet-00000002',
      availabilityZone: 'eu-west-1b',
      cidrBlock: undefined,
    });
    expect(net.natGatewayMode).toBe(NatGatewayMode.PER_AZ);
    expect(net.endpointServices).toEqual(['s3']);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  test('accepts Terraform references for ids, blocks and AZ names', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const ids = new TerraformVariable(stack, 'ids', {}).listValue;
    const cidr = new TerraformVariable(stack, 'cidr', {}).stringValue;
    const net = Network.fromAttributes(stack, 'shared', {
      vpcId: new TerraformVariable(stack, 'vpc', {}).stringValue,
      vpcCidrBlock: cidr,
      availabilityZones: [Fn.element(ids, 0), Fn.element(ids, 1)],
      publicSubnetIds: [Fn.element(ids, 2), Fn.element(ids, 3)],
      privateSubnetIds: [Fn.element(ids, 4), Fn.element(ids, 5)],
      privateSubnetCidrs: [Fn.cidrsubnet(cidr, 8, 100), Fn.cidrsubnet(cidr, 8, 101)],
      natGatewayMode: NatGatewayMode.NONE,
    });
    expect(net.privateSubnets).toHaveLength(2);
    expect(net.natGatewayMode).toBe(NatGatewayMode.NONE);
  });

  test('takes a network with private subnets only (a service team without public subnets)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const { publicSubnetIds: _, ...privateOnly } = attrs;
    const net = Network.fromAttributes(stack, 'shared', {
      ...privateOnly,
      privateSubnetCidrs: ['10.50.100.0/24', '10.50.101.0/24'],
    });
    expect(net.publicSubnets).toEqual([]);
    expect(net.privateSubnets.map((s) => s.subnetId)).toEqual(['subnet-0000000000000000a', 'subnet-0000000000000000b']);
    expect(importNetwork({ publicSubnetIds: [] }).publicSubnets).toEqual([]);
  });
});

describe('Network.fromAttributes rejects bad input', () => {
  test('fails when public subnet blocks come without public subnet ids', () => {
    const { publicSubnetIds: _, ...privateOnly } = attrs;
    expect(() =>
      Network.fromAttributes(new TerraformStack(Testing.app(), 'test'), 'shared', {
        ...privateOnly,
        publicSubnetCidrs: ['10.50.0.0/24', '10.50.1.0/24'],
      }),
    ).toThrowProblem(
      'NETWORK_SUBNET_COUNT_MISMATCH',
      'Network.fromAttributes.publicSubnetCidrs',
      'without publicSubnetIds',
      'give publicSubnetIds too',
    );
  });

  test('fails when a subnet id list does not have one id per AZ', () => {
    expect(() => importNetwork({ privateSubnetIds: ['subnet-0000000a'] })).toThrowProblem(
      'NETWORK_SUBNET_COUNT_MISMATCH',
      'Network.fromAttributes.privateSubnetIds',
      'received 1 subnet id(s)',
      'exactly one private subnet per availability zone (2, as in availabilityZones)',
    );
    expect(() => importNetwork({ publicSubnetIds: ['subnet-00000001'] })).toThrowProblem(
      'NETWORK_SUBNET_COUNT_MISMATCH',
      'Network.fromAttributes.publicSubnetIds',
      'received 1 subnet id(s)',
      'exactly one public subnet per availability zone',
    );
  });

  test('fails when a subnet block list does not have one block per AZ', () => {
    expect(() => importNetwork({ publicSubnetCidrs: ['10.50.0.0/24'] })).toThrowProblem(
      'NETWORK_SUBNET_COUNT_MISMATCH',
      'Network.fromAttributes.publicSubnetCidrs',
      'received 1 block(s)',
      '(2)',
    );
  });

  test('fails when there are no AZs, or an AZ repeats', () => {
    expect(() => importNetwork({ availabilityZones: [] })).toThrowProblem(
      'NETWORK_AZ_COUNT_INVALID',
      'Network.fromAttributes.availabilityZones',
      'received []',
    );
    expect(() => importNetwork({ availabilityZones: ['eu-west-1a', 'eu-west-1a'] })).toThrowProblem(
      'NETWORK_AZ_DUPLICATE',
      'Network.fromAttributes.availabilityZones[1]',
      'already at Network.fromAttributes.availabilityZones[0]',
    );
  });

  test('fails when the AZ list is a list token', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const azs = new TerraformVariable(stack, 'azs', {}).listValue;
    expect(() => Network.fromAttributes(stack, 'shared', { ...attrs, availabilityZones: azs })).toThrowProblem(
      'NETWORK_AZ_COUNT_UNKNOWN',
      'Network.fromAttributes.availabilityZones',
      'write the list out',
    );
  });

  test('fails when a subnet id list is a list token', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const ids = new TerraformVariable(stack, 'ids', {}).listValue;
    expect(() => Network.fromAttributes(stack, 'shared', { ...attrs, privateSubnetIds: ids })).toThrowProblem(
      'NETWORK_SUBNET_LIST_UNRESOLVED',
      'Network.fromAttributes.privateSubnetIds',
      'write the list out',
    );
  });

  test('fails when an id is not a VPC or subnet id', () => {
    expect(() => importNetwork({ vpcId: 'my-vpc' })).toThrowProblem(
      'NETWORK_IMPORT_ID_INVALID',
      'Network.fromAttributes.vpcId',
      'received "my-vpc"',
      'vpc- and 8 or 17 hex digits',
    );
    expect(() => importNetwork({ publicSubnetIds: ['subnet-00000001', 'sg-00000002'] })).toThrowProblem(
      'NETWORK_IMPORT_ID_INVALID',
      'Network.fromAttributes.publicSubnetIds[1]',
      'received "sg-00000002"',
    );
  });

  test('fails when a subnet is given in both tiers', () => {
    expect(() => importNetwork({ privateSubnetIds: ['subnet-00000001', 'subnet-0000000b'] })).toThrowProblem(
      'NETWORK_SUBNET_ID_DUPLICATE',
      'Network.fromAttributes.privateSubnetIds[0]',
      'already at Network.fromAttributes.publicSubnetIds[0]',
    );
  });

  test('fails when the VPC block or subnet blocks are wrong', () => {
    expect(() => importNetwork({ vpcCidrBlock: '10.0.0.0/8' })).toThrowProblem(
      'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
      'Network.fromAttributes.vpcCidrBlock',
    );
    expect(() => importNetwork({ privateSubnetCidrs: ['10.50.100.0/24', '10.60.0.0/24'] })).toThrowProblem(
      'NETWORK_SUBNET_OUTSIDE_VPC',
      'Network.fromAttributes.privateSubnetCidrs[1]',
      'inside the VPC 10.50.0.0/16',
    );
    expect(() =>
      importNetwork({
        publicSubnetCidrs: ['10.50.0.0/24', '10.50.1.0/24'],
        privateSubnetCidrs: ['10.50.0.0/20', '10.50.16.0/20'],
      }),
    ).toThrowProblem('NETWORK_SUBNETS_OVERLAP', 'Network.fromAttributes.privateSubnetCidrs[0]');
  });

  test('fails when the NAT gateway mode is not a member of the enum', () => {
    expect(() => importNetwork({ natGatewayMode: 'YES' as NatGatewayMode })).toThrowProblem(
      'NETWORK_NAT_GATEWAY_MODE_INVALID',
      'Network.fromAttributes.natGatewayMode',
      'received "YES"',
    );
  });
});
