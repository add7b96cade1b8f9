import { NatGatewayMode, NetworkProps, VpcEndpointService, VpcEndpointSets } from '../../modules/network';
import { resourcesOfType } from '../support/synth';
import { byId, ref, synth, values } from './network-support';

describe('Network options: AZs, NAT gateways, addresses, flow logs and names', () => {
  test('uses the AZ names given, in order, and no data source', () => {
    const { json, network } = synth({ availabilityZones: ['eu-west-1b', 'eu-west-1c', 'eu-west-1a'] });
    expect(
      ['public-0', 'public-1', 'public-2', 'private-2'].map((id) => byId(json, 'aws_subnet', id).availability_zone),
    ).toEqual(['eu-west-1b', 'eu-west-1c', 'eu-west-1a', 'eu-west-1a']);
    expect(json.data?.aws_availability_zones).toBeUndefined();
    expect(values(json, 'aws_vpc')[0]!.lifecycle).toBeUndefined();
    expect(byId(json, 'aws_subnet', 'private-2')).toHaveProperty('tags.Name', 'awsvpc-private-eu-west-1a');
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
    expect(values(json, 'aws_vpc')[0]!.cidr_block).toBe('172.16.0.0/20');
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
    expect(values(synth({ flowLogRetentionDays: 90 }).json, 'aws_cloudwatch_log_group')[0]!.retention_in_days).toBe(90);
  });

  test('uses namePrefix and tags for names', () => {
    const { json } = synth({ namePrefix: 'payments', tags: { Team: 'payments', Name: 'ignored' } });
    expect(values(json, 'aws_vpc')[0]!.tags).toEqual({ Team: 'payments', Name: 'payments-vpc' });
    expect(values(json, 'aws_cloudwatch_log_group')[0]!.name).toBe('/aws/vpc/payments/flow-logs');
    expect(values(json, 'aws_iam_role')[0]!.name_prefix).toBe('payments-flowlogs-');
    for (const type of ['aws_subnet', 'aws_nat_gateway', 'aws_route_table', 'aws_internet_gateway']) {
      for (const r of values(json, type)) expect(r).toHaveProperty('tags.Team', 'payments');
    }
  });
});

describe('Network options: VPC endpoints and stable ids', () => {
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
    const sg = values(json, 'aws_security_group')[0]!;
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
    expect(values(json, 'aws_vpc_endpoint')[0]!.service_name).toBe('com.amazonaws.eu-central-1.s3');
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
});
