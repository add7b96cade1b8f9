import { Fn } from 'cdktf';
import { ContainerInsights } from '../../modules/account';
import { EcsCluster, EcsOptimizedAmi, ICapacityProvider } from '../../modules/compute';
import { listArg, newTestStack, resourcesOfType, synthToDir } from '../support/synth';
import { fakeNetwork, newCluster, only } from './fixtures';
import { thrownValidationError } from '../support/problem-matcher';

describe('EcsCluster', () => {
  test('defines a cluster with Container Insights enabled and ECS Exec logging to a log group kept 30 days', () => {
    const { app, stack } = newTestStack();
    const cluster = newCluster(stack);
    const { json } = synthToDir(app);
    const c = only(resourcesOfType(json, 'aws_ecs_cluster'));
    const logs = only(resourcesOfType(json, 'aws_cloudwatch_log_group'));
    expect(c.name).toBe('seed');
    expect(c.setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    expect(c).toHaveProperty('configuration.execute_command_configuration', {
      logging: 'OVERRIDE',
      log_configuration: {
        cloud_watch_log_group_name: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..*\.name\}$/),
        cloud_watch_encryption_enabled: false,
      },
    });
    expect(logs).toMatchObject({ name: '/aws/ecs/seed/exec', retention_in_days: 365 });
    expect(logs.kms_key_id).toBeUndefined();
    expect(cluster.clusterName).toBe('seed');
    expect(cluster.network.privateSubnets).toHaveLength(2);
  });

  test.each([ContainerInsights.ENHANCED, ContainerInsights.DISABLED])('sets Container Insights to %s', (level) => {
    const { app, stack } = newTestStack();
    newCluster(stack, { containerInsights: level });
    expect(only(resourcesOfType(synthToDir(app).json, 'aws_ecs_cluster')).setting).toEqual([
      { name: 'containerInsights', value: level },
    ]);
  });

  test('encrypts ECS Exec sessions and their log group with the given KMS key, with the given retention', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-0000-0000-000000000000';
    const { app, stack } = newTestStack();
    newCluster(stack, { execKmsKeyArn: key, execLogRetentionDays: 90, tags: { team: 'seed' } });
    const { json } = synthToDir(app);
    const c = only(resourcesOfType(json, 'aws_ecs_cluster'));
    expect(c).toHaveProperty('configuration.execute_command_configuration.kms_key_id', key);
    expect(c).toHaveProperty(
      'configuration.execute_command_configuration.log_configuration.cloud_watch_encryption_enabled',
      true,
    );
    expect(only(resourcesOfType(json, 'aws_cloudwatch_log_group'))).toMatchObject({
      kms_key_id: key,
      retention_in_days: 90,
      tags: { team: 'seed' },
    });
    expect(c.tags).toEqual({ team: 'seed' });
  });

  test('associates no capacity provider while it has none', () => {
    const { app, stack } = newTestStack();
    const cluster = newCluster(stack);
    const assoc = only(resourcesOfType(synthToDir(app).json, 'aws_ecs_cluster_capacity_providers'));
    expect(assoc.capacity_providers).toEqual([]);
    expect(assoc.default_capacity_provider_strategy).toEqual([]);
    expect(assoc.cluster_name).toMatch(/^\$\{aws_ecs_cluster\..*\.name\}$/);
    expect(cluster.capacityProviders).toEqual([]);
    expect(cluster.defaultCapacityProviderStrategy).toEqual([]);
  });

  test('associates every capacity provider by reference, with the first one as the default strategy', () => {
    const { app, stack } = newTestStack();
    const cluster = newCluster(stack);
    const a = cluster.addCapacityProvider('a', { instanceType: 'c5.large', maxSize: 2 });
    const b = cluster.addCapacityProvider('b', { instanceType: 'c7g.large', maxSize: 2 });
    const assoc = only(resourcesOfType(synthToDir(app).json, 'aws_ecs_cluster_capacity_providers'));
    expect(assoc.capacity_providers).toEqual([
      expect.stringMatching(/^\$\{aws_ecs_capacity_provider\.cluster_a_capacity-provider_[0-9A-F]+\.name\}$/),
      expect.stringMatching(/^\$\{aws_ecs_capacity_provider\.cluster_b_capacity-provider_[0-9A-F]+\.name\}$/),
    ]);
    expect(assoc.default_capacity_provider_strategy).toEqual([
      { capacity_provider: listArg(assoc, 'capacity_providers')[0], weight: 1, base: 0 },
    ]);
    expect(cluster.capacityProviders).toEqual([a, b]);
  });

  test('uses the default strategy given with addDefaultCapacityProviderStrategy', () => {
    const { app, stack } = newTestStack();
    const cluster = newCluster(stack);
    const a = cluster.addCapacityProvider('a', { instanceType: 'c5.large', maxSize: 2 });
    const b = cluster.addCapacityProvider('b', { instanceType: 'c7g.large', maxSize: 2 });
    cluster.addDefaultCapacityProviderStrategy([
      { capacityProvider: a, base: 2, weight: 1 },
      { capacityProvider: b, weight: 3 },
    ]);
    const assoc = only(resourcesOfType(synthToDir(app).json, 'aws_ecs_cluster_capacity_providers'));
    expect(assoc.default_capacity_provider_strategy).toEqual([
      { capacity_provider: listArg(assoc, 'capacity_providers')[0], weight: 1, base: 2 },
      { capacity_provider: listArg(assoc, 'capacity_providers')[1], weight: 3, base: 0 },
    ]);
  });
});

describe('EcsCluster checks and default strategy', () => {
  test('fails with every problem of its props at once', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(
      () =>
        new EcsCluster(stack, 'cluster', {
          clusterName: 'seed cluster',
          network: fakeNetwork(),
          execLogRetentionDays: 10,
          containerInsights: 'on' as ContainerInsights,
        }),
    );
    expect(e.problems.map((p) => p.code)).toEqual([
      'COMPUTE_CLUSTER_NAME_INVALID',
      'COMPUTE_LOG_RETENTION_INVALID',
      'COMPUTE_CONTAINER_INSIGHTS_INVALID',
    ]);
    expect(e.message).toContain('EcsCluster.clusterName: received "seed cluster"');
    expect(e.message).toContain('EcsCluster.execLogRetentionDays: received 10; allowed: 1, 3, 5, 7, 14, 30');
    expect(e.message).toContain('EcsCluster.containerInsights: received "on"');
  });

  test('skips the name check for a name known only at apply time', () => {
    const { stack } = newTestStack();
    expect(
      () => new EcsCluster(stack, 'cluster', { clusterName: Fn.lower('SEED'), network: fakeNetwork() }),
    ).not.toThrow();
  });

  test('fails when two capacity providers share a name', () => {
    const { stack } = newTestStack();
    const cluster = newCluster(stack);
    cluster.addCapacityProvider('a', { instanceType: 'c5.large', maxSize: 2, capacityProviderName: 'seed-linux' });
    const e = thrownValidationError(() =>
      cluster.addCapacityProvider('b', { instanceType: 'c5.large', maxSize: 2, capacityProviderName: 'seed-linux' }),
    );
    expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_DUPLICATE');
    expect(e.message).toContain('"seed-linux"');
    expect(e.message).toContain('Rename one of a and b');
  });

  describe('default capacity provider strategy', () => {
    function twoProviders() {
      const { stack } = newTestStack();
      const cluster = newCluster(stack);
      const linux = cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 2 });
      const windows = cluster.addCapacityProvider('windows', {
        instanceType: 'm5.large',
        maxSize: 2,
        machineImage: EcsOptimizedAmi.windowsServer2022(),
      });
      return { cluster, linux, windows };
    }

    test('fails for a capacity provider of another cluster', () => {
      const { stack } = newTestStack();
      const cluster = newCluster(stack);
      const foreign: ICapacityProvider = {
        ...cluster.addCapacityProvider('a', { instanceType: 'c5.large', maxSize: 1 }),
      };
      const e = thrownValidationError(() =>
        cluster.addDefaultCapacityProviderStrategy([{ capacityProvider: foreign }]),
      );
      expect(e.code).toBe('COMPUTE_STRATEGY_PROVIDER_UNKNOWN');
      expect(e.path).toBe('EcsCluster.defaultCapacityProviderStrategy[0].capacityProvider');
      expect(e.message).toContain('"seed-a"');
    });

    test('fails for weights and bases out of range, a base given twice, or no weight at all', () => {
      const { stack } = newTestStack();
      const cluster = newCluster(stack);
      const a = cluster.addCapacityProvider('a', { instanceType: 'c5.large', maxSize: 1 });
      const b = cluster.addCapacityProvider('b', { instanceType: 'c5.xlarge', maxSize: 1 });
      const e = thrownValidationError(() =>
        cluster.addDefaultCapacityProviderStrategy([
          { capacityProvider: a, weight: 1001, base: 1 },
          { capacityProvider: b, weight: 0.5, base: -1 },
        ]),
      );
      expect(e.problems.map((p) => p.code)).toEqual([
        'COMPUTE_STRATEGY_WEIGHT_INVALID',
        'COMPUTE_STRATEGY_WEIGHT_INVALID',
        'COMPUTE_STRATEGY_BASE_INVALID',
      ]);
      expect(e.message).toContain('[1].weight: received 0.5; allowed: an integer from 0 to 1000');
      const twice = thrownValidationError(() =>
        cluster.addDefaultCapacityProviderStrategy([
          { capacityProvider: a, base: 1 },
          { capacityProvider: b, base: 2 },
        ]),
      );
      expect(twice.code).toBe('COMPUTE_STRATEGY_BASE_TWICE');
      expect(twice.fix).toContain('one capacity provider');
      const zero = thrownValidationError(() =>
        cluster.addDefaultCapacityProviderStrategy([{ capacityProvider: a, weight: 0 }]),
      );
      expect(zero.code).toBe('COMPUTE_STRATEGY_WEIGHT_ZERO');
      expect(zero.message).toContain('"weight":0');
    });

    test('fails when a capacity provider is named twice', () => {
      const { stack } = newTestStack();
      const cluster = newCluster(stack);
      const a = cluster.addCapacityProvider('a', { instanceType: 'c5.large', maxSize: 1 });
      cluster.addDefaultCapacityProviderStrategy([{ capacityProvider: a }]);
      const e = thrownValidationError(() =>
        cluster.addDefaultCapacityProviderStrategy([{ capacityProvider: a, weight: 2 }]),
      );
      expect(e.code).toBe('COMPUTE_STRATEGY_DUPLICATE');
      expect(e.message).toContain('Name "seed-a" once');
    });

    test('fails when it mixes Linux and Windows capacity', () => {
      const { cluster, linux, windows } = twoProviders();
      const e = thrownValidationError(() =>
        cluster.addDefaultCapacityProviderStrategy([{ capacityProvider: linux }, { capacityProvider: windows }]),
      );
      expect(e.code).toBe('COMPUTE_STRATEGY_MIXED_OS');
      expect(e.message).toContain('"osFamily":"WINDOWS"');
      expect(e.fix).toContain('one OS family');
    });
  });
});
