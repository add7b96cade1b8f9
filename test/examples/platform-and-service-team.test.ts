/**
 * examples/platform-and-service-team: the platform team's app and a service team's app that builds
 * on it through remote state and the fromAttributes importers.
 */
import * as path from 'path';
import { App } from 'cdktf';
import { PLATFORM_FACTS, PLATFORM_OUTPUTS, PLATFORM_STACK } from '../../examples/platform-and-service-team/contract';
import { build as buildPlatform, PlatformTeamStack } from '../../examples/platform-and-service-team/platform/main';
import { build as buildService, OrdersServiceStack } from '../../examples/platform-and-service-team/service/main';
import { resourcesOfType } from '../support/synth';
import { annotations, appliedSuppressions, documentedSuppressions, synthesizeApp, SynthesizedApp } from './support';

describe('examples/platform-and-service-team', () => {
  let platform: PlatformTeamStack;
  let service: OrdersServiceStack;
  let platformOut: SynthesizedApp;
  let serviceOut: SynthesizedApp;
  beforeAll(() => {
    platformOut = synthesizeApp((app) => {
      platform = buildPlatform(app);
    });
    serviceOut = synthesizeApp((app) => {
      service = buildService(app, { platformStatePath: '../acme-platform/terraform.tfstate' });
    });
  });

  describe("the platform team's app", () => {
    test('defines the network, the shared cluster and capacity provider, and no service', () => {
      const json = platformOut.json(PLATFORM_STACK);
      expect(Object.keys(resourcesOfType(json, 'aws_vpc'))).toHaveLength(1);
      expect(Object.values(resourcesOfType(json, 'aws_ecs_cluster')).map((c) => c.name)).toEqual(['acme-shared']);
      expect(Object.values(resourcesOfType(json, 'aws_ecs_capacity_provider')).map((c) => c.name)).toEqual([
        'acme-general',
      ]);
      expect(resourcesOfType(json, 'aws_ecs_service')).toEqual({});
    });

    test('outputs everything the contract names, and the facts the contract states', () => {
      const outputs = platformOut.json(PLATFORM_STACK).output!;
      expect(Object.keys(outputs).sort()).toEqual(Object.values(PLATFORM_OUTPUTS).sort());
      expect(outputs[PLATFORM_OUTPUTS.capacityProviderInstanceType]!.value).toBe(PLATFORM_FACTS.capacity.instanceType);
      expect(outputs[PLATFORM_OUTPUTS.capacityProviderMaxSize]!.value).toBe(PLATFORM_FACTS.capacity.maxSize);
      expect(outputs[PLATFORM_OUTPUTS.natGatewayMode]!.value).toBe(PLATFORM_FACTS.natGatewayMode);
      expect(outputs[PLATFORM_OUTPUTS.privateSubnetIds]!.value).toHaveLength(PLATFORM_FACTS.availabilityZoneCount);
      expect(outputs[PLATFORM_OUTPUTS.availabilityZones]!.value).toHaveLength(PLATFORM_FACTS.availabilityZoneCount);
      expect(platform.capacityProvider).toMatchObject({
        osFamily: PLATFORM_FACTS.capacity.osFamily,
        architecture: PLATFORM_FACTS.capacity.architecture,
        trunking: PLATFORM_FACTS.capacity.trunking,
      });
    });

    test('passes the policy pack with only the suppressions docs/examples.md lists, and warns of nothing', () => {
      expect(platform.policyPack.violations).toEqual([]);
      expect(platform.policyPack.warnings).toEqual([]);
      expect(appliedSuppressions(platform.policyPack)).toEqual(
        documentedSuppressions('platform-and-service-team/platform'),
      );
      expect(annotations(platformOut.app, 'warn')).toEqual([]);
    });
  });

  describe("the service team's app", () => {
    test("creates none of the platform's resources", () => {
      const json = serviceOut.json('acme-orders');
      for (const type of [
        'aws_vpc',
        'aws_subnet',
        'aws_ecs_cluster',
        'aws_ecs_capacity_provider',
        'aws_autoscaling_group',
      ]) {
        expect(resourcesOfType(json, type)).toEqual({});
      }
      expect(Object.values(resourcesOfType(json, 'aws_ecs_service')).map((s) => s.name)).toEqual(['orders']);
    });

    test("reads the platform's state from the local backend path, and only outputs the platform defines", () => {
      const json = serviceOut.json('acme-orders');
      expect(json.data!.terraform_remote_state).toEqual({
        platform: { backend: 'local', config: { path: '../acme-platform/terraform.tfstate' } },
      });
      const read = new Set(
        [...JSON.stringify(json).matchAll(/data\.terraform_remote_state\.platform\.outputs\.([a-z_]+)/g)].map(
          (m) => m[1],
        ),
      );
      expect([...read].sort()).toEqual([
        'capacity_provider_name',
        'cluster_arn',
        'private_subnet_ids',
        'vpc_cidr_block',
        'vpc_id',
      ]);
      const defined = Object.keys(platformOut.json(PLATFORM_STACK).output!);
      for (const name of read) expect(defined).toContain(name);
    });

    test("defaults the state path to the platform app's local state file in the current folder", () => {
      const app = new App({ outdir: platformOut.app.outdir });
      const stack = buildService(app);
      expect(stack.platform.node.path).toBe('acme-orders/platform');
      const json = JSON.stringify(stack.toTerraform());
      expect(json).toContain(JSON.stringify(path.resolve(`terraform.${PLATFORM_STACK}.tfstate`)));
    });

    test('runs awsvpc tasks as an unprivileged user on a read-only root filesystem', () => {
      const [container] = service.service.taskDefinition.renderContainers();
      expect(container).toMatchObject({
        user: '101',
        readonlyRootFilesystem: true,
        portMappings: [{ containerPort: 8080 }],
      });
      expect(service.service.subnets).toHaveLength(PLATFORM_FACTS.availabilityZoneCount);
    });

    test("checks the service against the platform's capacity at synth time", () => {
      const report = service.cluster.capacityReport();
      const [provider] = report.capacityProviders;
      expect(provider).toMatchObject({
        instanceType: PLATFORM_FACTS.capacity.instanceType,
        maxInstances: PLATFORM_FACTS.capacity.maxSize,
        trunkingEffective: true,
      });
      expect(provider!.services.map((s) => s.service)).toEqual(['orders']);
      expect(report.diagnostics).toEqual([]);
    });

    test('passes the policy pack with only the suppressions docs/examples.md lists, and warns of nothing', () => {
      expect(service.policyPack.violations).toEqual([]);
      expect(service.policyPack.warnings).toEqual([]);
      expect(appliedSuppressions(service.policyPack)).toEqual(
        documentedSuppressions('platform-and-service-team/service'),
      );
      expect(annotations(serviceOut.app, 'warn')).toEqual([]);
    });
  });
});
