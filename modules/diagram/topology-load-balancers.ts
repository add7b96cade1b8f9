/** Reads the load balancing part of the topology: target groups, load balancers and their listeners. */
import { block, blocks, compareText, literalBoolean, literalNumber } from './terraform-json';
import { optional, TopologyContext, unique } from './topology-context';
import { LoadBalancerModel } from './topology-model';

export function readTargetGroups(ctx: TopologyContext): void {
  for (const e of ctx.index.all('aws_lb_target_group', 'aws_alb_target_group')) {
    ctx.targetGroups.set(e.address, {
      key: e.address,
      name: ctx.nameOf(e),
      targetType: ctx.text(e.body.target_type) ?? 'instance',
      ...optional('port', literalNumber(e.body.port)),
      ...optional('protocol', ctx.text(e.body.protocol)),
    });
  }
}

export function readLoadBalancers(ctx: TopologyContext): LoadBalancerModel[] {
  const listeners = ctx.index.all('aws_lb_listener', 'aws_alb_listener');
  const rules = ctx.index.all('aws_lb_listener_rule', 'aws_alb_listener_rule');
  const forwardTargets = (actions: unknown): string[] =>
    blocks(actions).flatMap((a) => [
      ...ctx.targetGroupKeys(a.target_group_arn),
      ...blocks(block(a.forward)?.target_group).flatMap((t) => ctx.targetGroupKeys(t.arn)),
    ]);
  return ctx.index.all('aws_lb', 'aws_alb').map((e) => {
    const subnets =
      e.body.subnets !== undefined ? e.body.subnets : blocks(e.body.subnet_mapping).map((m) => m.subnet_id);
    const internal = literalBoolean(e.body.internal);
    return {
      key: e.address,
      name: ctx.nameOf(e),
      type: ctx.text(e.body.load_balancer_type) ?? 'application',
      ...optional('internal', e.body.internal === undefined ? false : internal),
      subnetKeys: ctx.subnetKeys(subnets),
      securityGroupKeys: ctx.securityGroupKeys(e.body.security_groups).sort(compareText),
      listeners: listeners
        .filter((l) => ctx.index.resolveOne(l.body.load_balancer_arn, 'aws_lb', 'aws_alb') === e)
        .map((l) => ({
          key: l.address,
          ...optional('port', literalNumber(l.body.port)),
          ...optional('protocol', ctx.text(l.body.protocol)),
          targetGroupKeys: unique([
            ...forwardTargets(l.body.default_action),
            ...rules
              .filter((r) => ctx.index.resolveOne(r.body.listener_arn, 'aws_lb_listener', 'aws_alb_listener') === l)
              .flatMap((r) => forwardTargets(r.body.action)),
          ]).sort(compareText),
        }))
        .sort((a, b) => (a.port ?? 0) - (b.port ?? 0) || compareText(a.key, b.key)),
    };
  });
}
