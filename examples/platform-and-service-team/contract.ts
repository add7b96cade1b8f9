/**
 * What the platform team publishes for the teams that build on its cluster (in a real organization,
 * a small package both teams depend on):
 *
 * - the names of the platform stack's Terraform outputs, which service teams read through
 *   `DataTerraformRemoteState`: ids and names only known once the platform is deployed;
 * - the facts fixed by the platform's design that a service team needs at synth time: how many AZs
 *   (the length of the subnet lists), and the kind and size of the capacity (the imported cluster's capacity checks
 *   budget ENIs from the instance type and the Auto Scaling group's maximum before anything is
 *   deployed). The platform's own outputs repeat them, and a test keeps the two equal.
 */
import { CpuArchitecture, OsFamily } from '../../modules/compute';
import { NatGatewayMode } from '../../modules/network';

/** Stack name of the platform app (and so the name of its state file). */
export const PLATFORM_STACK = 'acme-platform';

/** The platform stack's outputs, by what they hold. */
export const PLATFORM_OUTPUTS = {
  vpcId: 'vpc_id',
  vpcCidrBlock: 'vpc_cidr_block',
  availabilityZones: 'availability_zones',
  publicSubnetIds: 'public_subnet_ids',
  privateSubnetIds: 'private_subnet_ids',
  privateSubnetCidrs: 'private_subnet_cidrs',
  natGatewayMode: 'nat_gateway_mode',
  clusterName: 'cluster_name',
  clusterArn: 'cluster_arn',
  capacityProviderName: 'capacity_provider_name',
  capacityProviderInstanceType: 'capacity_provider_instance_type',
  capacityProviderMaxSize: 'capacity_provider_max_size',
  instanceSecurityGroupId: 'instance_security_group_id',
} as const;

/** The platform's design, as far as services depend on it at synth time. */
export const PLATFORM_FACTS = {
  region: 'us-east-1',
  availabilityZoneCount: 2,
  natGatewayMode: NatGatewayMode.PER_AZ,
  /** The shared capacity provider. */
  capacity: {
    instanceType: 'c5.large',
    maxSize: 4,
    osFamily: OsFamily.LINUX,
    architecture: CpuArchitecture.X86_64,
    trunking: true,
  },
} as const;
