/**
 * The picture's edges and the invisible ones that arrange it, worked out from where the boxes were
 * drawn (`DrawnNodes`): the rows of public and private subnets, requests (internet → load balancer →
 * tasks) and egress (private subnet → NAT gateway → internet gateway). Pure: returns DOT lines.
 */
import { compareText } from './terraform-json';
import { AvailabilityZoneModel, SubnetModel, Topology, TopologySubnetTier, VpcModel } from './topology-model';
import { attrs, COLOR, quoteId } from './dot-syntax';

/** Where a subnet sits in the picture. */
export interface SubnetPlace {
  readonly vpc: VpcModel;
  readonly az: AvailabilityZoneModel;
  readonly subnet: SubnetModel;
}

/** What the boxes and nodes drawn so far are, and where. */
export interface DrawnNodes {
  /** Subnet key → where it is drawn. */
  readonly subnets: ReadonlyMap<string, SubnetPlace>;
  /** Service key → node ids of its copies (one per subnet it runs in). */
  readonly serviceNodes: ReadonlyMap<string, readonly string[]>;
  /** Subnet key → first node drawn in it (edges to a subnet box attach there). */
  readonly subnetAnchor: ReadonlyMap<string, string>;
  /** Subnet key → every node drawn in it, in drawing order. */
  readonly subnetNodes: ReadonlyMap<string, readonly string[]>;
  /** Every service node in the order it was drawn. */
  readonly drawOrder: readonly string[];
  /** Load balancer key → its node markers in its subnets. */
  readonly loadBalancerMarkers: ReadonlyMap<string, readonly string[]>;
}

/**
 * Puts what the public subnets of all AZs hold on one row and what the private subnets hold on
 * the next, AZs left to right in their order (invisible edges inside a row fix the order), and
 * each load balancer above the subnets it spans.
 */
export function tierAlignmentLines(topology: Topology, drawn: DrawnNodes): string[] {
  const out: string[] = [];
  for (const tier of [TopologySubnetTier.PUBLIC, TopologySubnetTier.PRIVATE, TopologySubnetTier.UNKNOWN]) {
    const row = [...drawn.subnets.values()]
      .filter((p) => p.subnet.tier === tier)
      .flatMap((p) => drawn.subnetNodes.get(p.subnet.key) ?? []);
    if (row.length < 2) continue;
    out.push(`{ rank="same"; ${row.map(quoteId).join('; ')}; }`);
    out.push(`${row.map(quoteId).join(' -> ')}${attrs({ style: 'invis' })}`);
  }
  // Within each AZ the public subnet sits above the private one. (The egress edges that also say
  // so do not constrain the layout: a single NAT gateway would pull its AZ into the middle.)
  for (const vpc of topology.vpcs) {
    for (const az of vpc.availabilityZones) {
      for (let i = 1; i < az.subnets.length; i++) {
        const below = drawn.subnetAnchor.get(az.subnets[i]!.key);
        if (below === undefined) continue;
        for (const above of drawn.subnetNodes.get(az.subnets[i - 1]!.key) ?? []) {
          out.push(`${quoteId(above)} -> ${quoteId(below)}${attrs({ style: 'invis' })}`);
        }
      }
    }
  }
  for (const [lb, markers] of [...drawn.loadBalancerMarkers.entries()].sort(([a], [b]) => compareText(a, b))) {
    for (const marker of markers) out.push(`${quoteId(lb)} -> ${quoteId(marker)}${attrs({ style: 'invis' })}`);
  }
  return out;
}

export function edgeLines(topology: Topology, drawn: DrawnNodes, needsInternet: boolean): string[] {
  const out: string[] = [];
  const t = topology;
  const request = { color: COLOR.request, fontcolor: COLOR.request, penwidth: 1.6 };
  for (const vpc of t.vpcs) {
    if (vpc.internetGateway && needsInternet)
      out.push(`"internet" -> ${quoteId(vpc.internetGateway.key)}${attrs({ ...request, dir: 'both' })}`);
  }
  for (const lb of t.loadBalancers) {
    if (lb.internal === false) {
      const vpc = lb.subnetKeys.map((k) => drawn.subnets.get(k)?.vpc).find((v) => v !== undefined);
      const from = vpc?.internetGateway?.key ?? 'internet';
      out.push(`${quoteId(from)} -> ${quoteId(lb.key)}${attrs(request)}`);
    }
    // The listeners are written on the load balancer; each edge says which container port it
    // reaches. One edge per copy of the service, in drawing order (AZ by AZ).
    const targetGroups = new Set(lb.listeners.flatMap((l) => l.targetGroupKeys));
    const edges = new Map<string, { node: string; label: string }>();
    for (const service of t.services) {
      for (const target of service.loadBalancerTargets.filter((x) => targetGroups.has(x.targetGroupKey))) {
        const label = `${target.containerName ?? service.name}:${target.containerPort ?? '?'}`;
        for (const node of drawn.serviceNodes.get(service.key) ?? []) edges.set(`${node}|${label}`, { node, label });
      }
    }
    const order = (node: string): number => drawn.drawOrder.indexOf(node);
    for (const { node, label } of [...edges.values()].sort(
      (a, b) => order(a.node) - order(b.node) || compareText(a.label, b.label),
    )) {
      out.push(`${quoteId(lb.key)} -> ${quoteId(node)}${attrs({ ...request, label })}`);
    }
  }
  // Egress: private subnet → NAT gateway → internet gateway (drawn against the rank order, so "back").
  const egress = { style: 'dashed', color: COLOR.muted, dir: 'back' };
  const crossing = { ...egress, constraint: 'false' };
  for (const { subnet } of drawn.subnets.values()) {
    for (const nat of subnet.egressNatGatewayKeys) {
      const anchor = drawn.subnetAnchor.get(subnet.key);
      if (anchor === undefined || !drawn.subnets.has(natSubnet(drawn, nat) ?? '')) continue;
      out.push(`${quoteId(nat)} -> ${quoteId(anchor)}${attrs({ ...crossing, lhead: `cluster_subnet|${subnet.key}` })}`);
    }
  }
  for (const vpc of t.vpcs) {
    if (!vpc.internetGateway) continue;
    for (const az of vpc.availabilityZones) {
      for (const subnet of az.subnets) {
        for (const nat of subnet.natGateways.filter((n) => !n.privateConnectivity)) {
          out.push(`${quoteId(vpc.internetGateway.key)} -> ${quoteId(nat.key)}${attrs(egress)}`);
        }
      }
    }
  }
  return out;
}

function natSubnet(drawn: DrawnNodes, natKey: string): string | undefined {
  for (const { subnet } of drawn.subnets.values()) {
    if (subnet.natGateways.some((n) => n.key === natKey)) return subnet.key;
  }
  return undefined;
}
