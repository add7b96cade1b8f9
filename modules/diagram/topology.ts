/**
 * The topology of one synthesized stack, read from its Terraform JSON (`cdk.tf.json`): VPCs, AZs,
 * public and private subnets, NAT and internet gateways, Auto Scaling groups, ECS services, load
 * balancers and security groups, as a plain model the picture is drawn from.
 *
 * Pure: it reads JSON only, so it does not depend on which constructs wrote the stack (ours, raw
 * provider resources, or an imported network whose ids are plain strings or variables). Missing or
 * unknown pieces give a smaller picture, never an error.
 */
import { describeValue, ProblemCollector } from '../core/validation-error';
import { block, compareText, isObject, literalString } from './terraform-json';
import { byKey, TopologyContext } from './topology-context';
import { readAutoScalingGroups, readCapacityProviders, readClusters, readServices } from './topology-compute';
import { readLoadBalancers, readTargetGroups } from './topology-load-balancers';
import { readNatGatewaysAndRoutes, readSubnets, readVpcs, vpcModels } from './topology-network';
import { readSecurityGroupRules, readSecurityGroups } from './topology-security-groups';
import { Topology, TopologyFacts } from './topology-model';

export * from './topology-model';

/**
 * Reads the topology of a synthesized stack.
 *
 * @param document the stack's Terraform JSON (the parsed `cdk.tf.json`)
 * @param facts what the JSON cannot say (tasks per instance, AZ names)
 */
export function buildTopology(document: unknown, facts: TopologyFacts = {}): Topology {
  validateFacts(facts);
  return readTopology(new TopologyContext(document, facts));
}

function validateFacts(facts: TopologyFacts): void {
  const problems = new ProblemCollector();
  for (const [type, count] of Object.entries(facts.tasksPerInstance ?? {})) {
    problems.check(typeof count === 'number' && Number.isInteger(count) && count >= 0, () => ({
      code: 'DIAGRAM_TASKS_PER_INSTANCE_INVALID',
      path: `TopologyFacts.tasksPerInstance["${type}"]`,
      received: describeValue(count),
      allowed: 'a whole number of tasks, 0 or more',
      fix: 'pass the task count of the capacity report for this instance type',
    }));
  }
  (facts.availabilityZoneNames ?? []).forEach((name, i) => {
    problems.check(typeof name === 'string' && name.trim().length > 0, () => ({
      code: 'DIAGRAM_AZ_NAME_INVALID',
      path: `TopologyFacts.availabilityZoneNames[${i}]`,
      received: describeValue(name),
      allowed: 'a non-empty availability zone name such as "us-east-1a"',
      fix: 'pass the names in the order of the aws_availability_zones data source, or leave the list out',
    }));
  });
  problems.throwIfAny();
}

/** Reads every part of the model, in the order the parts depend on each other. */
function readTopology(ctx: TopologyContext): Topology {
  readSecurityGroups(ctx);
  readVpcs(ctx);
  readSubnets(ctx);
  readNatGatewaysAndRoutes(ctx);
  readTargetGroups(ctx);
  const capacityProviders = readCapacityProviders(ctx);
  const autoScalingGroups = readAutoScalingGroups(ctx, capacityProviders);
  const clusters = readClusters(ctx, capacityProviders);
  const services = readServices(ctx, capacityProviders, autoScalingGroups, clusters);
  const loadBalancers = readLoadBalancers(ctx);
  readSecurityGroupRules(ctx);
  for (const address of ctx.index.unexpanded) {
    ctx.notes.push(`${address} uses for_each or a computed count: drawn once`);
  }
  return {
    title: title(ctx),
    vpcs: vpcModels(ctx),
    autoScalingGroups: autoScalingGroups.map((a) => a.model),
    services,
    loadBalancers,
    targetGroups: [...ctx.targetGroups.values()].sort(byKey),
    securityGroups: [...ctx.securityGroups.values()].sort(byKey),
    clusters: clusters.map((c) => c.model),
    accountSettings: ctx.index
      .all('aws_ecs_account_setting_default')
      .map((e) => ({ name: ctx.text(e.body.name) ?? e.name, value: ctx.text(e.body.value) ?? '?' }))
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.value, b.value)),
    notes: [...ctx.notes].sort(compareText),
  };
}

function title(ctx: TopologyContext): string {
  if (ctx.facts.title !== undefined) return ctx.facts.title;
  const doc = isObject(ctx.document) ? ctx.document : {};
  const meta = block(block(doc['//'])?.metadata);
  const stack = literalString(meta?.stackName);
  const provider = isObject(doc.provider) ? block(doc.provider.aws) : undefined;
  const region = literalString(provider?.region);
  return [stack ? `stack ${stack}` : 'stack', region].filter((x) => x !== undefined).join(' · ');
}
