import { Construct } from 'constructs';
import {
  ContainerSecurityGroup,
  defaultTaskEgress,
  Peer,
  Port,
  type ContainerSecurityGroupProps,
} from '../../modules/security';
import { network } from './fixtures';
import { newTestStack, resourcesOfType, synthJson } from '../support/synth';

/** A ContainerSecurityGroup in the fixture network, named `name`; `props` add the rest. */
function group(scope: Construct, id: string, name: string, props: Partial<ContainerSecurityGroupProps> = {}) {
  return new ContainerSecurityGroup(scope, id, { network: network(), name, ...props });
}

function synth(build: (stack: Construct) => void) {
  const { app, stack } = newTestStack();
  build(stack);
  return synthJson(app);
}

describe('ContainerSecurityGroup', () => {
  test('defines a group in the VPC with only HTTPS egress by default', () => {
    const json = synth((s) => group(s, 'tasks', 'web-tasks'));
    const groups = Object.values(resourcesOfType(json, 'aws_security_group'));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      name_prefix: 'web-tasks-',
      vpc_id: 'vpc-0123456789abcdef0',
      tags: { Name: 'web-tasks' },
      lifecycle: { create_before_destroy: true },
    });
    expect(groups[0]!.ingress).toBeUndefined();
    expect(groups[0]!.egress).toBeUndefined();
    expect(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).toEqual({});
    const egress = Object.values(resourcesOfType(json, 'aws_vpc_security_group_egress_rule'));
    expect(egress).toEqual([
      expect.objectContaining({
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '0.0.0.0/0',
        description: expect.stringContaining('HTTPS'),
      }),
    ]);
  });

  test('gives rules stable addresses from their ids', () => {
    const json = synth((s) => group(s, 'tasks', 'web-tasks'));
    expect(Object.keys(resourcesOfType(json, 'aws_vpc_security_group_egress_rule'))[0]).toMatch(
      /^tasks_https-out_[0-9A-F]{8}$/,
    );
  });

  test('admits container ports from named sources', () => {
    const json = synth((s) => {
      const g = group(s, 'tasks', 'web-tasks', {
        containerPorts: [Port.tcp(80)],
        ingress: [{ id: 'from-vpc', peer: Peer.vpc(network()), port: Port.tcp(80) }],
      });
      g.addIngressRule({
        id: 'from-lb',
        peer: Peer.securityGroupId('sg-0123456789abcdef0', 'the ALB'),
        port: Port.tcp(80),
      });
    });
    const rules = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'));
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cidr_ipv4: '10.0.0.0/16',
          from_port: 80,
          to_port: 80,
          description: '80/tcp from the VPC',
        }),
        expect.objectContaining({
          referenced_security_group_id: 'sg-0123456789abcdef0',
          description: '80/tcp from the ALB',
        }),
      ]),
    );
  });

  test('takes custom egress, and none at all', () => {
    const json = synth((s) => {
      group(s, 'a', 'a', { egress: [] });
      group(s, 'b', 'b', {
        egress: [...defaultTaskEgress(), { id: 'postgres', peer: Peer.vpc(network()), port: Port.tcp(5432) }],
      });
    });
    const egress = Object.values(resourcesOfType(json, 'aws_vpc_security_group_egress_rule'));
    expect(egress).toHaveLength(2);
    expect(egress.map((r) => r.to_port).sort()).toEqual([443, 5432]);
  });

  test('lets services declare their ports on a shared group and keeps their rules in their own scope', () => {
    const json = synth((s) => {
      const shared = group(s, 'shared', 'shared');
      for (const [svc, port] of [
        ['api', 8080],
        ['web', 80],
      ] as const) {
        const scope = new Construct(s, svc);
        shared.addContainerPort(Port.tcp(port));
        shared.addContainerPort(Port.tcp(port)); // idempotent
        shared.addIngressRule({ id: 'from-vpc', peer: Peer.vpc(network()), port: Port.tcp(port) }, scope);
      }
      expect(shared.containerPorts.map((p) => p.label)).toEqual(['8080/tcp', '80/tcp']);
    });
    expect(Object.keys(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).sort()).toEqual([
      expect.stringMatching(/^api_from-vpc_/),
      expect.stringMatching(/^web_from-vpc_/),
    ]);
  });
});

describe('ContainerSecurityGroup refuses bad rules and props', () => {
  test('fails when a rule admits the whole internet without saying so', () => {
    const { stack } = newTestStack();
    expect(() =>
      group(stack, 'tasks', 'web-tasks', {
        containerPorts: [Port.tcp(80)],
        ingress: [{ id: 'open', peer: Peer.ipv4('0.0.0.0/0'), port: Port.tcp(80) }],
      }),
    ).toThrowProblem(
      'SECURITY_INGRESS_OPEN_TO_WORLD',
      'ContainerSecurityGroup.ingress[0].peer',
      '"0.0.0.0/0"',
      'Peer.anyIpv4OpenToTheWorld()',
    );
    const g = group(stack, 'g', 'g', { containerPorts: [Port.tcp(80)] });
    expect(() => g.addIngressRule({ id: 'open6', peer: Peer.anyIpv6(), port: Port.tcp(80) })).toThrowProblem(
      'SECURITY_INGRESS_OPEN_TO_WORLD',
      'addIngressRule(rule).peer',
      '"::/0"',
    );
  });

  test('opens a port to the world only through the named opt-in', () => {
    const json = synth((s) =>
      group(s, 'tasks', 'edge', {
        containerPorts: [Port.tcp(443)],
        ingress: [{ id: 'world', peer: Peer.anyIpv4OpenToTheWorld(), port: Port.tcp(443) }],
      }),
    );
    expect(Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'))[0]).toMatchObject({
      cidr_ipv4: '0.0.0.0/0',
    });
  });

  test('fails when a rule opens a port that is not a container port', () => {
    const { stack } = newTestStack();
    expect(() =>
      group(stack, 'tasks', 'web-tasks', {
        containerPorts: [Port.tcp(80)],
        ingress: [{ id: 'ssh', peer: Peer.vpc(network()), port: Port.tcp(22) }],
      }),
    ).toThrowProblem('SECURITY_INGRESS_PORT_NOT_ALLOWED', 'ingress[0].port', '22/tcp', 'container ports: 80/tcp');
    const g = group(stack, 'g', 'g');
    expect(() => g.addIngressRule({ id: 'x', peer: Peer.vpc(network()), port: Port.tcp(80) })).toThrowProblem(
      'SECURITY_INGRESS_PORT_NOT_ALLOWED',
      '(none declared)',
    );
  });

  test('fails when all traffic is declared as a container port', () => {
    const { stack } = newTestStack();
    expect(() => group(stack, 'tasks', 'x', { containerPorts: [Port.allTraffic()] })).toThrowProblem(
      'SECURITY_CONTAINER_PORT_INVALID',
      'containerPorts[0]',
      'all traffic',
    );
    const g = group(stack, 'g', 'g');
    expect(() => g.addContainerPort(Port.allTraffic())).toThrowProblem(
      'SECURITY_CONTAINER_PORT_INVALID',
      'addContainerPort',
    );
  });

  test('fails when rule ids repeat', () => {
    const { stack } = newTestStack();
    expect(() =>
      group(stack, 'tasks', 'x', {
        containerPorts: [Port.tcp(80)],
        ingress: [{ id: 'same', peer: Peer.vpc(network()), port: Port.tcp(80) }],
        egress: [{ id: 'same', peer: Peer.anyIpv4(), port: Port.tcp(443) }],
      }),
    ).toThrowProblem('SECURITY_RULE_ID_DUPLICATE', 'egress[0].id', '"same"');
    const g = group(stack, 'g', 'g', { containerPorts: [Port.tcp(80)] });
    g.addIngressRule({ id: 'r', peer: Peer.vpc(network()), port: Port.tcp(80) });
    expect(() => g.addIngressRule({ id: 'r', peer: Peer.ipv4('10.9.0.0/16'), port: Port.tcp(80) })).toThrowProblem(
      'SECURITY_RULE_ID_DUPLICATE',
      '"r"',
      'not yet used',
    );
  });

  test('fails when the name or description holds characters EC2 refuses', () => {
    const { stack } = newTestStack();
    expect(() => group(stack, 'a', 'sg-web')).toThrowProblem(
      'SECURITY_GROUP_NAME_INVALID',
      'ContainerSecurityGroup.name',
      '"sg-web"',
      'not starting with "sg-"',
    );
    expect(() => group(stack, 'b', 'web', { description: "web's tasks" })).toThrowProblem(
      'SECURITY_GROUP_DESCRIPTION_INVALID',
      'ContainerSecurityGroup.description',
      'quotes',
    );
  });

  test('reports every problem of the props at once', () => {
    const { stack } = newTestStack();
    try {
      group(stack, 'a', 'sg-x', {
        containerPorts: [Port.tcp(80)],
        ingress: [{ id: 'a', peer: Peer.anyIpv4(), port: Port.tcp(22) }],
      });
      throw new Error('no error');
    } catch (e) {
      expect((e as { problems: { code: string }[] }).problems.map((p) => p.code).sort()).toEqual([
        'SECURITY_GROUP_NAME_INVALID',
        'SECURITY_INGRESS_OPEN_TO_WORLD',
        'SECURITY_INGRESS_PORT_NOT_ALLOWED',
      ]);
    }
  });
});
