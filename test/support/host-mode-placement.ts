/**
 * Reads synthesized Terraform JSON the way ECS places tasks: for every `aws_ecs_service` whose task
 * definition is in host mode and has a `task_role_arn`, follows the service's capacity provider
 * strategy to each capacity provider, its Auto Scaling group, its launch template and the user data,
 * and reports the ones whose ECS agent configuration does not set
 * `ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true` (ECS would never place those tasks) or that it cannot
 * follow (a guarantee it cannot check is reported, not assumed).
 */
import { type TerraformBlock, type TerraformJson, valueAt } from './synth';

/** One host-mode service with a task role, and what the walk found for it. */
export interface HostModeTaskRolePlacement {
  readonly stack: string;
  readonly service: string;
  readonly capacityProviders: readonly string[];
  /** Empty when every capacity provider's agent enables task roles for host mode. */
  readonly problems: readonly string[];
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

function reference(value: unknown, type: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = REFERENCE.exec(value);
  return m && m[1] === type ? m[2] : undefined;
}

function resources(json: TerraformJson, type: string): Record<string, TerraformBlock> {
  return json.resource?.[type] ?? {};
}

/** The capacity provider a strategy entry names: a reference in this stack, or a literal name in any stack. */
function findCapacityProvider(
  stacks: ReadonlyMap<string, TerraformJson>,
  stack: string,
  value: unknown,
): { stack: string; name: string; resource: TerraformBlock | undefined } | undefined {
  const json = stacks.get(stack)!;
  const ref = reference(value, 'aws_ecs_capacity_provider');
  if (ref) return { stack, name: ref, resource: resources(json, 'aws_ecs_capacity_provider')[ref] };
  if (typeof value !== 'string' || value.includes('${')) return undefined;
  for (const [s, j] of stacks) {
    const found = Object.entries(resources(j, 'aws_ecs_capacity_provider')).find(([, r]) => r.name === value);
    if (found) return { stack: s, name: found[0], resource: found[1] };
  }
  return undefined;
}

/** The ECS agent configuration lines of the instances behind a capacity provider, or why they cannot be read. */
function agentConfiguration(json: TerraformJson, capacityProvider: TerraformBlock): string[] | string {
  const asgName = reference(
    valueAt(capacityProvider, 'auto_scaling_group_provider', 'auto_scaling_group_arn'),
    'aws_autoscaling_group',
  );
  const asg = asgName ? resources(json, 'aws_autoscaling_group')[asgName] : undefined;
  if (!asg) return 'its Auto Scaling group is not a resource of the stack';
  const lt =
    asg.launch_template ?? valueAt(asg, 'mixed_instances_policy', 'launch_template', 'launch_template_specification');
  const ltName =
    reference(valueAt(lt, 'name'), 'aws_launch_template') ?? reference(valueAt(lt, 'id'), 'aws_launch_template');
  const template = ltName ? resources(json, 'aws_launch_template')[ltName] : undefined;
  if (!template) return 'its launch template is not a resource of the stack';
  if (typeof template.user_data !== 'string' || template.user_data.includes('${'))
    return 'its user data is not a literal';
  return Buffer.from(template.user_data, 'base64')
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim());
}

/** Every host-mode service with a task role in `stacks` (one app's stacks, by name), with its problems. */
export function hostModeTaskRolePlacements(stacks: ReadonlyMap<string, TerraformJson>): HostModeTaskRolePlacement[] {
  const out: HostModeTaskRolePlacement[] = [];
  for (const [stack, json] of stacks) {
    const definitions = resources(json, 'aws_ecs_task_definition');
    for (const [serviceName, service] of Object.entries(resources(json, 'aws_ecs_service'))) {
      const tdName = reference(service.task_definition, 'aws_ecs_task_definition');
      const td = tdName ? definitions[tdName] : undefined;
      if (!td) {
        out.push({
          stack,
          service: serviceName,
          capacityProviders: [],
          problems: ['its task definition is not a resource of the stack'],
        });
        continue;
      }
      if (td.network_mode !== 'host' || td.task_role_arn === undefined) continue;
      const strategy = (service.capacity_provider_strategy ?? []) as { capacity_provider: unknown }[];
      const problems: string[] = [];
      if (strategy.length === 0) problems.push('it names no capacity provider');
      const names: string[] = [];
      for (const entry of strategy) {
        const cp = findCapacityProvider(stacks, stack, entry.capacity_provider);
        if (!cp?.resource) {
          problems.push(`capacity provider ${String(entry.capacity_provider)} is not a resource of this app`);
          continue;
        }
        names.push(cp.name);
        const lines = agentConfiguration(stacks.get(cp.stack)!, cp.resource);
        if (typeof lines === 'string') problems.push(`capacity provider ${cp.name}: ${lines}`);
        else if (!lines.includes('ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true')) {
          problems.push(
            `capacity provider ${cp.name}: the agent configuration does not set ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true`,
          );
        }
      }
      out.push({ stack, service: serviceName, capacityProviders: names, problems });
    }
  }
  return out;
}
