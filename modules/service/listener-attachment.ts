/**
 * A service attached to a load balancer it does not own: a target group of its own behind a rule
 * on a shared ALB listener (`SharedLoadBalancer`, or another team's `ApplicationListenerRef`), or an
 * existing target group another team owns (by ARN). The tasks admit the load balancer's security
 * group on the target port; a listener of ours also gets the matching egress rule.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import type { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Peer } from '../security';
import { claimRulePriority, ruleConditionBlocks } from './listener-rules';
import { createTargetGroup, defaultTargetType, targetPortOf } from './load-balancer';
import type { ServiceLoadBalancerProps } from './load-balancer-options';

/** A service's place behind a load balancer someone else owns. */
export class ServiceListenerTarget extends Construct {
  /** The target group ECS registers the tasks in. */
  public readonly targetGroupArn: string;
  /** The service's own target group (with a listener), or undefined (an existing target group). */
  public readonly targetGroup?: LbTargetGroup;
  /** The listener rule that forwards to it (with a listener). */
  public readonly rule?: LbListenerRule;
  /** Request-count scaling's resource label, when the load balancer is known (a listener). */
  public readonly requestCountResourceLabel?: string;
  /** What the service waits for: the rule (a target group must belong to a load balancer first). */
  public readonly dependable?: ITerraformDependable;

  /** `props` were checked by `checkLoadBalancerOptions`: `listener` comes with priority and conditions. */
  constructor(scope: Construct, id: string, props: ServiceLoadBalancerProps) {
    super(scope, id);
    const listener = props.listener;
    const port = targetPortOf(props.networkMode, props.target);
    let lbGroupId = props.loadBalancerSecurityGroupId;
    if (listener) {
      this.targetGroup = createTargetGroup(this, 'target-group', {
        network: props.network,
        name: props.name,
        targetType: props.targetType ?? defaultTargetType(props.networkMode),
        port: props.target.containerPort,
        http: true,
        healthCheck: props.healthCheck,
        deregistrationDelaySeconds: props.deregistrationDelaySeconds,
      });
      this.targetGroupArn = this.targetGroup.arn;
      this.rule = new LbListenerRule(this, 'rule', {
        listenerArn: listener.listenerArn,
        priority: props.priority!,
        action: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
        condition: ruleConditionBlocks(props.conditions ?? []),
        tags: { Name: props.name },
      });
      claimRulePriority(props.ruleScope, listener.listenerArn, props.priority!);
      this.requestCountResourceLabel = `${listener.loadBalancerArnSuffix}/${this.targetGroup.arnSuffix}`;
      this.dependable = this.rule;
      lbGroupId = listener.securityGroupId;
      const targets = props.containerSecurityGroup
        ? props.containerSecurityGroup.asPeer()
        : Peer.securityGroupId(props.instanceSecurityGroupId!, 'the container instances');
      listener.addTargetEgress?.({
        id: `to-${props.name}`,
        peer: targets,
        port,
        description: `${port.label} to the tasks of ${props.name}`,
      });
    } else {
      this.targetGroupArn = props.targetGroupArn!;
    }
    if (lbGroupId === undefined) return;
    const from = Peer.securityGroupId(lbGroupId, 'the load balancer');
    if (props.containerSecurityGroup) {
      props.containerSecurityGroup.addIngressRule(
        { id: 'from-load-balancer', peer: from, port, description: `${port.label} from the load balancer` },
        props.ruleScope,
      );
    } else if (props.instanceSecurityGroupId !== undefined) {
      new VpcSecurityGroupIngressRule(props.ruleScope, 'instances-from-load-balancer', {
        securityGroupId: props.instanceSecurityGroupId,
        referencedSecurityGroupId: lbGroupId,
        ipProtocol: 'tcp',
        fromPort: port.fromPort,
        toPort: port.toPort,
        description: `${port.label} from the load balancer of ${props.name} (${props.networkMode} mode)`,
      });
    }
  }
}
