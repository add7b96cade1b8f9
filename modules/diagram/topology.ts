/**
 * The topology of one synthesized stack, read from its Terraform JSON (`cdk.tf.json`): VPCs, AZs,
 * public and private subnets, NAT and internet gateways, Auto Scaling groups, ECS services, load
 * balancers and security groups, as a plain model the picture is drawn from.
 *
 * Pure: it reads JSON only, so it does not depend on which constructs wrote the stack (ours, raw
 * provider resources, or an imported network whose ids are plain strings or variables). Missing or
 * unknown pieces give a smaller picture, never an error.
 */
import { describeValue, ProblemCollector } from '../core/validation-error';
import {
  block,
  blocks,
  compareText,
  isExpression,
  isObject,
  JsonObject,
  literalBoolean,
  literalNumber,
  literalString,
  referencesIn,
  ResourceEntry,
  ResourceIndex,
  shortExpression,
} from './terraform-json';

/** Facts the JSON does not hold, given by the caller (the app knows them from its own tables). */
export interface TopologyFacts {
  /**
   * Title drawn at the top of the picture.
   * @default - "stack <name> · <region>" from the document's metadata and provider
   */
  readonly title?: string;
  /**
   * How many awsvpc tasks fit on one instance, by instance type (`{ "c5.large": 10 }`), as the
   * capacity report computes them (ENIs, trunking). An Auto Scaling group with several instance
   * types shows the smallest.
   * @default - tasks per instance are not shown
   */
  readonly tasksPerInstance?: { readonly [instanceType: string]: number };
  /**
   * Names of the availability zones in the order of the `aws_availability_zones` data source's
   * `names` list, for subnets whose AZ is `element(data.aws_availability_zones.x.names, i)`.
   * @default - such AZs are labelled "AZ 1", "AZ 2", ...
   */
  readonly availabilityZoneNames?: readonly string[];
}

/** Whether a subnet routes to the internet gateway. */
export enum TopologySubnetTier {
  /** Routes `0.0.0.0/0` to an internet gateway (or maps public IPs on launch). */
  PUBLIC = 'PUBLIC',
  /** No route to an internet gateway; reaches the internet, if at all, through NAT. */
  PRIVATE = 'PRIVATE',
  /** Not known from this stack (an imported subnet). */
  UNKNOWN = 'UNKNOWN',
}

export interface NatGatewayModel {
  /** Terraform address, e.g. `aws_nat_gateway.nat-0`. */
  readonly key: string;
  readonly name: string;
  /** True for `connectivity_type = "private"` (no internet egress). */
  readonly privateConnectivity: boolean;
}

export interface SubnetModel {
  /** Terraform address, or `external:<id or expression>` for a subnet not defined in this stack. */
  readonly key: string;
  readonly name: string;
  /** IPv4 CIDR block; undefined when only known at apply time. */
  readonly cidrBlock?: string;
  readonly tier: TopologySubnetTier;
  /** True when the subnet is not defined in this stack. */
  readonly imported: boolean;
  /** NAT gateways placed in this subnet. */
  readonly natGateways: readonly NatGatewayModel[];
  /** Keys of the NAT gateways this subnet's route tables send traffic to. */
  readonly egressNatGatewayKeys: readonly string[];
}

export interface AvailabilityZoneModel {
  readonly key: string;
  /** AZ name (`us-east-1a`), or a label when only known at apply time ("AZ 1"). */
  readonly name: string;
  /** Public subnets first, then private, then unknown. */
  readonly subnets: readonly SubnetModel[];
}

export interface InternetGatewayModel {
  readonly key: string;
  readonly name: string;
  readonly imported: boolean;
}

export interface VpcModel {
  /** Terraform address, or `external:<id or expression>` for an imported VPC. */
  readonly key: string;
  readonly name: string;
  readonly cidrBlock?: string;
  readonly imported: boolean;
  readonly availabilityZones: readonly AvailabilityZoneModel[];
  readonly internetGateway?: InternetGatewayModel;
}

export interface AutoScalingGroupModel {
  readonly key: string;
  readonly name: string;
  /** Instance types (literal, or the expression that gives them); empty when unknown. */
  readonly instanceTypes: readonly string[];
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly desiredCapacity?: number;
  /** Tasks per instance from the facts (smallest over the group's instance types). */
  readonly tasksPerInstance?: number;
  /** `tasksPerInstance × maxSize`. */
  readonly maxTasks?: number;
  readonly subnetKeys: readonly string[];
  /** Security groups of the instances (from the launch template). */
  readonly securityGroupKeys: readonly string[];
  /** ECS capacity providers backed by this group. */
  readonly capacityProviderNames: readonly string[];
}

export interface LoadBalancerTargetModel {
  readonly targetGroupKey: string;
  readonly containerName?: string;
  readonly containerPort?: number;
}

export interface ServiceModel {
  readonly key: string;
  readonly name: string;
  readonly clusterName?: string;
  /** Desired task count; undefined when only known at apply time. */
  readonly desiredCount?: number;
  /** True for the DAEMON scheduling strategy (one task per instance). */
  readonly daemon: boolean;
  /** Task network mode (`awsvpc`, `bridge`, `host`); undefined when the task definition is not in the stack. */
  readonly networkMode?: string;
  readonly taskFamily?: string;
  readonly cpu?: string;
  readonly memory?: string;
  /** Container names with their images. */
  readonly containers: readonly string[];
  /** `EC2`, `FARGATE`, `EXTERNAL` when set; undefined when a capacity provider strategy is used. */
  readonly launchType?: string;
  readonly capacityProviderNames: readonly string[];
  /** Auto Scaling groups whose instances run the tasks. */
  readonly autoScalingGroupKeys: readonly string[];
  /** Subnets the tasks live in: the awsvpc subnets, else those of their Auto Scaling groups. */
  readonly subnetKeys: readonly string[];
  readonly securityGroupKeys: readonly string[];
  readonly assignPublicIp: boolean;
  readonly loadBalancerTargets: readonly LoadBalancerTargetModel[];
}

export interface ListenerModel {
  readonly key: string;
  readonly port?: number;
  readonly protocol?: string;
  readonly targetGroupKeys: readonly string[];
}

export interface LoadBalancerModel {
  readonly key: string;
  readonly name: string;
  /** `application`, `network` or `gateway`. */
  readonly type: string;
  /** True for `internal`, false for `internet-facing`; undefined when only known at apply time. */
  readonly internal?: boolean;
  readonly subnetKeys: readonly string[];
  readonly securityGroupKeys: readonly string[];
  readonly listeners: readonly ListenerModel[];
}

export interface TargetGroupModel {
  readonly key: string;
  readonly name: string;
  readonly port?: number;
  readonly protocol?: string;
  /** `ip` (awsvpc tasks), `instance`, ... */
  readonly targetType: string;
}

export interface SecurityGroupModel {
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  readonly imported: boolean;
  /** One line per ingress rule, e.g. `80/tcp from sg lab-alb`. */
  readonly ingress: readonly string[];
  /** One line per egress rule, e.g. `all traffic to 0.0.0.0/0`. */
  readonly egress: readonly string[];
}

export interface EcsClusterModel {
  readonly key: string;
  readonly name: string;
  readonly capacityProviderNames: readonly string[];
}

export interface AccountSettingModel {
  readonly name: string;
  readonly value: string;
}

/** Everything the picture shows, sorted (the same JSON always gives the same model). */
export interface Topology {
  readonly title: string;
  readonly vpcs: readonly VpcModel[];
  readonly autoScalingGroups: readonly AutoScalingGroupModel[];
  readonly services: readonly ServiceModel[];
  readonly loadBalancers: readonly LoadBalancerModel[];
  readonly targetGroups: readonly TargetGroupModel[];
  readonly securityGroups: readonly SecurityGroupModel[];
  readonly clusters: readonly EcsClusterModel[];
  readonly accountSettings: readonly AccountSettingModel[];
  /** What the picture could not show exactly (resources with `for_each`, ...). */
  readonly notes: readonly string[];
}

/** Key of the group that holds subnets not defined in the stack. */
export const IMPORTED_NETWORK_KEY = 'external:network';

const TIER_ORDER: Record<TopologySubnetTier, number> = { PUBLIC: 0, PRIVATE: 1, UNKNOWN: 2 };

/**
 * Reads the topology of a synthesized stack.
 *
 * @param document the stack's Terraform JSON (the parsed `cdk.tf.json`)
 * @param facts what the JSON cannot say (tasks per instance, AZ names)
 */
export function buildTopology(document: unknown, facts: TopologyFacts = {}): Topology {
  validateFacts(facts);
  return new TopologyReader(document, facts).read();
}

function validateFacts(facts: TopologyFacts): void {
  const problems = new ProblemCollector();
  for (const [type, count] of Object.entries(facts.tasksPerInstance ?? {})) {
    problems.check(typeof count === 'number' && Number.isInteger(count) && count >= 0, () => ({
      code: 'DIAGRAM_TASKS_PER_INSTANCE_INVALID',
      path: `TopologyFacts.tasksPerInstance["${type}"]`,
      received: describeValue(count),
      allowed: 'a whole number of tasks, 0 or more',
      fix: 'pass the task count of the capacity report for this instance type',
    }));
  }
  (facts.availabilityZoneNames ?? []).forEach((name, i) => {
    problems.check(typeof name === 'string' && name.trim().length > 0, () => ({
      code: 'DIAGRAM_AZ_NAME_INVALID',
      path: `TopologyFacts.availabilityZoneNames[${i}]`,
      received: describeValue(name),
      allowed: 'a non-empty availability zone name such as "us-east-1a"',
      fix: 'pass the names in the order of the aws_availability_zones data source, or leave the list out',
    }));
  });
  problems.throwIfAny();
}

interface MutableSubnet {
  key: string;
  name: string;
  cidrBlock?: string;
  tier: TopologySubnetTier;
  imported: boolean;
  vpcKey: string;
  azKey: string;
  azName: string;
  azOrder: string;
  natGateways: NatGatewayModel[];
  egressNatGatewayKeys: string[];
}

interface AzInfo {
  readonly key: string;
  readonly name: string;
  readonly order: string;
}

/** Reads a document once; each `read*` method fills one part of the model. */
class TopologyReader {
  private readonly index: ResourceIndex;
  private readonly subnets = new Map<string, MutableSubnet>();
  private readonly vpcs = new Map<
    string,
    { key: string; name: string; cidrBlock?: string; imported: boolean; internetGateway?: InternetGatewayModel }
  >();
  private readonly securityGroups = new Map<
    string,
    { key: string; name: string; description?: string; imported: boolean; ingress: string[]; egress: string[] }
  >();
  private readonly targetGroups = new Map<string, TargetGroupModel>();
  private readonly notes: string[] = [];

  constructor(
    private readonly document: unknown,
    private readonly facts: TopologyFacts,
  ) {
    this.index = new ResourceIndex(document);
  }

  public read(): Topology {
    this.readSecurityGroups();
    this.readVpcs();
    this.readSubnets();
    this.readNatGatewaysAndRoutes();
    this.readTargetGroups();
    const capacityProviders = this.readCapacityProviders();
    const autoScalingGroups = this.readAutoScalingGroups(capacityProviders);
    const clusters = this.readClusters(capacityProviders);
    const services = this.readServices(capacityProviders, autoScalingGroups, clusters);
    const loadBalancers = this.readLoadBalancers();
    this.readSecurityGroupRules();
    for (const address of this.index.unexpanded) {
      this.notes.push(`${address} uses for_each or a computed count: drawn once`);
    }
    return {
      title: this.title(),
      vpcs: this.vpcModels(),
      autoScalingGroups: autoScalingGroups.map((a) => a.model),
      services,
      loadBalancers,
      targetGroups: [...this.targetGroups.values()].sort(byKey),
      securityGroups: [...this.securityGroups.values()].sort(byKey),
      clusters: clusters.map((c) => c.model),
      accountSettings: this.index
        .all('aws_ecs_account_setting_default')
        .map((e) => ({ name: this.text(e.body.name) ?? e.name, value: this.text(e.body.value) ?? '?' }))
        .sort((a, b) => compareText(a.name, b.name) || compareText(a.value, b.value)),
      notes: [...this.notes].sort(compareText),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Naming

  private title(): string {
    if (this.facts.title !== undefined) return this.facts.title;
    const doc = isObject(this.document) ? this.document : {};
    const meta = block(block(doc['//'])?.metadata);
    const stack = literalString(meta?.stackName);
    const provider = isObject(doc.provider) ? block(doc.provider.aws) : undefined;
    const region = literalString(provider?.region);
    return [stack ? `stack ${stack}` : 'stack', region].filter((x) => x !== undefined).join(' · ');
  }

  /** A literal argument, or the expression written short. */
  private text(value: unknown): string | undefined {
    const literal = this.index.literal(value);
    if (literal !== undefined) return literal;
    return isExpression(value) ? shortExpression(value) : undefined;
  }

  /** The name a human gave a resource: `name`, `name_prefix`, tag `Name`, else its logical name. */
  private nameOf(entry: ResourceEntry, ...attributes: string[]): string {
    for (const attribute of [...attributes, 'name']) {
      const value = this.index.literal(entry.body[attribute]);
      if (value !== undefined) return value;
    }
    const prefix = this.index.literal(entry.body.name_prefix);
    if (prefix !== undefined) return `${prefix}*`;
    const tags = block(entry.body.tags);
    const tagName = this.index.literal(tags?.Name);
    return tagName ?? entry.name;
  }

  /**
   * Keys of the resources `value` names (a list of references, one splat or list expression, plain
   * ids); ids and expressions that are not resources of this stack become `external:<text>` keys.
   */
  private keysOf(value: unknown, types: string[], onExternal: (key: string, label: string) => void): string[] {
    const keys: string[] = [];
    const push = (k: string): void => {
      if (!keys.includes(k)) keys.push(k);
    };
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const v of values) {
      const found = this.index.resolve(v, ...types);
      if (found.length > 0) {
        found.forEach((e) => push(e.address));
        continue;
      }
      const label = literalString(v) ?? (isExpression(v) ? shortExpression(v) : undefined);
      if (label === undefined) continue;
      const key = `external:${label}`;
      onExternal(key, label);
      push(key);
    }
    return keys;
  }

  private subnetKeys(value: unknown): string[] {
    return this.keysOf(value, ['aws_subnet'], (key, label) => {
      if (!this.subnets.has(key)) {
        this.subnets.set(key, {
          key,
          name: label,
          tier: TopologySubnetTier.UNKNOWN,
          imported: true,
          vpcKey: IMPORTED_NETWORK_KEY,
          azKey: 'unknown',
          azName: 'AZ not known at synth time',
          azOrder: '9',
          natGateways: [],
          egressNatGatewayKeys: [],
        });
      }
    });
  }

  private securityGroupKeys(value: unknown): string[] {
    return this.keysOf(value, ['aws_security_group'], (key, label) => {
      if (!this.securityGroups.has(key)) {
        this.securityGroups.set(key, { key, name: label, imported: true, ingress: [], egress: [] });
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Network

  private readVpcs(): void {
    for (const e of this.index.all('aws_vpc')) {
      this.vpcs.set(e.address, {
        key: e.address,
        name: this.nameOf(e),
        imported: false,
        ...optional('cidrBlock', this.index.literal(e.body.cidr_block)),
      });
    }
  }

  private vpcKeyOf(value: unknown): string {
    const vpc = this.index.resolveOne(value, 'aws_vpc');
    if (vpc) return vpc.address;
    const label = literalString(value) ?? (isExpression(value) ? shortExpression(value) : undefined);
    if (label === undefined) return IMPORTED_NETWORK_KEY;
    const key = `external:${label}`;
    if (!this.vpcs.has(key)) this.vpcs.set(key, { key, name: label, imported: true });
    return key;
  }

  private availabilityZoneOf(subnet: ResourceEntry): AzInfo {
    const names = this.facts.availabilityZoneNames ?? [];
    const byName = (name: string): AzInfo => ({ key: `name:${name}`, name, order: `1:${name}` });
    const literal =
      this.index.literal(subnet.body.availability_zone) ?? this.index.literal(subnet.body.availability_zone_id);
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

  private readSubnets(): void {
    const tiers = this.routeTiers();
    for (const e of this.index.all('aws_subnet')) {
      const az = this.availabilityZoneOf(e);
      const routed = tiers.get(e.address);
      let tier = routed ?? TopologySubnetTier.PRIVATE;
      if (literalBoolean(e.body.map_public_ip_on_launch) === true) tier = TopologySubnetTier.PUBLIC;
      else if (routed === undefined)
        tier = tierFromName(this.nameOf(e), e.name, metadataPath(e)) ?? TopologySubnetTier.PRIVATE;
      const tags = block(e.body.tags);
      this.subnets.set(e.address, {
        key: e.address,
        name: this.index.literal(tags?.Name) ?? e.name,
        ...optional('cidrBlock', this.index.literal(e.body.cidr_block)),
        tier,
        imported: false,
        vpcKey: this.vpcKeyOf(e.body.vpc_id),
        azKey: az.key,
        azName: az.name,
        azOrder: az.order,
        natGateways: [],
        egressNatGatewayKeys: [],
      });
    }
  }

  /** Route targets of each route table: internet gateways and NAT gateways. */
  private routeTargets(): Map<string, { igw: string[]; nat: string[] }> {
    const targets = new Map<string, { igw: string[]; nat: string[] }>();
    const add = (table: string, route: JsonObject): void => {
      const t = targets.get(table) ?? { igw: [], nat: [] };
      const gateway = route.gateway_id;
      const igw =
        this.index.resolveOne(gateway, 'aws_internet_gateway')?.address ??
        (literalString(gateway)?.startsWith('igw-') ? `external:${literalString(gateway)}` : undefined);
      if (igw !== undefined) t.igw.push(igw);
      const nat = this.index.resolveOne(route.nat_gateway_id, 'aws_nat_gateway')?.address;
      if (nat !== undefined) t.nat.push(nat);
      targets.set(table, t);
    };
    for (const table of this.index.all('aws_route_table', 'aws_default_route_table')) {
      for (const route of blocks(table.body.route)) add(table.address, route);
    }
    for (const route of this.index.all('aws_route')) {
      const table = this.index.resolveOne(route.body.route_table_id, 'aws_route_table', 'aws_default_route_table');
      if (table) add(table.address, route.body);
    }
    return targets;
  }

  /** Subnet address → route tables associated with it. */
  private subnetRouteTables(): Map<string, string[]> {
    const tables = new Map<string, string[]>();
    for (const a of this.index.all('aws_route_table_association')) {
      const subnet = this.index.resolveOne(a.body.subnet_id, 'aws_subnet');
      const table = this.index.resolveOne(a.body.route_table_id, 'aws_route_table', 'aws_default_route_table');
      if (subnet && table) tables.set(subnet.address, [...(tables.get(subnet.address) ?? []), table.address]);
    }
    return tables;
  }

  private routeTiers(): Map<string, TopologySubnetTier> {
    const targets = this.routeTargets();
    const tiers = new Map<string, TopologySubnetTier>();
    for (const [subnet, tables] of this.subnetRouteTables()) {
      const toIgw = tables.some((t) => (targets.get(t)?.igw.length ?? 0) > 0);
      tiers.set(subnet, toIgw ? TopologySubnetTier.PUBLIC : TopologySubnetTier.PRIVATE);
    }
    return tiers;
  }

  private readNatGatewaysAndRoutes(): void {
    for (const e of this.index.all('aws_nat_gateway')) {
      const nat: NatGatewayModel = {
        key: e.address,
        name: this.nameOf(e),
        privateConnectivity: this.index.literal(e.body.connectivity_type) === 'private',
      };
      const [subnetKey] = this.subnetKeys(e.body.subnet_id);
      const subnet = subnetKey === undefined ? undefined : this.subnets.get(subnetKey);
      if (subnet) subnet.natGateways.push(nat);
      else this.notes.push(`${e.address} is in a subnet not known at synth time: not drawn`);
    }
    const targets = this.routeTargets();
    for (const [subnetKey, tables] of this.subnetRouteTables()) {
      const subnet = this.subnets.get(subnetKey);
      if (!subnet) continue;
      for (const t of tables) {
        for (const nat of targets.get(t)?.nat ?? []) {
          if (!subnet.egressNatGatewayKeys.includes(nat)) subnet.egressNatGatewayKeys.push(nat);
        }
        for (const igw of targets.get(t)?.igw ?? []) {
          const vpc = this.vpcs.get(subnet.vpcKey);
          if (vpc && !vpc.internetGateway && igw.startsWith('external:')) {
            vpc.internetGateway = { key: igw, name: igw.slice('external:'.length), imported: true };
          }
        }
      }
    }
    const igws = this.index.all('aws_internet_gateway');
    for (const e of igws) {
      const vpcEntry = this.index.resolveOne(e.body.vpc_id, 'aws_vpc');
      const attached = this.index
        .all('aws_internet_gateway_attachment')
        .filter((a) => this.index.resolveOne(a.body.internet_gateway_id, 'aws_internet_gateway') === e)
        .map((a) => this.index.resolveOne(a.body.vpc_id, 'aws_vpc'))[0];
      const vpcs = [...this.vpcs.values()].filter((v) => !v.imported);
      const vpc = vpcEntry ?? attached ?? (vpcs.length === 1 ? this.index.get(vpcs[0]!.key) : undefined);
      const model = vpc ? this.vpcs.get(vpc.address) : undefined;
      if (model) model.internetGateway = { key: e.address, name: this.nameOf(e), imported: false };
      else this.notes.push(`${e.address} is attached to a VPC not known at synth time: not drawn`);
    }
  }

  private vpcModels(): VpcModel[] {
    const subnetsByVpc = new Map<string, MutableSubnet[]>();
    for (const s of this.subnets.values()) subnetsByVpc.set(s.vpcKey, [...(subnetsByVpc.get(s.vpcKey) ?? []), s]);
    if (subnetsByVpc.has(IMPORTED_NETWORK_KEY) && !this.vpcs.has(IMPORTED_NETWORK_KEY)) {
      this.vpcs.set(IMPORTED_NETWORK_KEY, { key: IMPORTED_NETWORK_KEY, name: 'imported network', imported: true });
    }
    const models: VpcModel[] = [];
    for (const vpc of this.vpcs.values()) {
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

  // ---------------------------------------------------------------------------------------------
  // Security groups

  private readSecurityGroups(): void {
    for (const e of this.index.all('aws_security_group')) {
      this.securityGroups.set(e.address, {
        key: e.address,
        name: this.nameOf(e),
        imported: false,
        ingress: [],
        egress: [],
        ...optional('description', this.index.literal(e.body.description)),
      });
    }
  }

  private readSecurityGroupRules(): void {
    const sgName = (value: unknown): string => {
      const [key] = this.securityGroupKeys(value);
      return key === undefined ? '?' : `sg ${this.securityGroups.get(key)?.name ?? key}`;
    };
    const addRule = (sgValue: unknown, direction: 'ingress' | 'egress', rule: string): void => {
      for (const key of this.securityGroupKeys(sgValue)) {
        const sg = this.securityGroups.get(key);
        if (sg && !sg[direction].includes(rule)) sg[direction].push(rule);
      }
    };
    const peers = (r: JsonObject, self: string | undefined): string[] => {
      const list: string[] = [];
      const cidrs = [r.cidr_ipv4, r.cidr_ipv6, ...arrayOf(r.cidr_blocks), ...arrayOf(r.ipv6_cidr_blocks)];
      for (const c of cidrs) {
        const t = this.text(c);
        if (t !== undefined) list.push(t);
      }
      for (const g of [r.referenced_security_group_id, r.source_security_group_id, ...arrayOf(r.security_groups)]) {
        if (g !== undefined && g !== null) list.push(sgName(g));
      }
      for (const p of [r.prefix_list_id, ...arrayOf(r.prefix_list_ids)]) {
        const t = this.text(p);
        if (t !== undefined) list.push(`prefix list ${t}`);
      }
      if (literalBoolean(r.self) === true && self !== undefined) list.push(`sg ${self} (itself)`);
      return list.length > 0 ? list : ['?'];
    };
    const describe = (r: JsonObject, direction: 'ingress' | 'egress', self: string | undefined): string =>
      `${portsOf(r)} ${direction === 'ingress' ? 'from' : 'to'} ${peers(r, self).join(', ')}`;

    for (const e of this.index.all('aws_security_group')) {
      const sg = this.securityGroups.get(e.address);
      if (!sg) continue;
      for (const direction of ['ingress', 'egress'] as const) {
        for (const r of blocks(e.body[direction])) {
          const rule = describe(r, direction, sg.name);
          if (!sg[direction].includes(rule)) sg[direction].push(rule);
        }
      }
    }
    for (const [type, direction] of [
      ['aws_vpc_security_group_ingress_rule', 'ingress'],
      ['aws_vpc_security_group_egress_rule', 'egress'],
    ] as const) {
      for (const e of this.index.all(type))
        addRule(e.body.security_group_id, direction, describe(e.body, direction, undefined));
    }
    for (const e of this.index.all('aws_security_group_rule')) {
      const direction = this.index.literal(e.body.type) === 'egress' ? 'egress' : 'ingress';
      const [key] = this.securityGroupKeys(e.body.security_group_id);
      const self = key === undefined ? undefined : this.securityGroups.get(key)?.name;
      addRule(e.body.security_group_id, direction, describe(e.body, direction, self));
    }
    for (const sg of this.securityGroups.values()) {
      sg.ingress.sort(compareText);
      sg.egress.sort(compareText);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Compute

  private readCapacityProviders(): Map<string, { name: string; asgKey?: string }> {
    const providers = new Map<string, { name: string; asgKey?: string }>();
    for (const e of this.index.all('aws_ecs_capacity_provider')) {
      const asg = this.index.resolveOne(
        block(e.body.auto_scaling_group_provider)?.auto_scaling_group_arn,
        'aws_autoscaling_group',
      );
      providers.set(e.address, { name: this.nameOf(e), ...optional('asgKey', asg?.address) });
    }
    return providers;
  }

  /** Capacity provider names written in `value` (references to providers of this stack, or literal names). */
  private capacityProviderNames(value: unknown, providers: Map<string, { name: string }>): string[] {
    const entry = this.index.resolveOne(value, 'aws_ecs_capacity_provider');
    if (entry) return [providers.get(entry.address)?.name ?? entry.name];
    const text = this.text(value);
    return text === undefined ? [] : [text];
  }

  private instanceTypesOf(asg: ResourceEntry): { types: string[]; securityGroups: string[] } {
    const types: string[] = [];
    const securityGroups: string[] = [];
    const fromTemplate = (spec: JsonObject | undefined): void => {
      if (!spec) return;
      const lt = this.index.resolveOne(
        spec.id ?? spec.launch_template_id ?? spec.name ?? spec.launch_template_name,
        'aws_launch_template',
      );
      if (!lt) return;
      const type = this.text(lt.body.instance_type);
      if (type !== undefined) types.push(type);
      else if (lt.body.instance_requirements !== undefined) types.push('attribute-based');
      securityGroups.push(...this.securityGroupKeys(lt.body.vpc_security_group_ids));
      for (const ni of blocks(lt.body.network_interfaces))
        securityGroups.push(...this.securityGroupKeys(ni.security_groups));
    };
    fromTemplate(block(asg.body.launch_template));
    const mixed = block(asg.body.mixed_instances_policy);
    const mixedTemplate = block(mixed?.launch_template);
    fromTemplate(block(mixedTemplate?.launch_template_specification));
    const overrides = blocks(mixedTemplate?.override)
      .map((o) => this.text(o.instance_type))
      .filter(isDefined);
    if (overrides.length > 0) types.splice(0, types.length, ...overrides);
    const lc = this.index.resolveOne(asg.body.launch_configuration, 'aws_launch_configuration');
    if (lc) {
      const type = this.text(lc.body.instance_type);
      if (type !== undefined) types.push(type);
      securityGroups.push(...this.securityGroupKeys(lc.body.security_groups));
    }
    return { types: unique(types), securityGroups: unique(securityGroups).sort(compareText) };
  }

  private readAutoScalingGroups(
    providers: Map<string, { name: string; asgKey?: string }>,
  ): { model: AutoScalingGroupModel }[] {
    return this.index.all('aws_autoscaling_group').map((e) => {
      const { types, securityGroups } = this.instanceTypesOf(e);
      const perType = types.map((t) => this.facts.tasksPerInstance?.[t]);
      const tasksPerInstance = perType.length > 0 && perType.every(isDefined) ? Math.min(...perType) : undefined;
      const maxSize = literalNumber(e.body.max_size);
      const cps = [...providers.values()]
        .filter((p) => p.asgKey === e.address)
        .map((p) => p.name)
        .sort(compareText);
      return {
        model: {
          key: e.address,
          name: this.nameOf(e),
          instanceTypes: types,
          ...optional('minSize', literalNumber(e.body.min_size)),
          ...optional('maxSize', maxSize),
          ...optional('desiredCapacity', literalNumber(e.body.desired_capacity)),
          ...optional('tasksPerInstance', tasksPerInstance),
          ...optional(
            'maxTasks',
            tasksPerInstance !== undefined && maxSize !== undefined ? tasksPerInstance * maxSize : undefined,
          ),
          subnetKeys: this.subnetKeys(e.body.vpc_zone_identifier),
          securityGroupKeys: securityGroups,
          capacityProviderNames: cps,
        },
      };
    });
  }

  private readClusters(
    providers: Map<string, { name: string }>,
  ): { model: EcsClusterModel; defaultStrategy: string[] }[] {
    return this.index.all('aws_ecs_cluster').map((e) => {
      const attached = this.index
        .all('aws_ecs_cluster_capacity_providers')
        .filter(
          (a) =>
            this.index.resolveOne(a.body.cluster_name, 'aws_ecs_cluster') === e ||
            this.index.literal(a.body.cluster_name) === this.nameOf(e),
        );
      const names = attached.flatMap((a) =>
        arrayOf(a.body.capacity_providers).flatMap((v) => this.capacityProviderNames(v, providers)),
      );
      const defaultStrategy = attached.flatMap((a) =>
        blocks(a.body.default_capacity_provider_strategy).flatMap((s) =>
          this.capacityProviderNames(s.capacity_provider, providers),
        ),
      );
      return {
        model: { key: e.address, name: this.nameOf(e), capacityProviderNames: unique(names).sort(compareText) },
        defaultStrategy,
      };
    });
  }

  private readServices(
    providers: Map<string, { name: string; asgKey?: string }>,
    asgs: { model: AutoScalingGroupModel }[],
    clusters: { model: EcsClusterModel; defaultStrategy: string[] }[],
  ): ServiceModel[] {
    const asgByProvider = new Map<string, string>();
    for (const p of providers.values()) if (p.asgKey) asgByProvider.set(p.name, p.asgKey);
    return this.index.all('aws_ecs_service').map((e) => {
      const clusterEntry = this.index.resolveOne(e.body.cluster, 'aws_ecs_cluster');
      const cluster = clusters.find((c) => c.model.key === clusterEntry?.address);
      const clusterText = this.text(e.body.cluster);
      const clusterName =
        cluster?.model.name ?? (clusterText?.startsWith('arn:') ? clusterText.split('/').pop() : clusterText);
      const td = this.index.resolveOne(e.body.task_definition, 'aws_ecs_task_definition');
      const launchType = this.index.literal(e.body.launch_type);
      let strategy = blocks(e.body.capacity_provider_strategy).flatMap((s) =>
        this.capacityProviderNames(s.capacity_provider, providers),
      );
      if (strategy.length === 0 && launchType === undefined) strategy = cluster?.defaultStrategy ?? [];
      let asgKeys = unique(strategy.map((n) => asgByProvider.get(n)).filter(isDefined));
      const onEc2 = launchType === 'EC2' || (launchType === undefined && strategy.length === 0);
      if (asgKeys.length === 0 && onEc2 && asgs.length === 1) asgKeys = [asgs[0]!.model.key];
      const network = block(e.body.network_configuration);
      const awsvpcSubnets = this.subnetKeys(network?.subnets);
      const subnetKeys =
        awsvpcSubnets.length > 0
          ? awsvpcSubnets
          : unique(asgKeys.flatMap((k) => asgs.find((a) => a.model.key === k)?.model.subnetKeys ?? []));
      const daemon = this.index.literal(e.body.scheduling_strategy) === 'DAEMON';
      const networkMode = td ? (this.text(td.body.network_mode) ?? 'bridge') : undefined;
      return {
        key: e.address,
        name: this.nameOf(e),
        ...optional('clusterName', clusterName),
        ...optional(
          'desiredCount',
          daemon
            ? undefined
            : (literalNumber(e.body.desired_count) ?? (e.body.desired_count === undefined ? 0 : undefined)),
        ),
        daemon,
        ...optional('networkMode', networkMode),
        ...optional('taskFamily', td ? this.text(td.body.family) : undefined),
        ...optional('cpu', td ? this.text(td.body.cpu) : undefined),
        ...optional('memory', td ? this.text(td.body.memory) : undefined),
        containers: td ? containersOf(td.body.container_definitions) : [],
        ...optional('launchType', launchType),
        capacityProviderNames: unique(strategy).sort(compareText),
        autoScalingGroupKeys: asgKeys.sort(compareText),
        subnetKeys,
        securityGroupKeys: this.securityGroupKeys(network?.security_groups).sort(compareText),
        assignPublicIp: literalBoolean(network?.assign_public_ip) === true,
        loadBalancerTargets: blocks(e.body.load_balancer)
          .flatMap((lb) => {
            const [targetGroupKey] = this.targetGroupKeys(lb.target_group_arn);
            if (targetGroupKey === undefined) return [];
            return [
              {
                targetGroupKey,
                ...optional('containerName', this.text(lb.container_name)),
                ...optional('containerPort', literalNumber(lb.container_port)),
              },
            ];
          })
          .sort((a, b) => compareText(a.targetGroupKey, b.targetGroupKey)),
      };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Load balancing

  private readTargetGroups(): void {
    for (const e of this.index.all('aws_lb_target_group', 'aws_alb_target_group')) {
      this.targetGroups.set(e.address, {
        key: e.address,
        name: this.nameOf(e),
        targetType: this.text(e.body.target_type) ?? 'instance',
        ...optional('port', literalNumber(e.body.port)),
        ...optional('protocol', this.text(e.body.protocol)),
      });
    }
  }

  private targetGroupKeys(value: unknown): string[] {
    return this.keysOf(value, ['aws_lb_target_group', 'aws_alb_target_group'], (key, label) => {
      if (!this.targetGroups.has(key)) this.targetGroups.set(key, { key, name: label, targetType: '?' });
    });
  }

  private readLoadBalancers(): LoadBalancerModel[] {
    const listeners = this.index.all('aws_lb_listener', 'aws_alb_listener');
    const rules = this.index.all('aws_lb_listener_rule', 'aws_alb_listener_rule');
    const forwardTargets = (actions: unknown): string[] =>
      blocks(actions).flatMap((a) => [
        ...this.targetGroupKeys(a.target_group_arn),
        ...blocks(block(a.forward)?.target_group).flatMap((t) => this.targetGroupKeys(t.arn)),
      ]);
    return this.index.all('aws_lb', 'aws_alb').map((e) => {
      const subnets =
        e.body.subnets !== undefined ? e.body.subnets : blocks(e.body.subnet_mapping).map((m) => m.subnet_id);
      const internal = literalBoolean(e.body.internal);
      return {
        key: e.address,
        name: this.nameOf(e),
        type: this.text(e.body.load_balancer_type) ?? 'application',
        ...optional('internal', e.body.internal === undefined ? false : internal),
        subnetKeys: this.subnetKeys(subnets),
        securityGroupKeys: this.securityGroupKeys(e.body.security_groups).sort(compareText),
        listeners: listeners
          .filter((l) => this.index.resolveOne(l.body.load_balancer_arn, 'aws_lb', 'aws_alb') === e)
          .map((l) => ({
            key: l.address,
            ...optional('port', literalNumber(l.body.port)),
            ...optional('protocol', this.text(l.body.protocol)),
            targetGroupKeys: unique([
              ...forwardTargets(l.body.default_action),
              ...rules
                .filter((r) => this.index.resolveOne(r.body.listener_arn, 'aws_lb_listener', 'aws_alb_listener') === l)
                .flatMap((r) => forwardTargets(r.body.action)),
            ]).sort(compareText),
          }))
          .sort((a, b) => (a.port ?? 0) - (b.port ?? 0) || compareText(a.key, b.key)),
      };
    });
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers

function byKey<T extends { readonly key: string }>(a: T, b: T): number {
  return compareText(a.key, b.key);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** `{ [name]: value }` when value is defined, else `{}` (keeps optional properties absent, not undefined). */
function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}

function arrayOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
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

/** `80/tcp`, `1024-65535/tcp`, `all traffic`, `icmp`. */
function portsOf(rule: JsonObject): string {
  const raw = literalString(rule.ip_protocol) ?? literalString(rule.protocol) ?? '?';
  const protocol =
    ({ '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' } as Record<string, string>)[raw] ?? raw.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  if (protocol === 'icmp' || protocol === 'icmpv6') return protocol;
  const from = literalNumber(rule.from_port);
  const to = literalNumber(rule.to_port) ?? from;
  if (from === undefined) return `all/${protocol}`;
  if ((from === 0 && to === 65535) || (from === -1 && to === -1)) return `all/${protocol}`;
  return from === to ? `${from}/${protocol}` : `${from}-${to}/${protocol}`;
}

/** `web (nginx:latest)` for each container of a literal `container_definitions` JSON document. */
function containersOf(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(isObject).map((c) => {
    const name = literalString(c.name) ?? '?';
    const image =
      typeof c.image === 'string' ? (isExpression(c.image) ? shortExpression(c.image) : c.image) : undefined;
    const short = image?.split('/').pop();
    return short ? `${name} (${short})` : name;
  });
}
