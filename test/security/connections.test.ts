import { Construct } from 'constructs';
import { Token } from 'cdktf';
import {
  Connections,
  ContainerSecurityGroup,
  ExternalSecurityGroup,
  LoadBalancerSecurityGroup,
  Peer,
  Port,
} from '../../modules/security';
import { network } from './fixtures';
import { newTestStack, resourcesOfType, synthJson, type TerraformBlock, type TerraformJson } from '../support/synth';

function synth(build: (stack: Construct) => void): TerraformJson {
  const { app, stack } = newTestStack();
  build(stack);
  return synthJson(app);
}

/** A task group with container ports and no default egress, so that every rule in the output is a connection's. */
function tasks(scope: Construct, name: string, ...ports: Port[]): Connections {
  const group = new ContainerSecurityGroup(scope, name, {
    network: network(),
    name,
    containerPorts: ports,
    egress: [],
  });
  return new Connections({ securityGroup: group });
}

function rules(json: TerraformJson, direction: 'ingress' | 'egress'): Record<string, TerraformBlock> {
  return resourcesOfType(json, `aws_vpc_security_group_${direction}_rule`);
}

const ref = (address: string) =>
  expect.stringMatching(new RegExp(`^\\$\\{aws_security_group\\.${address}_group_[0-9A-F]{8}\\.id\\}$`));

describe('Connections between container security groups', () => {
  test("allowTo writes both sides: egress on the caller's group, ingress on the other's", () => {
    const json = synth((s) => {
      const web = tasks(s, 'web');
      const api = tasks(s, 'api', Port.tcp(8080));
      web.allowTo({ connections: api }, Port.tcp(8080));
    });
    const egress = Object.entries(rules(json, 'egress'));
    const ingress = Object.entries(rules(json, 'ingress'));
    expect(egress).toEqual([
      [
        expect.stringMatching(/^web_to-api-8080-tcp_[0-9A-F]{8}$/),
        expect.objectContaining({
          security_group_id: ref('web'),
          referenced_security_group_id: ref('api'),
          ip_protocol: 'tcp',
          from_port: 8080,
          to_port: 8080,
          description: '8080/tcp to api',
        }),
      ],
    ]);
    expect(ingress).toEqual([
      [
        expect.stringMatching(/^api_from-web-8080-tcp_[0-9A-F]{8}$/),
        expect.objectContaining({
          security_group_id: ref('api'),
          referenced_security_group_id: ref('web'),
          ip_protocol: 'tcp',
          from_port: 8080,
          to_port: 8080,
          description: '8080/tcp from web',
        }),
      ],
    ]);
  });

  test('allowFrom is allowTo seen from the other side: the same two rules', () => {
    const to = synth((s) => tasks(s, 'web').allowTo({ connections: tasks(s, 'api', Port.tcp(8080)) }, Port.tcp(8080)));
    const from = synth((s) => {
      const web = tasks(s, 'web');
      tasks(s, 'api', Port.tcp(8080)).allowFrom({ connections: web }, Port.tcp(8080));
    });
    expect(from.resource).toEqual(to.resource);
  });

  test('writes a permission once, however often it is asked for', () => {
    const json = synth((s) => {
      const web = tasks(s, 'web');
      const api = tasks(s, 'api', Port.tcp(8080));
      web.allowTo({ connections: api }, Port.tcp(8080));
      web.allowTo({ connections: api }, Port.tcp(8080));
      api.allowFrom({ connections: web }, Port.tcp(8080));
    });
    expect(Object.keys(rules(json, 'egress'))).toHaveLength(1);
    expect(Object.keys(rules(json, 'ingress'))).toHaveLength(1);
  });

  test('derives rule ids from names and ports only, so adding a connection renames nothing', () => {
    const one = synth((s) => {
      const web = tasks(s, 'web');
      web.allowTo({ connections: tasks(s, 'api', Port.tcp(8080)) }, Port.tcp(8080));
    });
    const two = synth((s) => {
      const web = tasks(s, 'web');
      const cache = tasks(s, 'cache', Port.tcp(6379));
      web.allowTo({ connections: cache }, Port.tcp(6379));
      web.allowTo({ connections: tasks(s, 'api', Port.tcp(8080)) }, Port.tcp(8080));
    });
    for (const direction of ['ingress', 'egress'] as const) {
      const before = Object.keys(rules(one, direction));
      expect(Object.keys(rules(two, direction))).toEqual(expect.arrayContaining(before));
    }
  });

  test('keeps long names within the 63 characters of a rule id, distinct and stable', () => {
    const long = 'a'.repeat(70);
    const json = synth((s) => {
      const web = tasks(s, 'web');
      web.allowTo({ connections: tasks(s, `${long}-x`, Port.tcp(80)) }, Port.tcp(80));
      web.allowTo({ connections: tasks(s, `${long}-y`, Port.tcp(80)) }, Port.tcp(80));
    });
    const ids = Object.keys(rules(json, 'egress')).map((address) => address.split('_')[1]!);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^to-a+-[0-9a-f]{8}-80-tcp$/);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(63);
  });
});

describe('Connections to load balancers, groups made elsewhere and peers', () => {
  test('reaches a load balancer on its listener port', () => {
    const json = synth((s) => {
      const lb = new LoadBalancerSecurityGroup(s, 'api-lb', {
        network: network(),
        name: 'api-lb',
        listenerPorts: [Port.tcp(443)],
      });
      tasks(s, 'web').allowTo({ connections: new Connections({ securityGroup: lb }) }, Port.tcp(443));
    });
    expect(Object.values(rules(json, 'ingress'))).toEqual([
      expect.objectContaining({
        security_group_id: ref('api-lb'),
        referenced_security_group_id: ref('web'),
        from_port: 443,
      }),
    ]);
    expect(Object.values(rules(json, 'egress'))).toEqual([
      expect.objectContaining({
        security_group_id: ref('web'),
        referenced_security_group_id: ref('api-lb'),
        from_port: 443,
      }),
    ]);
  });

  test('reaches a group made elsewhere and writes its ingress rule under the ExternalSecurityGroup', () => {
    const json = synth((s) => {
      const db = new ExternalSecurityGroup(s, 'orders-db', {
        securityGroupId: 'sg-0123456789abcdef0',
        name: 'orders-db',
      });
      tasks(s, 'api').allowTo(db, Port.tcp(5432));
    });
    expect(Object.entries(rules(json, 'ingress'))).toEqual([
      [
        expect.stringMatching(/^orders-db_from-api-5432-tcp_[0-9A-F]{8}$/),
        expect.objectContaining({
          security_group_id: 'sg-0123456789abcdef0',
          referenced_security_group_id: ref('api'),
          from_port: 5432,
        }),
      ],
    ]);
    expect(Object.values(rules(json, 'egress'))).toEqual([
      expect.objectContaining({
        security_group_id: ref('api'),
        referenced_security_group_id: 'sg-0123456789abcdef0',
        from_port: 5432,
        description: '5432/tcp to orders-db',
      }),
    ]);
  });

  test('allowToPeer and allowFromPeer write one side, for CIDR blocks, prefix lists and groups', () => {
    const json = synth((s) => {
      const api = tasks(s, 'api', Port.tcp(8080));
      api.allowToPeer(Peer.ipv4('10.20.0.0/16', 'partner'), Port.tcp(443));
      api.allowToPeer(Peer.prefixList('pl-0123456789abcdef0'), Port.tcp(443));
      api.allowToPeer(Peer.vpc(network()), Port.tcp(5432));
      api.allowFromPeer(Peer.ipv4('192.168.0.0/24'), Port.tcp(8080));
      api.allowFromPeer(Peer.securityGroupId('sg-0aaaaaaaaaaaaaaaa', 'bastion'), Port.tcp(8080));
    });
    expect(Object.fromEntries(Object.entries(rules(json, 'egress')).map(([k, v]) => [k.split('_')[1], v]))).toEqual({
      'to-partner-443-tcp': expect.objectContaining({
        cidr_ipv4: '10.20.0.0/16',
        from_port: 443,
        description: '443/tcp to partner',
      }),
      'to-prefix-list-pl-0123456789abcdef0-443-tcp': expect.objectContaining({
        prefix_list_id: 'pl-0123456789abcdef0',
      }),
      'to-vpc-5432-tcp': expect.objectContaining({ cidr_ipv4: '10.0.0.0/16', from_port: 5432 }),
    });
    expect(Object.fromEntries(Object.entries(rules(json, 'ingress')).map(([k, v]) => [k.split('_')[1], v]))).toEqual({
      'from-192-168-0-0-24-8080-tcp': expect.objectContaining({ cidr_ipv4: '192.168.0.0/24', from_port: 8080 }),
      'from-bastion-8080-tcp': expect.objectContaining({ referenced_security_group_id: 'sg-0aaaaaaaaaaaaaaaa' }),
    });
  });

  test('allowInternally lets the members of a group reach each other', () => {
    const json = synth((s) => tasks(s, 'gossip', Port.udp(7946)).allowInternally(Port.udp(7946)));
    expect(Object.values(rules(json, 'ingress'))).toEqual([
      expect.objectContaining({
        security_group_id: ref('gossip'),
        referenced_security_group_id: ref('gossip'),
        ip_protocol: 'udp',
        from_port: 7946,
      }),
    ]);
    expect(Object.values(rules(json, 'egress'))).toEqual([
      expect.objectContaining({
        security_group_id: ref('gossip'),
        referenced_security_group_id: ref('gossip'),
        ip_protocol: 'udp',
        from_port: 7946,
      }),
    ]);
  });
});

describe('Connections refuses at synth, and writes nothing', () => {
  test('a port the other side does not listen on', () => {
    const { stack } = newTestStack();
    const web = tasks(stack, 'web');
    const api = tasks(stack, 'api', Port.tcp(8080));
    expect(() => web.allowTo({ connections: api }, Port.tcp(9090))).toThrowProblem(
      'SECURITY_INGRESS_PORT_NOT_ALLOWED',
      'test/web.connections.allowTo(other, port)',
      '9090/tcp',
      '8080/tcp',
    );
    expect(stack.node.findAll().filter((c) => c.node.id.startsWith('to-') || c.node.id.startsWith('from-'))).toEqual(
      [],
    );
  });

  test('connecting a side to itself (allowInternally says so)', () => {
    const { stack } = newTestStack();
    const web = tasks(stack, 'web', Port.tcp(80));
    expect(() => web.allowTo({ connections: web }, Port.tcp(80))).toThrowProblem(
      'SECURITY_CONNECTIONS_TO_SELF',
      '"web" itself',
      'allowInternally',
    );
  });

  test('a side without a security group, with its reason', () => {
    const { stack } = newTestStack();
    const none = new Connections({ name: 'legacy', noSecurityGroupReason: 'it runs in bridge mode' });
    const api = tasks(stack, 'api', Port.tcp(8080));
    expect(() => none.allowTo({ connections: api }, Port.tcp(8080))).toThrowProblem(
      'SECURITY_CONNECTIONS_NO_SECURITY_GROUP',
      '"legacy": it runs in bridge mode',
      'NetworkMode.AWSVPC',
    );
    expect(() => api.allowFrom({ connections: none }, Port.tcp(8080))).toThrowProblem(
      'SECURITY_CONNECTIONS_NO_SECURITY_GROUP',
      'allowFrom(other, port).other',
    );
    expect(() => none.allowToPeer(Peer.ipv4('10.1.0.0/16'), Port.tcp(443))).toThrowProblem(
      'SECURITY_CONNECTIONS_NO_SECURITY_GROUP',
    );
    expect(() => none.allowInternally(Port.tcp(80))).toThrowProblem('SECURITY_CONNECTIONS_NO_SECURITY_GROUP');
    expect(Object.keys(connectionRulesUnder(stack))).toEqual([]);
  });

  test('groups of two different VPCs', () => {
    const { stack } = newTestStack();
    const web = tasks(stack, 'web');
    const other = new ContainerSecurityGroup(stack, 'other', {
      network: network({ vpcId: 'vpc-0fedcba9876543210' }),
      name: 'other',
      containerPorts: [Port.tcp(80)],
      egress: [],
    });
    expect(() => web.allowTo({ connections: new Connections({ securityGroup: other }) }, Port.tcp(80))).toThrowProblem(
      'SECURITY_CONNECTIONS_OTHER_VPC',
      'vpc-0123456789abcdef0',
      'vpc-0fedcba9876543210',
    );
  });

  test('all traffic, and the world, as ingress', () => {
    const { stack } = newTestStack();
    const api = tasks(stack, 'api', Port.tcp(8080));
    expect(() => tasks(stack, 'web').allowTo({ connections: api }, Port.allTraffic())).toThrowProblem(
      'SECURITY_INGRESS_PORT_NOT_ALLOWED',
      'all traffic',
    );
    expect(() => api.allowFromPeer(Peer.anyIpv4(), Port.tcp(8080))).toThrowProblem('SECURITY_INGRESS_OPEN_TO_WORLD');
  });

  test('peers and ports only known at apply time (rule ids derive from them)', () => {
    const { stack } = newTestStack();
    const api = tasks(stack, 'api', Port.tcp(8080));
    expect(() => api.allowToPeer(Peer.ipv4(Token.asString({ Ref: 'x' })), Port.tcp(443))).toThrowProblem(
      'SECURITY_CONNECTIONS_PEER_UNNAMED',
      'Peer.ipv4(cidrToken, "office")',
    );
    expect(() => api.allowToPeer(Peer.ipv4('10.1.0.0/16'), Port.tcp(Token.asNumber({ Ref: 'p' })))).toThrowProblem(
      'SECURITY_CONNECTIONS_PORT_UNRESOLVED',
    );
  });

  test('two different sides of the same name', () => {
    const { stack } = newTestStack();
    const web = tasks(stack, 'web');
    const a = new Construct(stack, 'a');
    const b = new Construct(stack, 'b');
    web.allowTo({ connections: tasks(a, 'api', Port.tcp(80)) }, Port.tcp(80));
    expect(() => web.allowTo({ connections: tasks(b, 'api', Port.tcp(80)) }, Port.tcp(80))).toThrowProblem(
      'SECURITY_RULE_ID_DUPLICATE',
      '"to-api-80-tcp"',
      'different names',
    );
  });

  test('inconsistent props', () => {
    const { stack } = newTestStack();
    const group = new ContainerSecurityGroup(stack, 'g', { network: network(), name: 'g' });
    expect(
      () => new Connections({ securityGroup: group, securityGroupId: 'sg-0123456789abcdef0', ruleScope: stack }),
    ).toThrowProblem('SECURITY_CONNECTIONS_PROPS_INVALID', 'one of securityGroup');
    expect(() => new Connections({ securityGroupId: 'sg-0123456789abcdef0', name: 'x' })).toThrowProblem(
      'SECURITY_CONNECTIONS_PROPS_INVALID',
      'Connections.ruleScope',
    );
    expect(() => new Connections({ name: 'web tasks' })).toThrowProblem(
      'SECURITY_CONNECTIONS_NAME_INVALID',
      '"web tasks"',
    );
    expect(() => new ExternalSecurityGroup(stack, 'x', { securityGroupId: 'orders-db', name: 'db' })).toThrowProblem(
      'SECURITY_GROUP_ID_INVALID',
      '"orders-db"',
    );
  });
});

/** The rule resources under `scope` (none were written when a call was refused). */
function connectionRulesUnder(scope: Construct): Record<string, unknown> {
  return Object.fromEntries(
    scope.node
      .findAll()
      .filter((c) => /^(to|from)-/.test(c.node.id))
      .map((c) => [c.node.path, c]),
  );
}
