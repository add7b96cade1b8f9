import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { vpcDefaultSecurityGroupClosed, vpcFlowLogs, vpcSubnetNoPublicIp } from '../../../modules/policy';
import { findingsOf, messages } from '../support';

describe('AWSVPC-VPC-001 subnets do not map public IPs', () => {
  test('accepts subnets without map_public_ip_on_launch', () => {
    expect(
      findingsOf(vpcSubnetNoPublicIp, (s) => {
        const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
        new Subnet(s, 'public', { vpcId: vpc.id, cidrBlock: '10.0.0.0/24' });
        new Subnet(s, 'private', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24', mapPublicIpOnLaunch: false });
      }),
    ).toEqual([]);
  });

  test('fails a subnet that maps public IPs on launch', () => {
    expect(
      messages(
        findingsOf(vpcSubnetNoPublicIp, (s) => {
          const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
          new Subnet(s, 'public', { vpcId: vpc.id, cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: true });
        }),
      ),
    ).toEqual(['aws_subnet.public: map_public_ip_on_launch is true']);
  });
});

describe('AWSVPC-VPC-002 VPC flow logs', () => {
  test('accepts a VPC with a flow log', () => {
    expect(
      findingsOf(vpcFlowLogs, (s) => {
        const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
        const logs = new CloudwatchLogGroup(s, 'logs', { retentionInDays: 30 });
        new FlowLog(s, 'flow-log', {
          vpcId: vpc.id,
          trafficType: 'ALL',
          logDestination: logs.arn,
          iamRoleArn: 'arn:aws:iam::123456789012:role/flow-logs',
        });
      }),
    ).toEqual([]);
  });

  test('fails a VPC without one (a flow log on a subnet does not count)', () => {
    expect(
      messages(
        findingsOf(vpcFlowLogs, (s) => {
          const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
          const subnet = new Subnet(s, 'subnet', { vpcId: vpc.id, cidrBlock: '10.0.0.0/24' });
          new FlowLog(s, 'subnet-log', {
            subnetId: subnet.id,
            trafficType: 'ALL',
            logDestination: 'arn:aws:s3:::logs',
            logDestinationType: 's3',
          });
        }),
      ),
    ).toEqual(['aws_vpc.vpc: has no aws_flow_log (no aws_flow_log in the stack has vpc_id referring to it)']);
  });
});

describe('AWSVPC-VPC-003 default security group without rules', () => {
  test('accepts a VPC whose default security group is adopted with no rules', () => {
    expect(
      findingsOf(vpcDefaultSecurityGroupClosed, (s) => {
        const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
        new DefaultSecurityGroup(s, 'default-sg', { vpcId: vpc.id });
      }),
    ).toEqual([]);
  });

  test('fails a VPC without aws_default_security_group', () => {
    expect(
      messages(
        findingsOf(vpcDefaultSecurityGroupClosed, (s) => {
          new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
        }),
      ),
    ).toEqual([
      'aws_vpc.vpc: has no aws_default_security_group, so its default security group keeps the rules AWS gives it (all traffic between members, all egress)',
    ]);
  });

  test('fails rules on the default security group, inline or attached', () => {
    expect(
      messages(
        findingsOf(vpcDefaultSecurityGroupClosed, (s) => {
          const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
          const sg = new DefaultSecurityGroup(s, 'default-sg', {
            vpcId: vpc.id,
            egress: [{ fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0'] }],
          });
          new SecurityGroupRule(s, 'extra', {
            type: 'ingress',
            securityGroupId: sg.id,
            fromPort: 22,
            toPort: 22,
            protocol: 'tcp',
            cidrBlocks: ['10.0.0.0/8'],
          });
          new VpcSecurityGroupIngressRule(s, 'via-vpc', {
            securityGroupId: vpc.defaultSecurityGroupId,
            cidrIpv4: '10.0.0.0/8',
            ipProtocol: 'tcp',
            fromPort: 443,
            toPort: 443,
          });
        }),
      ),
    ).toEqual([
      'aws_vpc.vpc: its default security group aws_default_security_group.default-sg declares egress rules',
      'aws_vpc.vpc: aws_security_group_rule.extra adds a rule to its default security group aws_default_security_group.default-sg',
      'aws_vpc.vpc: aws_vpc_security_group_ingress_rule.via-vpc adds a rule to its default security group',
    ]);
  });
});
