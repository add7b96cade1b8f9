/** Plain-object network, cluster and capacity providers for service tests (no other module's constructs). */
import type { ServiceDemand } from '../../modules/capacity';
import type { ICapacityProvider, ICluster } from '../../modules/compute/compute-ref';
import { CpuArchitecture, OsFamily } from '../../modules/core';
import { network, PRIVATE_SUBNETS } from '../security/fixtures';
import type { TerraformBlock } from '../support/synth';

export { network, PRIVATE_SUBNETS, PUBLIC_SUBNETS } from '../security/fixtures';

export function linuxProvider(overrides: Partial<ICapacityProvider> = {}): ICapacityProvider {
  return {
    capacityProviderName: 'demo-linux',
    osFamily: OsFamily.LINUX,
    architecture: CpuArchitecture.X86_64,
    instanceType: 'c5.large',
    maxSize: 4,
    trunking: false,
    subnets: PRIVATE_SUBNETS,
    instanceSecurityGroupId: 'sg-0aaaaaaaaaaaaaaaa',
    ...overrides,
  };
}

export function windowsProvider(overrides: Partial<ICapacityProvider> = {}): ICapacityProvider {
  return linuxProvider({
    capacityProviderName: 'demo-windows',
    osFamily: OsFamily.WINDOWS,
    instanceType: 'm5.large',
    ...overrides,
  });
}

/** A plain-object cluster that records the demand its services report (`demands`). */
export function cluster(overrides: Partial<ICluster> = {}): ICluster & { readonly demands: ServiceDemand[] } {
  const demands: ServiceDemand[] = [];
  const capacityProviders = overrides.capacityProviders ?? [linuxProvider()];
  return {
    clusterName: 'demo',
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
    network: network(),
    capacityProviders,
    defaultCapacityProviderStrategy:
      capacityProviders.length > 0 ? [{ capacityProvider: capacityProviders[0]!, weight: 1, base: 0 }] : [],
    demands,
    addServiceDemand: (d: ServiceDemand) => {
      demands.push(d);
    },
    capacityReport: () => {
      throw new Error('not used by the service tests');
    },
    ...overrides,
  };
}

/** The seeds' nginx task: image nginx, container port 80, memory 512. */
export const NGINX = { name: 'web', image: 'nginx', memory: 512, portMappings: [{ containerPort: 80 }] };
/** The seeds' IIS task (Windows Server Core). */
export const IIS = {
  name: 'iis',
  image: 'mcr.microsoft.com/windows/servercore/iis',
  cpu: 1024,
  memory: 2048,
  portMappings: [{ containerPort: 80 }],
};

/** Warnings (cdktf Annotations) attached anywhere under `scope`. */
export function warningsOf(scope: import('constructs').IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

/** The one resource of `type` in the synthesized JSON (fails when there are several). */
export function single(
  json: { resource?: Record<string, Record<string, TerraformBlock>> },
  type: string,
): TerraformBlock {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0]!;
}
