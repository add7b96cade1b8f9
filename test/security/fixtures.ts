/** A plain-object network for security group tests (no network construct needed). */
import { NatGatewayMode, type INetwork, type SubnetRef } from '../../modules/network/network-ref';

export const PRIVATE_SUBNETS: SubnetRef[] = [
  { subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a', cidrBlock: '10.0.128.0/20' },
  { subnetId: 'subnet-0e1f2a3b', availabilityZone: 'us-east-1b', cidrBlock: '10.0.144.0/20' },
];
export const PUBLIC_SUBNETS: SubnetRef[] = [
  { subnetId: 'subnet-0c4d5e6f', availabilityZone: 'us-east-1a', cidrBlock: '10.0.0.0/24' },
  { subnetId: 'subnet-0a7b8c9d', availabilityZone: 'us-east-1b', cidrBlock: '10.0.1.0/24' },
];

export function network(overrides: Partial<INetwork> = {}): INetwork {
  return {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.0.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    publicSubnets: PUBLIC_SUBNETS,
    privateSubnets: PRIVATE_SUBNETS,
    natGatewayMode: NatGatewayMode.SINGLE,
    endpointServices: [],
    ...overrides,
  };
}
