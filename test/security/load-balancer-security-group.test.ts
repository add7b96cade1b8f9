import { LoadBalancerSecurityGroup, Peer, Port } from '../../modules/security';
import { network } from './fixtures';
import { newTestStack, resourcesOfType, synthJson } from '../support/synth';

describe('LoadBalancerSecurityGroup', () => {
  test('defines a group with no egress by default and admits listener ports only', () => {
    const { app, stack } = newTestStack();
    const g = new LoadBalancerSecurityGroup(stack, 'lb', {
      network: network(),
      name: 'web-lb',
      listenerPorts: [Port.tcp(443)],
    });
    g.addIngressRule({ id: 'listener', peer: Peer.anyIpv4OpenToTheWorld(), port: Port.tcp(443) });
    g.addEgressRule({
      id: 'to-tasks',
      peer: Peer.securityGroupId('sg-0123456789abcdef0', 'the tasks'),
      port: Port.tcp(80),
    });
    expect(g.listenerPorts.map((p) => p.label)).toEqual(['443/tcp']);
    const json = synthJson(app);
    expect(Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'))).toEqual([
      expect.objectContaining({
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '0.0.0.0/0',
        description: '443/tcp from the internet (IPv4)',
      }),
    ]);
    expect(Object.values(resourcesOfType(json, 'aws_vpc_security_group_egress_rule'))).toEqual([
      expect.objectContaining({
        from_port: 80,
        referenced_security_group_id: 'sg-0123456789abcdef0',
        description: '80/tcp to the tasks',
      }),
    ]);
  });

  test('fails without listener ports, or with a port that is not a listener port', () => {
    const { stack } = newTestStack();
    expect(
      () => new LoadBalancerSecurityGroup(stack, 'a', { network: network(), name: 'a', listenerPorts: [] }),
    ).toThrowProblem('SECURITY_LISTENER_PORTS_EMPTY', 'LoadBalancerSecurityGroup.listenerPorts', '[Port.tcp(80)]');
    expect(
      () =>
        new LoadBalancerSecurityGroup(stack, 'b', {
          network: network(),
          name: 'b',
          listenerPorts: [Port.allTraffic()],
        }),
    ).toThrowProblem('SECURITY_LISTENER_PORT_INVALID', 'listenerPorts[0]');
    const g = new LoadBalancerSecurityGroup(stack, 'c', {
      network: network(),
      name: 'c',
      listenerPorts: [Port.tcp(80)],
    });
    expect(() =>
      g.addIngressRule({ id: 'x', peer: Peer.anyIpv4OpenToTheWorld(), port: Port.tcp(8080) }),
    ).toThrowProblem('SECURITY_INGRESS_PORT_NOT_ALLOWED', '8080/tcp', 'listener ports: 80/tcp');
  });
});
