/**
 * The small interface through which other constructs use a network (house style: refer to each
 * other through interfaces, never raw id strings, except in `fromAttributes` importers).
 * Implemented by `Network` and by `Network.fromAttributes(...)`.
 */

/** How private subnets reach the internet. */
export enum NatGatewayMode {
  /** One NAT gateway in each AZ; each private subnet routes to the one in its own AZ. */
  PER_AZ = 'PER_AZ',
  /** One NAT gateway for all AZs (cheaper; the AZ that holds it is a single point of failure). */
  SINGLE = 'SINGLE',
  /** No NAT gateway: private subnets are isolated (image pulls need VPC endpoints). */
  NONE = 'NONE',
}

/** A subnet as seen by its users. Values may be Terraform references (tokens). */
export interface SubnetRef {
  readonly subnetId: string;
  readonly availabilityZone: string;
  /** IPv4 CIDR block; undefined when an imported subnet's block is not known at synth time. */
  readonly cidrBlock?: string;
}

export interface INetwork {
  readonly vpcId: string;
  /** The VPC's IPv4 CIDR block; may be a token for an imported VPC. */
  readonly vpcCidrBlock: string;
  /** AZ names, one per AZ in use, in subnet order. May be tokens (from the aws_availability_zones data source). */
  readonly availabilityZones: readonly string[];
  /**
   * One per AZ, same order as `availabilityZones`; empty for a network with private subnets only
   * (`Network.fromAttributes` without `publicSubnetIds`).
   */
  readonly publicSubnets: readonly SubnetRef[];
  /** One per AZ, same order as `availabilityZones`. Tasks and instances live here. */
  readonly privateSubnets: readonly SubnetRef[];
  /** How the private subnets reach the internet. */
  readonly natGatewayMode: NatGatewayMode;
  /** Services with a VPC endpoint in this network (`ssmmessages`, `ecr.api`, `s3`, ...). */
  readonly endpointServices: readonly string[];
}
