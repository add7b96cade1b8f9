/**
 * The representative stack of the real-engine check: three networks in one configuration (one
 * `terraform test` run covers them all). Construct ids are fixed: network.tftest.hcl names the
 * resulting Terraform addresses.
 */
import { Network, NatGatewayMode, VpcEndpointSets } from '../../modules/network';
import { newTestStack, SynthesizedStack, synthToDir } from '../support/synth';

export function synthEngineStack(): SynthesizedStack {
  const { app, stack } = newTestStack();
  // The default network: 2 AZs from the data source, a NAT gateway per AZ, flow logs.
  new Network(stack, 'network');
  // One NAT gateway for three named AZs.
  new Network(stack, 'single', {
    namePrefix: 'single',
    vpcCidr: '10.1.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    natGatewayMode: NatGatewayMode.SINGLE,
  });
  // No NAT gateway, every ECS endpoint, no flow logs, custom sizes.
  new Network(stack, 'isolated', {
    namePrefix: 'isolated',
    vpcCidr: '10.2.0.0/20',
    publicSubnetPrefixLength: 26,
    privateSubnetPrefixLength: 22,
    natGatewayMode: NatGatewayMode.NONE,
    endpointServices: [...VpcEndpointSets.ALL_ECS],
    flowLogs: false,
  });
  return synthToDir(app);
}
