/**
 * An ECS service on EC2 capacity: awsvpc tasks in the private subnets with their own security group,
 * a capacity provider strategy, placement spread across AZs, deployment circuit breaker with
 * rollback, and the options of load balancing (its own or a shared one), ECS Exec, auto scaling,
 * service discovery and Service Connect. The constructor runs named steps: resolve the props
 * (service-setup.ts), collect every problem, warn (service-warnings.ts), create the parts, then the
 * `aws_ecs_service` (service-arguments.ts) and the capacity demand.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import type { ServiceDemand } from '../capacity/cluster-budget';
import type { CapacityProviderStrategyItem, ICapacityProvider, ICluster } from '../compute/compute-ref';
import { ProblemCollector, validHcl } from '../core';
import type { SubnetRef } from '../network/network-ref';
import { Connections, ContainerSecurityGroup, Port, type IConnectable } from '../security';
import { ServiceAutoScaling } from './auto-scaling';
import { deploymentArguments } from './deployment';
import { ServiceListenerTarget } from './listener-attachment';
import { ServiceLoadBalancer } from './load-balancer';
import { subnetAzPrecondition } from './service-checks';
import { lifecycleArguments, serviceConnectArguments, serviceDemand, taskSetArguments } from './service-arguments';
import { ServiceDiscovery } from './service-discovery';
import type { ServiceProps } from './service-props';
import { planScheduling, schedulingArguments, type SchedulingPlan, type ServiceSchedulingOptions } from './placement';
import { resolveServiceSetup, serviceProblems, type ServiceSetup } from './service-setup';
import { warnAboutService } from './service-warnings';
import type { TaskDefinition } from './task-definition';

export interface Ec2ServiceProps extends ServiceProps, ServiceSchedulingOptions {}

/** Members an ICluster implementation may have beyond the interface (read defensively). */
interface ClusterExtras {
  readonly capacityProvidersAssociation?: ITerraformDependable;
  readonly execLogGroup?: { readonly arn?: string };
}

export class Ec2Service extends Construct implements IConnectable {
  public readonly serviceName: string;
  public readonly cluster: ICluster;
  public readonly taskDefinition: TaskDefinition;
  /** The capacity provider, or the first of the strategy's when the service uses the cluster's default strategy. */
  public readonly capacityProvider: ICapacityProvider;
  /** Where the tasks go: `capacityProvider` with weight 1, or the cluster's default strategy. */
  public readonly capacityProviderStrategy: readonly CapacityProviderStrategyItem[];
  /** The `aws_ecs_service` resource. */
  public readonly resource: EcsService;
  /** The tasks' security group (awsvpc only). */
  public readonly securityGroup?: ContainerSecurityGroup;
  /** Subnets of the task ENIs (awsvpc only; empty otherwise). */
  public readonly subnets: readonly SubnetRef[];
  /** The service's own load balancer (`loadBalancer` without `listener` or `targetGroupArn`). */
  public readonly loadBalancer?: ServiceLoadBalancer;
  /** Its place behind a load balancer it does not own (`loadBalancer.listener` or `targetGroupArn`). */
  public readonly listenerTarget?: ServiceListenerTarget;
  public readonly autoScaling?: ServiceAutoScaling;
  public readonly serviceDiscovery?: ServiceDiscovery;
  /** What the service asks of the cluster's capacity; reported to the cluster, which checks it at synth. */
  public readonly demand: ServiceDemand;
  /**
   * The tasks' security group as one side of connections: `web.connections.allowTo(api, Port.tcp(8080))`
   * writes the egress rule on web's group and the ingress rule on api's (created under each service).
   * Named after the service name. Services in host or bridge mode have no task security group: every
   * call fails with SECURITY_CONNECTIONS_NO_SECURITY_GROUP.
   */
  public readonly connections: Connections;

  constructor(scope: Construct, id: string, props: Ec2ServiceProps) {
    super(scope, id);
    // Where the tasks run (placement.ts): a daemon's providers, or the service's own strategy.
    const scheduling = planScheduling(props, props.taskDefinition.osFamily);
    const strategy = scheduling.strategy;
    const setup = { ...resolveServiceSetup(props), strategy, capacityProvider: strategy[0]?.capacityProvider };
    const problems = new ProblemCollector();
    [...scheduling.problems, ...serviceProblems(props, setup, this)].forEach((p) => problems.add(p));
    problems.throwIfAny(this);

    this.serviceName = props.serviceName;
    this.cluster = props.cluster;
    this.taskDefinition = setup.td;
    this.capacityProvider = setup.capacityProvider!;
    this.capacityProviderStrategy = setup.strategy;
    this.subnets = setup.subnets;
    warnAboutService(this, props, setup);
    this.enableExecuteCommand(props, setup);
    this.securityGroup = this.createSecurityGroup(props, setup);
    this.connections = new Connections({
      name: props.serviceName,
      securityGroup: this.securityGroup,
      ruleScope: this,
      noSecurityGroupReason: `its tasks run in ${setup.mode} mode and use the container instances' security group (tasks have one of their own in awsvpc mode only)`,
    });
    const attachment = this.attachLoadBalancer(props, setup);
    this.loadBalancer = attachment.own;
    this.listenerTarget = attachment.behind;
    if (props.serviceDiscovery) {
      this.serviceDiscovery = new ServiceDiscovery(this, 'discovery', {
        ...props.serviceDiscovery,
        network: props.cluster.network,
        serviceName: props.serviceName,
        networkMode: setup.mode,
      });
    }
    this.resource = this.createService(props, setup, scheduling);
    if (props.autoScaling) {
      this.autoScaling = new ServiceAutoScaling(this, 'auto-scaling', {
        ...props.autoScaling,
        clusterName: props.cluster.clusterName,
        serviceName: this.resource.name,
        requestCountResourceLabel:
          this.loadBalancer?.requestCountResourceLabel ?? this.listenerTarget?.requestCountResourceLabel,
      });
    }
    this.demand = { ...serviceDemand(props, setup), ...scheduling.demand };
    props.cluster.addServiceDemand(this.demand);
  }

  /** ECS Exec: the task role's channels and session logs. */
  private enableExecuteCommand(props: Ec2ServiceProps, s: ServiceSetup): void {
    if (!s.executeCommand) return;
    s.td.enableExecuteCommand({
      logGroupArn: props.executeCommandLogGroupArn ?? (props.cluster as ICluster & ClusterExtras).execLogGroup?.arn,
      kmsKeyArn: props.executeCommandKmsKeyArn,
    });
  }

  /** The tasks' security group (awsvpc), admitting nothing yet on the task's ports. */
  private createSecurityGroup(props: Ec2ServiceProps, s: ServiceSetup): ContainerSecurityGroup | undefined {
    if (!s.awsvpc) return undefined;
    const group =
      props.securityGroup ??
      new ContainerSecurityGroup(this, 'security-group', {
        network: props.cluster.network,
        name: `${props.serviceName}-tasks`,
        description: `Tasks of ${props.serviceName}: container ports from named sources only`,
      });
    for (const p of s.ports) {
      group.addContainerPort(p.protocol === 'udp' ? Port.udp(p.containerPort) : Port.tcp(p.containerPort));
    }
    for (const r of s.td.portRanges) {
      group.addContainerPort(r.protocol === 'udp' ? Port.udpRange(r.from, r.to) : Port.tcpRange(r.from, r.to));
    }
    for (const svc of props.serviceConnect?.services ?? []) {
      if (svc.ingressPortOverride !== undefined) group.addContainerPort(Port.tcp(svc.ingressPortOverride));
    }
    return group;
  }

  /** A load balancer of the service's own, or its place behind another (listener rule, target group). */
  private attachLoadBalancer(
    props: Ec2ServiceProps,
    s: ServiceSetup,
  ): { own?: ServiceLoadBalancer; behind?: ServiceListenerTarget } {
    const lb = props.loadBalancer;
    if (!lb || !s.lbTarget) return {};
    const lbProps = {
      ...lb,
      network: props.cluster.network,
      name: props.serviceName,
      networkMode: s.mode,
      target: s.lbTarget,
      containerSecurityGroup: this.securityGroup,
      instanceSecurityGroupId: s.awsvpc ? undefined : s.capacityProvider!.instanceSecurityGroupId,
      ruleScope: this,
    };
    return lb.listener !== undefined || lb.targetGroupArn !== undefined
      ? { behind: new ServiceListenerTarget(this, 'load-balancer', lbProps) }
      : { own: new ServiceLoadBalancer(this, 'load-balancer', lbProps) };
  }

  /** The `aws_ecs_service`. */
  private createService(props: Ec2ServiceProps, s: ServiceSetup, scheduling: SchedulingPlan): EcsService {
    const extras = props.cluster as ICluster & ClusterExtras;
    const dependsOn: ITerraformDependable[] = [...(props.dependsOn ?? [])];
    if (extras.capacityProvidersAssociation) dependsOn.push(extras.capacityProvidersAssociation);
    // A target group must belong to a load balancer before a service can use it.
    if (this.loadBalancer) dependsOn.push(this.loadBalancer.listener);
    if (this.listenerTarget?.dependable) dependsOn.push(this.listenerTarget.dependable);
    const targetGroupArn = this.loadBalancer?.targetGroup.arn ?? this.listenerTarget?.targetGroupArn;
    const parts = {
      securityGroupId: this.securityGroup?.securityGroupId,
      targetGroupArn,
      registryArn: this.serviceDiscovery?.service.arn,
      // AZ names synth could not compare (data-source values) are compared by Terraform at plan time.
      azCheck: s.awsvpc ? subnetAzPrecondition(props.serviceName, s.capacityProvider!, s.subnets) : undefined,
    };
    return validHcl(
      new EcsService(this, 'service', {
        name: props.serviceName,
        cluster: props.cluster.clusterArn,
        desiredCount: s.desiredCount,
        ...taskSetArguments(props, s, parts),
        ...deploymentArguments(props, targetGroupArn !== undefined),
        ...schedulingArguments(scheduling, props.minHealthyPercent),
        ...serviceConnectArguments(this, props, s),
        enableExecuteCommand: s.executeCommand,
        enableEcsManagedTags: true,
        propagateTags: 'SERVICE',
        tags: props.tags,
        dependsOn,
        lifecycle: lifecycleArguments(props, parts),
      }),
    );
  }
}
