/**
 * The resources of `Network`'s two subnet tiers, one builder per step: the public tier with its route
 * to the internet gateway, the NAT gateways, the private tier with a route table per AZ. Each builds
 * exactly what the plan (`planNetwork`) says, under the `Network` construct (the ids are its
 * Terraform addresses: docs/network.md, "What it builds").
 */
import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { NetworkPlan } from './network-plan';

/** Tags for a resource: the user's tags, `extra`, and `Name = <namePrefix>-<name>`. */
export type NetworkTagger = (name: string, extra?: { [key: string]: string }) => { [key: string]: string };

/** What every tier builder needs: the network construct, its plan, the AZ names, the VPC and the tagger. */
export interface TierContext {
  readonly scope: Construct;
  readonly plan: NetworkPlan;
  /** One per AZ, AZ order (names or tokens). */
  readonly azNames: readonly string[];
  readonly vpcId: string;
  readonly tagged: NetworkTagger;
}

/** The AZ name for Name tags, or its index when the name is only known at plan time. */
export function azLabel(name: string, index: number): string {
  return Token.isUnresolved(name) ? `az${index + 1}` : name;
}

/**
 * Public tier: one shared route table with `0.0.0.0/0` to the internet gateway, one subnet per AZ. No
 * public IPs on launch: the NAT gateways and load balancers get their own addresses.
 */
export function buildPublicTier(
  ctx: TierContext,
  internetGateway: InternetGateway,
): { routeTable: RouteTable; subnets: Subnet[] } {
  const { scope, tagged, azNames } = ctx;
  const routeTable = new RouteTable(scope, 'public-rt', { vpcId: ctx.vpcId, tags: tagged('public') });
  new Route(scope, 'public-default-route', {
    routeTableId: routeTable.id,
    destinationCidrBlock: '0.0.0.0/0',
    gatewayId: internetGateway.id,
  });
  const subnets = ctx.plan.addresses.publicSubnets.map((s, i) => {
    const subnet = new Subnet(scope, `public-${i}`, {
      vpcId: ctx.vpcId,
      cidrBlock: s.cidrBlock,
      availabilityZone: azNames[i]!,
      mapPublicIpOnLaunch: false,
      tags: tagged(`public-${azLabel(azNames[i]!, i)}`, { Tier: 'public' }),
    });
    new RouteTableAssociation(scope, `public-rta-${i}`, { subnetId: subnet.id, routeTableId: routeTable.id });
    return subnet;
  });
  return { routeTable, subnets };
}

/** NAT gateways (each with an Elastic IP) in the public subnets of the AZs the plan names. */
export function buildNatGateways(
  ctx: TierContext,
  internetGateway: InternetGateway,
  publicSubnets: readonly Subnet[],
): NatGateway[] {
  const { scope, tagged, azNames } = ctx;
  return ctx.plan.natGateways.map((nat, i) => {
    const name = `nat-${azLabel(azNames[nat.azIndex]!, nat.azIndex)}`;
    const eip = new Eip(scope, `nat-eip-${i}`, { domain: 'vpc', tags: tagged(name), dependsOn: [internetGateway] });
    return new NatGateway(scope, `nat-${i}`, {
      allocationId: eip.allocationId,
      subnetId: publicSubnets[nat.azIndex]!.id,
      connectivityType: 'public',
      tags: tagged(name),
      dependsOn: [internetGateway],
    });
  });
}

/**
 * Private tier: per AZ a subnet and its own route table, with `0.0.0.0/0` to the planned NAT gateway
 * (no route for NONE). No public IPs, no resource-name DNS A records on launch (ENI trunking needs them
 * off), IP-name hostnames.
 */
export function buildPrivateTier(
  ctx: TierContext,
  natGateways: readonly NatGateway[],
): { routeTables: RouteTable[]; subnets: Subnet[] } {
  const { scope, tagged, azNames } = ctx;
  const routeTables: RouteTable[] = [];
  const subnets = ctx.plan.addresses.privateSubnets.map((s, i) => {
    const subnet = new Subnet(scope, `private-${i}`, {
      vpcId: ctx.vpcId,
      cidrBlock: s.cidrBlock,
      availabilityZone: azNames[i]!,
      mapPublicIpOnLaunch: false,
      enableResourceNameDnsARecordOnLaunch: false,
      privateDnsHostnameTypeOnLaunch: 'ip-name',
      tags: tagged(`private-${azLabel(azNames[i]!, i)}`, { Tier: 'private' }),
    });
    const table = new RouteTable(scope, `private-rt-${i}`, {
      vpcId: ctx.vpcId,
      tags: tagged(`private-${azLabel(azNames[i]!, i)}`),
    });
    routeTables.push(table);
    const natIndex = ctx.plan.privateRoutes[i]?.natGatewayIndex;
    if (natIndex !== undefined) {
      new Route(scope, `private-default-route-${i}`, {
        routeTableId: table.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: natGateways[natIndex]!.id,
      });
    }
    new RouteTableAssociation(scope, `private-rta-${i}`, { subnetId: subnet.id, routeTableId: table.id });
    return subnet;
  });
  return { routeTables, subnets };
}
