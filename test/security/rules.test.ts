import {
  checkRule,
  Peer,
  Port,
  ruleArguments,
  RuleDirection,
  ruleDescription,
  sanitizeDescription,
  type SecurityGroupRule,
} from '../../modules/security';

const PORTS = [Port.tcp(80), Port.tcpRange(9000, 9010)];

/** The problems of an ingress rule of a group whose container ports are PORTS. */
function checkIngress(rule: SecurityGroupRule, path = 'x') {
  return checkRule(RuleDirection.INGRESS, rule, PORTS, 'container ports', path);
}

describe('security group rules', () => {
  test('map each kind of peer to its rule argument', () => {
    const base = { id: 'r', port: Port.tcp(80) };
    expect(ruleArguments(RuleDirection.INGRESS, { ...base, peer: Peer.ipv4('10.0.0.0/16') })).toMatchObject({
      cidrIpv4: '10.0.0.0/16',
      ipProtocol: 'tcp',
      fromPort: 80,
      toPort: 80,
    });
    expect(ruleArguments(RuleDirection.INGRESS, { ...base, peer: Peer.ipv6('2001:db8::/56') })).toMatchObject({
      cidrIpv6: '2001:db8::/56',
    });
    expect(
      ruleArguments(RuleDirection.INGRESS, { ...base, peer: Peer.securityGroupId('sg-0123456789abcdef0') }),
    ).toMatchObject({ referencedSecurityGroupId: 'sg-0123456789abcdef0' });
    expect(
      ruleArguments(RuleDirection.INGRESS, { ...base, peer: Peer.prefixList('pl-0123456789abcdef0') }),
    ).toMatchObject({ prefixListId: 'pl-0123456789abcdef0' });
  });

  test('leave the ports out for all traffic', () => {
    const args = ruleArguments(RuleDirection.EGRESS, { id: 'all', peer: Peer.anyIpv4(), port: Port.allTraffic() });
    expect(args).toEqual({ description: 'all traffic to anywhere (IPv4)', ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' });
  });

  test('describe themselves when no description is given', () => {
    expect(
      ruleDescription(RuleDirection.INGRESS, {
        id: 'x',
        peer: Peer.vpc({ vpcCidrBlock: '10.0.0.0/16' } as never),
        port: Port.tcp(80),
      }),
    ).toBe('80/tcp from the VPC');
    expect(sanitizeDescription('it\'s "quoted" <b>')).toBe('its quoted b');
  });

  test('accept a named source on a declared port', () => {
    expect(
      checkIngress({ id: 'from-lb', peer: Peer.securityGroupId('sg-0123456789abcdef0'), port: Port.tcp(80) }),
    ).toEqual([]);
    expect(checkIngress({ id: 'r', peer: Peer.ipv4('10.0.0.0/8'), port: Port.tcp(9005) })).toEqual([]);
  });

  test('refuse ingress from the whole internet unless acknowledged', () => {
    const problems = checkIngress({ id: 'r', peer: Peer.ipv4('0.0.0.0/0'), port: Port.tcp(80) }, 'G.ingress[0]');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'SECURITY_INGRESS_OPEN_TO_WORLD',
      path: 'G.ingress[0].peer',
      received: '"0.0.0.0/0"',
    });
    expect(problems[0]!.fix).toContain('Peer.anyIpv4OpenToTheWorld()');
    expect(checkIngress({ id: 'r', peer: Peer.anyIpv6(), port: Port.tcp(80) })[0]!.code).toBe(
      'SECURITY_INGRESS_OPEN_TO_WORLD',
    );
    expect(
      checkRule(
        RuleDirection.INGRESS,
        { id: 'r', peer: Peer.anyIpv4OpenToTheWorld(), port: Port.tcp(80) },
        PORTS,
        'listener ports',
        'x',
      ),
    ).toEqual([]);
  });

  test('allow egress to the whole internet', () => {
    expect(
      checkRule(
        RuleDirection.EGRESS,
        { id: 'out', peer: Peer.anyIpv4(), port: Port.allTraffic() },
        [],
        'container ports',
        'x',
      ),
    ).toEqual([]);
  });

  test('refuse ingress on ports that are not declared, and all traffic', () => {
    const [p] = checkIngress({ id: 'r', peer: Peer.ipv4('10.0.0.0/8'), port: Port.tcp(22) }, 'G.ingress[1]');
    expect(p).toMatchObject({
      code: 'SECURITY_INGRESS_PORT_NOT_ALLOWED',
      path: 'G.ingress[1].port',
      received: '22/tcp',
    });
    expect(p!.allowed).toContain('80/tcp, 9000-9010/tcp');
    const [q] = checkIngress({ id: 'r', peer: Peer.ipv4('10.0.0.0/8'), port: Port.allTraffic() });
    expect(q).toMatchObject({ code: 'SECURITY_INGRESS_PORT_NOT_ALLOWED', received: 'all traffic' });
    const [u] = checkIngress({ id: 'r', peer: Peer.ipv4('10.0.0.0/8'), port: Port.udp(80) });
    expect(u).toMatchObject({ code: 'SECURITY_INGRESS_PORT_NOT_ALLOWED', received: '80/udp' });
  });

  test('refuse ids that would make poor Terraform addresses, and descriptions EC2 refuses', () => {
    const problems = checkRule(
      RuleDirection.EGRESS,
      { id: '1 rule', peer: Peer.anyIpv4(), port: Port.tcp(443), description: 'it\'s "https"' },
      [],
      'container ports',
      'G.egress[0]',
    );
    expect(problems.map((p) => p.code)).toEqual(['SECURITY_RULE_ID_INVALID', 'SECURITY_RULE_DESCRIPTION_INVALID']);
    expect(problems[0]).toMatchObject({ path: 'G.egress[0].id', received: '"1 rule"' });
    expect(problems[1]!.fix).toContain('quotes');
  });
});
