/**
 * Draws a `Topology` as Graphviz DOT: the VPC box holds one box per AZ, each with its public subnet
 * above its private subnet; NAT gateways sit in the public subnets, the Auto Scaling group's instances
 * and the services' tasks in the private subnets, the load balancer above the AZs it spans. Solid
 * edges carry requests (internet → load balancer → tasks), dashed edges egress (private subnet →
 * NAT gateway → internet gateway). Security groups are named on what they protect and listed with
 * their inbound rules in a table below.
 *
 * Pure and deterministic: the same topology always gives the same text.
 */
import {
  AutoScalingGroupModel,
  AvailabilityZoneModel,
  LoadBalancerModel,
  ServiceModel,
  SubnetModel,
  TopologySubnetTier,
  Topology,
  VpcModel,
} from './topology-model';
import { compareText } from './terraform-json';
import { attrs, COLOR, FONT, htmlLabel, Line, loadBalancerKind, plural, quoteId } from './dot-syntax';
import { DrawnNodes, edgeLines, SubnetPlace, tierAlignmentLines } from './dot-edges';
import { legendTables } from './dot-legend';

export { escapeHtml, quoteId } from './dot-syntax';

/** Graphviz DOT for the topology. */
export function topologyToDot(topology: Topology): string {
  return new DotWriter(topology).write();
}

/** Writes the boxes and nodes, recording where they are (`DrawnNodes`) for the edges drawn after them. */
class DotWriter implements DrawnNodes {
  private readonly out: string[] = [];
  private depth = 0;
  public readonly subnets = new Map<string, SubnetPlace>();
  private readonly asgs = new Map<string, AutoScalingGroupModel>();
  /** Service key → node ids of its copies (one per subnet it runs in). */
  public readonly serviceNodes = new Map<string, string[]>();
  /** Subnet key → first node drawn in it (edges to a subnet box attach there). */
  public readonly subnetAnchor = new Map<string, string>();
  /** Nodes at the bottom of each box, above which nothing else is drawn. */
  private readonly bottomNodes: string[] = [];
  private readonly drawnLoadBalancers = new Set<string>();
  /** Subnet key → every node drawn in it, in drawing order. */
  public readonly subnetNodes = new Map<string, string[]>();
  /** Every service node in the order it was drawn. */
  public readonly drawOrder: string[] = [];
  /** Load balancer key → its node markers in its subnets. */
  public readonly loadBalancerMarkers = new Map<string, string[]>();

  constructor(private readonly topology: Topology) {
    for (const vpc of topology.vpcs) {
      for (const az of vpc.availabilityZones) {
        for (const subnet of az.subnets) this.subnets.set(subnet.key, { vpc, az, subnet });
      }
    }
    for (const asg of topology.autoScalingGroups) this.asgs.set(asg.key, asg);
  }

  public write(): string {
    const t = this.topology;
    this.line('digraph topology {');
    this.depth++;
    this.line(
      `graph${attrs({
        // newrank: rows across AZ boxes; remincross off: keeps AZs and services in the order drawn.
        compound: 'true',
        newrank: 'true',
        remincross: 'false',
        rankdir: 'TB',
        fontname: FONT,
        fontsize: 11,
        fontcolor: COLOR.text,
        nodesep: 0.3,
        ranksep: 0.45,
        pad: 0.3,
        labelloc: 't',
        labeljust: 'l',
        bgcolor: COLOR.white,
        label: htmlLabel([{ text: t.title, bold: true, size: 16 }]),
      })}`,
    );
    this.line(
      `node${attrs({
        fontname: FONT,
        fontsize: 10,
        fontcolor: COLOR.text,
        shape: 'box',
        style: 'rounded,filled',
        fillcolor: COLOR.white,
        color: COLOR.edge,
        penwidth: 1.2,
        margin: '0.2,0.08',
      })}`,
    );
    this.line(
      `edge${attrs({ fontname: FONT, fontsize: 9, fontcolor: COLOR.edge, color: COLOR.edge, arrowsize: 0.7, penwidth: 1.2 })}`,
    );

    const needsInternet = t.vpcs.some((v) => v.internetGateway) || t.loadBalancers.some((lb) => lb.internal === false);
    if (needsInternet) {
      this.line(
        `"internet"${attrs({
          label: htmlLabel([{ text: 'Internet', bold: true }]),
          shape: 'oval',
          style: 'filled',
          fillcolor: COLOR.white,
        })}`,
      );
    }
    for (const vpc of t.vpcs) this.vpc(vpc);
    for (const lb of t.loadBalancers.filter((l) => !this.drawnLoadBalancers.has(l.key))) this.loadBalancer(lb);
    this.unplaced();
    tierAlignmentLines(t, this).forEach((l) => this.line(l));
    edgeLines(t, this, needsInternet).forEach((l) => this.line(l));
    this.legend();
    this.depth--;
    this.line('}');
    return `${this.out.join('\n')}\n`;
  }

  private line(text: string): void {
    this.out.push(`${'  '.repeat(this.depth)}${text}`);
  }

  private open(id: string, attributes: Record<string, string | number | undefined>): void {
    this.line(`subgraph ${quoteId(`cluster_${id}`)} {`);
    this.depth++;
    for (const [k, v] of Object.entries(attributes)) {
      if (v === undefined) continue;
      this.line(
        k === 'label' && typeof v === 'string' && v.startsWith('<') ? `${k}=${v};` : `${k}=${quoteId(String(v))};`,
      );
    }
  }

  private close(): void {
    this.depth--;
    this.line('}');
  }

  private sgNames(keys: readonly string[]): string | undefined {
    if (keys.length === 0) return undefined;
    const names = keys.map((k) => this.topology.securityGroups.find((s) => s.key === k)?.name ?? k);
    return `sg ${names.join(', ')}`;
  }

  // -----------------------------------------------------------------------------------------------
  // Boxes

  private vpc(vpc: VpcModel): void {
    const title = vpc.imported
      ? vpc.key === 'external:network'
        ? 'Imported network'
        : `VPC ${vpc.name} (imported)`
      : `VPC ${vpc.name}`;
    this.open(`vpc|${vpc.key}`, {
      label: htmlLabel([
        {
          text: vpc.cidrBlock ? `${title} · ${vpc.cidrBlock}` : title,
          bold: true,
          size: 12,
          color: vpc.imported ? COLOR.muted : COLOR.vpcText,
        },
      ]),
      style: vpc.imported ? 'rounded,dashed' : 'rounded',
      color: vpc.imported ? COLOR.unknownLine : COLOR.vpc,
      penwidth: 2,
      labeljust: 'l',
      margin: 14,
    });
    if (vpc.internetGateway) {
      const igw = vpc.internetGateway;
      this.line(
        `${quoteId(igw.key)}${attrs({
          label: htmlLabel([
            { text: 'Internet gateway', bold: true },
            ...(igw.imported ? [{ text: igw.name, size: 9, color: COLOR.muted }] : []),
          ]),
          fillcolor: COLOR.networkFill,
          color: COLOR.vpc,
        })}`,
      );
    }
    const loadBalancers = this.topology.loadBalancers.filter(
      (lb) => lb.subnetKeys.map((k) => this.subnets.get(k)).find((p) => p !== undefined)?.vpc.key === vpc.key,
    );
    loadBalancers.forEach((lb) => this.loadBalancer(lb));
    for (const az of vpc.availabilityZones) this.availabilityZone(az);
    if (vpc.availabilityZones.length === 0 && !vpc.internetGateway && loadBalancers.length === 0) {
      // Graphviz does not draw an empty box.
      this.line(
        `${quoteId(`${vpc.key}|empty`)}${attrs({
          label: htmlLabel([{ text: 'no subnets in this stack', size: 9, color: COLOR.muted }]),
          shape: 'plaintext',
          style: '',
        })}`,
      );
    }
    this.close();
  }

  private loadBalancer(lb: LoadBalancerModel): void {
    this.drawnLoadBalancers.add(lb.key);
    const kind = loadBalancerKind(lb);
    const scheme = lb.internal === undefined ? '' : lb.internal ? ' · internal' : ' · internet-facing';
    const places = lb.subnetKeys.map((k) => this.subnets.get(k)).filter((p) => p !== undefined);
    const azNames = [...new Set(places.map((p) => p.az.name))];
    const tierSet = new Set(places.map((p) => p.subnet.tier));
    const [onlyTier] = tierSet;
    const tiers = tierSet.size === 1 && onlyTier !== TopologySubnetTier.UNKNOWN ? `${onlyTier!.toLowerCase()} ` : '';
    const listeners = lb.listeners.map((l) => {
      const tgs = l.targetGroupKeys
        .map((k) => this.topology.targetGroups.find((g) => g.key === k))
        .filter((g) => g !== undefined)
        .map((g) => `${g.name} (${g.targetType}${g.port !== undefined ? `:${g.port}` : ''})`);
      return `${l.protocol ?? '?'}:${l.port ?? '?'}${tgs.length > 0 ? ` → ${tgs.join(', ')}` : ''}`;
    });
    const sg = this.sgNames(lb.securityGroupKeys);
    this.line(
      `${quoteId(lb.key)}${attrs({
        label: htmlLabel([
          { text: `${kind} ${lb.name}${scheme}`, bold: true },
          ...listeners.map((text) => ({ text })),
          ...(azNames.length > 0
            ? [{ text: `in the ${tiers}subnets of ${azNames.join(', ')}`, size: 9, color: COLOR.muted }]
            : []),
          ...(sg ? [{ text: sg, size: 9, color: COLOR.securityGroup }] : []),
        ]),
        fillcolor: COLOR.networkFill,
        color: COLOR.vpc,
        penwidth: 1.6,
      })}`,
    );
  }

  private availabilityZone(az: AvailabilityZoneModel): void {
    this.open(`az|${az.key}`, {
      label: htmlLabel([{ text: az.name, bold: true, color: COLOR.az }]),
      style: 'rounded,dashed',
      color: COLOR.az,
      penwidth: 1.2,
      labeljust: 'l',
      margin: 10,
    });
    for (const subnet of az.subnets) this.subnet(subnet);
    const last = az.subnets[az.subnets.length - 1];
    const anchor = last === undefined ? undefined : this.subnetAnchor.get(last.key);
    if (anchor !== undefined) this.bottomNodes.push(anchor);
    this.close();
  }

  private subnet(subnet: SubnetModel): void {
    const [kind, line, fill, text] =
      subnet.tier === TopologySubnetTier.PUBLIC
        ? ['Public subnet', COLOR.publicLine, COLOR.publicFill, COLOR.publicText]
        : subnet.tier === TopologySubnetTier.PRIVATE
          ? ['Private subnet', COLOR.privateLine, COLOR.privateFill, COLOR.privateText]
          : ['Subnets', COLOR.unknownLine, COLOR.unknownFill, COLOR.text];
    const title = subnet.cidrBlock
      ? `${kind} · ${subnet.cidrBlock}`
      : subnet.imported
        ? `${kind} · ${subnet.name}`
        : kind;
    this.open(`subnet|${subnet.key}`, {
      label: htmlLabel([{ text: title, bold: true, color: text }]),
      style: 'rounded,filled',
      color: line,
      fillcolor: fill,
      penwidth: 1.2,
      labeljust: 'l',
      margin: 10,
    });
    const first = (id: string): void => {
      if (!this.subnetAnchor.has(subnet.key)) this.subnetAnchor.set(subnet.key, id);
      this.subnetNodes.set(subnet.key, [...(this.subnetNodes.get(subnet.key) ?? []), id]);
    };
    for (const nat of subnet.natGateways) {
      this.line(
        `${quoteId(nat.key)}${attrs({
          label: htmlLabel([
            { text: nat.privateConnectivity ? 'NAT gateway (private)' : 'NAT gateway', bold: true },
            { text: nat.name, size: 9, color: COLOR.muted },
          ]),
          fillcolor: COLOR.networkFill,
          color: COLOR.vpc,
        })}`,
      );
      first(nat.key);
    }
    // The load balancer's nodes: it spans the subnets it is given (drawn once above, marked here).
    for (const lb of this.topology.loadBalancers.filter((l) => l.subnetKeys.includes(subnet.key))) {
      const id = `${lb.key}|${subnet.key}`;
      this.loadBalancerMarkers.set(lb.key, [...(this.loadBalancerMarkers.get(lb.key) ?? []), id]);
      this.line(
        `${quoteId(id)}${attrs({
          label: htmlLabel([{ text: `${loadBalancerKind(lb)} ${lb.name} node`, size: 9, color: COLOR.vpcText }]),
          style: 'rounded,dashed',
          color: COLOR.vpc,
          penwidth: 1,
          margin: '0.1,0.04',
          height: 0.3,
        })}`,
      );
      first(id);
    }
    // Auto Scaling groups launching into this subnet, each with the tasks placed on its instances.
    const services = this.topology.services.filter((s) => s.subnetKeys.includes(subnet.key));
    const onAsg = new Set<string>();
    for (const asg of this.topology.autoScalingGroups.filter((a) => a.subnetKeys.includes(subnet.key))) {
      this.openAsg(asg, subnet.key);
      const here = services.filter((s) => s.autoScalingGroupKeys.includes(asg.key));
      for (const service of here) {
        first(this.service(service, subnet.key, true));
        onAsg.add(service.key);
      }
      if (here.length === 0) {
        const id = `${asg.key}|${subnet.key}|instances`;
        this.line(
          `${quoteId(id)}${attrs({
            label: htmlLabel([{ text: 'no services of this stack', size: 9, color: COLOR.muted }]),
            shape: 'plaintext',
            style: '',
          })}`,
        );
        first(id);
      }
      this.close();
    }
    for (const service of services.filter((s) => !onAsg.has(s.key))) first(this.service(service, subnet.key));
    if (!this.subnetAnchor.has(subnet.key)) {
      const id = `${subnet.key}|empty`;
      this.line(
        `${quoteId(id)}${attrs({
          label: htmlLabel([
            { text: subnet.imported ? 'no resources of this stack' : subnet.name, size: 9, color: COLOR.muted },
          ]),
          shape: 'plaintext',
          style: '',
        })}`,
      );
      first(id);
    }
    this.close();
  }

  /** Opens the dashed box of one Auto Scaling group, in a subnet (its key) or among the `unplaced`. */
  private openAsg(asg: AutoScalingGroupModel, where: string): void {
    this.open(`asg|${asg.key}|${where}`, {
      label: this.asgLabel(asg),
      style: 'rounded,filled,dashed',
      color: COLOR.computeLine,
      fillcolor: COLOR.computeFill,
      penwidth: 1.4,
      labeljust: 'l',
      margin: 10,
    });
  }

  private asgLabel(asg: AutoScalingGroupModel): string {
    const size = [
      asg.minSize !== undefined ? `min ${asg.minSize}` : undefined,
      asg.desiredCapacity !== undefined ? `desired ${asg.desiredCapacity}` : undefined,
      asg.maxSize !== undefined ? `max ${asg.maxSize}` : undefined,
    ].filter((x) => x !== undefined);
    const types = asg.instanceTypes.length > 0 ? asg.instanceTypes.join(', ') : 'instance type not known';
    const azs = new Set(asg.subnetKeys.map((k) => this.subnets.get(k)?.az.key ?? k)).size;
    const capacity =
      asg.tasksPerInstance !== undefined
        ? `${plural(asg.tasksPerInstance, 'task')} per instance${asg.maxTasks !== undefined ? ` · up to ${asg.maxTasks} in all` : ''}`
        : undefined;
    const sg = this.sgNames(asg.securityGroupKeys);
    return htmlLabel([
      { text: `EC2 ${types}`, bold: true, color: COLOR.computeText },
      { text: `Auto Scaling group ${asg.name}`, size: 9 },
      ...(size.length > 0
        ? [{ text: `${size.join(' · ')} instances${azs > 1 ? ` across ${azs} AZs` : ''}`, size: 9 }]
        : []),
      ...(capacity ? [{ text: capacity, size: 9, bold: true }] : []),
      ...(sg ? [{ text: sg, size: 9, color: COLOR.securityGroup }] : []),
    ]);
  }

  /** Draws one copy of a service's tasks; returns its node id. */
  private service(service: ServiceModel, place: string, onAsg = false): string {
    const id = `${service.key}|${place}`;
    this.drawOrder.push(id);
    this.serviceNodes.set(service.key, [...(this.serviceNodes.get(service.key) ?? []), id]);
    const spread = new Set(service.subnetKeys.map((k) => this.subnets.get(k)?.az.key ?? k)).size;
    const count = service.daemon
      ? 'one task per instance'
      : service.desiredCount === undefined
        ? 'task count set at apply'
        : `${plural(service.desiredCount, 'task')}${spread > 1 ? ` across ${spread} AZs` : ''}`;
    const size = [service.cpu ? `${service.cpu} CPU` : undefined, service.memory ? `${service.memory} MiB` : undefined]
      .filter((x) => x !== undefined)
      .join(' · ');
    const sg = this.sgNames(service.securityGroupKeys);
    this.line(
      `${quoteId(id)}${attrs({
        label: htmlLabel([
          { text: `service ${service.name}`, bold: true },
          { text: `${count}${service.networkMode ? ` · ${service.networkMode}` : ''}` },
          ...(size ? [{ text: size, size: 9, color: COLOR.muted }] : []),
          ...(onAsg ? [] : this.capacityLines(service)),
          ...(service.assignPublicIp ? [{ text: 'public IP assigned', size: 9, color: COLOR.securityGroup }] : []),
          ...(sg ? [{ text: sg, size: 9, color: COLOR.securityGroup }] : []),
        ]),
        color: COLOR.computeLine,
        fillcolor: COLOR.white,
      })}`,
    );
    return id;
  }

  /** Where tasks run, for a service not drawn inside its Auto Scaling group. */
  private capacityLines(service: ServiceModel): Line[] {
    const parts = [
      service.clusterName ? `cluster ${service.clusterName}` : undefined,
      service.launchType ? `launch type ${service.launchType}` : undefined,
      service.capacityProviderNames.length > 0 ? `capacity ${service.capacityProviderNames.join(', ')}` : undefined,
    ].filter((x) => x !== undefined);
    return parts.length > 0 ? [{ text: parts.join(' · '), size: 9, color: COLOR.muted }] : [];
  }

  /** Auto Scaling groups and services that are in no subnet of the picture (imported capacity, Fargate, ...). */
  private unplaced(): void {
    const drawn = new Set(this.serviceNodes.keys());
    for (const asg of this.topology.autoScalingGroups.filter((a) => !a.subnetKeys.some((k) => this.subnets.has(k)))) {
      this.openAsg(asg, 'unplaced');
      const here = this.topology.services.filter((s) => !drawn.has(s.key) && s.autoScalingGroupKeys.includes(asg.key));
      here.forEach((s) => {
        this.bottomNodes.push(this.service(s, 'unplaced', true));
        drawn.add(s.key);
      });
      if (here.length === 0) {
        this.bottomNodes.push(`${asg.key}|unplaced|instances`);
        this.line(
          `${quoteId(`${asg.key}|unplaced|instances`)}${attrs({
            label: htmlLabel([{ text: 'no services of this stack', size: 9, color: COLOR.muted }]),
            shape: 'plaintext',
            style: '',
          })}`,
        );
      }
      this.close();
    }
    const rest = this.topology.services.filter((s) => !drawn.has(s.key));
    const clusters = [...new Set(rest.map((s) => s.clusterName ?? ''))].sort(compareText);
    for (const cluster of clusters) {
      this.open(`ecs|${cluster}`, {
        label: htmlLabel([
          { text: cluster ? `ECS cluster ${cluster}` : 'ECS cluster', bold: true, color: COLOR.computeText },
        ]),
        style: 'rounded,dashed',
        color: COLOR.computeLine,
        penwidth: 1.2,
        labeljust: 'l',
        margin: 10,
      });
      rest
        .filter((s) => (s.clusterName ?? '') === cluster)
        .forEach((s) => this.bottomNodes.push(this.service(s, 'unplaced')));
      this.close();
    }
  }

  /** The tables below the picture, pulled under the lowest boxes by invisible edges. */
  private legend(): void {
    const tables = legendTables(this.topology);
    if (tables.length === 0) return;
    // Below everything: invisible edges from the lowest boxes pull the tables under the picture.
    const ids = tables.map((_, i) => `legend|${i}`);
    this.line('subgraph legend {');
    this.depth++;
    this.line('rank="same";');
    tables.forEach((html, i) =>
      this.line(`${quoteId(ids[i]!)}${attrs({ label: `<${html}>`, shape: 'plaintext', style: '', margin: 0 })}`),
    );
    this.depth--;
    this.line('}');
    for (const bottom of [...new Set(this.bottomNodes)].sort(compareText)) {
      for (const id of ids) this.line(`${quoteId(bottom)} -> ${quoteId(id)}${attrs({ style: 'invis' })}`);
    }
    for (let i = 1; i < ids.length; i++)
      this.line(`${quoteId(ids[i - 1]!)} -> ${quoteId(ids[i]!)}${attrs({ style: 'invis' })}`);
  }
}
