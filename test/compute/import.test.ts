import * as fc from 'fast-check';
import { DataTerraformRemoteStateLocal, Fn, TerraformStack } from 'cdktf';
import {
  CapacityProviderAttributes,
  CpuArchitecture,
  Ec2CapacityProvider,
  EcsCluster,
  OsFamily,
} from '../../modules/compute';
import { Ec2Service, TaskDefinition } from '../../modules/service';
import { newTestStack, resourcesOfType, synthToDir } from '../support/synth';
import { fakeNetwork } from './fixtures';
import { thrownValidationError } from '../support/problem-matcher';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/shared';

function providerAttrs(overrides: Partial<CapacityProviderAttributes> = {}): CapacityProviderAttributes {
  return {
    capacityProviderName: 'shared-general',
    instanceType: 'c5.large',
    maxSize: 4,
    subnets: fakeNetwork().privateSubnets,
    instanceSecurityGroupId: 'sg-0123456789abcdef0',
    ...overrides,
  };
}

function importProvider(stack: TerraformStack, overrides: Partial<CapacityProviderAttributes> = {}) {
  return Ec2CapacityProvider.fromAttributes(stack, 'capacity', providerAttrs(overrides));
}

describe('Ec2CapacityProvider.fromAttributes', () => {
  test('defines a Linux, trunking provider with the architecture of its instance type by default', () => {
    const { stack } = newTestStack();
    const x86 = importProvider(stack);
    expect(x86).toMatchObject({
      capacityProviderName: 'shared-general',
      instanceType: 'c5.large',
      maxSize: 4,
      osFamily: OsFamily.LINUX,
      architecture: CpuArchitecture.X86_64,
      trunking: true,
      instanceSecurityGroupId: 'sg-0123456789abcdef0',
    });
    expect(x86.subnets.map((s) => s.subnetId)).toEqual(['subnet-0a1b2c3d', 'subnet-0e4f5a6b']);
    const graviton = Ec2CapacityProvider.fromAttributes(
      stack,
      'graviton',
      providerAttrs({ instanceType: 'c7g.large' }),
    );
    expect(graviton.architecture).toBe(CpuArchitecture.ARM64);
  });

  test('defines a Windows provider without trunking', () => {
    const { stack } = newTestStack();
    const windows = importProvider(stack, { osFamily: OsFamily.WINDOWS, instanceType: 'm5.large' });
    expect(windows.trunking).toBe(false);
    expect(windows.osFamily).toBe(OsFamily.WINDOWS);
  });

  test('creates no resources', () => {
    const { app, stack } = newTestStack();
    importProvider(stack);
    const { json } = synthToDir(app);
    expect(json.resource ?? {}).toEqual({});
  });

  test('accepts Terraform references for the name and ids (from remote state)', () => {
    const { stack } = newTestStack();
    const platform = new DataTerraformRemoteStateLocal(stack, 'platform', { path: 'platform.tfstate' });
    const provider = importProvider(stack, {
      capacityProviderName: platform.getString('capacity_provider_name'),
      instanceSecurityGroupId: platform.getString('instance_security_group_id'),
      subnets: [{ subnetId: Fn.element(platform.getList('private_subnet_ids'), 0), availabilityZone: 'us-east-1a' }],
    });
    expect(provider.capacityProviderName).toMatch(/TfToken/);
  });
});

describe('Ec2CapacityProvider.fromAttributes input checks', () => {
  test('fails when the name is reserved by ECS', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() => importProvider(stack, { capacityProviderName: 'ecs-general' }));
    expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED');
    expect(e.path).toBe('Ec2CapacityProvider.fromAttributes.capacityProviderName');
    expect(e.message).toContain('"ecs-general"');
  });

  test('fails when the instance type is malformed', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() => importProvider(stack, { instanceType: 'large' }));
    expect(e.code).toBe('COMPUTE_INSTANCE_TYPE_INVALID');
    expect(e.message).toContain('Ec2CapacityProvider.fromAttributes.instanceType: received "large"');
  });

  test('fails when maxSize is not a whole number of instances', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() => importProvider(stack, { maxSize: 2.5 }));
    expect(e.code).toBe('COMPUTE_ASG_SIZE_INVALID');
    expect(e.message).toContain('maxSize: received 2.5; allowed: an integer from 0 to 10000');
  });

  test('fails when the architecture contradicts the instance type', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      importProvider(stack, { instanceType: 'c7g.large', architecture: CpuArchitecture.X86_64 }),
    );
    expect(e.code).toBe('COMPUTE_IMPORT_ARCHITECTURE_MISMATCH');
    expect(e.message).toContain('"X86_64" with instanceType "c7g.large" (ARM64)');
  });

  test('fails when Windows is said to run on Graviton', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      importProvider(stack, { instanceType: 'm7g.large', osFamily: OsFamily.WINDOWS }),
    );
    expect(e.code).toBe('COMPUTE_IMPORT_ARCHITECTURE_MISMATCH');
    expect(e.message).toContain('X86_64 for Windows instances');
  });

  test('fails when Windows instances are said to trunk', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      importProvider(stack, { instanceType: 'm5.large', osFamily: OsFamily.WINDOWS, trunking: true }),
    );
    expect(e.code).toBe('COMPUTE_TRUNKING_WINDOWS');
    expect(e.message).toContain('ENI trunking is Linux only');
  });

  test('fails when the enums are not members', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      importProvider(stack, { osFamily: 'BSD' as OsFamily, architecture: 'RISCV' as CpuArchitecture }),
    );
    expect(e.problems.map((p) => p.code)).toEqual(['COMPUTE_OS_FAMILY_INVALID', 'COMPUTE_ARCHITECTURE_INVALID']);
    expect(e.message).toContain('received "BSD"; allowed: OsFamily.LINUX, OsFamily.WINDOWS');
  });

  test('fails when it has no subnets', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() => importProvider(stack, { subnets: [] }));
    expect(e.code).toBe('COMPUTE_IMPORT_SUBNETS_EMPTY');
    expect(e.message).toContain('network.privateSubnets');
  });

  test('fails when ids are malformed, and reports every problem at once', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      importProvider(stack, {
        subnets: [{ subnetId: 'subnet-1', availabilityZone: 'us-east-1a' }],
        instanceSecurityGroupId: 'default',
        maxSize: -1,
      }),
    );
    expect(e.problems.map((p) => [p.code, p.path])).toEqual([
      ['COMPUTE_ASG_SIZE_INVALID', 'Ec2CapacityProvider.fromAttributes.maxSize'],
      ['COMPUTE_IMPORT_ID_INVALID', 'Ec2CapacityProvider.fromAttributes.subnets[0].subnetId'],
      ['COMPUTE_IMPORT_ID_INVALID', 'Ec2CapacityProvider.fromAttributes.instanceSecurityGroupId'],
    ]);
    expect(e.message).toContain('received "default"; allowed: a security group id, sg- and 8 or 17 hex digits');
  });

  test('accepts exactly the security group ids of 8 or 17 hex digits (property)', () => {
    const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
    fc.assert(
      fc.property(fc.oneof(hex(8), hex(17)), (digits) => {
        const { stack } = newTestStack();
        expect(importProvider(stack, { instanceSecurityGroupId: `sg-${digits}` }).instanceSecurityGroupId).toBe(
          `sg-${digits}`,
        );
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(hex(12), (digits) => {
        const { stack } = newTestStack();
        expect(
          thrownValidationError(() => importProvider(stack, { instanceSecurityGroupId: `sg-${digits}` })).code,
        ).toBe('COMPUTE_IMPORT_ID_INVALID');
      }),
      { numRuns: 20 },
    );
  });
});

describe('EcsCluster.fromAttributes', () => {
  test('defines a cluster with the given attributes and creates no resources', () => {
    const { app, stack } = newTestStack();
    const network = fakeNetwork();
    const provider = importProvider(stack);
    const cluster = EcsCluster.fromAttributes(stack, 'cluster', {
      clusterName: 'shared',
      clusterArn: ARN,
      network,
      capacityProviders: [provider],
    });
    expect(cluster.clusterName).toBe('shared');
    expect(cluster.clusterArn).toBe(ARN);
    expect(cluster.network).toBe(network);
    expect(cluster.capacityProviders).toEqual([provider]);
    const { json } = synthToDir(app);
    expect(json.resource ?? {}).toEqual({});
  });

  test('has no capacity providers by default', () => {
    const { stack } = newTestStack();
    const cluster = EcsCluster.fromAttributes(stack, 'cluster', {
      clusterName: 'shared',
      clusterArn: ARN,
      network: fakeNetwork(),
    });
    expect(cluster.capacityProviders).toEqual([]);
  });

  test('runs services on an imported cluster and capacity provider, and checks their capacity', () => {
    const { app, stack } = newTestStack();
    const network = fakeNetwork();
    const provider = importProvider(stack);
    const cluster = EcsCluster.fromAttributes(stack, 'cluster', {
      clusterName: 'shared',
      clusterArn: ARN,
      network,
      capacityProviders: [provider],
    });
    const task = new TaskDefinition(stack, 'task', {
      family: 'orders',
      containers: [{ name: 'web', image: 'nginx:1.27', memory: 256, portMappings: [{ containerPort: 80 }] }],
    });
    const service = new Ec2Service(stack, 'service', {
      cluster,
      taskDefinition: task,
      serviceName: 'orders',
      desiredCount: 3,
    });
    expect(service.demand.capacityProvider).toBeUndefined();
    expect(cluster.capacityReport().capacityProviders[0]).toMatchObject({
      capacityProvider: 'shared-general',
      instanceType: 'c5.large',
      maxInstances: 4,
      trunking: true,
      demand: 6,
    });
    const { json } = synthToDir(app);
    const ecsService = Object.values(resourcesOfType(json, 'aws_ecs_service'))[0]!;
    expect(ecsService.cluster).toBe(ARN);
    expect(ecsService.capacity_provider_strategy).toEqual([
      { capacity_provider: 'shared-general', weight: 1, base: 0 },
    ]);
    expect(ecsService.depends_on ?? []).toEqual([]);
  });

  test('accepts Terraform references (from remote state)', () => {
    const { stack } = newTestStack();
    const platform = new DataTerraformRemoteStateLocal(stack, 'platform', { path: 'platform.tfstate' });
    const cluster = EcsCluster.fromAttributes(stack, 'cluster', {
      clusterName: platform.getString('cluster_name'),
      clusterArn: platform.getString('cluster_arn'),
      network: fakeNetwork(),
    });
    expect(cluster.clusterArn).toMatch(/TfToken/);
  });

  test('fails when the name or the ARN is malformed', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      EcsCluster.fromAttributes(stack, 'cluster', {
        clusterName: 'shared cluster',
        clusterArn: 'cluster/shared',
        network: fakeNetwork(),
      }),
    );
    expect(e.problems.map((p) => p.code)).toEqual(['COMPUTE_CLUSTER_NAME_INVALID', 'COMPUTE_IMPORT_ARN_INVALID']);
    expect(e.message).toContain('EcsCluster.fromAttributes.clusterName: received "shared cluster"');
    expect(e.message).toContain('arn:<partition>:ecs:<region>:<12-digit account>:cluster/<name>');
  });

  test('fails when the ARN names another cluster', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      EcsCluster.fromAttributes(stack, 'cluster', {
        clusterName: 'orders',
        clusterArn: ARN,
        network: fakeNetwork(),
      }),
    );
    expect(e.code).toBe('COMPUTE_IMPORT_CLUSTER_ARN_MISMATCH');
    expect(e.message).toContain('ends in cluster/orders');
  });

  test('fails when a capacity provider is given twice', () => {
    const { stack } = newTestStack();
    const a = importProvider(stack);
    const b = Ec2CapacityProvider.fromAttributes(stack, 'again', providerAttrs());
    const e = thrownValidationError(() =>
      EcsCluster.fromAttributes(stack, 'cluster', {
        clusterName: 'shared',
        clusterArn: ARN,
        network: fakeNetwork(),
        capacityProviders: [a, b],
      }),
    );
    expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_DUPLICATE');
    expect(e.path).toBe('EcsCluster.fromAttributes.capacityProviders[1]');
    expect(e.message).toContain('already at capacityProviders[0]');
  });
});
