import { Lazy } from 'cdktf';
import { Peer, PeerKind } from '../../modules/security';
import { network } from './fixtures';

describe('Peer', () => {
  test('names CIDR blocks, security groups, prefix lists and the VPC', () => {
    expect(Peer.ipv4('10.1.0.0/16')).toMatchObject({ kind: PeerKind.IPV4_CIDR, value: '10.1.0.0/16', isWorld: false });
    expect(Peer.ipv6('2001:db8::/56')).toMatchObject({ kind: PeerKind.IPV6_CIDR, value: '2001:db8::/56' });
    expect(Peer.securityGroupId('sg-0123456789abcdef0', 'the ALB')).toMatchObject({
      kind: PeerKind.SECURITY_GROUP,
      label: 'the ALB',
    });
    expect(Peer.prefixList('pl-0123456789abcdef0')).toMatchObject({ kind: PeerKind.PREFIX_LIST });
    expect(Peer.vpc(network())).toMatchObject({ kind: PeerKind.IPV4_CIDR, value: '10.0.0.0/16', label: 'the VPC' });
  });

  test('tells the world from the acknowledged world', () => {
    expect(Peer.anyIpv4()).toMatchObject({ isWorld: true, worldAcknowledged: false });
    expect(Peer.ipv4('0.0.0.0/0')).toMatchObject({ isWorld: true, worldAcknowledged: false });
    expect(Peer.anyIpv6()).toMatchObject({ isWorld: true, worldAcknowledged: false });
    expect(Peer.anyIpv4OpenToTheWorld()).toMatchObject({ isWorld: true, worldAcknowledged: true, value: '0.0.0.0/0' });
    expect(Peer.anyIpv6OpenToTheWorld()).toMatchObject({ isWorld: true, worldAcknowledged: true, value: '::/0' });
  });

  test('accepts references (tokens) without checking them', () => {
    const token = Lazy.stringValue({ produce: () => '10.0.0.0/16' });
    expect(() => Peer.ipv4(token)).not.toThrow();
    expect(Peer.ipv4(token).isWorld).toBe(false);
    expect(() => Peer.securityGroupId(Lazy.stringValue({ produce: () => 'sg-1' }))).not.toThrow();
  });

  test('fails when a CIDR block is malformed', () => {
    expect(() => Peer.ipv4('10.0.0/16')).toThrowProblem(
      'SECURITY_CIDR_INVALID',
      'Peer.ipv4(cidr)',
      '"10.0.0/16"',
      'IPv4 CIDR',
    );
    expect(() => Peer.ipv4('10.0.0.0')).toThrowProblem('SECURITY_CIDR_INVALID', 'address/prefix-length');
    expect(() => Peer.ipv6('2001:db8::/129')).toThrowProblem('SECURITY_CIDR_INVALID', 'Peer.ipv6(cidr)', 'IPv6');
  });

  test('fails when a CIDR block has host bits set, and says the network address', () => {
    expect(() => Peer.ipv4('10.0.0.1/16')).toThrowProblem(
      'SECURITY_CIDR_NOT_NETWORK',
      '"10.0.0.1/16"',
      'use 10.0.0.0/16',
    );
  });

  test('fails when a security group or prefix list id is not an id', () => {
    expect(() => Peer.securityGroupId('my-alb-sg')).toThrowProblem(
      'SECURITY_GROUP_ID_INVALID',
      '"my-alb-sg"',
      'not its name',
    );
    expect(() => Peer.prefixList('cloudfront')).toThrowProblem(
      'SECURITY_PREFIX_LIST_ID_INVALID',
      '"cloudfront"',
      'pl-',
    );
  });
});
