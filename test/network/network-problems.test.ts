import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Network, NetworkProps, VpcEndpointService } from '../../modules/network';
import { newTestStack } from '../support/synth';

describe('Network rejects bad input at synth time, and creates nothing', () => {
  function fails(props: NetworkProps, code: string, ...parts: string[]): void {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-bad-')) });
    const stack = new TerraformStack(app, 'bad');
    expect(() => new Network(stack, 'network', props)).toThrowProblem(code, ...parts);
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
