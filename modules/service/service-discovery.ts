/**
 * Cloud Map service discovery: a private DNS namespace in the VPC (or an existing one) and a
 * discovery service with A records for awsvpc tasks (each task has its own address) or SRV records
 * for bridge and host tasks (address and port of the instance).
 */
import { Construct } from 'constructs';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { describeValue, isUnresolved, type Problem } from '../core';
import type { INetwork } from '../network/network-ref';
import { NetworkMode } from './network-mode';

export interface ServiceDiscoveryOptions {
  /**
   * Creates a private DNS namespace with this name in the VPC, e.g. `demo.internal`.
   * @default - none: give `namespaceId`
   */
  readonly namespaceName?: string;
  /**
   * An existing private DNS namespace (id `ns-...`). Exactly one of `namespaceName` and `namespaceId`.
   * @default - none: give `namespaceName`
   */
  readonly namespaceId?: string;
  /**
   * DNS name of the service in the namespace.
   * @default - the service name
   */
  readonly name?: string;
  /**
   * TTL of the records.
   * @default 10
   */
  readonly dnsTtlSeconds?: number;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

export function checkServiceDiscoveryOptions(o: ServiceDiscoveryOptions, serviceName: string, path: string): Problem[] {
  const out: Problem[] = [];
  if ((o.namespaceName === undefined) === (o.namespaceId === undefined)) {
    out.push({
      code: 'SERVICE_DISCOVERY_NAMESPACE_INVALID',
      path: `${path}.namespaceName`,
      received: `namespaceName ${describeValue(o.namespaceName)}, namespaceId ${describeValue(o.namespaceId)}`,
      allowed: 'exactly one of namespaceName (create one) and namespaceId (use an existing one)',
      fix: 'e.g. namespaceName: "demo.internal"',
    });
  }
  if (o.namespaceName !== undefined && !isUnresolved(o.namespaceName) && !DNS_NAME.test(o.namespaceName)) {
    out.push({
      code: 'SERVICE_DISCOVERY_NAMESPACE_INVALID',
      path: `${path}.namespaceName`,
      received: describeValue(o.namespaceName),
      allowed: 'a DNS domain name such as demo.internal',
      fix: 'use letters, digits and hyphens in dot-separated labels',
    });
  }
  const name = o.name ?? serviceName;
  if (!isUnresolved(name) && !DNS_LABEL.test(name)) {
    out.push({
      code: 'SERVICE_DISCOVERY_NAME_INVALID',
      path: `${path}.name`,
      received: describeValue(name),
      allowed: 'one DNS label: letters, digits and hyphens, at most 63, not starting or ending with a hyphen',
      fix: 'set name explicitly, e.g. "web" (underscores are not allowed in DNS names)',
    });
  }
  const ttl = o.dnsTtlSeconds;
  if (ttl !== undefined && !isUnresolved(ttl) && !(Number.isInteger(ttl) && ttl >= 0 && ttl <= 2147483647)) {
    out.push({
      code: 'SERVICE_DISCOVERY_TTL_INVALID',
      path: `${path}.dnsTtlSeconds`,
      received: describeValue(ttl),
      allowed: 'a non-negative integer number of seconds',
      fix: 'e.g. 10',
    });
  }
  return out;
}

export interface ServiceDiscoveryProps extends ServiceDiscoveryOptions {
  readonly network: INetwork;
  readonly serviceName: string;
  readonly networkMode: NetworkMode;
}

export class ServiceDiscovery extends Construct {
  public readonly namespace?: ServiceDiscoveryPrivateDnsNamespace;
  public readonly namespaceId: string;
  public readonly service: ServiceDiscoveryService;
  /** `A` for awsvpc, `SRV` for bridge and host. */
  public readonly recordType: string;

  constructor(scope: Construct, id: string, props: ServiceDiscoveryProps) {
    super(scope, id);
    if (props.namespaceName !== undefined) {
      this.namespace = new ServiceDiscoveryPrivateDnsNamespace(this, 'namespace', {
        name: props.namespaceName,
        vpc: props.network.vpcId,
        description: `Service discovery for ${props.serviceName}`,
      });
      this.namespaceId = this.namespace.id;
    } else {
      this.namespaceId = props.namespaceId!;
    }
    this.recordType = props.networkMode === NetworkMode.AWSVPC ? 'A' : 'SRV';
    this.service = new ServiceDiscoveryService(this, 'service', {
      name: props.name ?? props.serviceName,
      dnsConfig: {
        namespaceId: this.namespaceId,
        routingPolicy: 'MULTIVALUE',
        dnsRecords: [{ type: this.recordType, ttl: props.dnsTtlSeconds ?? 10 }],
      },
      healthCheckCustomConfig: {},
    });
  }
}
