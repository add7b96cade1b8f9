/**
 * Reads the compute part of the topology: capacity providers, Auto Scaling groups (instance types and
 * task capacity), ECS clusters and services (where their tasks run, their load balancer targets).
 */
import {
  block,
  blocks,
  compareText,
  isExpression,
  isObject,
  JsonObject,
  literalBoolean,
  literalNumber,
  literalString,
  ResourceEntry,
  shortExpression,
} from './terraform-json';
import { arrayOf, isDefined, optional, TopologyContext, unique } from './topology-context';
import { AutoScalingGroupModel, EcsClusterModel, ServiceModel } from './topology-model';

export function readCapacityProviders(ctx: TopologyContext): Map<string, { name: string; asgKey?: string }> {
  const providers = new Map<string, { name: string; asgKey?: string }>();
  for (const e of ctx.index.all('aws_ecs_capacity_provider')) {
    const asg = ctx.index.resolveOne(
      block(e.body.auto_scaling_group_provider)?.auto_scaling_group_arn,
      'aws_autoscaling_group',
    );
    providers.set(e.address, { name: ctx.nameOf(e), ...optional('asgKey', asg?.address) });
  }
  return providers;
}

export function readAutoScalingGroups(
  ctx: TopologyContext,
  providers: Map<string, { name: string; asgKey?: string }>,
): { model: AutoScalingGroupModel }[] {
  return ctx.index.all('aws_autoscaling_group').map((e) => {
    const { types, securityGroups } = instanceTypesOf(ctx, e);
    const perType = types.map((t) => ctx.facts.tasksPerInstance?.[t]);
    const tasksPerInstance = perType.length > 0 && perType.every(isDefined) ? Math.min(...perType) : undefined;
    const maxSize = literalNumber(e.body.max_size);
    const cps = [...providers.values()]
      .filter((p) => p.asgKey === e.address)
      .map((p) => p.name)
      .sort(compareText);
    return {
      model: {
        key: e.address,
        name: ctx.nameOf(e),
        instanceTypes: types,
        ...optional('minSize', literalNumber(e.body.min_size)),
        ...optional('maxSize', maxSize),
        ...optional('desiredCapacity', literalNumber(e.body.desired_capacity)),
        ...optional('tasksPerInstance', tasksPerInstance),
        ...optional(
          'maxTasks',
          tasksPerInstance !== undefined && maxSize !== undefined ? tasksPerInstance * maxSize : undefined,
        ),
        subnetKeys: ctx.subnetKeys(e.body.vpc_zone_identifier),
        securityGroupKeys: securityGroups,
        capacityProviderNames: cps,
      },
    };
  });
}

export function readClusters(
  ctx: TopologyContext,
  providers: Map<string, { name: string }>,
): { model: EcsClusterModel; defaultStrategy: string[] }[] {
  return ctx.index.all('aws_ecs_cluster').map((e) => {
    const attached = ctx.index
      .all('aws_ecs_cluster_capacity_providers')
      .filter(
        (a) =>
          ctx.index.resolveOne(a.body.cluster_name, 'aws_ecs_cluster') === e ||
          ctx.index.literal(a.body.cluster_name) === ctx.nameOf(e),
      );
    const names = attached.flatMap((a) =>
      arrayOf(a.body.capacity_providers).flatMap((v) => capacityProviderNames(ctx, v, providers)),
    );
    const defaultStrategy = attached.flatMap((a) =>
      blocks(a.body.default_capacity_provider_strategy).flatMap((s) =>
        capacityProviderNames(ctx, s.capacity_provider, providers),
      ),
    );
    return {
      model: { key: e.address, name: ctx.nameOf(e), capacityProviderNames: unique(names).sort(compareText) },
      defaultStrategy,
    };
  });
}

export function readServices(
  ctx: TopologyContext,
  providers: Map<string, { name: string; asgKey?: string }>,
  asgs: { model: AutoScalingGroupModel }[],
  clusters: { model: EcsClusterModel; defaultStrategy: string[] }[],
): ServiceModel[] {
  const asgByProvider = new Map<string, string>();
  for (const p of providers.values()) if (p.asgKey) asgByProvider.set(p.name, p.asgKey);
  return ctx.index.all('aws_ecs_service').map((e) => {
    const clusterEntry = ctx.index.resolveOne(e.body.cluster, 'aws_ecs_cluster');
    const cluster = clusters.find((c) => c.model.key === clusterEntry?.address);
    const clusterText = ctx.text(e.body.cluster);
    const clusterName =
      cluster?.model.name ?? (clusterText?.startsWith('arn:') ? clusterText.split('/').pop() : clusterText);
    const td = ctx.index.resolveOne(e.body.task_definition, 'aws_ecs_task_definition');
    const launchType = ctx.index.literal(e.body.launch_type);
    let strategy = blocks(e.body.capacity_provider_strategy).flatMap((s) =>
      capacityProviderNames(ctx, s.capacity_provider, providers),
    );
    if (strategy.length === 0 && launchType === undefined) strategy = cluster?.defaultStrategy ?? [];
    let asgKeys = unique(strategy.map((n) => asgByProvider.get(n)).filter(isDefined));
    const onEc2 = launchType === 'EC2' || (launchType === undefined && strategy.length === 0);
    if (asgKeys.length === 0 && onEc2 && asgs.length === 1) asgKeys = [asgs[0]!.model.key];
    const network = block(e.body.network_configuration);
    const awsvpcSubnets = ctx.subnetKeys(network?.subnets);
    const subnetKeys =
      awsvpcSubnets.length > 0
        ? awsvpcSubnets
        : unique(asgKeys.flatMap((k) => asgs.find((a) => a.model.key === k)?.model.subnetKeys ?? []));
    const daemon = ctx.index.literal(e.body.scheduling_strategy) === 'DAEMON';
    const networkMode = td ? (ctx.text(td.body.network_mode) ?? 'bridge') : undefined;
    return {
      key: e.address,
      name: ctx.nameOf(e),
      ...optional('clusterName', clusterName),
      ...optional(
        'desiredCount',
        daemon
          ? undefined
          : (literalNumber(e.body.desired_count) ?? (e.body.desired_count === undefined ? 0 : undefined)),
      ),
      daemon,
      ...optional('networkMode', networkMode),
      ...optional('taskFamily', td ? ctx.text(td.body.family) : undefined),
      ...optional('cpu', td ? ctx.text(td.body.cpu) : undefined),
      ...optional('memory', td ? ctx.text(td.body.memory) : undefined),
      containers: td ? containersOf(td.body.container_definitions) : [],
      ...optional('launchType', launchType),
      capacityProviderNames: unique(strategy).sort(compareText),
      autoScalingGroupKeys: asgKeys.sort(compareText),
      subnetKeys,
      securityGroupKeys: ctx.securityGroupKeys(network?.security_groups).sort(compareText),
      assignPublicIp: literalBoolean(network?.assign_public_ip) === true,
      loadBalancerTargets: blocks(e.body.load_balancer)
        .flatMap((lb) => {
          const [targetGroupKey] = ctx.targetGroupKeys(lb.target_group_arn);
          if (targetGroupKey === undefined) return [];
          return [
            {
              targetGroupKey,
              ...optional('containerName', ctx.text(lb.container_name)),
              ...optional('containerPort', literalNumber(lb.container_port)),
            },
          ];
        })
        .sort((a, b) => compareText(a.targetGroupKey, b.targetGroupKey)),
    };
  });
}

/** Capacity provider names written in `value` (references to providers of this stack, or literal names). */
function capacityProviderNames(
  ctx: TopologyContext,
  value: unknown,
  providers: Map<string, { name: string }>,
): string[] {
  const entry = ctx.index.resolveOne(value, 'aws_ecs_capacity_provider');
  if (entry) return [providers.get(entry.address)?.name ?? entry.name];
  const text = ctx.text(value);
  return text === undefined ? [] : [text];
}

function instanceTypesOf(ctx: TopologyContext, asg: ResourceEntry): { types: string[]; securityGroups: string[] } {
  const types: string[] = [];
  const securityGroups: string[] = [];
  const fromTemplate = (spec: JsonObject | undefined): void => {
    if (!spec) return;
    const lt = ctx.index.resolveOne(
      spec.id ?? spec.launch_template_id ?? spec.name ?? spec.launch_template_name,
      'aws_launch_template',
    );
    if (!lt) return;
    const type = ctx.text(lt.body.instance_type);
    if (type !== undefined) types.push(type);
    else if (lt.body.instance_requirements !== undefined) types.push('attribute-based');
    securityGroups.push(...ctx.securityGroupKeys(lt.body.vpc_security_group_ids));
    for (const ni of blocks(lt.body.network_interfaces))
      securityGroups.push(...ctx.securityGroupKeys(ni.security_groups));
  };
  fromTemplate(block(asg.body.launch_template));
  const mixed = block(asg.body.mixed_instances_policy);
  const mixedTemplate = block(mixed?.launch_template);
  fromTemplate(block(mixedTemplate?.launch_template_specification));
  const overrides = blocks(mixedTemplate?.override)
    .map((o) => ctx.text(o.instance_type))
    .filter(isDefined);
  if (overrides.length > 0) types.splice(0, types.length, ...overrides);
  const lc = ctx.index.resolveOne(asg.body.launch_configuration, 'aws_launch_configuration');
  if (lc) {
    const type = ctx.text(lc.body.instance_type);
    if (type !== undefined) types.push(type);
    securityGroups.push(...ctx.securityGroupKeys(lc.body.security_groups));
  }
  return { types: unique(types), securityGroups: unique(securityGroups).sort(compareText) };
}

/** `web (nginx:latest)` for each container of a literal `container_definitions` JSON document. */
function containersOf(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(isObject).map((c) => {
    const name = literalString(c.name) ?? '?';
    const image =
      typeof c.image === 'string' ? (isExpression(c.image) ? shortExpression(c.image) : c.image) : undefined;
    const short = image?.split('/').pop();
    return short ? `${name} (${short})` : name;
  });
}
