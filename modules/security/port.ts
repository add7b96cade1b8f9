/**
 * Ports and protocols of security group rules (pure: creates no constructs).
 *
 * `Port.tcp(80)`, `Port.udpRange(5000, 5010)`, `Port.allTraffic()` (egress only: ingress is always
 * limited to named ports).
 */
import { describeValue, isUnresolved, ValidationError } from '../core';

/** IP protocol of a rule, as `ip_protocol` spells it. */
export enum Protocol {
  TCP = 'tcp',
  UDP = 'udp',
  /** Every protocol and port (`-1`). Only egress rules accept it. */
  ALL = '-1',
}

function checkPortNumber(value: number, path: string): void {
  if (isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ValidationError({
      code: 'SECURITY_PORT_INVALID',
      path,
      received: describeValue(value),
      allowed: 'an integer from 1 to 65535',
      fix: 'use the port number the container (or listener) actually listens on',
    });
  }
}

/** A port or port range with its protocol. Immutable; build it with the static factories. */
export class Port {
  /** One TCP port. */
  public static tcp(port: number): Port {
    checkPortNumber(port, 'Port.tcp(port)');
    return new Port(Protocol.TCP, port, port);
  }

  /** One UDP port. */
  public static udp(port: number): Port {
    checkPortNumber(port, 'Port.udp(port)');
    return new Port(Protocol.UDP, port, port);
  }

  /** A TCP port range, both ends included. */
  public static tcpRange(fromPort: number, toPort: number): Port {
    return Port.range(Protocol.TCP, fromPort, toPort, 'Port.tcpRange');
  }

  /** A UDP port range, both ends included. */
  public static udpRange(fromPort: number, toPort: number): Port {
    return Port.range(Protocol.UDP, fromPort, toPort, 'Port.udpRange');
  }

  /** Every protocol and port. Accepted by egress rules only. */
  public static allTraffic(): Port {
    return new Port(Protocol.ALL, undefined, undefined);
  }

  private static range(protocol: Protocol, fromPort: number, toPort: number, name: string): Port {
    checkPortNumber(fromPort, `${name}(fromPort)`);
    checkPortNumber(toPort, `${name}(toPort)`);
    if (!isUnresolved(fromPort) && !isUnresolved(toPort) && fromPort > toPort) {
      throw new ValidationError({
        code: 'SECURITY_PORT_RANGE_REVERSED',
        path: `${name}(fromPort, toPort)`,
        received: `${fromPort}-${toPort}`,
        allowed: 'fromPort <= toPort',
        fix: `write the range as ${name}(${toPort}, ${fromPort})`,
      });
    }
    return new Port(protocol, fromPort, toPort);
  }

  private constructor(
    /** The IP protocol. */
    public readonly protocol: Protocol,
    /** First port; undefined for `Protocol.ALL`. */
    public readonly fromPort: number | undefined,
    /** Last port; undefined for `Protocol.ALL`. */
    public readonly toPort: number | undefined,
  ) {}

  /** Human-readable and safe for rule descriptions: `80/tcp`, `5000-5010/udp`, `all traffic`. */
  public get label(): string {
    if (this.protocol === Protocol.ALL) return 'all traffic';
    const ports = this.fromPort === this.toPort ? `${this.fromPort}` : `${this.fromPort}-${this.toPort}`;
    return `${ports}/${this.protocol}`;
  }

  /** Short form for construct ids: `80-tcp`, `5000-5010-udp`, `all`. */
  public get slug(): string {
    return this.label === 'all traffic' ? 'all' : this.label.replace('/', '-');
  }

  /** True when every port of `other` is also in this one (same protocol). Unresolved ports never match. */
  public contains(other: Port): boolean {
    if (this.protocol === Protocol.ALL) return true;
    if (other.protocol !== this.protocol) return false;
    const values = [this.fromPort, this.toPort, other.fromPort, other.toPort];
    if (values.some((v) => v === undefined || isUnresolved(v))) {
      return this.fromPort === other.fromPort && this.toPort === other.toPort;
    }
    return other.fromPort! >= this.fromPort! && other.toPort! <= this.toPort!;
  }

  /** Same protocol and ports. */
  public equals(other: Port): boolean {
    return this.protocol === other.protocol && this.fromPort === other.fromPort && this.toPort === other.toPort;
  }

  public toString(): string {
    return this.label;
  }
}
