import fc from 'fast-check';
import { escapeHtml, quoteId, topologyToDot } from '../../modules/diagram/dot';
import { buildTopology } from '../../modules/diagram/topology';
import { synthImported, synthLab } from './fixtures';

const FACTS = { tasksPerInstance: { 'c5.large': 10 }, availabilityZoneNames: ['us-east-1a', 'us-east-1b'] };

/** For each node id, the clusters it is drawn in (outermost first), read from the DOT text. */
function placement(dot: string): Map<string, string[]> {
  const stack: string[] = [];
  const nodes = new Map<string, string[]>();
  for (const raw of dot.split('\n')) {
    const line = raw.trim();
    const open = /^subgraph "cluster_([^"]*)" \{$/.exec(line);
    if (open) stack.push(open[1]!);
    else if (line === '}' && stack.length > 0) stack.pop();
    else {
      const node = /^"((?:[^"\\]|\\.)*)" \[/.exec(line);
      if (node && !nodes.has(node[1]!)) nodes.set(node[1]!, [...stack]);
    }
  }
  return nodes;
}

/** The same JSON with every object's keys in a shuffled order. */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
}

describe('topologyToDot', () => {
  const lab = synthLab().json;
  const dot = topologyToDot(buildTopology(lab, FACTS));
  const where = placement(dot);

  test('draws the VPC box with one box per AZ, the public subnet above the private subnet', () => {
    expect(dot).toContain('subgraph "cluster_vpc|aws_vpc.vpc" {');
    const azs = [...dot.matchAll(/subgraph "cluster_(az\|[^"]*)"/g)].map((m) => m[1]);
    expect(azs).toEqual(['az|name:us-east-1a', 'az|name:us-east-1b']);
    expect(dot.indexOf('cluster_subnet|aws_subnet.public-0')).toBeLessThan(
      dot.indexOf('cluster_subnet|aws_subnet.private-0'),
    );
    expect(dot).toMatch(/label=<<font color="#3B5A0A"><b>Public subnet · 10\.0\.0\.0\/24<\/b><\/font>>/);
    expect(dot).toContain('Private subnet · 10.0.192.0/18');
  });

  test('puts NAT gateways in the public subnets and tasks on the instances in the private subnets', () => {
    expect(where.get('aws_nat_gateway.nat-1')).toEqual([
      'vpc|aws_vpc.vpc',
      'az|name:us-east-1b',
      'subnet|aws_subnet.public-1',
    ]);
    expect(where.get('aws_ecs_service.web|aws_subnet.private-0')).toEqual([
      'vpc|aws_vpc.vpc',
      'az|name:us-east-1a',
      'subnet|aws_subnet.private-0',
      'asg|aws_autoscaling_group.asg|aws_subnet.private-0',
    ]);
    expect(dot).toContain('EC2 c5.large');
    expect(dot).toContain('10 tasks per instance · up to 40 in all');
    expect(dot).toContain('2 tasks across 2 AZs · awsvpc');
  });

  test('draws the load balancer once in the VPC and marks its nodes in the public subnets', () => {
    expect(where.get('aws_lb.alb')).toEqual(['vpc|aws_vpc.vpc']);
    expect(where.get('aws_lb.alb|aws_subnet.public-0')).toEqual([
      'vpc|aws_vpc.vpc',
      'az|name:us-east-1a',
      'subnet|aws_subnet.public-0',
    ]);
    expect(dot).toContain('ALB lab · internet-facing');
    expect(dot).toContain('HTTP:80 → lab-web (ip:80)');
  });

  test('draws requests from the load balancer to each copy of the service, with the container port', () => {
    expect(dot).toMatch(/"aws_lb\.alb" -> "aws_ecs_service\.web\|aws_subnet\.private-0" \[[^\]]*label="web:80"/);
    expect(dot).toMatch(/"aws_lb\.alb" -> "aws_ecs_service\.web\|aws_subnet\.private-1" \[[^\]]*label="web:80"/);
    expect(dot).toMatch(/"internet" -> "aws_internet_gateway\.igw"/);
    expect(dot).toMatch(/"aws_internet_gateway\.igw" -> "aws_lb\.alb"/);
  });

  test('draws egress from each private subnet to its NAT gateway and on to the internet gateway', () => {
    expect(dot).toMatch(
      /"aws_nat_gateway\.nat-0" -> "aws_ecs_service\.web\|aws_subnet\.private-0" \[[^\]]*dir="back"[^\]]*lhead="cluster_subnet\|aws_subnet\.private-0"/,
    );
    expect(dot).toMatch(/"aws_internet_gateway\.igw" -> "aws_nat_gateway\.nat-1" \[[^\]]*style="dashed"/);
  });

  test('names security groups on what they protect and lists their rules', () => {
    expect(dot).toContain('sg lab-tasks');
    expect(dot).toContain('sg lab-instances');
    expect(dot).toContain('80/tcp from sg lab-alb');
    expect(dot).toContain('Security groups');
  });

  test('is deterministic, whatever the order of keys in the JSON', () => {
    expect(topologyToDot(buildTopology(lab, FACTS))).toBe(dot);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let state = seed >>> 0;
        const random = (): number => {
          state = (state * 1664525 + 1013904223) >>> 0;
          return state / 2 ** 32;
        };
        expect(topologyToDot(buildTopology(shuffleKeys(lab, random), FACTS))).toBe(dot);
      }),
      { numRuns: 25 },
    );
  });

  test('escapes names in labels and identifiers', () => {
    const json = {
      resource: {
        aws_vpc: { v1: { cidr_block: '10.0.0.0/16', tags: { Name: 'a "b" <c> & d' } } },
        aws_subnet: { s: { vpc_id: '${aws_vpc.v1.id}', cidr_block: '10.0.0.0/24', tags: { Name: 'x' } } },
      },
    };
    const out = topologyToDot(buildTopology(json));
    expect(out).toContain('VPC a &quot;b&quot; &lt;c&gt; &amp; d · 10.0.0.0/16');
    expect(escapeHtml('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&#39;');
    expect(quoteId('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  test('draws an imported network and a service whose capacity is elsewhere', () => {
    const out = topologyToDot(buildTopology(synthImported().json));
    expect(out).toContain('Imported network');
    expect(out).toContain('Subnets · var.private_subnet_ids');
    expect(out).toContain('cluster platform · capacity platform-cp');
    expect(out).toContain('defined outside this stack');
    expect(out).not.toContain('"internet"');
  });

  test('draws a stack with only account settings as their table', () => {
    const out = topologyToDot(
      buildTopology({
        resource: { aws_ecs_account_setting_default: { t: { name: 'awsvpcTrunking', value: 'enabled' } } },
      }),
    );
    expect(out).not.toContain('cluster_vpc');
    expect(out).toContain('ECS account settings');
    expect(out).toContain('awsvpcTrunking');
  });

  test('says so when there is nothing to draw', () => {
    expect(topologyToDot(buildTopology({}))).toContain('Nothing to draw');
  });
});
