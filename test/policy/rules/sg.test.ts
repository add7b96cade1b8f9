import { TerraformStack } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { sgNoWorldEgress, sgNoWorldIngress } from '../../../modules/policy';
import { findingsOf, messages } from '../support';

/** A security group used by an internet-facing ALB that listens on `ports`. */
function loadBalancer(stack: TerraformStack, ports: number[]): SecurityGroup {
  const sg = new SecurityGroup(stack, 'lb-sg', { name: 'lb', vpcId: 'vpc-1' });
  const lb = new Lb(stack, 'lb', {
    securityGroups: [sg.id],
    subnets: ['subnet-1', 'subnet-2'],
    dropInvalidHeaderFields: true,
  });
  for (const port of ports) {
    new LbListener(stack, `listener-${port}`, {
      loadBalancerArn: lb.arn,
      port,
      protocol: 'HTTP',
      defaultAction: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404' } }],
    });
  }
  return sg;
}

function worldIngress(stack: TerraformStack, id: string, groupId: string, port: number, cidr = '0.0.0.0/0'): void {
  new VpcSecurityGroupIngressRule(stack, id, {
    securityGroupId: groupId,
    ...(cidr.includes(':') ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
  });
}

describe('AWSVPC-SG-001 no ingress from the world except on load balancer listener ports', () => {
  test("accepts world ingress on a load balancer's listener ports, over IPv4 and IPv6", () => {
    expect(
      findingsOf(sgNoWorldIngress, (s) => {
        const sg = loadBalancer(s, [80, 443]);
        worldIngress(s, 'https', sg.id, 443);
        worldIngress(s, 'https6', sg.id, 443, '::/0');
        new SecurityGroupRule(s, 'http', {
          type: 'ingress',
          securityGroupId: sg.id,
          protocol: 'tcp',
          fromPort: 80,
          toPort: 80,
          cidrBlocks: ['0.0.0.0/0'],
        });
        new SecurityGroup(s, 'app', {
          vpcId: 'vpc-1',
          ingress: [{ fromPort: 8080, toPort: 8080, protocol: 'tcp', cidrBlocks: ['10.0.0.0/16'] }],
        });
      }),
    ).toEqual([]);
  });

  test('fails world ingress to a group no load balancer uses, inline or as a rule resource', () => {
    expect(
      messages(
        findingsOf(sgNoWorldIngress, (s) => {
          const sg = new SecurityGroup(s, 'instances', {
            vpcId: 'vpc-1',
            ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
          });
          worldIngress(s, 'rdp', sg.id, 3389, '::/0');
          new SecurityGroupRule(s, 'external', {
            type: 'ingress',
            securityGroupId: 'sg-0123456789abcdef0',
            protocol: '-1',
            fromPort: 0,
            toPort: 0,
            cidrBlocks: ['0.0.0.0/0'],
          });
        }),
      ),
    ).toEqual([
      'aws_security_group.instances: ingress[0] allows ingress from 0.0.0.0/0 on tcp 22',
      'aws_vpc_security_group_ingress_rule.rdp: allows ingress from ::/0 on tcp 3389',
      'aws_security_group_rule.external: allows ingress from 0.0.0.0/0 on all traffic',
    ]);
  });

  test("fails world ingress to a load balancer's group on a port that is not a listener port", () => {
    expect(
      messages(
        findingsOf(sgNoWorldIngress, (s) => {
          const sg = loadBalancer(s, [443]);
          worldIngress(s, 'admin', sg.id, 8443);
        }),
      ),
    ).toEqual([
      'aws_vpc_security_group_ingress_rule.admin: allows ingress from 0.0.0.0/0 on tcp 8443, which is not a listener port of the load balancer that uses the group',
    ]);
  });
});

describe('AWSVPC-SG-002 no egress to the world without a reason', () => {
  test('accepts egress to the VPC and to other security groups', () => {
    expect(
      findingsOf(sgNoWorldEgress, (s) => {
        const sg = new SecurityGroup(s, 'tasks', {
          vpcId: 'vpc-1',
          egress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['10.0.0.0/16'] }],
        });
        new VpcSecurityGroupEgressRule(s, 'to-db', {
          securityGroupId: sg.id,
          referencedSecurityGroupId: 'sg-0123456789abcdef0',
          ipProtocol: 'tcp',
          fromPort: 5432,
          toPort: 5432,
        });
      }),
    ).toEqual([]);
  });

  test('fails egress to 0.0.0.0/0 or ::/0, naming the traffic', () => {
    expect(
      messages(
        findingsOf(sgNoWorldEgress, (s) => {
          const sg = new SecurityGroup(s, 'tasks', {
            vpcId: 'vpc-1',
            egress: [{ fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0'], ipv6CidrBlocks: ['::/0'] }],
          });
          new VpcSecurityGroupEgressRule(s, 'https', {
            securityGroupId: sg.id,
            cidrIpv4: '0.0.0.0/0',
            ipProtocol: 'tcp',
            fromPort: 443,
            toPort: 443,
          });
        }),
      ),
    ).toEqual([
      'aws_security_group.tasks: egress[0] allows egress to 0.0.0.0/0, ::/0 on all traffic',
      'aws_vpc_security_group_egress_rule.https: allows egress to 0.0.0.0/0 on tcp 443',
    ]);
  });
});
