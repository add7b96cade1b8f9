/** The default app's services with `serviceDiscovery: true` share the library's one namespace `<namePrefix>.local`. */
import { synthDefaultApp } from '../reliability/support/default-app';
import { valueAt } from '../support/synth';

describe('PlatformStack service discovery', () => {
  test('two services with discovery register in one namespace <namePrefix>.local', () => {
    const platform = synthDefaultApp({
      services: [
        { name: 'web', serviceDiscovery: true },
        { name: 'api', serviceDiscovery: true, networkMode: 'bridge' },
      ],
    }).stacks.get('lab-platform')!;
    const namespaces = platform.resource!.aws_service_discovery_private_dns_namespace!;
    expect(Object.keys(namespaces)).toEqual([
      expect.stringMatching(/^discovery-namespace-lab-local_namespace_[0-9A-F]{8}$/),
    ]);
    expect(Object.values(namespaces)[0]).toMatchObject({ name: 'lab.local' });
    const registered = Object.values(platform.resource!.aws_service_discovery_service!).map((s) =>
      valueAt(s, 'dns_config', 'namespace_id'),
    );
    expect(registered).toEqual([expect.stringContaining('discovery-namespace-lab-local_namespace_'), registered[0]]);
    expect(
      Object.values(platform.resource!.aws_service_discovery_service!)
        .map((s) => valueAt(s, 'dns_config', 'dns_records', 0, 'type'))
        .sort(),
    ).toEqual(['A', 'SRV']);
  });

  test('no namespace when no service asks for discovery', () => {
    expect(
      synthDefaultApp({}).stacks.get('lab-platform')!.resource!.aws_service_discovery_private_dns_namespace,
    ).toBeUndefined();
  });
});
