/**
 * Cloud Map service discovery: a discovery service with A records for awsvpc tasks (each task has its
 * own address) or SRV records for bridge and host tasks (address and port of the instance), in a
 * private DNS namespace shared by every service of the stack that names it (see
 * `PrivateDnsNamespace`), or in an existing one.
 */
import { Construct } from 'constructs';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { describeValue, isUnresolved, type Problem } from '../core';
import type { INetwork } from '../network/network-ref';
import { NetworkMode } from '../core/network-mode';
import { checkNamespaceName, PrivateDnsNamespace } from './private-dns-namespace';

export interface ServiceDiscoveryOptions {
  /**
   * The private DNS namespace of this name in the VPC, e.g. `demo.internal`: shared by every service
   * of the stack that names it, created at the stack level by the first (`PrivateDnsNamespace.of`).
   * Exactly one of `namespaceName`, `namespace` and `namespaceId`.
   * @default - none
   */
  readonly namespaceName?: string;
  /**
   * A namespace created with `new PrivateDnsNamespace(...)` (in the service's VPC).
   * @default - none
   */
  readonly namespace?: PrivateDnsNamespace;
  /**
   * A private DNS namespace made elsewhere (id `ns-...`, or a reference).
   * @default - none
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

/**
 * Every problem of the options. `network` (the service's) is compared with the namespace's, when
 * both VPC ids are known.
 */
export function checkServiceDiscoveryOptions(
  o: ServiceDiscoveryOptions,
  serviceName: string,
  path: string,
  network?: INetwork,
): Problem[] {
  const out: Problem[] = [];
  const given = [o.namespaceName, o.namespace, o.namespaceId].filter((v) => v !== undefined).length;
  if (given !== 1) {
    out.push({
      code: 'SERVICE_DISCOVERY_NAMESPACE_INVALID',
      path: `${path}.namespaceName`,
      received: `namespaceName ${describeValue(o.namespaceName)}, namespace ${o.namespace?.node.path ?? 'undefined'}, namespaceId ${describeValue(o.namespaceId)}`,
      allowed:
        "exactly one of namespaceName (the stack's shared namespace of that name), namespace (a PrivateDnsNamespace) and namespaceId (one made elsewhere)",
      fix: 'e.g. namespaceName: "demo.internal"',
    });
  }
  if (o.namespaceName !== undefined) out.push(...checkNamespaceName(o.namespaceName, `${path}.namespaceName`));
  if (o.namespaceName !== undefined && isUnresolved(o.namespaceName)) {
    out.push({
      code: 'SERVICE_DISCOVERY_NAMESPACE_NAME_UNRESOLVED',
      path: `${path}.namespaceName`,
      received: 'a name only known at apply time',
      allowed: "a literal DNS name: the shared namespace's Terraform address is derived from it",
      fix: 'create the namespace with new PrivateDnsNamespace(scope, id, { network, name }) and pass it as namespace',
    });
  }
  const nsVpc = o.namespace?.network.vpcId;
  if (
    network &&
    nsVpc !== undefined &&
    o.namespace!.network !== network &&
    !isUnresolved(nsVpc) &&
    !isUnresolved(network.vpcId) &&
    nsVpc !== network.vpcId
  ) {
    out.push({
      code: 'SERVICE_DISCOVERY_NAMESPACE_OTHER_VPC',
      path: `${path}.namespace`,
      received: `${o.namespace!.node.path} in ${nsVpc}`,
      allowed: `a namespace of the service's VPC ${network.vpcId} (a private DNS namespace resolves only in its own VPC)`,
      fix: "create the namespace with the cluster's network",
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
  /** The namespace the service is registered in, unless given by `namespaceId`. */
  public readonly namespace?: PrivateDnsNamespace;
  public readonly namespaceId: string;
  public readonly service: ServiceDiscoveryService;
  /** `A` for awsvpc, `SRV` for bridge and host. */
  public readonly recordType: string;

  constructor(scope: Construct, id: string, props: ServiceDiscoveryProps) {
    super(scope, id);
    if (props.namespace !== undefined || props.namespaceName !== undefined) {
      this.namespace =
        props.namespace ??
        PrivateDnsNamespace.of(this, props.network, props.namespaceName!, 'Ec2Service.serviceDiscovery.namespaceName');
      this.namespaceId = this.namespace.namespaceId;
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
