/**
 * Reads the network part of the topology: VPCs, subnets (their tier from their routes, their AZ),
 * NAT and internet gateways, and which NAT gateways each subnet's traffic leaves by.
 */
import {
  block,
  blocks,
  compareText,
  isExpression,
  JsonObject,
  literalBoolean,
  literalString,
  referencesIn,
  ResourceEntry,
  shortExpression,
} from './terraform-json';
import { AzInfo, byKey, MutableSubnet, optional, TopologyContext } from './topology-context';
import { IMPORTED_NETWORK_KEY, NatGatewayModel, TopologySubnetTier, VpcModel } from './topology-model';

const TIER_ORDER: Record<TopologySubnetTier, number> = { PUBLIC: 0, PRIVATE: 1, UNKNOWN: 2 };

export function readVpcs(ctx: TopologyContext): void {
  for (const e of ctx.index.all('aws_vpc')) {
    ctx.vpcs.set(e.address, {
      key: e.address,
      name: ctx.nameOf(e),
      imported: false,
      ...optional('cidrBlock', ctx.index.literal(e.body.cidr_block)),
    });
  }
}

export function readSubnets(ctx: TopologyContext): void {
  const tiers = routeTiers(ctx);
  for (const e of ctx.index.all('aws_subnet')) {
    const az = availabilityZoneOf(ctx, e);
    const routed = tiers.get(e.address);
    let tier = routed ?? TopologySubnetTier.PRIVATE;
    if (literalBoolean(e.body.map_public_ip_on_launch) === true) tier = TopologySubnetTier.PUBLIC;
    else if (routed === undefined)
      tier = tierFromName(ctx.nameOf(e), e.name, metadataPath(e)) ?? TopologySubnetTier.PRIVATE;
    const tags = block(e.body.tags);
    ctx.subnets.set(e.address, {
      key: e.address,
      name: ctx.index.literal(tags?.Name) ?? e.name,
      ...optional('cidrBlock', ctx.index.literal(e.body.cidr_block)),
      tier,
      imported: false,
      vpcKey: vpcKeyOf(ctx, e.body.vpc_id),
      azKey: az.key,
      azName: az.name,
      azOrder: az.order,
      natGateways: [],
      egressNatGatewayKeys: [],
    });
  }
}

export function readNatGatewaysAndRoutes(ctx: TopologyContext): void {
  for (const e of ctx.index.all('aws_nat_gateway')) {
    const nat: NatGatewayModel = {
      key: e.address,
      name: ctx.nameOf(e),
      privateConnectivity: ctx.index.literal(e.body.connectivity_type) === 'private',
    };
    const [subnetKey] = ctx.subnetKeys(e.body.subnet_id);
    const subnet = subnetKey === undefined ? undefined : ctx.subnets.get(subnetKey);
    if (subnet) subnet.natGateways.push(nat);
    else ctx.notes.push(`${e.address} is in a subnet not known at synth time: not drawn`);
  }
  const targets = routeTargets(ctx);
  for (const [subnetKey, tables] of subnetRouteTables(ctx)) {
    const subnet = ctx.subnets.get(subnetKey);
    if (!subnet) continue;
    for (const t of tables) {
      for (const nat of targets.get(t)?.nat ?? []) {
        if (!subnet.egressNatGatewayKeys.includes(nat)) subnet.egressNatGatewayKeys.push(nat);
      }
      for (const igw of targets.get(t)?.igw ?? []) {
        const vpc = ctx.vpcs.get(subnet.vpcKey);
        if (vpc && !vpc.internetGateway && igw.startsWith('external:')) {
          vpc.internetGateway = { key: igw, name: igw.slice('external:'.length), imported: true };
        }
      }
    }
  }
  const igws = ctx.index.all('aws_internet_gateway');
  for (const e of igws) {
    const vpcEntry = ctx.index.resolveOne(e.body.vpc_id, 'aws_vpc');
    const attached = ctx.index
      .all('aws_internet_gateway_attachment')
      .filter((a) => ctx.index.resolveOne(a.body.internet_gateway_id, 'aws_internet_gateway') === e)
      .map((a) => ctx.index.resolveOne(a.body.vpc_id, 'aws_vpc'))[0];
    const vpcs = [...ctx.vpcs.values()].filter((v) => !v.imported);
    const vpc = vpcEntry ?? attached ?? (vpcs.length === 1 ? ctx.index.get(vpcs[0]!.key) : undefined);
    const model = vpc ? ctx.vpcs.get(vpc.address) : undefined;
    if (model) model.internetGateway = { key: e.address, name: ctx.nameOf(e), imported: false };
    else ctx.notes.push(`${e.address} is attached to a VPC not known at synth time: not drawn`);
  }
}

export function vpcModels(ctx: TopologyContext): VpcModel[] {
  const subnetsByVpc = new Map<string, MutableSubnet[]>();
  for (const s of ctx.subnets.values()) subnetsByVpc.set(s.vpcKey, [...(subnetsByVpc.get(s.vpcKey) ?? []), s]);
  if (subnetsByVpc.has(IMPORTED_NETWORK_KEY) && !ctx.vpcs.has(IMPORTED_NETWORK_KEY)) {
    ctx.vpcs.set(IMPORTED_NETWORK_KEY, { key: IMPORTED_NETWORK_KEY, name: 'imported network', imported: true });
  }
  const models: VpcModel[] = [];
  for (const vpc of ctx.vpcs.values()) {
    const azs = new Map<string, { key: string; name: string; order: string; subnets: MutableSubnet[] }>();
    for (const s of subnetsByVpc.get(vpc.key) ?? []) {
      const az = azs.get(s.azKey) ?? { key: s.azKey, name: s.azName, order: s.azOrder, subnets: [] };
      az.subnets.push(s);
      azs.set(s.azKey, az);
    }
    if (vpc.imported && azs.size === 0 && !vpc.internetGateway) continue;
    models.push({
      key: vpc.key,
      name: vpc.name,
      imported: vpc.imported,
      ...optional('cidrBlock', vpc.cidrBlock),
      ...optional('internetGateway', vpc.internetGateway),
      availabilityZones: [...azs.values()]
        .sort((a, b) => compareText(a.order, b.order))
        .map((az) => ({
          key: az.key,
          name: az.name,
          subnets: az.subnets
            .sort(
              (a, b) =>
                TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || compareText(a.name, b.name) || compareText(a.key, b.key),
            )
            .map((s) => ({
              key: s.key,
              name: s.name,
              tier: s.tier,
              imported: s.imported,
              ...optional('cidrBlock', s.cidrBlock),
              natGateways: [...s.natGateways].sort(byKey),
              egressNatGatewayKeys: [...s.egressNatGatewayKeys].sort(compareText),
            })),
        })),
    });
  }
  // Defined VPCs first, then imported ones, each in address order.
  return models.sort((a, b) => Number(a.imported) - Number(b.imported) || compareText(a.key, b.key));
}

function vpcKeyOf(ctx: TopologyContext, value: unknown): string {
  const vpc = ctx.index.resolveOne(value, 'aws_vpc');
  if (vpc) return vpc.address;
  const label = literalString(value) ?? (isExpression(value) ? shortExpression(value) : undefined);
  if (label === undefined) return IMPORTED_NETWORK_KEY;
  const key = `external:${label}`;
  if (!ctx.vpcs.has(key)) ctx.vpcs.set(key, { key, name: label, imported: true });
  return key;
}

function availabilityZoneOf(ctx: TopologyContext, subnet: ResourceEntry): AzInfo {
  const names = ctx.facts.availabilityZoneNames ?? [];
  const byName = (name: string): AzInfo => ({ key: `name:${name}`, name, order: `1:${name}` });
  const literal =
    ctx.index.literal(subnet.body.availability_zone) ?? ctx.index.literal(subnet.body.availability_zone_id);
  if (literal !== undefined) return byName(literal);
  const value = subnet.body.availability_zone ?? subnet.body.availability_zone_id;
  if (isExpression(value)) {
    const ref = referencesIn(value).find((r) => r.data && r.type === 'aws_availability_zones');
    if (ref && ref.elementIndex !== undefined) {
      const name = names[ref.elementIndex];
      if (name !== undefined) return byName(name);
      return {
        key: `index:${ref.elementIndex}`,
        name: `AZ ${ref.elementIndex + 1}`,
        order: `0:${String(ref.elementIndex).padStart(4, '0')}`,
      };
    }
    const text = shortExpression(value);
    return { key: `expr:${text}`, name: text, order: `2:${text}` };
  }
  return { key: `none:${subnet.address}`, name: 'AZ chosen by AWS', order: `3:${subnet.address}` };
}

/** Route targets of each route table: internet gateways and NAT gateways. */
function routeTargets(ctx: TopologyContext): Map<string, { igw: string[]; nat: string[] }> {
  const targets = new Map<string, { igw: string[]; nat: string[] }>();
  const add = (table: string, route: JsonObject): void => {
    const t = targets.get(table) ?? { igw: [], nat: [] };
    const gateway = route.gateway_id;
    const igw =
      ctx.index.resolveOne(gateway, 'aws_internet_gateway')?.address ??
      (literalString(gateway)?.startsWith('igw-') ? `external:${literalString(gateway)}` : undefined);
    if (igw !== undefined) t.igw.push(igw);
    const nat = ctx.index.resolveOne(route.nat_gateway_id, 'aws_nat_gateway')?.address;
    if (nat !== undefined) t.nat.push(nat);
    targets.set(table, t);
  };
  for (const table of ctx.index.all('aws_route_table', 'aws_default_route_table')) {
    for (const route of blocks(table.body.route)) add(table.address, route);
  }
  for (const route of ctx.index.all('aws_route')) {
    const table = ctx.index.resolveOne(route.body.route_table_id, 'aws_route_table', 'aws_default_route_table');
    if (table) add(table.address, route.body);
  }
  return targets;
}

/** Subnet address → route tables associated with it. */
function subnetRouteTables(ctx: TopologyContext): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const a of ctx.index.all('aws_route_table_association')) {
    const subnet = ctx.index.resolveOne(a.body.subnet_id, 'aws_subnet');
    const table = ctx.index.resolveOne(a.body.route_table_id, 'aws_route_table', 'aws_default_route_table');
    if (subnet && table) tables.set(subnet.address, [...(tables.get(subnet.address) ?? []), table.address]);
  }
  return tables;
}

function routeTiers(ctx: TopologyContext): Map<string, TopologySubnetTier> {
  const targets = routeTargets(ctx);
  const tiers = new Map<string, TopologySubnetTier>();
  for (const [subnet, tables] of subnetRouteTables(ctx)) {
    const toIgw = tables.some((t) => (targets.get(t)?.igw.length ?? 0) > 0);
    tiers.set(subnet, toIgw ? TopologySubnetTier.PUBLIC : TopologySubnetTier.PRIVATE);
  }
  return tiers;
}

/** The construct path cdktf records in `//.metadata.path`, e.g. `lab/network/public-0`. */
function metadataPath(entry: ResourceEntry): string {
  return literalString(block(block(entry.body['//'])?.metadata)?.path) ?? '';
}

function tierFromName(...names: string[]): TopologySubnetTier | undefined {
  const text = names.join(' ').toLowerCase();
  if (/public/.test(text)) return TopologySubnetTier.PUBLIC;
  if (/private|isolated/.test(text)) return TopologySubnetTier.PRIVATE;
  return undefined;
}
