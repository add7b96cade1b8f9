import { INetwork, NatGatewayMode } from '../../modules/network';
import { resourcesOfType, stringArg } from '../support/synth';
import { byId, ref, synth, values } from './network-support';

// One synthesis for every default.
const { json, network } = synth();

describe('Network by default: VPC, subnets and routes', () => {
  test('defines a 10.0.0.0/16 VPC with DNS support and DNS hostnames on', () => {
    expect(values(json, 'aws_vpc')).toEqual([
      expect.objectContaining({
        cidr_block: '10.0.0.0/16',
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: expect.objectContaining({ Name: 'awsvpc-vpc' }),
      }),
    ]);
    expect(values(json, 'aws_internet_gateway')).toEqual([
      expect.objectContaining({ vpc_id: ref(json, 'aws_vpc', 'vpc') }),
    ]);
  });

  test('defines the seed lab subnets, one per AZ per tier, in the first two AZs of the data source', () => {
    const subnets = resourcesOfType(json, 'aws_subnet');
    const cidr = (id: string) => byId(json, 'aws_subnet', id).cidr_block;
    expect(Object.keys(subnets)).toHaveLength(4);
    expect([cidr('public-0'), cidr('public-1'), cidr('private-0'), cidr('private-1')]).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.100.0/24',
      '10.0.101.0/24',
    ]);
    const azs = Object.keys(json.data!.aws_availability_zones!)[0];
    expect(byId(json, 'aws_subnet', 'private-1').availability_zone).toBe(
      `\${element(data.aws_availability_zones.${azs}.names, 1)}`,
    );
    expect(json.data!.aws_availability_zones![azs!]).toMatchObject({
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
  });

  test('checks at plan time that the region has enough AZs', () => {
    const vpc = values(json, 'aws_vpc')[0]!;
    expect(vpc).toHaveProperty('lifecycle.precondition', [
      expect.objectContaining({
        condition: expect.stringMatching(/^\$\{\(length\(data\.aws_availability_zones\.[^)]+\.names\) >= 2\)\}$/),
        error_message: expect.stringContaining('needs 2 availability zones'),
      }),
    ]);
  });

  test('maps no public IPs in any subnet; private subnets have no resource-name A records and ip-name hostnames', () => {
    for (const s of values(json, 'aws_subnet')) expect(s.map_public_ip_on_launch).toBe(false);
    for (const id of ['private-0', 'private-1']) {
      expect(byId(json, 'aws_subnet', id)).toMatchObject({
        enable_resource_name_dns_a_record_on_launch: false,
        private_dns_hostname_type_on_launch: 'ip-name',
        tags: { Name: `awsvpc-private-az${id.endsWith('0') ? 1 : 2}`, Tier: 'private' },
      });
    }
  });

  test('routes the public subnets to the internet gateway', () => {
    expect(byId(json, 'aws_route', 'public-default-route')).toEqual(
      expect.objectContaining({
        route_table_id: ref(json, 'aws_route_table', 'public-rt'),
        destination_cidr_block: '0.0.0.0/0',
        gateway_id: ref(json, 'aws_internet_gateway', 'igw'),
      }),
    );
    for (const i of [0, 1]) {
      expect(byId(json, 'aws_route_table_association', `public-rta-${i}`)).toEqual(
        expect.objectContaining({
          subnet_id: ref(json, 'aws_subnet', `public-${i}`),
          route_table_id: ref(json, 'aws_route_table', 'public-rt'),
        }),
      );
    }
  });

  test('defines a NAT gateway per AZ and routes each private subnet to the one in its own AZ', () => {
    expect(network.natGateways).toHaveLength(2);
    for (const i of [0, 1]) {
      expect(byId(json, 'aws_nat_gateway', `nat-${i}`)).toEqual(
        expect.objectContaining({
          subnet_id: ref(json, 'aws_subnet', `public-${i}`),
          allocation_id: ref(json, 'aws_eip', `nat-eip-${i}`, 'allocation_id'),
          connectivity_type: 'public',
        }),
      );
      expect(byId(json, 'aws_eip', `nat-eip-${i}`)).toMatchObject({ domain: 'vpc' });
      expect(byId(json, 'aws_route', `private-default-route-${i}`)).toEqual(
        expect.objectContaining({
          route_table_id: ref(json, 'aws_route_table', `private-rt-${i}`),
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: ref(json, 'aws_nat_gateway', `nat-${i}`),
        }),
      );
      expect(byId(json, 'aws_route_table_association', `private-rta-${i}`)).toEqual(
        expect.objectContaining({
          subnet_id: ref(json, 'aws_subnet', `private-${i}`),
          route_table_id: ref(json, 'aws_route_table', `private-rt-${i}`),
        }),
      );
    }
  });
});

describe('Network by default: default security group, flow logs, endpoints and INetwork', () => {
  test('takes over the default security group with no rules', () => {
    expect(values(json, 'aws_default_security_group')).toEqual([
      expect.objectContaining({
        vpc_id: ref(json, 'aws_vpc', 'vpc'),
        ingress: [],
        egress: [],
      }),
    ]);
  });

  test('sends flow logs to a log group kept 365 days, through a role scoped to that group', () => {
    expect(values(json, 'aws_cloudwatch_log_group')).toEqual([
      expect.objectContaining({
        name: '/aws/vpc/awsvpc/flow-logs',
        retention_in_days: 365,
      }),
    ]);
    const groupArn = ref(json, 'aws_cloudwatch_log_group', 'flow-log-group', 'arn');
    expect(values(json, 'aws_flow_log')).toEqual([
      expect.objectContaining({
        vpc_id: ref(json, 'aws_vpc', 'vpc'),
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: groupArn,
        iam_role_arn: ref(json, 'aws_iam_role', 'flow-log-role', 'arn'),
      }),
    ]);
    const role = values(json, 'aws_iam_role')[0]!;
    expect(role.name_prefix).toBe('awsvpc-flowlogs-');
    // Literal IAM JSON (with Terraform interpolations inside strings), so policy checks can read it.
    const trust = JSON.parse(stringArg(role, 'assume_role_policy'));
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    ]);
    expect(trust.Statement[0].Condition.StringEquals['aws:SourceAccount']).toMatch(
      /^\$\{data\.aws_caller_identity\.[^.]+\.account_id\}$/,
    );
    expect(trust.Statement[0].Condition.ArnLike['aws:SourceArn']).toMatch(
      /^arn:\$\{data\.aws_partition\.[^}]+\}:ec2:\$\{data\.aws_region\.[^}]+\}:\$\{data\.aws_caller_identity\.[^}]+\}:vpc-flow-log\/\*$/,
    );
    const policy = values(json, 'aws_iam_role_policy')[0]!;
    expect(policy.role).toBe(ref(json, 'aws_iam_role', 'flow-log-role'));
    const statements = JSON.parse(stringArg(policy, 'policy')).Statement;
    expect(statements).toEqual([
      expect.objectContaining({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: [groupArn, `${groupArn}:*`],
      }),
    ]);
    expect(policy.policy).not.toMatch(/"logs:\*"|"\*"/);
  });

  test('defines no VPC endpoints', () => {
    expect(values(json, 'aws_vpc_endpoint')).toEqual([]);
    expect(values(json, 'aws_security_group')).toEqual([]);
    expect(network.endpointServices).toEqual([]);
  });

  test('implements INetwork with subnet refs in AZ order', () => {
    const net: INetwork = network;
    expect(net.vpcCidrBlock).toBe('10.0.0.0/16');
    expect(net.natGatewayMode).toBe(NatGatewayMode.PER_AZ);
    expect(net.availabilityZones).toHaveLength(2);
    expect(net.privateSubnets.map((s) => s.cidrBlock)).toEqual(['10.0.100.0/24', '10.0.101.0/24']);
    expect(net.publicSubnets.map((s) => s.cidrBlock)).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(net.privateSubnets[0]!.availabilityZone).toBe(net.availabilityZones[0]);
    expect(network.privateRouteTables).toHaveLength(2);
    expect(network.flowLogGroup).toBeDefined();
  });
});
