/** Shared test fixtures: a plain network object and a stack with a cluster. */
import { TerraformStack } from 'cdktf';
import { NatGatewayMode, INetwork } from '../../modules/network/network-ref';
import { EcsCluster, EcsClusterProps } from '../../modules/compute';

/** A plain object implementing INetwork: two AZs, one private and one public subnet in each. */
export function fakeNetwork(overrides: Partial<INetwork> = {}): INetwork {
  return {
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    vpcCidrBlock: '10.0.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    publicSubnets: [
      { subnetId: 'subnet-0p1a2b3c', availabilityZone: 'us-east-1a', cidrBlock: '10.0.0.0/24' },
      { subnetId: 'subnet-0p4d5e6f', availabilityZone: 'us-east-1b', cidrBlock: '10.0.1.0/24' },
    ],
    privateSubnets: [
      { subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a', cidrBlock: '10.0.128.0/20' },
      { subnetId: 'subnet-0e4f5a6b', availabilityZone: 'us-east-1b', cidrBlock: '10.0.144.0/20' },
    ],
    natGatewayMode: NatGatewayMode.PER_AZ,
    endpointServices: [],
    ...overrides,
  };
}

/** A cluster named "seed" in `stack`. */
export function newCluster(stack: TerraformStack, props: Partial<EcsClusterProps> = {}): EcsCluster {
  return new EcsCluster(stack, 'cluster', { clusterName: 'seed', network: fakeNetwork(), ...props });
}

/** The one resource of a type (fails unless there is exactly one). */
export function only<T>(resources: Record<string, T>): T {
  const values = Object.values(resources);
  if (values.length !== 1) throw new Error(`expected exactly one resource, found ${values.length}`);
  return values[0]!;
}
