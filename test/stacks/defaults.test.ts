/**
 * One set of defaults: the constructs carry them, and the default app uses them except where its
 * configuration reference says otherwise, and why.
 *
 * The same platform is built twice, from the default app's configuration (with no values given) and
 * from the constructs with no values given, and each setting is read from both synthesized stacks.
 * Every setting that differs must be listed, with a reason, in the configuration reference's
 * deviations (config-schema.ts `differs(...)`, rendered into README.md); every setting that is the
 * same must not be.
 */
import { EcsCluster } from '../../modules/compute';
import { Network } from '../../modules/network';
import { Ec2Service, TaskDefinition } from '../../modules/service';
import { configDeviations, configJsonSchema } from '../../modules/stacks/config-docs';
import { synthDefaultApp, type TerraformJson } from '../reliability/support/default-app';
import { newTestStack, stringArg, synthJson, type TerraformBlock, valueAt } from '../support/synth';

/** The default app with one service of its own, so that every per-service default applies. */
const APP_CONFIG = {
  services: [{ name: 'web', loadBalancer: {}, autoScaling: { maxCapacity: 4, targetMemoryUtilizationPercent: 60 } }],
};

/** The same platform from the constructs, giving only what they require (and what the config requires). */
function constructsWithDefaults(): TerraformJson {
  const { app, stack } = newTestStack();
  const network = new Network(stack, 'network', {});
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'lab-cluster', network });
  const provider = cluster.addCapacityProvider('capacity-linux', { instanceType: 'c5.large', maxSize: 2 });
  const taskDefinition = new TaskDefinition(stack, 'task-web', {
    family: 'lab-web',
    cpu: 256,
    memoryMiB: 512,
    containers: [
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        essential: true,
        portMappings: [{ containerPort: 80, protocol: 'tcp' }],
      },
    ],
  });
  new Ec2Service(stack, 'service-web', {
    cluster,
    taskDefinition,
    serviceName: 'lab-web',
    capacityProvider: provider,
    loadBalancer: {},
    autoScaling: { minCapacity: 1, maxCapacity: 4, targetMemoryUtilizationPercent: 60 },
  });
  return synthJson(app);
}

function all(json: TerraformJson, type: string): TerraformBlock[] {
  return Object.values(json.resource?.[type] ?? {});
}

function one(json: TerraformJson, type: string, where: (r: TerraformBlock) => boolean = () => true): TerraformBlock {
  const found = all(json, type).filter(where);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

function container(json: TerraformJson): Record<string, unknown> {
  return JSON.parse(stringArg(one(json, 'aws_ecs_task_definition'), 'container_definitions'))[0];
}

/** Configuration key -> how to read the setting it controls from a synthesized platform stack. */
const SETTINGS: Record<string, (json: TerraformJson) => unknown> = {
  'network.vpcCidr': (j) => one(j, 'aws_vpc').cidr_block,
  'network.availabilityZoneCount': (j) => all(j, 'aws_subnet').length,
  'network.natGatewayMode': (j) => all(j, 'aws_nat_gateway').length,
  'network.flowLogs': (j) => all(j, 'aws_flow_log').length,
  'network.flowLogRetentionDays': (j) =>
    one(j, 'aws_cloudwatch_log_group', (g) => /flow-logs$/.test(stringArg(g, 'name'))).retention_in_days,
  'network.endpointServices': (j) => all(j, 'aws_vpc_endpoint').length,
  containerInsights: (j) => one(j, 'aws_ecs_cluster').setting,
  execLogRetentionDays: (j) =>
    one(j, 'aws_cloudwatch_log_group', (g) => /\/exec$/.test(stringArg(g, 'name'))).retention_in_days,
  'capacityProviders[].minSize': (j) => one(j, 'aws_autoscaling_group').min_size,
  'capacityProviders[].managedScaling': (j) =>
    valueAt(one(j, 'aws_ecs_capacity_provider'), 'auto_scaling_group_provider', 'managed_scaling', 'status'),
  'capacityProviders[].targetCapacityPercent': (j) =>
    valueAt(one(j, 'aws_ecs_capacity_provider'), 'auto_scaling_group_provider', 'managed_scaling', 'target_capacity'),
  'capacityProviders[].managedTerminationProtection': (j) =>
    valueAt(one(j, 'aws_ecs_capacity_provider'), 'auto_scaling_group_provider', 'managed_termination_protection'),
  'capacityProviders[].detailedMonitoring': (j) =>
    valueAt(one(j, 'aws_launch_template'), 'monitoring', 'enabled') ?? false,
  'services[].desiredCount': (j) => one(j, 'aws_ecs_service').desired_count,
  'services[].maxHealthyPercent': (j) => one(j, 'aws_ecs_service').deployment_maximum_percent,
  'services[].minHealthyPercent': (j) => one(j, 'aws_ecs_service').deployment_minimum_healthy_percent,
  'services[].enableExecuteCommand': (j) => one(j, 'aws_ecs_service').enable_execute_command ?? false,
  'services[].networkMode': (j) => one(j, 'aws_ecs_task_definition').network_mode,
  'services[].readonlyRootFilesystem': (j) => container(j).readonlyRootFilesystem ?? false,
  'services[].user': (j) => container(j).user,
  'services[].serviceDiscovery': (j) => all(j, 'aws_service_discovery_service').length,
  'services[].loadBalancer.type': (j) => one(j, 'aws_lb').load_balancer_type,
  'services[].loadBalancer.listenerPort': (j) => one(j, 'aws_lb_listener').port,
  'services[].loadBalancer.healthCheckPath': (j) => valueAt(one(j, 'aws_lb_target_group'), 'health_check', 'path'),
  'services[].autoScaling.targetCpuUtilizationPercent': (j) =>
    all(j, 'aws_appautoscaling_policy').filter((p) =>
      /CPU/.test(
        String(
          valueAt(
            p,
            'target_tracking_scaling_policy_configuration',
            'predefined_metric_specification',
            'predefined_metric_type',
          ),
        ),
      ),
    ).length,
  'services[].autoScaling.minCapacity': (j) => one(j, 'aws_appautoscaling_target').min_capacity,
};

describe('one set of defaults', () => {
  let fromApp: TerraformJson;
  let fromConstructs: TerraformJson;
  beforeAll(() => {
    fromApp = synthDefaultApp(APP_CONFIG).stacks.get('lab-platform')!;
    fromConstructs = constructsWithDefaults();
  });

  test('every key the comparison reads is a key of the configuration', () => {
    const keys = new Set<string>();
    const walk = (s: ReturnType<typeof configJsonSchema>, prefix: string) => {
      for (const [name, child] of Object.entries(s.properties ?? {})) {
        const key = prefix ? `${prefix}.${name}` : name;
        keys.add(key);
        walk(child, key);
        if (child.items) walk(child.items, `${key}[]`);
      }
    };
    walk(configJsonSchema(), '');
    expect(Object.keys(SETTINGS).filter((k) => !keys.has(k))).toEqual([]);
  });

  test('the configuration reference lists exactly the settings where the default app differs from the constructs', () => {
    const differing = Object.entries(SETTINGS)
      .filter(([, read]) => JSON.stringify(read(fromApp)) !== JSON.stringify(read(fromConstructs)))
      .map(([key]) => key);
    expect(differing).toContain('services[].desiredCount');
    const documented = configDeviations()
      .map((d) => d.key)
      .filter((k) => k in SETTINGS);
    expect(differing.sort()).toEqual(documented.sort());
  });

  test('each listed difference names the construct prop, its default and a reason', () => {
    for (const { deviation } of configDeviations()) {
      expect(deviation.construct).toMatch(/^[A-Z][A-Za-z0-9]+\.[a-zA-Z]+/);
      expect(deviation.constructDefault.length).toBeGreaterThan(0);
      expect(deviation.reason.length).toBeGreaterThan(40);
    }
  });

  test("log retention is the constructs' one year for flow logs and ECS Exec session logs", () => {
    expect(SETTINGS['network.flowLogRetentionDays']!(fromApp)).toBe(365);
    expect(SETTINGS.execLogRetentionDays!(fromApp)).toBe(365);
  });
});
