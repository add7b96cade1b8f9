import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import {
  INetwork,
  Network,
  NatGatewayMode,
  NetworkProps,
  VpcEndpointService,
  VpcEndpointSets,
} from '../../modules/network';
import { newTestStack, resourcesOfType, synthToDir, TerraformJson } from '../support/synth';
import { expectProblem } from './expect-problem';

function synth(props?: NetworkProps): { json: TerraformJson; network: Network } {
  const { app, stack } = newTestStack();
  const network = new Network(stack, 'network', props);
  return { json: synthToDir(app).json, network };
}

const values = (json: TerraformJson, type: string): any[] => Object.values(resourcesOfType(json, type));
const ref = (json: TerraformJson, type: string, idPart: string, attr = 'id'): string => {
  const name = Object.keys(resourcesOfType(json, type)).find((n) => n.includes(`_${idPart}_`));
  if (!name) throw new Error(`no ${type} with id ${idPart}`);
  return `\${${type}.${name}.${attr}}`;
};
const byId = (json: TerraformJson, type: string, idPart: string): any => {
  const entry = Object.entries(resourcesOfType(json, type)).find(([n]) => n.includes(`_${idPart}_`));
  if (!entry) throw new Error(`no ${type} with id ${idPart}`);
  return entry[1];
};

describe('Network', () => {
  describe('by default', () => {
    const { json, network } = synth();

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
      const vpc = values(json, 'aws_vpc')[0];
      expect(vpc.lifecycle.precondition).toEqual([
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
      const role = values(json, 'aws_iam_role')[0];
      expect(role.name_prefix).toBe('awsvpc-flowlogs-');
      // Literal IAM JSON (with Terraform interpolations inside strings), so policy checks can read it.
      const trust = JSON.parse(role.assume_role_policy);
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
      const policy = values(json, 'aws_iam_role_policy')[0];
      expect(policy.role).toBe(ref(json, 'aws_iam_role', 'flow-log-role'));
      const statements = JSON.parse(policy.policy).Statement;
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

  test('uses the AZ names given, in order, and no data source', () => {
    const { json, network } = synth({ availabilityZones: ['eu-west-1b', 'eu-west-1c', 'eu-west-1a'] });
    expect(
      ['public-0', 'public-1', 'public-2', 'private-2'].map((id) => byId(json, 'aws_subnet', id).availability_zone),
    ).toEqual(['eu-west-1b', 'eu-west-1c', 'eu-west-1a', 'eu-west-1a']);
    expect(json.data?.aws_availability_zones).toBeUndefined();
    expect(values(json, 'aws_vpc')[0].lifecycle).toBeUndefined();
    expect(byId(json, 'aws_subnet', 'private-2').tags.Name).toBe('awsvpc-private-eu-west-1a');
    expect(network.availabilityZones).toEqual(['eu-west-1b', 'eu-west-1c', 'eu-west-1a']);
  });

  test('uses availabilityZoneCount zones of the data source', () => {
    const { json } = synth({ availabilityZoneCount: 3 });
    expect(values(json, 'aws_subnet')).toHaveLength(6);
    expect(values(json, 'aws_nat_gateway')).toHaveLength(3);
  });

  test('defines one NAT gateway in the first AZ with SINGLE and routes every private subnet to it', () => {
    const { json, network } = synth({ natGatewayMode: NatGatewayMode.SINGLE, availabilityZoneCount: 3 });
    expect(values(json, 'aws_nat_gateway')).toEqual([
      expect.objectContaining({ subnet_id: ref(json, 'aws_subnet', 'public-0') }),
    ]);
    expect(values(json, 'aws_eip')).toHaveLength(1);
    for (const i of [0, 1, 2]) {
      expect(byId(json, 'aws_route', `private-default-route-${i}`).nat_gateway_id).toBe(
        ref(json, 'aws_nat_gateway', 'nat-0'),
      );
    }
    expect(network.natGatewayMode).toBe(NatGatewayMode.SINGLE);
  });

  test('defines no NAT gateway and no private default route with NONE', () => {
    const { json, network } = synth({ natGatewayMode: NatGatewayMode.NONE });
    expect(values(json, 'aws_nat_gateway')).toEqual([]);
    expect(values(json, 'aws_eip')).toEqual([]);
    expect(values(json, 'aws_route')).toEqual([
      expect.objectContaining({ gateway_id: ref(json, 'aws_internet_gateway', 'igw') }),
    ]);
    expect(values(json, 'aws_route_table')).toHaveLength(3);
    expect(network.natGatewayMode).toBe(NatGatewayMode.NONE);
  });

  test('places fewer NAT gateways than AZs with natGatewayCount and routes the rest round-robin', () => {
    const { json } = synth({ availabilityZoneCount: 3, natGatewayCount: 2 });
    expect(values(json, 'aws_nat_gateway')).toHaveLength(2);
    expect(byId(json, 'aws_route', 'private-default-route-2').nat_gateway_id).toBe(
      ref(json, 'aws_nat_gateway', 'nat-0'),
    );
  });

  test('plans a custom VPC block and subnet sizes', () => {
    const { json, network } = synth({
      vpcCidr: '172.16.0.0/20',
      publicSubnetPrefixLength: 27,
      privateSubnetPrefixLength: 22,
    });
    expect(values(json, 'aws_vpc')[0].cidr_block).toBe('172.16.0.0/20');
    expect(network.privateSubnets.map((s) => s.cidrBlock)).toEqual(['172.16.8.0/22', '172.16.12.0/22']);
    expect(network.publicSubnets.map((s) => s.cidrBlock)).toEqual(['172.16.0.0/27', '172.16.0.32/27']);
    expect(network.plan.addresses.privateSubnets.map((s) => s.usableAddressCount)).toEqual([1019, 1019]);
  });

  test('uses explicit subnet blocks', () => {
    const { network } = synth({
      publicSubnetCidrs: ['10.0.0.0/26', '10.0.0.64/26'],
      privateSubnetCidrs: ['10.0.64.0/18', '10.0.128.0/18'],
    });
    expect(network.privateSubnets.map((s) => s.cidrBlock)).toEqual(['10.0.64.0/18', '10.0.128.0/18']);
  });

  test('can turn flow logs off, and sets their retention', () => {
    const off = synth({ flowLogs: false }).json;
    for (const type of ['aws_flow_log', 'aws_cloudwatch_log_group', 'aws_iam_role', 'aws_iam_role_policy'])
      expect(values(off, type)).toEqual([]);
    expect(off.data?.aws_caller_identity).toBeUndefined();
    expect(values(synth({ flowLogRetentionDays: 90 }).json, 'aws_cloudwatch_log_group')[0].retention_in_days).toBe(90);
  });

  test('uses namePrefix and tags for names', () => {
    const { json } = synth({ namePrefix: 'payments', tags: { Team: 'payments', Name: 'ignored' } });
    expect(values(json, 'aws_vpc')[0].tags).toEqual({ Team: 'payments', Name: 'payments-vpc' });
    expect(values(json, 'aws_cloudwatch_log_group')[0].name).toBe('/aws/vpc/payments/flow-logs');
    expect(values(json, 'aws_iam_role')[0].name_prefix).toBe('payments-flowlogs-');
    for (const type of ['aws_subnet', 'aws_nat_gateway', 'aws_route_table', 'aws_internet_gateway']) {
      for (const r of values(json, type)) expect(r.tags.Team).toBe('payments');
    }
  });

  test('defines every ECS endpoint: interface endpoints in the private subnets with private DNS, S3 on the private route tables', () => {
    const { json, network } = synth({ endpointServices: [...VpcEndpointSets.ALL_ECS] });
    const region = Object.keys(json.data!.aws_region!)[0];
    const endpoints = resourcesOfType(json, 'aws_vpc_endpoint');
    expect(Object.keys(endpoints)).toHaveLength(10);
    const privateSubnets = [ref(json, 'aws_subnet', 'private-0'), ref(json, 'aws_subnet', 'private-1')];
    const sg = ref(json, 'aws_security_group', 'endpoint-sg');
    for (const service of [
      'ecr.api',
      'ecr.dkr',
      'logs',
      'ecs',
      'ecs-agent',
      'ecs-telemetry',
      'ssm',
      'ssmmessages',
      'ec2messages',
    ]) {
      expect(byId(json, 'aws_vpc_endpoint', `endpoint-${service.replace('.', '-')}`)).toEqual(
        expect.objectContaining({
          service_name: `com.amazonaws.\${data.aws_region.${region}.name}.${service}`,
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: true,
          subnet_ids: privateSubnets,
          security_group_ids: [sg],
        }),
      );
    }
    expect(byId(json, 'aws_vpc_endpoint', 'endpoint-s3')).toEqual(
      expect.objectContaining({
        vpc_endpoint_type: 'Gateway',
        route_table_ids: [ref(json, 'aws_route_table', 'private-rt-0'), ref(json, 'aws_route_table', 'private-rt-1')],
      }),
    );
    expect(byId(json, 'aws_vpc_endpoint', 'endpoint-s3').subnet_ids).toBeUndefined();
    expect(network.endpointServices).toEqual(VpcEndpointSets.ALL_ECS);
  });

  test('admits only HTTPS from the VPC to interface endpoints', () => {
    const { json } = synth({ endpointServices: [VpcEndpointService.ECR_API] });
    const sg = values(json, 'aws_security_group')[0];
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(values(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({
        security_group_id: ref(json, 'aws_security_group', 'endpoint-sg'),
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '10.0.0.0/16',
      }),
    ]);
    expect(values(json, 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });

  test('defines only the S3 gateway endpoint, and no security group, for S3 alone; takes the region from a prop', () => {
    const { json } = synth({ endpointServices: [VpcEndpointService.S3], region: 'eu-central-1', flowLogs: false });
    expect(values(json, 'aws_security_group')).toEqual([]);
    expect(values(json, 'aws_vpc_endpoint')[0].service_name).toBe('com.amazonaws.eu-central-1.s3');
    expect(json.data?.aws_region).toBeUndefined();
  });

  test('keeps construct ids (Terraform addresses) stable when AZs and NAT mode change', () => {
    const names = (props: NetworkProps) => {
      const { json } = synth(props);
      return Object.values(json.resource ?? {}).flatMap((rs) => Object.keys(rs));
    };
    const two = names({});
    const three = names({ availabilityZoneCount: 3 });
    const single = names({ natGatewayMode: NatGatewayMode.SINGLE });
    expect(three).toEqual(expect.arrayContaining(two));
    expect(two).toEqual(expect.arrayContaining(single));
  });

  describe('rejects bad input at synth time, and creates nothing', () => {
    function fails(props: NetworkProps, code: string, ...parts: string[]): void {
      const app = new App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'awsvpc-bad-')) });
      const stack = new TerraformStack(app, 'bad');
      expectProblem(() => new Network(stack, 'network', props), code, ...parts);
      expect(stack.node.tryFindChild('network')?.node.children ?? []).toEqual([]);
    }

    test('fails when the VPC CIDR is not a valid IPv4 block', () => {
      fails(
        { vpcCidr: '10.0.0.0/40' },
        'NETWORK_VPC_CIDR_INVALID',
        'Network.vpcCidr',
        'received "10.0.0.0/40"',
        'an IPv4 network block',
      );
    });

    test('fails when the VPC CIDR is outside /16../28', () => {
      fails(
        { vpcCidr: '10.0.0.0/12' },
        'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
        'Network.vpcCidr',
        'received "10.0.0.0/12"',
        'from /16',
      );
    });

    test('fails when subnets overlap', () => {
      fails(
        { publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'], privateSubnetCidrs: ['10.0.0.0/23', '10.0.101.0/24'] },
        'NETWORK_SUBNETS_OVERLAP',
        'Network.privateSubnetCidrs[0]',
        '"10.0.0.0/23", which overlaps "10.0.0.0/24" (Network.publicSubnetCidrs[0])',
      );
    });

    test('fails when a subnet is outside the VPC', () => {
      fails(
        { publicSubnetCidrs: ['10.0.0.0/24', '192.168.0.0/24'] },
        'NETWORK_SUBNET_OUTSIDE_VPC',
        'Network.publicSubnetCidrs[1]',
        'received "192.168.0.0/24"',
        'inside the VPC 10.0.0.0/16',
      );
    });

    test('fails when a subnet is smaller than /28', () => {
      fails(
        { publicSubnetPrefixLength: 30 },
        'NETWORK_SUBNET_TOO_SMALL',
        'Network.publicSubnetPrefixLength',
        'received 30',
        '/28',
      );
    });

    test('fails when there are more NAT gateways than AZs', () => {
      fails(
        { availabilityZones: ['us-east-1a'], natGatewayCount: 2 },
        'NETWORK_NAT_GATEWAYS_EXCEED_AZS',
        'Network.natGatewayCount',
        'received 2 NAT gateways for 1 availability zone(s)',
      );
    });

    test('fails when there are fewer than 1 AZ', () => {
      fails(
        { availabilityZoneCount: 0 },
        'NETWORK_AZ_COUNT_INVALID',
        'Network.availabilityZoneCount',
        'received 0',
        'at least 1',
      );
    });

    test('fails when AZ names repeat', () => {
      fails(
        { availabilityZones: ['us-east-1a', 'us-east-1a'] },
        'NETWORK_AZ_DUPLICATE',
        'Network.availabilityZones[1]',
        'received "us-east-1a", already at Network.availabilityZones[0]',
      );
    });

    test('fails when the plan does not fit the VPC', () => {
      fails(
        { vpcCidr: '10.0.0.0/24', availabilityZoneCount: 3 },
        'NETWORK_PLAN_DOES_NOT_FIT',
        'Network.vpcCidr',
        '"10.0.0.0/24" (256 addresses) for 3 AZ(s)',
        '(1536 addresses)',
        'use a larger vpcCidr',
      );
    });

    test('fails when the flow log retention is not a CloudWatch Logs value', () => {
      fails(
        { flowLogRetentionDays: 100 },
        'NETWORK_FLOW_LOG_RETENTION_INVALID',
        'Network.flowLogRetentionDays',
        'received 100',
        '90, 120',
      );
    });

    test('fails when the name prefix is not a short name', () => {
      fails(
        { namePrefix: 'my vpc' },
        'NETWORK_NAME_PREFIX_INVALID',
        'Network.namePrefix',
        'received "my vpc"',
        'letters, digits and hyphens',
      );
      fails({ namePrefix: 'a'.repeat(25) }, 'NETWORK_NAME_PREFIX_INVALID', '1 to 24 characters');
    });

    test('fails when an endpoint service is unknown or repeated', () => {
      fails(
        { endpointServices: ['sqs' as VpcEndpointService] },
        'NETWORK_ENDPOINT_SERVICE_UNKNOWN',
        'Network.endpointServices[0]',
        'received "sqs"',
        'ecr.api',
      );
      fails(
        { endpointServices: [VpcEndpointService.S3, VpcEndpointService.S3] },
        'NETWORK_ENDPOINT_SERVICE_DUPLICATE',
        'Network.endpointServices[1]',
        'already at Network.endpointServices[0]',
      );
    });

    test('reports the problems of construct props and of the plan together', () => {
      const { stack } = newTestStack();
      let codes: string[] = [];
      try {
        new Network(stack, 'network', { namePrefix: '', vpcCidr: '10.0.0.0/8', flowLogRetentionDays: 2 });
      } catch (e) {
        codes = (e as { problems: { code: string }[] }).problems.map((p) => p.code);
      }
      expect(codes).toEqual([
        'NETWORK_NAME_PREFIX_INVALID',
        'NETWORK_FLOW_LOG_RETENTION_INVALID',
        'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
      ]);
    });
  });
});
