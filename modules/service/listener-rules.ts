/**
 * Listener rules of a shared ALB listener: their checks (pure) and the registry of priorities that
 * finds two services claiming one priority on one listener at synth, where Elastic Load Balancing
 * would refuse the second rule at apply ("PriorityInUse").
 */
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { describeValue, isUnresolved, type Problem } from '../core';
import type { ListenerCondition } from './load-balancer-options';

/** ALB limits of a listener rule. */
export const MIN_RULE_PRIORITY = 1;
export const MAX_RULE_PRIORITY = 50000;
/** Condition values in all per rule ("five match evaluations per rule"; AWS CDK checks the same). */
export const MAX_RULE_CONDITION_VALUES = 5;
/** Characters of one host header or path pattern value. */
const MAX_CONDITION_VALUE_LENGTH = 128;

/** What a rule is made of. */
export interface ListenerRuleOptions {
  readonly priority?: number;
  readonly conditions?: readonly ListenerCondition[];
}

/** The priority: present, an integer from 1 to 50000. */
export function checkRulePriority(priority: number | undefined, path: string): Problem[] {
  if (priority !== undefined && isUnresolved(priority)) return [];
  if (
    priority !== undefined &&
    Number.isInteger(priority) &&
    priority >= MIN_RULE_PRIORITY &&
    priority <= MAX_RULE_PRIORITY
  ) {
    return [];
  }
  return [
    {
      code: 'SERVICE_LB_RULE_PRIORITY_INVALID',
      path: `${path}.priority`,
      received: describeValue(priority),
      allowed: `an integer from ${MIN_RULE_PRIORITY} to ${MAX_RULE_PRIORITY}, unique on the listener`,
      fix: 'give each service on the listener its own priority, e.g. 10, 20, 30 (lower is evaluated first)',
    },
  ];
}

/** The conditions: at least one, one of each kind, at most five values in all, each value 1-128 characters. */
export function checkRuleConditions(conditions: readonly ListenerCondition[] | undefined, path: string): Problem[] {
  const out: Problem[] = [];
  const list = conditions ?? [];
  if (list.length === 0) {
    out.push({
      code: 'SERVICE_LB_RULE_CONDITIONS_INVALID',
      path: `${path}.conditions`,
      received: describeValue(conditions),
      allowed:
        'at least one condition: ListenerCondition.pathPatterns([...]) and/or ListenerCondition.hostHeaders([...])',
      fix: "e.g. conditions: [ListenerCondition.pathPatterns(['/api/*'])]",
    });
    return out;
  }
  const kinds = list.map((c) => c.kind);
  const repeated = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (repeated !== undefined) {
    out.push({
      code: 'SERVICE_LB_RULE_CONDITIONS_INVALID',
      path: `${path}.conditions`,
      received: `${repeated} twice`,
      allowed: 'at most one condition of each kind per rule (list several values in it instead)',
      fix: `merge the ${repeated} conditions into one`,
    });
  }
  const total = list.reduce((n, c) => n + c.values.length, 0);
  if (total > MAX_RULE_CONDITION_VALUES) {
    out.push({
      code: 'SERVICE_LB_RULE_CONDITIONS_INVALID',
      path: `${path}.conditions`,
      received: `${total} condition values (${list.map((c) => `${c.kind}: ${c.values.length}`).join(', ')})`,
      allowed: `at most ${MAX_RULE_CONDITION_VALUES} values in all per rule (Elastic Load Balancing's limit)`,
      fix: 'use wildcards (/api/*, *.example.com) or split the service over two rules on two listeners',
    });
  }
  list.forEach((c, i) => {
    if (c.values.length === 0) {
      out.push({
        code: 'SERVICE_LB_RULE_CONDITIONS_INVALID',
        path: `${path}.conditions[${i}]`,
        received: `${c.kind}([])`,
        allowed: 'at least one value per condition',
        fix: `name the ${c.kind === 'pathPatterns' ? 'paths' : 'host names'} the rule matches`,
      });
    }
    c.values.forEach((v, j) => {
      if (isUnresolved(v)) return;
      const badPath = c.kind === 'pathPatterns' && !v.startsWith('/');
      if (v.length === 0 || v.length > MAX_CONDITION_VALUE_LENGTH || badPath) {
        out.push({
          code: 'SERVICE_LB_RULE_CONDITIONS_INVALID',
          path: `${path}.conditions[${i}].values[${j}]`,
          received: describeValue(v),
          allowed: `1-${MAX_CONDITION_VALUE_LENGTH} characters${c.kind === 'pathPatterns' ? ', starting with "/"' : ''}`,
          fix:
            c.kind === 'pathPatterns'
              ? `e.g. "/${v.replace(/^\/*/, '')}"`
              : 'e.g. "api.example.com" or "*.example.com"',
        });
      }
    });
  });
  return out;
}

/** Every problem of a rule's own options. */
export function checkListenerRule(rule: ListenerRuleOptions, path: string): Problem[] {
  return [...checkRulePriority(rule.priority, path), ...checkRuleConditions(rule.conditions, path)];
}

/** Priorities taken on each listener (by ARN) of a stack: which construct holds each. */
const taken = new WeakMap<TerraformStack, Map<string, Map<number, string>>>();

/**
 * The collision of `priority` on `listenerArn` with a rule another construct of the stack holds, or
 * undefined. Does not record: `claimRulePriority` does once the service is valid.
 */
export function rulePriorityCollision(
  scope: IConstruct,
  listenerArn: string,
  priority: number | undefined,
  path: string,
): Problem | undefined {
  if (priority === undefined || isUnresolved(priority)) return undefined;
  const holder = taken.get(TerraformStack.of(scope))?.get(listenerArn)?.get(priority);
  if (holder === undefined || holder === scope.node.path) return undefined;
  return {
    code: 'SERVICE_LB_RULE_PRIORITY_COLLISION',
    path: `${path}.priority`,
    received: `${priority}, already the priority of the rule of ${holder} on the same listener`,
    allowed: 'one rule per priority on a listener (Elastic Load Balancing refuses the second: PriorityInUse)',
    fix: `give ${scope.node.path} another priority (the lower one is evaluated first)`,
  };
}

/** Records that `scope` holds `priority` on `listenerArn`. */
export function claimRulePriority(scope: IConstruct, listenerArn: string, priority: number): void {
  if (isUnresolved(priority)) return;
  const stack = TerraformStack.of(scope);
  let byListener = taken.get(stack);
  if (!byListener) {
    byListener = new Map();
    taken.set(stack, byListener);
  }
  let priorities = byListener.get(listenerArn);
  if (!priorities) {
    priorities = new Map();
    byListener.set(listenerArn, priorities);
  }
  priorities.set(priority, scope.node.path);
}

/** The `condition` blocks of an `aws_lb_listener_rule`. */
export function ruleConditionBlocks(
  conditions: readonly ListenerCondition[],
): { hostHeader?: { values: string[] }; pathPattern?: { values: string[] } }[] {
  return conditions.map((c) =>
    c.kind === 'hostHeaders' ? { hostHeader: { values: [...c.values] } } : { pathPattern: { values: [...c.values] } },
  );
}
