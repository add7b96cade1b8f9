/** Services sharing a Cloud Map namespace name share one namespace (modules/service/private-dns-namespace.ts). */
import { TerraformStack } from 'cdktf';
import { Ec2Service, PrivateDnsNamespace, TaskDefinition, type ServiceDiscoveryOptions } from '../../modules/service';

import { newTestStack, resourcesOfType, synthToDir, valueAt } from '../support/synth';
import { cluster, network } from './fixtures';

function service(
  stack: TerraformStack,
  name: string,
  serviceDiscovery: ServiceDiscoveryOptions,
  vpcId?: string,
): Ec2Service {
  const taskDefinition = new TaskDefinition(stack, `task-${name}`, {
    family: name,
    containers: [
      { name, image: 'public.ecr.aws/nginx/nginx:1.27', memory: 256, portMappings: [{ containerPort: 80 }] },
    ],
  });
  const c = vpcId ? cluster({ network: network({ vpcId }) }) : cluster();
  return new Ec2Service(stack, name, { cluster: c, taskDefinition, serviceName: name, serviceDiscovery });
}

describe('PrivateDnsNamespace', () => {
  test('two services given the same namespace name share one namespace, at the stack level', () => {
    const { app, stack } = newTestStack();
    const web = service(stack, 'web', { namespaceName: 'demo.internal' });
    const api = service(stack, 'api', { namespaceName: 'demo.internal' });
    expect(web.serviceDiscovery!.namespace).toBe(api.serviceDiscovery!.namespace);
    const json = synthToDir(app).json;
    const namespaces = resourcesOfType(json, 'aws_service_discovery_private_dns_namespace');
    expect(Object.keys(namespaces)).toEqual([
      expect.stringMatching(/^discovery-namespace-demo-internal_namespace_[0-9A-F]{8}$/),
    ]);
    expect(Object.values(namespaces)[0]).toMatchObject({ name: 'demo.internal', vpc: 'vpc-0123456789abcdef0' });
    const ids = Object.values(resourcesOfType(json, 'aws_service_discovery_service')).map((s) =>
      valueAt(s, 'dns_config', 'namespace_id'),
    );
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(
      /^\$\{aws_service_discovery_private_dns_namespace\.discovery-namespace-demo-internal_namespace_[0-9A-F]{8}\.id\}$/,
    );
  });

  test("the namespace's address does not depend on which service asked first", () => {
    const address = (order: string[]) => {
      const { app, stack } = newTestStack();
      order.forEach((name) => service(stack, name, { namespaceName: 'demo.internal' }));
      return Object.keys(resourcesOfType(synthToDir(app).json, 'aws_service_discovery_private_dns_namespace'));
    };
    expect(address(['web', 'api'])).toEqual(address(['api', 'web']));
    expect(address(['api'])).toEqual(address(['web', 'api']));
  });

  test('names compare as DNS does: without case', () => {
    const { stack } = newTestStack();
    const a = service(stack, 'a', { namespaceName: 'Demo.Internal' });
    const b = service(stack, 'b', { namespaceName: 'demo.internal' });
    expect(a.serviceDiscovery!.namespace).toBe(b.serviceDiscovery!.namespace);
  });

  test('a namespace created explicitly is found by services that name it', () => {
    const { app, stack } = newTestStack();
    const ns = new PrivateDnsNamespace(stack, 'mesh', {
      network: cluster().network,
      name: 'mesh.internal',
      description: 'The mesh',
    });
    const web = service(stack, 'web', { namespaceName: 'mesh.internal' });
    const api = service(stack, 'api', { namespace: ns });
    expect(web.serviceDiscovery!.namespace).toBe(ns);
    expect(api.serviceDiscovery!.namespaceId).toBe(ns.namespaceId);
    const namespaces = Object.entries(
      resourcesOfType(synthToDir(app).json, 'aws_service_discovery_private_dns_namespace'),
    );
    expect(namespaces).toEqual([
      [
        expect.stringMatching(/^mesh_namespace_/),
        expect.objectContaining({ name: 'mesh.internal', description: 'The mesh' }),
      ],
    ]);
  });

  test('different names, and the same name in different stacks, are different namespaces', () => {
    const { app, stack } = newTestStack();
    service(stack, 'web', { namespaceName: 'a.internal' });
    service(stack, 'api', { namespaceName: 'b.internal' });
    const other = new TerraformStack(app, 'other');
    service(other, 'web', { namespaceName: 'a.internal' });
    expect(
      stack.node
        .findAll()
        .filter((c) => c instanceof PrivateDnsNamespace)
        .map((c) => c.node.path),
    ).toEqual(['test/discovery-namespace-a-internal', 'test/discovery-namespace-b-internal']);
    expect(
      other.node
        .findAll()
        .filter((c) => c instanceof PrivateDnsNamespace)
        .map((c) => c.node.path),
    ).toEqual(['other/discovery-namespace-a-internal']);
  });

  describe('fails at synth', () => {
    test('a second namespace of the same name in the same VPC', () => {
      const { stack } = newTestStack();
      service(stack, 'web', { namespaceName: 'demo.internal' });
      expect(
        () => new PrivateDnsNamespace(stack, 'again', { network: cluster().network, name: 'demo.internal' }),
      ).toThrowProblem(
        'SERVICE_DISCOVERY_NAMESPACE_DUPLICATE',
        'test/discovery-namespace-demo-internal',
        'PrivateDnsNamespace.of',
      );
    });

    test('the same name for services of two VPCs in one stack, without explicit namespaces', () => {
      const { stack } = newTestStack();
      service(stack, 'web', { namespaceName: 'demo.internal' });
      expect(() => service(stack, 'api', { namespaceName: 'demo.internal' }, 'vpc-0fedcba9876543210')).toThrowProblem(
        'SERVICE_DISCOVERY_NAMESPACE_AMBIGUOUS',
        'Ec2Service.serviceDiscovery.namespaceName',
        'new PrivateDnsNamespace',
      );
    });

    test('a namespace of another VPC', () => {
      const { stack } = newTestStack();
      const ns = new PrivateDnsNamespace(stack, 'ns', {
        network: network({ vpcId: 'vpc-0fedcba9876543210' }),
        name: 'x.internal',
      });
      expect(() => service(stack, 'web', { namespace: ns })).toThrowProblem(
        'SERVICE_DISCOVERY_NAMESPACE_OTHER_VPC',
        'vpc-0fedcba9876543210',
        'vpc-0123456789abcdef0',
      );
    });

    test('more than one of namespaceName, namespace and namespaceId', () => {
      const { stack } = newTestStack();
      const ns = new PrivateDnsNamespace(stack, 'ns', { network: cluster().network, name: 'x.internal' });
      expect(() => service(stack, 'web', { namespace: ns, namespaceId: 'ns-abc123' })).toThrowProblem(
        'SERVICE_DISCOVERY_NAMESPACE_INVALID',
        'exactly one of namespaceName',
      );
    });

    test('a bad name', () => {
      const { stack } = newTestStack();
      expect(
        () => new PrivateDnsNamespace(stack, 'ns', { network: cluster().network, name: 'demo..internal' }),
      ).toThrowProblem('SERVICE_DISCOVERY_NAMESPACE_INVALID', 'PrivateDnsNamespace.name', '"demo..internal"');
    });
  });
});
