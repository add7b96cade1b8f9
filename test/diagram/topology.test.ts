import fc from 'fast-check';
import { topologyToDot } from '../../modules/diagram/dot';
import { buildTopology, TopologySubnetTier, Topology } from '../../modules/diagram/topology';
import { synthImported, synthLab } from './fixtures';
import { thrownValidationError } from '../support/problem-matcher';

const FACTS = {
  tasksPerInstance: { 'c5.large': 10 },
  availabilityZoneNames: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};

function subnetsOf(
  t: Topology,
): { az: string; tier: TopologySubnetTier; cidr?: string; nats: string[]; egress: readonly string[] }[] {
  return t.vpcs.flatMap((v) =>
    v.availabilityZones.flatMap((az) =>
      az.subnets.map((s) => ({
        az: az.name,
        tier: s.tier,
        ...(s.cidrBlock ? { cidr: s.cidrBlock } : {}),
        nats: s.natGateways.map((n) => n.key),
        egress: s.egressNatGatewayKeys,
      })),
    ),
  );
}

describe("buildTopology of the seeds' lab (two AZs, NAT per AZ, ALB, awsvpc service, ASG)", () => {
  const lab = synthLab().json;
  const t = buildTopology(lab, FACTS);

  test('has the VPC with its CIDR and internet gateway', () => {
    expect(t.vpcs).toHaveLength(1);
    expect(t.vpcs[0]).toMatchObject({ key: 'aws_vpc.vpc', name: 'lab', cidrBlock: '10.0.0.0/16', imported: false });
    expect(t.vpcs[0]!.internetGateway?.key).toBe('aws_internet_gateway.igw');
  });

  test('has one AZ per subnet pair, public above private, with their CIDRs and NAT gateways', () => {
    expect(subnetsOf(t)).toEqual([
      {
        az: 'us-east-1a',
        tier: TopologySubnetTier.PUBLIC,
        cidr: '10.0.0.0/24',
        nats: ['aws_nat_gateway.nat-0'],
        egress: [],
      },
      {
        az: 'us-east-1a',
        tier: TopologySubnetTier.PRIVATE,
        cidr: '10.0.128.0/18',
        nats: [],
        egress: ['aws_nat_gateway.nat-0'],
      },
      {
        az: 'us-east-1b',
        tier: TopologySubnetTier.PUBLIC,
        cidr: '10.0.1.0/24',
        nats: ['aws_nat_gateway.nat-1'],
        egress: [],
      },
      {
        az: 'us-east-1b',
        tier: TopologySubnetTier.PRIVATE,
        cidr: '10.0.192.0/18',
        nats: [],
        egress: ['aws_nat_gateway.nat-1'],
      },
    ]);
  });

  test('has the Auto Scaling group with its instance type, sizes and tasks per instance', () => {
    expect(t.autoScalingGroups).toEqual([
      {
        key: 'aws_autoscaling_group.asg',
        name: 'lab-ecs',
        instanceTypes: ['c5.large'],
        minSize: 1,
        maxSize: 4,
        desiredCapacity: 2,
        tasksPerInstance: 10,
        maxTasks: 40,
        subnetKeys: ['aws_subnet.private-0', 'aws_subnet.private-1'],
        securityGroupKeys: ['aws_security_group.instance-sg'],
        capacityProviderNames: ['lab-cp'],
      },
    ]);
  });

  test('has the service with its task count, network mode, subnets, security groups and target', () => {
    expect(t.services).toEqual([
      expect.objectContaining({
        name: 'web',
        clusterName: 'lab',
        desiredCount: 2,
        daemon: false,
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containers: ['web (nginx:latest)'],
        capacityProviderNames: ['lab-cp'],
        autoScalingGroupKeys: ['aws_autoscaling_group.asg'],
        subnetKeys: ['aws_subnet.private-0', 'aws_subnet.private-1'],
        securityGroupKeys: ['aws_security_group.task-sg'],
        assignPublicIp: false,
        loadBalancerTargets: [{ targetGroupKey: 'aws_lb_target_group.tg', containerName: 'web', containerPort: 80 }],
      }),
    ]);
  });

  test('has the load balancer with its scheme, subnets and listeners', () => {
    expect(t.loadBalancers).toEqual([
      {
        key: 'aws_lb.alb',
        name: 'lab',
        type: 'application',
        internal: false,
        subnetKeys: ['aws_subnet.public-0', 'aws_subnet.public-1'],
        securityGroupKeys: ['aws_security_group.alb-sg'],
        listeners: [
          { key: 'aws_lb_listener.http', port: 80, protocol: 'HTTP', targetGroupKeys: ['aws_lb_target_group.tg'] },
        ],
      },
    ]);
    expect(t.targetGroups).toEqual([
      { key: 'aws_lb_target_group.tg', name: 'lab-web', port: 80, protocol: 'HTTP', targetType: 'ip' },
    ]);
  });

  test('summarizes security group rules by peer name', () => {
    expect(t.securityGroups.map((s) => [s.name, s.ingress, s.egress])).toEqual([
      ['lab-alb', ['80/tcp from 0.0.0.0/0'], []],
      ['lab-instances', [], []],
      ['lab-tasks', ['80/tcp from sg lab-alb'], ['all traffic to 0.0.0.0/0']],
    ]);
  });

  test('has the cluster, the account settings and a title from the metadata', () => {
    expect(t.clusters).toEqual([{ key: 'aws_ecs_cluster.cluster', name: 'lab', capacityProviderNames: ['lab-cp'] }]);
    expect(t.accountSettings).toEqual([{ name: 'awsvpcTrunking', value: 'enabled' }]);
    expect(t.title).toBe('stack lab · us-east-1');
    expect(t.notes).toEqual([]);
  });
});

describe('buildTopology of other networks', () => {
  test('labels AZs "AZ 1", "AZ 2" when their names are only known at apply time', () => {
    const t = buildTopology(synthLab().json);
    expect(t.vpcs[0]!.availabilityZones.map((a) => a.name)).toEqual(['AZ 1', 'AZ 2']);
    expect(t.autoScalingGroups[0]).not.toHaveProperty('tasksPerInstance');
  });

  test('routes every private subnet to the single NAT gateway', () => {
    const t = buildTopology(synthLab({ azCount: 3, natPerAz: false }).json, FACTS);
    const subnets = subnetsOf(t);
    expect(subnets.filter((s) => s.nats.length > 0).map((s) => s.az)).toEqual(['us-east-1a']);
    expect(subnets.filter((s) => s.tier === TopologySubnetTier.PRIVATE).map((s) => s.egress)).toEqual([
      ['aws_nat_gateway.nat-0'],
      ['aws_nat_gateway.nat-0'],
      ['aws_nat_gateway.nat-0'],
    ]);
  });

  test('draws a network imported through variables and plain ids as an imported network', () => {
    const t = buildTopology(synthImported().json);
    expect(t.vpcs).toEqual([expect.objectContaining({ key: 'external:network', imported: true })]);
    expect(subnetsOf(t)).toEqual([
      { az: 'AZ not known at synth time', tier: TopologySubnetTier.UNKNOWN, nats: [], egress: [] },
    ]);
    expect(t.services[0]).toMatchObject({
      name: 'api',
      clusterName: 'platform',
      desiredCount: 3,
      networkMode: 'awsvpc',
      subnetKeys: ['external:var.private_subnet_ids'],
      securityGroupKeys: ['external:sg-0123456789abcdef0'],
      capacityProviderNames: ['platform-cp'],
      autoScalingGroupKeys: [],
    });
    expect(t.securityGroups).toEqual([expect.objectContaining({ name: 'sg-0123456789abcdef0', imported: true })]);
  });

  test('reads a stack with only account settings', () => {
    const t = buildTopology({
      resource: { aws_ecs_account_setting_default: { t: { name: 'awsvpcTrunking', value: 'enabled' } } },
    });
    expect(t).toMatchObject({
      vpcs: [],
      services: [],
      autoScalingGroups: [],
      accountSettings: [{ name: 'awsvpcTrunking', value: 'enabled' }],
    });
    expect(t.title).toBe('stack');
  });
});

describe('buildTopology of older resource shapes', () => {
  test('reads the older resource shapes: inline rules and routes, count, security group rules, launch configurations', () => {
    const t = buildTopology(
      {
        resource: {
          aws_vpc: { main: { cidr_block: '192.168.0.0/16' } },
          aws_internet_gateway: { gw: {} },
          aws_subnet: {
            pub: {
              count: 2,
              vpc_id: '${aws_vpc.main.id}',
              cidr_block: '${cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)}',
              availability_zone: '${data.aws_availability_zones.all.names[count.index]}',
              map_public_ip_on_launch: true,
            },
            app: {
              count: 2,
              vpc_id: '${aws_vpc.main.id}',
              cidr_block: '${cidrsubnet("192.168.0.0/16", 4, count.index + 1)}',
              availability_zone: '${data.aws_availability_zones.all.names[count.index]}',
            },
          },
          aws_route_table: {
            rt: {
              vpc_id: '${aws_vpc.main.id}',
              route: [{ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.gw.id}' }],
            },
          },
          aws_route_table_association: {
            a: { count: 2, subnet_id: '${aws_subnet.pub[count.index].id}', route_table_id: '${aws_route_table.rt.id}' },
          },
          aws_security_group: {
            web: {
              name_prefix: 'web-',
              ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] }],
              egress: [{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] }],
            },
          },
          aws_security_group_rule: {
            self: {
              type: 'ingress',
              from_port: 0,
              to_port: 65535,
              protocol: 'tcp',
              self: true,
              security_group_id: '${aws_security_group.web.id}',
            },
          },
          aws_launch_configuration: {
            lc: { instance_type: 'm5.xlarge', security_groups: ['${aws_security_group.web.id}'] },
          },
          aws_autoscaling_group: {
            asg: {
              min_size: 0,
              max_size: '${var.max}',
              launch_configuration: '${aws_launch_configuration.lc.name}',
              vpc_zone_identifier: '${aws_subnet.app.*.id}',
            },
          },
          aws_ecs_service: {
            daemon: { name: 'agent', scheduling_strategy: 'DAEMON', launch_type: 'EC2', cluster: 'default' },
          },
        },
      },
      { tasksPerInstance: { 'm5.xlarge': 14 } },
    );
    // count.index became 0 and 1: names[0] and names[1], cidrsubnet(..., 0 + 1) and (..., 1 + 1).
    expect(subnetsOf(t).map((s) => [s.az, s.tier, s.cidr])).toEqual([
      ['AZ 1', TopologySubnetTier.PUBLIC, '192.168.0.0/24'],
      ['AZ 1', TopologySubnetTier.PRIVATE, '192.168.16.0/20'],
      ['AZ 2', TopologySubnetTier.PUBLIC, '192.168.1.0/24'],
      ['AZ 2', TopologySubnetTier.PRIVATE, '192.168.32.0/20'],
    ]);
    expect(t.vpcs[0]!.internetGateway?.key).toBe('aws_internet_gateway.gw');
    expect(t.securityGroups[0]).toMatchObject({
      name: 'web-*',
      ingress: ['443/tcp from 10.0.0.0/8', 'all/tcp from sg web-* (itself)'],
      egress: ['all traffic to 0.0.0.0/0'],
    });
    expect(t.autoScalingGroups[0]).toMatchObject({
      instanceTypes: ['m5.xlarge'],
      minSize: 0,
      tasksPerInstance: 14,
      subnetKeys: ['aws_subnet.app[0]', 'aws_subnet.app[1]'],
      securityGroupKeys: ['aws_security_group.web'],
    });
    expect(t.autoScalingGroups[0]).not.toHaveProperty('maxSize');
    expect(t.autoScalingGroups[0]).not.toHaveProperty('maxTasks');
    expect(t.services[0]).toMatchObject({
      name: 'agent',
      daemon: true,
      launchType: 'EC2',
      clusterName: 'default',
      autoScalingGroupKeys: ['aws_autoscaling_group.asg'],
      subnetKeys: ['aws_subnet.app[0]', 'aws_subnet.app[1]'],
    });
    expect(t.services[0]).not.toHaveProperty('desiredCount');
  });

  test('notes resources drawn once because they use for_each', () => {
    const t = buildTopology({
      resource: { aws_subnet: { s: { for_each: '${var.m}', vpc_id: 'vpc-1', cidr_block: '${each.value}' } } },
    });
    expect(t.notes).toEqual(['aws_subnet.s uses for_each or a computed count: drawn once']);
    expect(t.vpcs[0]).toMatchObject({ key: 'external:vpc-1', name: 'vpc-1', imported: true });
  });
});

describe('buildTopology of any document, and of bad facts', () => {
  test('never fails on documents of any shape (and neither does drawing them)', () => {
    const types = [
      'aws_vpc',
      'aws_subnet',
      'aws_nat_gateway',
      'aws_route',
      'aws_route_table',
      'aws_route_table_association',
      'aws_autoscaling_group',
      'aws_launch_template',
      'aws_ecs_service',
      'aws_ecs_task_definition',
      'aws_lb',
      'aws_lb_listener',
      'aws_security_group',
      'aws_vpc_security_group_ingress_rule',
      'aws_ecs_capacity_provider',
      'aws_ecs_cluster',
    ];
    const reference = fc
      .constantFrom(...types)
      .chain((type) => fc.constantFrom('a', 'b').map((name) => `\${${type}.${name}.id}`));
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), reference, fc.array(reference, { maxLength: 3 }));
    const body = fc.dictionary(
      fc.constantFrom(
        'vpc_id',
        'subnet_id',
        'subnets',
        'cidr_block',
        'availability_zone',
        'count',
        'vpc_zone_identifier',
        'launch_template',
        'network_configuration',
        'load_balancer',
        'security_group_id',
        'name',
        'desired_count',
        'default_action',
        'load_balancer_arn',
        'route_table_id',
        'nat_gateway_id',
        'gateway_id',
        'ingress',
      ),
      value,
    );
    const document = fc.record({
      resource: fc.dictionary(fc.constantFrom(...types), fc.dictionary(fc.constantFrom('a', 'b'), body)),
    });
    fc.assert(
      fc.property(fc.oneof(document, fc.jsonValue()), (doc) => {
        expect(() => topologyToDot(buildTopology(doc))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  test('fails when a tasks-per-instance fact is not a whole number', () => {
    const v = thrownValidationError(() => buildTopology({}, { tasksPerInstance: { 'c5.large': -1, 'm5.large': 2.5 } }));
    expect(v.code).toBe('DIAGRAM_TASKS_PER_INSTANCE_INVALID');
    expect(v.problems).toHaveLength(2);
    expect(v.message).toContain('TopologyFacts.tasksPerInstance["c5.large"]: received -1');
    expect(v.message).toContain('a whole number of tasks, 0 or more');
    expect(v.message).toContain('TopologyFacts.tasksPerInstance["m5.large"]: received 2.5');
  });

  test('fails when an AZ name fact is empty', () => {
    expect(() => buildTopology({}, { availabilityZoneNames: ['us-east-1a', ' '] })).toThrow(
      expect.objectContaining({
        code: 'DIAGRAM_AZ_NAME_INVALID',
        message: expect.stringContaining('TopologyFacts.availabilityZoneNames[1]: received " "'),
      }),
    );
  });
});
