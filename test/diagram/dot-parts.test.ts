import { DrawnNodes, edgeLines, SubnetPlace, tierAlignmentLines } from '../../modules/diagram/dot-edges';
import { legendTables } from '../../modules/diagram/dot-legend';
import { attrs, htmlLabel, loadBalancerKind, plural } from '../../modules/diagram/dot-syntax';
import {
  ServiceModel,
  SubnetModel,
  Topology,
  TopologySubnetTier,
  VpcModel,
} from '../../modules/diagram/topology-model';

const EMPTY: Topology = {
  title: 'stack',
  vpcs: [],
  autoScalingGroups: [],
  services: [],
  loadBalancers: [],
  targetGroups: [],
  securityGroups: [],
  clusters: [],
  accountSettings: [],
  notes: [],
};

const subnet = (key: string, tier: TopologySubnetTier, more: Partial<SubnetModel> = {}): SubnetModel => ({
  key,
  name: key,
  tier,
  imported: false,
  natGateways: [],
  egressNatGatewayKeys: [],
  ...more,
});

/** One VPC, one AZ: a public subnet with a NAT gateway above a private subnet whose egress leaves by it. */
const PUBLIC = subnet('pub', TopologySubnetTier.PUBLIC, {
  natGateways: [{ key: 'nat', name: 'nat', privateConnectivity: false }],
});
const PRIVATE = subnet('priv', TopologySubnetTier.PRIVATE, { egressNatGatewayKeys: ['nat'] });
const VPC: VpcModel = {
  key: 'vpc',
  name: 'lab',
  imported: false,
  internetGateway: { key: 'igw', name: 'igw', imported: false },
  availabilityZones: [{ key: 'a', name: 'us-east-1a', subnets: [PUBLIC, PRIVATE] }],
};
const SERVICE: ServiceModel = {
  key: 'svc',
  name: 'web',
  daemon: false,
  containers: [],
  capacityProviderNames: [],
  autoScalingGroupKeys: [],
  subnetKeys: ['priv'],
  securityGroupKeys: [],
  assignPublicIp: false,
  loadBalancerTargets: [{ targetGroupKey: 'tg', containerName: 'web', containerPort: 80 }],
};
const TOPOLOGY: Topology = {
  ...EMPTY,
  vpcs: [VPC],
  services: [SERVICE],
  loadBalancers: [
    {
      key: 'alb',
      name: 'web',
      type: 'application',
      internal: false,
      subnetKeys: ['pub'],
      securityGroupKeys: [],
      listeners: [{ key: 'l', port: 80, protocol: 'HTTP', targetGroupKeys: ['tg'] }],
    },
  ],
};
const place = (s: SubnetModel): SubnetPlace => ({ vpc: VPC, az: VPC.availabilityZones[0]!, subnet: s });
const DRAWN: DrawnNodes = {
  subnets: new Map([
    ['pub', place(PUBLIC)],
    ['priv', place(PRIVATE)],
  ]),
  serviceNodes: new Map([['svc', ['svc|priv']]]),
  subnetAnchor: new Map([
    ['pub', 'nat'],
    ['priv', 'svc|priv'],
  ]),
  subnetNodes: new Map([
    ['pub', ['nat', 'alb|pub']],
    ['priv', ['svc|priv']],
  ]),
  drawOrder: ['svc|priv'],
  loadBalancerMarkers: new Map([['alb', ['alb|pub']]]),
};

describe('DOT syntax', () => {
  test('writes attribute lists, quoting plain values and leaving HTML-like labels as they are', () => {
    expect(attrs({ shape: 'box', width: 2, skipped: undefined })).toBe(' [shape="box", width="2"]');
    expect(attrs({ label: htmlLabel([{ text: 'a < b', bold: true }]) })).toBe(' [label=<<b>a &lt; b</b>>]');
    expect(attrs({})).toBe('');
  });

  test('names load balancer kinds and counts in words', () => {
    expect(loadBalancerKind({ ...TOPOLOGY.loadBalancers[0]!, type: 'network' })).toBe('NLB');
    expect(loadBalancerKind(TOPOLOGY.loadBalancers[0]!)).toBe('ALB');
    expect([plural(1, 'task'), plural(3, 'task')]).toEqual(['1 task', '3 tasks']);
  });
});

describe('tierAlignmentLines', () => {
  test('keeps the public subnet above the private one and the load balancer above its nodes', () => {
    const lines = tierAlignmentLines(TOPOLOGY, DRAWN);
    expect(lines).toContain('"nat" -> "svc|priv" [style="invis"]');
    expect(lines).toContain('"alb|pub" -> "svc|priv" [style="invis"]');
    expect(lines).toContain('"alb" -> "alb|pub" [style="invis"]');
  });
});

describe('edgeLines', () => {
  test('draws requests from the internet through the load balancer to each copy of the service', () => {
    const lines = edgeLines(TOPOLOGY, DRAWN, true);
    expect(lines.filter((l) => l.includes('color="#6B3FD4"')).map((l) => l.split(' [')[0])).toEqual([
      '"internet" -> "igw"',
      '"igw" -> "alb"',
      '"alb" -> "svc|priv"',
    ]);
    expect(lines.find((l) => l.startsWith('"alb" -> "svc|priv"'))).toContain('label="web:80"');
  });

  test('draws egress back from the private subnet to its NAT gateway and on to the internet gateway', () => {
    const lines = edgeLines(TOPOLOGY, DRAWN, true);
    expect(lines).toContain(
      '"nat" -> "svc|priv" [style="dashed", color="#687078", dir="back", constraint="false", lhead="cluster_subnet|priv"]',
    );
    expect(lines).toContain('"igw" -> "nat" [style="dashed", color="#687078", dir="back"]');
  });

  test('draws no egress to a NAT gateway that is not in the picture', () => {
    const elsewhere = { ...DRAWN, subnets: new Map([['priv', place(PRIVATE)]]) };
    expect(edgeLines(TOPOLOGY, elsewhere, false).some((l) => l.startsWith('"nat" -> '))).toBe(false);
  });
});

describe('legendTables', () => {
  test('says there is nothing to draw for an empty stack', () => {
    const tables = legendTables(EMPTY);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toContain('Nothing to draw');
  });

  test('lists security groups with their inbound rules and what they are attached to, and explains the lines', () => {
    const tables = legendTables({
      ...TOPOLOGY,
      services: [{ ...SERVICE, securityGroupKeys: ['sg'] }],
      securityGroups: [{ key: 'sg', name: 'tasks', imported: false, ingress: ['80/tcp from sg alb'], egress: [] }],
    });
    expect(tables).toHaveLength(2);
    expect(tables[0]).toContain('Security groups');
    expect(tables[0]).toContain('80/tcp from sg alb');
    expect(tables[0]).toContain('tasks of web');
    expect(tables[1]).toContain('Lines');
  });

  test('draws no tables for a picture that needs no explanation', () => {
    expect(legendTables({ ...EMPTY, vpcs: [{ ...VPC, availabilityZones: [] }] })).toEqual([]);
  });
});
