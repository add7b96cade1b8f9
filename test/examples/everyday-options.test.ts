/**
 * examples/everyday-options: issue 15's "Done when", on the example a platform team would write.
 * Every option appears in the synthesized stack as the Terraform block of the AWS provider 5.100
 * schema that carries it, and the capacity report accounts for the daemon, the weighted strategy
 * and the Spot group. (terraform validate and terraform test of the stack: synth-examples.test.ts.)

 */
import { BudgetStatus, EniCapacity } from '../../modules/capacity';
import { build } from '../../examples/everyday-options/main';
import type { EverydayPlatform } from '../../examples/everyday-options/platform';
import { listArg, resourcesOfType, type TerraformBlock, TerraformJson, valueAt } from '../support/synth';
import { annotations, synthesizeApp, SynthesizedApp } from './support';

const STACK = 'everyday-options';

/** Loose Terraform JSON value: nested blocks are objects or lists of objects. */
type Block = TerraformBlock;

/** A nested block as a list (cdktf writes a single block as an object, repeated blocks as a list). */
function blocks(value: unknown): Block[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Block[];
}

/** The resources of `type` (their values). */
function all(json: TerraformJson, type: string): Block[] {
  return Object.values(resourcesOfType(json, type)) as Block[];
}

/** The container definitions of every task definition, parsed. */
function containers(json: TerraformJson): Block[] {
  return all(json, 'aws_ecs_task_definition').flatMap(
    (td) => JSON.parse(td.container_definitions as string) as Block[],
  );
}

/** The resource `${type.name.attr}` points at, or undefined. */
function referenced(json: TerraformJson, reference: unknown): Block | undefined {
  const m = /^\$\{([a-z0-9_]+)\.([^.}]+)\./.exec(String(reference));
  return m ? (resourcesOfType(json, m[1]!)[m[2]!] as Block | undefined) : undefined;
}

describe('examples/everyday-options: the platform', () => {
  let platform: EverydayPlatform;
  let out: SynthesizedApp;
  beforeAll(() => {
    out = synthesizeApp((app) => {
      platform = build(app);
    });
  });

  test('is one stack on one cluster whose default capacity is on-demand c5.large with trunking', () => {
    const json = out.json(STACK);
    expect(all(json, 'aws_ecs_cluster').map((c) => c.name)).toEqual(['everyday']);
    const report = platform.cluster.capacityReport();
    expect(report.capacityProviders.find((p) => p.capacityProvider === 'everyday-on-demand')).toMatchObject({
      instanceType: 'c5.large',
      trunkingEffective: true,
      tasksPerInstance: 10,
      maxInstances: 6,
    });
  });

  test('synthesizes without a warning or an error annotation', () => {
    expect(annotations(out.app, 'error')).toEqual([]);
    expect(annotations(out.app, 'warn')).toEqual([]);
  });
});

let synthesized: { platform: EverydayPlatform; json: TerraformJson } | undefined;
/** The example with its parts, synthesized once for both describes below. */
function withParts(): { platform: EverydayPlatform; json: TerraformJson } {
  if (!synthesized) {
    let platform: EverydayPlatform | undefined;
    const out = synthesizeApp((app) => {
      platform = build(app);
    });
    synthesized = { platform: platform!, json: out.json(STACK) };
  }
  return synthesized;
}
const services = () => all(withParts().json, 'aws_ecs_service');
const serviceWith = (attribute: string) => services().filter((s) => blocks(s[attribute]).length > 0);

// Issue 15's parts: enable both describes after merging storage.ts, workers.ts and traffic.ts (see the header).
describe('examples/everyday-options: every option as its Terraform block (issue 15, "Done when")', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = withParts().json;
  });

  describe('services (aws_ecs_service)', () => {
    test('placement: ordered_placement_strategy (spread, binpack or random) and placement_constraints', () => {
      const strategies = serviceWith('ordered_placement_strategy').flatMap((s) => blocks(s.ordered_placement_strategy));
      expect(strategies.map((s) => s.type)).toEqual(expect.arrayContaining(['spread']));
      expect(strategies.every((s) => ['spread', 'binpack', 'random'].includes(String(s.type)))).toBe(true);
      const constraints = serviceWith('placement_constraints').flatMap((s) => blocks(s.placement_constraints));
      expect(constraints.length).toBeGreaterThanOrEqual(1);
      for (const c of constraints) {
        expect(['distinctInstance', 'memberOf']).toContain(c.type);
        if (c.type === 'memberOf') expect(c.expression).toMatch(/\S/);
      }
    });

    test('a daemon: scheduling_strategy DAEMON, with no desired_count and no placement strategy', () => {
      const daemons = services().filter((s) => s.scheduling_strategy === 'DAEMON');
      expect(daemons).toHaveLength(1);
      expect(daemons[0]!.desired_count).toBeUndefined();
      expect(blocks(daemons[0]!.ordered_placement_strategy)).toEqual([]);
      expect(blocks(daemons[0]!.capacity_provider_strategy)).toEqual([]);
    });

    test('a capacity_provider_strategy of several providers with weights, at most one base', () => {
      const weighted = services().filter((s) => blocks(s.capacity_provider_strategy).length > 1);
      expect(weighted.length).toBeGreaterThanOrEqual(1);
      for (const s of weighted) {
        const items = blocks(s.capacity_provider_strategy);
        expect(items.every((i) => typeof i.weight === 'number')).toBe(true);
        expect(items.filter((i) => Number(i.base ?? 0) > 0).length).toBeLessThanOrEqual(1);
      }
    });

    test('Service Connect: service_connect_configuration with a namespace, one client-server service', () => {
      const connected = serviceWith('service_connect_configuration');
      expect(connected.length).toBeGreaterThanOrEqual(2); // a client-server service and its client
      const configs = connected.map((s) => blocks(s.service_connect_configuration)[0]!);
      expect(configs.every((c) => c.enabled === true && c.namespace)).toBe(true);
      const served = configs.flatMap((c) => blocks(c.service));
      expect(served.length).toBeGreaterThanOrEqual(1);
      expect(served.every((s) => typeof s.port_name === 'string' && s.port_name.length > 0)).toBe(true);
    });

    test('deployments: deployment_circuit_breaker with rollback, alarms with rollback', () => {
      const breakers = serviceWith('deployment_circuit_breaker').map((s) => blocks(s.deployment_circuit_breaker)[0]!);
      expect(breakers.some((b) => b.enable === true && b.rollback === true)).toBe(true);
      const alarms = serviceWith('alarms').map((s) => blocks(s.alarms)[0]!);
      expect(alarms.some((a) => a.enable === true && a.rollback === true && listArg(a, 'alarm_names').length > 0)).toBe(
        true,
      );
    });

    test('a task definition CI owns: lifecycle ignore_changes names task_definition', () => {
      const ciOwned = services().filter((s) => {
        const ignored = valueAt(s, 'lifecycle', 'ignore_changes');
        return Array.isArray(ignored) && ignored.includes('task_definition');
      });
      expect(ciOwned.length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('task definitions and containers', () => {
    test("volumes: the daemon log agent's bind mount (host_path), and EFS with transit encryption and IAM", () => {
      const daemon = services().find((s) => s.scheduling_strategy === 'DAEMON');
      const agentTask = daemon && referenced(json, daemon.task_definition);
      if (!agentTask) throw new Error("expected the DAEMON service's aws_ecs_task_definition");
      const bind = blocks(agentTask.volume).filter((v) => typeof v.host_path === 'string');
      expect(bind.length).toBeGreaterThanOrEqual(1);
      const agentMounts = (JSON.parse(agentTask.container_definitions as string) as Block[]).flatMap(
        (c) => (c.mountPoints ?? []) as Block[],
      );
      expect(agentMounts.map((m) => m.sourceVolume)).toEqual(expect.arrayContaining([bind[0]!.name]));
      const volumes = all(json, 'aws_ecs_task_definition').flatMap((td) => blocks(td.volume));
      const efs = volumes.flatMap((v) => blocks(v.efs_volume_configuration));
      expect(efs.length).toBeGreaterThanOrEqual(1);
      expect(efs[0]).toMatchObject({ transit_encryption: 'ENABLED' });
      expect(blocks(efs[0]!.authorization_config)[0]).toMatchObject({ iam: 'ENABLED' });
    });

    test('every mount point names a volume of its task definition', () => {
      expect(containers(json).flatMap((c) => (c.mountPoints ?? []) as Block[]).length).toBeGreaterThanOrEqual(2);
      for (const td of all(json, 'aws_ecs_task_definition')) {
        const names = blocks(td.volume).map((v) => v.name);
        for (const c of JSON.parse(td.container_definitions as string) as Block[]) {
          for (const m of (c.mountPoints ?? []) as Block[]) expect(names).toContain(m.sourceVolume);
        }
      }
    });

    test('secrets (Secrets Manager and SSM) and environmentFiles from S3 in the container definitions', () => {
      const defs = containers(json);
      const secrets = defs.flatMap((c) => (c.secrets ?? []) as Block[]);
      expect(secrets.some((s) => /:secretsmanager:|aws_secretsmanager_secret/.test(String(s.valueFrom)))).toBe(true);
      // An SSM parameter by ARN, by name (same Region: '/path/name'), or through a resource or data source.
      expect(secrets.some((s) => /^\/|:ssm:|aws_ssm_parameter/.test(String(s.valueFrom)))).toBe(true);
      const files = defs.flatMap((c) => (c.environmentFiles ?? []) as Block[]);
      expect(files.length).toBeGreaterThanOrEqual(1);
      expect(files.every((f) => f.type === 's3')).toBe(true);
    });
  });

  describe('capacity (aws_autoscaling_group)', () => {
    test('a Spot group: mixed_instances_policy with an on-demand base, several types, capacity rebalance', () => {
      const spot = all(json, 'aws_autoscaling_group').filter((g) => blocks(g.mixed_instances_policy).length > 0);
      expect(spot).toHaveLength(1);
      const policy = blocks(spot[0]!.mixed_instances_policy)[0]!;
      expect(blocks(policy.instances_distribution)[0]).toHaveProperty('on_demand_percentage_above_base_capacity');
      const overrides = blocks(blocks(policy.launch_template)[0]!.override);
      expect(overrides.length).toBeGreaterThanOrEqual(2);
      expect(spot[0]!.capacity_rebalance).toBe(true);
    });
  });
});

describe('examples/everyday-options: load balancing and scaling as Terraform blocks (issue 15, "Done when")', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = withParts().json;
  });

  describe('load balancing and scaling', () => {
    test('one shared ALB: aws_lb_listener_rule with distinct priorities, host or path conditions', () => {
      const rules = all(json, 'aws_lb_listener_rule');
      expect(rules.length).toBeGreaterThanOrEqual(2);
      const priorities = rules.map((r) => r.priority);
      expect(new Set(priorities).size).toBe(priorities.length);
      for (const r of rules) {
        const conditions = blocks(r.condition);
        expect(conditions.some((c) => blocks(c.host_header).length + blocks(c.path_pattern).length > 0)).toBe(true);
      }
    });

    test('the load balancer: access_logs to S3 and deletion protection; target groups of type ip', () => {
      const lbs = all(json, 'aws_lb');
      expect(lbs.some((lb) => blocks(lb.access_logs).some((l) => l.enabled === true && l.bucket))).toBe(true);
      expect(lbs.some((lb) => lb.enable_deletion_protection === true)).toBe(true);
      expect(all(json, 'aws_lb_target_group').every((tg) => tg.target_type === 'ip')).toBe(true);
    });

    test("other teams' load balancers: a rule on a listener by ARN, a target group by ARN; an NLB over TCP", () => {
      const rules = all(json, 'aws_lb_listener_rule');
      expect(rules.some((r) => String(r.listener_arn).includes('listener/app/platform/'))).toBe(true);
      const registrations = all(json, 'aws_ecs_service').flatMap((s) => blocks(s.load_balancer));
      expect(registrations.some((l) => String(l.target_group_arn).includes('targetgroup/billing/'))).toBe(true);
      const nlb = all(json, 'aws_lb').find((lb) => lb.load_balancer_type === 'network');
      if (!nlb) throw new Error('expected an aws_lb with load_balancer_type network');
      expect(all(json, 'aws_lb_listener').some((l) => l.protocol === 'TCP')).toBe(true);
    });

    test('step scaling: a StepScaling aws_appautoscaling_policy whose alarm is created with it', () => {
      const step = all(json, 'aws_appautoscaling_policy').find((p) => p.policy_type === 'StepScaling');
      if (!step) throw new Error('expected an aws_appautoscaling_policy with policy_type StepScaling');
      expect(blocks(step.step_scaling_policy_configuration).flatMap((c) => blocks(c.step_adjustment))).toHaveLength(2);
      const alarms = all(json, 'aws_cloudwatch_metric_alarm').flatMap((a) => (a.alarm_actions ?? []) as unknown[]);
      expect(alarms.some((action) => String(action).includes('aws_appautoscaling_policy.'))).toBe(true);
    });

    test('a Docker volume (docker_volume_configuration) mounted by its container', () => {
      const tasks = all(json, 'aws_ecs_task_definition').filter((td) =>
        blocks(td.volume).some((v) => blocks(v.docker_volume_configuration).length > 0),
      );
      expect(tasks).toHaveLength(1);
      const mounts = (JSON.parse(tasks[0]!.container_definitions as string) as Block[]).flatMap(
        (c) => (c.mountPoints ?? []) as Block[],
      );
      expect(mounts.map((m) => m.sourceVolume)).toContain('scratch');
    });

    test('scaling: aws_appautoscaling_scheduled_action and an ALBRequestCountPerTarget target', () => {
      expect(all(json, 'aws_appautoscaling_scheduled_action').length).toBeGreaterThanOrEqual(1);
      const metrics = all(json, 'aws_appautoscaling_policy')
        .flatMap((p) => blocks(p.target_tracking_scaling_policy_configuration))
        .flatMap((c) => blocks(c.predefined_metric_specification));
      const requestCount = metrics.filter((m) => m.predefined_metric_type === 'ALBRequestCountPerTarget');
      expect(requestCount).toHaveLength(1);
      expect(requestCount[0]!.resource_label).toMatch(/\$\{aws_lb\.|app\//);
    });
  });
});

describe('examples/everyday-options: the capacity report (issue 15, "Done when")', () => {
  let platform: EverydayPlatform;
  let json: TerraformJson;
  beforeAll(() => {
    ({ platform, json } = withParts());
  });

  describe('the capacity report', () => {
    test('counts the daemon as one task per instance on each capacity provider it runs on', () => {
      const daemon = services().find((s) => s.scheduling_strategy === 'DAEMON');
      if (!daemon) throw new Error('expected an aws_ecs_service with scheduling_strategy DAEMON');
      const rows = platform.cluster
        .capacityReport()
        .capacityProviders.flatMap((p) => p.services.filter((s) => s.service === daemon.name).map((s) => ({ p, s })));
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const { p, s } of rows) expect(s.peakTasks).toBe(p.maxInstances);
    });

    test('splits the weighted service over each provider of its strategy', () => {
      const weighted = services().find((s) => blocks(s.capacity_provider_strategy).length > 1);
      if (!weighted) throw new Error('expected an aws_ecs_service with a capacity_provider_strategy of 2+ items');
      const providers = blocks(weighted.capacity_provider_strategy).map((i) => i.capacity_provider as string);
      const report = platform.cluster.capacityReport();
      const rows = report.capacityProviders.flatMap((p) =>
        p.services.filter((s) => s.service === weighted.name).map((s) => ({ provider: p.capacityProvider, s })),
      );
      expect(rows.length).toBe(providers.length);
      expect(rows.every((r) => r.s.peakTasks > 0 && /weight \d+\/\d+/.test(r.s.formula))).toBe(true);
    });

    test("budgets the Spot group's ENIs by its smallest instance type", () => {
      const [spot] = all(json, 'aws_autoscaling_group').filter((g) => blocks(g.mixed_instances_policy).length > 0);
      if (!spot) throw new Error('expected an aws_autoscaling_group with a mixed_instances_policy');
      const types = blocks(blocks(blocks(spot!.mixed_instances_policy)[0]!.launch_template)[0]!.override).map(
        (o) => o.instance_type as string,
      );
      const provider = all(json, 'aws_ecs_capacity_provider').find(
        (cp) => referenced(json, blocks(cp.auto_scaling_group_provider)[0]!.auto_scaling_group_arn) === spot,
      )!;
      const row = platform.cluster
        .capacityReport()
        .capacityProviders.find((p) => p.capacityProvider === provider.name)!;
      const perType = types.map((t) => {
        const eni = EniCapacity.forInstanceType(t);
        return row.trunkingEffective
          ? (eni.maxTasksWithTrunking ?? eni.maxTasksWithoutTrunking)
          : eni.maxTasksWithoutTrunking;
      });
      expect(row.tasksPerInstance).toBe(Math.min(...perType));
      expect(row.status).toBe(BudgetStatus.OK);
    });

    test('the stack carries its cluster and policy pack, so running the example prints both reports', () => {
      // examples/shared/run-example.ts prints the policy report and capacity table of stacks that
      // have them; then remove 'everyday-options' from PRINTS_NO_REPORT_YET in synth-examples.test.ts.
      const stack = platform.stack as unknown as { cluster?: unknown; policyPack?: unknown };
      expect(stack.cluster).toBe(platform.cluster);
      expect(stack.policyPack).toBeDefined();
    });
  });
});
