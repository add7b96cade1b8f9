/**
 * Sources and destinations of security group rules (pure: creates no constructs).
 *
 * Named sources only: a CIDR block, another security group (a load balancer's), a managed prefix
 * list, or the VPC's own CIDR. The whole internet (`0.0.0.0/0`, `::/0`) is accepted by ingress rules
 * only through the explicitly named `Peer.anyIpv4OpenToTheWorld()` / `anyIpv6OpenToTheWorld()`.
 */
import { Address4, Address6 } from 'ip-address';
import { describeValue, isUnresolved, ValidationError } from '../core';
import type { INetwork } from '../network/network-ref';

/** What a peer refers to; decides which argument of the rule resource carries it. */
export enum PeerKind {
  /** `cidr_ipv4` */
  IPV4_CIDR = 'IPV4_CIDR',
  /** `cidr_ipv6` */
  IPV6_CIDR = 'IPV6_CIDR',
  /** `referenced_security_group_id` */
  SECURITY_GROUP = 'SECURITY_GROUP',
  /** `prefix_list_id` */
  PREFIX_LIST = 'PREFIX_LIST',
}

function cidrProblem(kind: 'IPv4' | 'IPv6', value: string, path: string): ValidationError | undefined {
  const Ctor = kind === 'IPv4' ? Address4 : Address6;
  const example = kind === 'IPv4' ? '10.0.0.0/16' : '2001:db8::/56';
  if (!value.includes('/') || !Ctor.isValid(value)) {
    return new ValidationError({
      code: 'SECURITY_CIDR_INVALID',
      path,
      received: describeValue(value),
      allowed: `an ${kind} CIDR block such as ${example}`,
      fix: `write the source as address/prefix-length, e.g. ${example}`,
    });
  }
  const address = new Ctor(value);
  const network =
    kind === 'IPv4'
      ? `${(address as Address4).startAddress().correctForm()}/${address.subnetMask}`
      : `${(address as Address6).startAddress().correctForm()}/${address.subnetMask}`;
  const given = `${address.correctForm()}/${address.subnetMask}`;
  if (network !== given) {
    return new ValidationError({
      code: 'SECURITY_CIDR_NOT_NETWORK',
      path,
      received: describeValue(value),
      allowed: 'the network address of the block (host bits zero)',
      fix: `use ${network}`,
    });
  }
  return undefined;
}

/** A named source (ingress) or destination (egress) of a rule. Build it with the static factories. */
export class Peer {
  /** An IPv4 CIDR block, e.g. a corporate range or the VPC's CIDR. `0.0.0.0/0` is refused for ingress. */
  public static ipv4(cidr: string, label?: string): Peer {
    if (!isUnresolved(cidr)) {
      const problem = cidrProblem('IPv4', cidr, 'Peer.ipv4(cidr)');
      if (problem) throw problem;
    }
    return new Peer(PeerKind.IPV4_CIDR, cidr, label ?? cidr, false);
  }

  /** An IPv6 CIDR block. `::/0` is refused for ingress. */
  public static ipv6(cidr: string, label?: string): Peer {
    if (!isUnresolved(cidr)) {
      const problem = cidrProblem('IPv6', cidr, 'Peer.ipv6(cidr)');
      if (problem) throw problem;
    }
    return new Peer(PeerKind.IPV6_CIDR, cidr, label ?? cidr, false);
  }

  /** The VPC's own IPv4 CIDR block (everything inside the network). */
  public static vpc(network: INetwork): Peer {
    return Peer.ipv4(network.vpcCidrBlock, 'the VPC');
  }

  /** Another security group, e.g. a load balancer's. `label` appears in rule descriptions. */
  public static securityGroupId(securityGroupId: string, label?: string): Peer {
    if (!isUnresolved(securityGroupId) && !/^sg-[0-9a-f]{8,17}$/.test(securityGroupId)) {
      throw new ValidationError({
        code: 'SECURITY_GROUP_ID_INVALID',
        path: 'Peer.securityGroupId(securityGroupId)',
        received: describeValue(securityGroupId),
        allowed: 'a security group id such as sg-0123456789abcdef0, or a reference to one',
        fix: "pass the group's id (e.g. `loadBalancerGroup.securityGroupId`), not its name",
      });
    }
    return new Peer(PeerKind.SECURITY_GROUP, securityGroupId, label ?? `security group ${securityGroupId}`, false);
  }

  /** A managed prefix list (e.g. CloudFront origin-facing). */
  public static prefixList(prefixListId: string, label?: string): Peer {
    if (!isUnresolved(prefixListId) && !/^pl-[0-9a-f]{8,17}$/.test(prefixListId)) {
      throw new ValidationError({
        code: 'SECURITY_PREFIX_LIST_ID_INVALID',
        path: 'Peer.prefixList(prefixListId)',
        received: describeValue(prefixListId),
        allowed: 'a prefix list id such as pl-0123456789abcdef0',
        fix: 'look the id up with `aws ec2 describe-managed-prefix-lists`',
      });
    }
    return new Peer(PeerKind.PREFIX_LIST, prefixListId, label ?? `prefix list ${prefixListId}`, false);
  }

  /** Every IPv4 address, for egress rules. Ingress rules refuse it: see `anyIpv4OpenToTheWorld()`. */
  public static anyIpv4(): Peer {
    return new Peer(PeerKind.IPV4_CIDR, '0.0.0.0/0', 'anywhere (IPv4)', false);
  }

  /** Every IPv6 address, for egress rules. Ingress rules refuse it: see `anyIpv6OpenToTheWorld()`. */
  public static anyIpv6(): Peer {
    return new Peer(PeerKind.IPV6_CIDR, '::/0', 'anywhere (IPv6)', false);
  }

  /**
   * Every IPv4 address, explicitly accepted for ingress. The only way to open a port to the internet;
   * use it for an internet-facing load balancer's listener, never for tasks.
   */
  public static anyIpv4OpenToTheWorld(): Peer {
    return new Peer(PeerKind.IPV4_CIDR, '0.0.0.0/0', 'the internet (IPv4)', true);
  }

  /** Every IPv6 address, explicitly accepted for ingress (see `anyIpv4OpenToTheWorld`). */
  public static anyIpv6OpenToTheWorld(): Peer {
    return new Peer(PeerKind.IPV6_CIDR, '::/0', 'the internet (IPv6)', true);
  }

  private constructor(
    /** Which rule argument carries the value. */
    public readonly kind: PeerKind,
    /** CIDR block, security group id or prefix list id (may be a token). */
    public readonly value: string,
    /** Human-readable name used in rule descriptions. */
    public readonly label: string,
    /** True only for the `...OpenToTheWorld()` factories. */
    public readonly worldAcknowledged: boolean,
  ) {}

  /** True for a CIDR block of prefix length 0 (the whole IPv4 or IPv6 internet). */
  public get isWorld(): boolean {
    if (this.kind !== PeerKind.IPV4_CIDR && this.kind !== PeerKind.IPV6_CIDR) return false;
    if (isUnresolved(this.value)) return false;
    return /\/0$/.test(this.value);
  }

  public toString(): string {
    return this.label;
  }
}
