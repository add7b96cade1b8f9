/**
 * The security group of a load balancer: ingress on the listener ports only, from the given sources
 * (an internet-facing load balancer may use `Peer.anyIpv4OpenToTheWorld()`, the one exception to
 * "nothing open to the world"); egress only where its targets listen (added by the service: the
 * container security group on the container port).
 */
import { Construct } from 'constructs';
import { describeValue, type Problem } from '../core';
import { GuardedSecurityGroup, type GuardedSecurityGroupProps } from './guarded-security-group';
import { Port, Protocol } from './port';
import type { SecurityGroupRule } from './rules';

export interface LoadBalancerSecurityGroupProps extends GuardedSecurityGroupProps {
  /** The listener ports ingress rules may open (e.g. `Port.tcp(80)`, `Port.tcp(443)`). At least one. */
  readonly listenerPorts: readonly Port[];
  /**
   * Egress rules.
   * @default - none: add one per target with `addEgressRule`
   */
  readonly egress?: readonly SecurityGroupRule[];
}

export class LoadBalancerSecurityGroup extends GuardedSecurityGroup {
  constructor(scope: Construct, id: string, props: LoadBalancerSecurityGroupProps) {
    const extra: Problem[] = [];
    if (props.listenerPorts.length === 0) {
      extra.push({
        code: 'SECURITY_LISTENER_PORTS_EMPTY',
        path: 'LoadBalancerSecurityGroup.listenerPorts',
        received: '[]',
        allowed: 'at least one TCP or UDP port',
        fix: 'pass the listener ports, e.g. [Port.tcp(80)]',
      });
    }
    props.listenerPorts.forEach((p, i) => {
      if (p.protocol === Protocol.ALL) {
        extra.push({
          code: 'SECURITY_LISTENER_PORT_INVALID',
          path: `LoadBalancerSecurityGroup.listenerPorts[${i}]`,
          received: describeValue(p.label),
          allowed: 'a TCP or UDP port',
          fix: 'pass the listener port, e.g. Port.tcp(443)',
        });
      }
    });
    super(
      scope,
      id,
      props,
      'listener ports',
      props.listenerPorts.filter((p) => p.protocol !== Protocol.ALL),
      `Load balancer ${props.name}: listener ports only`,
      props.egress ?? [],
      extra,
    );
  }

  /** The listener ports ingress rules may open. */
  public get listenerPorts(): readonly Port[] {
    return this.ingressPorts;
  }
}
