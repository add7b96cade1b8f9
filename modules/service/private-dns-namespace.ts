/**
 * A Cloud Map private DNS namespace, shared by the services that name it.
 *
 * Cloud Map allows one private DNS namespace of a name per VPC: a second `aws_service_discovery_private_dns_namespace`
 * of the same name in the same VPC fails at apply. So a namespace is a stack-level thing, not a
 * service's: `PrivateDnsNamespace.of(scope, network, name)` returns the one namespace of that name and
 * network in the stack, creating it on first use with an id derived from the name
 * (`discovery-namespace-demo-internal`), so its Terraform address does not depend on which service
 * asked first, and removing that service never replaces it. Services given
 * `serviceDiscovery: { namespaceName }` use it; a namespace created with `new PrivateDnsNamespace(...)`
 * is found by them too.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { describeValue, isUnresolved, ValidationError, type Problem } from '../core';
import type { INetwork } from '../network/network-ref';

export interface PrivateDnsNamespaceProps {
  /** The network whose VPC the namespace's hosted zone is associated with. */
  readonly network: INetwork;
  /** The namespace's DNS name, e.g. `demo.internal`. Services are found at `<service>.<name>`. */
  readonly name: string;
  /**
   * Description of the namespace.
   * @default 'Service discovery in <name>'
   */
  readonly description?: string;
  /** @default - none */
  readonly tags?: { readonly [key: string]: string };
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Problems of a namespace DNS name at `path` (tokens pass). */
export function checkNamespaceName(name: string, path: string): Problem[] {
  if (isUnresolved(name) || DNS_NAME.test(name)) return [];
  return [
    {
      code: 'SERVICE_DISCOVERY_NAMESPACE_INVALID',
      path,
      received: describeValue(name),
      allowed: 'a DNS domain name such as demo.internal',
      fix: 'use letters, digits and hyphens in dot-separated labels',
    },
  ];
}

/** The namespaces of each stack, to find one by VPC and name. */
const registry = new WeakMap<TerraformStack, PrivateDnsNamespace[]>();

function namespacesOf(stack: TerraformStack): PrivateDnsNamespace[] {
  let list = registry.get(stack);
  if (!list) {
    list = [];
    registry.set(stack, list);
  }
  return list;
}

/** DNS names compare without case and without a trailing dot. */
function sameName(a: string, b: string): boolean {
  return a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();
}

export class PrivateDnsNamespace extends Construct {
  /**
   * The namespace `name` of `network`'s VPC in `scope`'s stack: the one already there (made by this
   * method or with `new PrivateDnsNamespace`), or a new one at the stack level with the id
   * `discovery-namespace-<name with dots as dashes>`. `path` locates the caller in error messages.
   */
  public static of(
    scope: Construct,
    network: INetwork,
    name: string,
    path = 'PrivateDnsNamespace.of(scope, network, name)',
  ): PrivateDnsNamespace {
    const stack = TerraformStack.of(scope);
    const problems = checkNamespaceName(name, path);
    if (isUnresolved(name)) {
      problems.push({
        code: 'SERVICE_DISCOVERY_NAMESPACE_NAME_UNRESOLVED',
        path,
        received: 'a name only known at apply time',
        allowed: "a literal DNS name: the shared namespace's Terraform address is derived from it",
        fix: 'create the namespace with new PrivateDnsNamespace(scope, id, { network, name }) and pass it as serviceDiscovery.namespace',
      });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const same = namespacesOf(stack).filter((n) => !isUnresolved(n.namespaceName) && sameName(n.namespaceName, name));
    const found = same.find((n) => n.network === network || n.network.vpcId === network.vpcId);
    if (found) return found;
    const id = `discovery-namespace-${name.replace(/\.$/, '').toLowerCase().replace(/\./g, '-')}`;
    const taken = stack.node.tryFindChild(id);
    if (taken !== undefined) {
      throw new ValidationError({
        code: 'SERVICE_DISCOVERY_NAMESPACE_AMBIGUOUS',
        path,
        received: `${describeValue(name)} in another network than ${taken.node.path}`,
        allowed:
          'one shared namespace of a name per stack; namespaces of one name in several VPCs are created explicitly',
        fix: 'create one with new PrivateDnsNamespace(scope, id, { network, name }) per network and pass it as serviceDiscovery.namespace',
      });
    }
    return new PrivateDnsNamespace(stack, id, { network, name });
  }

  /** The `aws_service_discovery_private_dns_namespace` resource. */
  public readonly resource: ServiceDiscoveryPrivateDnsNamespace;
  /** The namespace id (`ns-...`, a token). */
  public readonly namespaceId: string;
  /** The namespace ARN (a token). */
  public readonly namespaceArn: string;
  /** The DNS name, as given. */
  public readonly namespaceName: string;
  /** The network whose VPC it serves. */
  public readonly network: INetwork;

  constructor(scope: Construct, id: string, props: PrivateDnsNamespaceProps) {
    super(scope, id);
    const problems = checkNamespaceName(props.name, 'PrivateDnsNamespace.name');
    const stack = TerraformStack.of(this);
    const twin = isUnresolved(props.name)
      ? undefined
      : namespacesOf(stack).find(
          (n) =>
            !isUnresolved(n.namespaceName) &&
            sameName(n.namespaceName, props.name) &&
            (n.network === props.network || n.network.vpcId === props.network.vpcId),
        );
    if (twin) {
      problems.push({
        code: 'SERVICE_DISCOVERY_NAMESPACE_DUPLICATE',
        path: 'PrivateDnsNamespace.name',
        received: `${describeValue(props.name)}, already the name of ${twin.node.path} in the same VPC`,
        allowed: 'one private DNS namespace of a name per VPC (Cloud Map refuses a second at apply)',
        fix: `use the existing namespace (PrivateDnsNamespace.of(scope, network, ${JSON.stringify(props.name)}), or pass it as serviceDiscovery.namespace)`,
      });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    this.network = props.network;
    this.namespaceName = props.name;
    this.resource = new ServiceDiscoveryPrivateDnsNamespace(this, 'namespace', {
      name: props.name,
      vpc: props.network.vpcId,
      description: props.description ?? `Service discovery in ${props.name}`,
      tags: props.tags,
    });
    this.namespaceId = this.resource.id;
    this.namespaceArn = this.resource.arn;
    namespacesOf(stack).push(this);
  }
}
