/**
 * An ECS service on EC2 capacity: awsvpc tasks in the private subnets with their own security group,
 * a capacity provider strategy, placement spread across AZs, deployment circuit breaker with
 * rollback, and the options of load balancing, ECS Exec, auto scaling and service discovery.
 */
import { Annotations, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import type { ServiceDemand } from '../capacity/cluster-budget';
import type { CapacityProviderStrategyItem, ICapacityProvider, ICluster } from '../compute/compute-ref';
import { checkTags, describeValue, type Problem, ProblemCollector, validHcl } from '../core';
import { NatGatewayMode, type SubnetRef } from '../network/network-ref';
import { Connections, ContainerSecurityGroup, Port, type IConnectable } from '../security';
import { checkAutoScalingOptions, ServiceAutoScaling, type AutoScalingOptions } from './auto-scaling';
import {
  checkLoadBalancerOptions,
  chooseLoadBalancerTarget,
  ServiceLoadBalancer,
  type LoadBalancerOptions,
  type LoadBalancerTarget,
  type ServiceLoadBalancerProps,
} from './load-balancer';
import { NetworkMode } from '../core/network-mode';
import { checkServicePlan, imagePullRouteProblem, subnetAzPrecondition } from './service-checks';
import { checkServiceDiscoveryOptions, ServiceDiscovery, type ServiceDiscoveryOptions } from './service-discovery';
import type { TaskDefinition } from './task-definition';

/** How tasks are spread over the capacity. */
export enum PlacementStrategy {
  /** Spread across AZs, then across instances (the default: one AZ or instance loss takes few tasks). */
  SPREAD_ACROSS_AZS_THEN_INSTANCES = 'SPREAD_ACROSS_AZS_THEN_INSTANCES',
  /** Spread across AZs, then pack instances by memory (fewer instances, cheaper). */
  SPREAD_ACROSS_AZS_THEN_BINPACK_MEMORY = 'SPREAD_ACROSS_AZS_THEN_BINPACK_MEMORY',
}

export interface Ec2ServiceProps {
  /** The cluster the service runs on. */
  readonly cluster: ICluster;
  /** What the service runs. */
  readonly taskDefinition: TaskDefinition;
  /** Service name (1-255 letters, digits, hyphens, underscores). */
  readonly serviceName: string;
  /**
   * Tasks to run (the starting count when auto scaling is on).
   * @default 1
   */
  readonly desiredCount?: number;
  /**
   * The capacity provider (strategy of one provider, weight 1).
   * @default - the cluster's default capacity provider strategy (`EcsCluster.addDefaultCapacityProviderStrategy`;
   *   without one, the cluster's first capacity provider), as it is when the service is created
   */
  readonly capacityProvider?: ICapacityProvider;
  /**
   * Subnets of the task ENIs (awsvpc only; at most 16, in AZs where the capacity provider runs).
   * @default - the network's private subnets
   */
  readonly subnets?: readonly SubnetRef[];
  /**
   * A container security group to share with other services (awsvpc only).
   * @default - a group of this service's own
   */
  readonly securityGroup?: ContainerSecurityGroup;
  /**
   * Further security groups of the task ENIs (awsvpc only; at most 5 groups in all).
   * @default - none
   */
  readonly additionalSecurityGroupIds?: readonly string[];
  /**
   * Public IPs on task ENIs. Refused: task ENIs on EC2 never get public IPs. The prop exists to
   * say so at synth time to users coming from Fargate.
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /** @default PlacementStrategy.SPREAD_ACROSS_AZS_THEN_INSTANCES */
  readonly placementStrategy?: PlacementStrategy;
  /**
   * Deployment circuit breaker with rollback.
   * @default true
   */
  readonly circuitBreaker?: boolean;
  /**
   * Lower bound of running tasks during a deployment, in percent of the desired count.
   * @default 100 (never fewer tasks than desired)
   */
  readonly minHealthyPercent?: number;
  /**
   * Upper bound of running tasks during a deployment, in percent of the desired count.
   * @default 200 (a deployment may start a full new set before stopping the old one)
   */
  readonly maxHealthyPercent?: number;
  /**
   * Whether `terraform apply` waits for the service to reach a steady state.
   * @default false
   */
  readonly waitForSteadyState?: boolean;
  /**
   * Seconds ECS ignores failing load balancer health checks after a task starts.
   * @default 60 with a load balancer, else none
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * ECS Exec (`aws ecs execute-command`): enable_execute_command, the task role's ssmmessages
   * permissions and `initProcessEnabled`.
   * @default - as the task definition's `enableExecuteCommand` (false unless set there)
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Log group (ARN) that receives ECS Exec session logs, so the task role may write it.
   * @default - the cluster's `execLogGroup` when the cluster has one, else no session log permissions
   */
  readonly executeCommandLogGroupArn?: string;
  /**
   * KMS key (ARN) that encrypts ECS Exec sessions, so the task role may decrypt with it.
   * @default - none
   */
  readonly executeCommandKmsKeyArn?: string;
  /** @default - no load balancer */
  readonly loadBalancer?: LoadBalancerOptions;
  /** @default - no auto scaling: desiredCount is managed by Terraform */
  readonly autoScaling?: AutoScalingOptions;
  /** @default - no service discovery */
  readonly serviceDiscovery?: ServiceDiscoveryOptions;
  /**
   * Further resources the service waits for.
   * @default - the cluster's capacity provider association, when it exposes one
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** @default - none */
  readonly tags?: { readonly [key: string]: string };
}

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
  public readonly loadBalancer?: ServiceLoadBalancer;
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
    const td = props.taskDefinition;
    const mode = td.networkMode;
    const awsvpc = mode === NetworkMode.AWSVPC;
    const network = props.cluster.network;
    const desiredCount = props.desiredCount ?? 1;
    const strategy: readonly CapacityProviderStrategyItem[] = props.capacityProvider
      ? [{ capacityProvider: props.capacityProvider, weight: 1, base: 0 }]
      : props.cluster.defaultCapacityProviderStrategy;
    const capacityProvider = strategy[0]?.capacityProvider;
    const subnets = awsvpc ? (props.subnets ?? network.privateSubnets) : [];
    const minHealthyPercent = props.minHealthyPercent ?? 100;
    const maxPercent = props.maxHealthyPercent ?? 200;
    const ports = td.ports;
    const staticHostPorts =
      mode === NetworkMode.HOST
        ? ports.length > 0 || td.portRanges.length > 0
        : mode === NetworkMode.BRIDGE
          ? ports.some((p) => p.hostPort !== 0)
          : false;

    const problems = new ProblemCollector();
    const plan = {
      serviceName: props.serviceName,
      desiredCount,
      networkMode: mode,
      osFamily: td.osFamily,
      cpuArchitecture: td.cpuArchitecture,
      capacityProvider,
      clusterCapacityProviders: props.cluster.capacityProviders,
      capacityProviderGiven: props.capacityProvider !== undefined,
      subnets,
      subnetsGiven: props.subnets !== undefined,
      securityGroupCount: 1 + (props.additionalSecurityGroupIds?.length ?? 0),
      securityGroupsGiven: props.securityGroup !== undefined || props.additionalSecurityGroupIds !== undefined,
      assignPublicIp: props.assignPublicIp ?? false,
      minHealthyPercent,
      maxPercent,
      oneTaskPerInstance: staticHostPorts,
      autoScalingMax: props.autoScaling?.maxCapacity,
      taskCpu: td.cpu,
      taskMemoryMiB: td.memoryMiB,
      privilegedContainers: td.containers.filter((c) => c.privileged === true).map((c) => c.name),
      // ECS Exec creates the task role when the task has none yet.
      taskRole: td.hasTaskRole || (props.enableExecuteCommand ?? td.executeCommandEnabled),
      executeCommand: props.enableExecuteCommand ?? td.executeCommandEnabled,
    };
    // Every provider of the strategy must suit the task (OS, architecture, AZs); with several, the
    // cluster's host port budget checks the split (each provider takes a share).
    const seen = new Set<string>();
    const add = (p: Problem): void => {
      const key = `${p.code}\u0000${p.path}\u0000${p.received}`;
      if (!seen.has(key)) {
        seen.add(key);
        problems.add(p);
      }
    };
    checkServicePlan({ ...plan, oneTaskPerInstance: staticHostPorts && strategy.length <= 1 }).forEach(add);
    strategy
      .slice(1)
      .forEach((item) =>
        checkServicePlan({ ...plan, capacityProvider: item.capacityProvider, oneTaskPerInstance: false }).forEach(add),
      );
    checkTags(props.tags, 'Ec2Service.tags').forEach((p) => problems.add(p));
    if (props.securityGroup && props.securityGroup.network.vpcId !== network.vpcId) {
      problems.add({
        code: 'SERVICE_SECURITY_GROUP_OTHER_VPC',
        path: 'Ec2Service.securityGroup',
        received: `a group in ${describeValue(props.securityGroup.network.vpcId)}`,
        allowed: `a group of the cluster's VPC ${describeValue(network.vpcId)}`,
        fix: "create the shared group with the cluster's network",
      });
    }
    let lbTarget: LoadBalancerTarget | undefined;
    if (props.loadBalancer) {
      const chosen = chooseLoadBalancerTarget(props.loadBalancer, td.containers, ports, 'Ec2Service.loadBalancer');
      chosen.problems.forEach((p) => problems.add(p));
      lbTarget = chosen.target;
    }
    if (props.loadBalancer && lbTarget) {
      checkLoadBalancerOptions(
        {
          ...props.loadBalancer,
          network,
          name: props.serviceName,
          networkMode: mode,
          target: lbTarget,
          ruleScope: this,
        } as ServiceLoadBalancerProps,
        'Ec2Service.loadBalancer',
      ).forEach((p) => problems.add(p));
    }
    if (props.autoScaling) {
      checkAutoScalingOptions(props.autoScaling, desiredCount, 'Ec2Service.autoScaling').forEach((p) =>
        problems.add(p),
      );
    }
    if (props.serviceDiscovery) {
      checkServiceDiscoveryOptions(
        props.serviceDiscovery,
        props.serviceName,
        'Ec2Service.serviceDiscovery',
        network,
      ).forEach((p) => problems.add(p));
      if (!awsvpc && ports.length === 0) {
        problems.add({
          code: 'SERVICE_DISCOVERY_PORT_MISSING',
          path: 'Ec2Service.serviceDiscovery',
          received: `a ${mode}-mode task without a container port`,
          allowed: `a container port: ${mode} tasks are registered with SRV records (address and port)`,
          fix: 'map a container port, or use NetworkMode.AWSVPC (A records)',
        });
      }
    }
    const grace = props.healthCheckGracePeriodSeconds;
    if (grace !== undefined && !(Number.isInteger(grace) && grace >= 0 && grace <= 2147483647)) {
      problems.add({
        code: 'SERVICE_GRACE_PERIOD_INVALID',
        path: 'Ec2Service.healthCheckGracePeriodSeconds',
        received: describeValue(grace),
        allowed: 'a non-negative integer number of seconds',
        fix: 'e.g. 60',
      });
    }
    problems.throwIfAny(this);

    this.serviceName = props.serviceName;
    this.cluster = props.cluster;
    this.taskDefinition = td;
    this.capacityProvider = capacityProvider!;
    this.capacityProviderStrategy = strategy;
    this.subnets = subnets;
    const extras = props.cluster as ICluster & ClusterExtras;

    // Warnings for what a deployment would show only as a stuck rollout.
    if (
      staticHostPorts &&
      !props.autoScaling &&
      desiredCount > 0 &&
      capacityProvider &&
      Math.ceil((desiredCount * minHealthyPercent) / 100) >= capacityProvider.maxSize
    ) {
      Annotations.of(this).addWarning(
        `[SERVICE_HOST_PORTS_DEPLOYMENT_STALLS] ${props.serviceName}: in ${mode} mode each instance runs ` +
          `one task; with ${desiredCount} tasks, minHealthyPercent ${minHealthyPercent} and at most ${capacityProvider.maxSize} ` +
          'instances, no instance is free to start a new task during a deployment. Lower minHealthyPercent, raise maxSize, or use awsvpc mode.',
      );
    }

    const publicIds = new Set(network.publicSubnets.map((s) => s.subnetId));
    const inPublic = subnets.filter((s) => publicIds.has(s.subnetId)).map((s) => s.subnetId);
    if (inPublic.length > 0) {
      Annotations.of(this).addWarning(
        `[SERVICE_TASKS_IN_PUBLIC_SUBNETS] ${props.serviceName}: task ENIs in public subnet(s) ` +
          `${inPublic.join(', ')} get no public IP on EC2 and so no route to the internet (image pulls by the application, ` +
          'AWS APIs, ECS Exec). Use the private subnets (the default).',
      );
    }

    const pullProblem = imagePullRouteProblem(
      network,
      td.containers.map((c) => c.image),
      td.containers.some((c) => !c.logConfiguration || c.logConfiguration.logDriver === 'awslogs'),
    );
    if (pullProblem)
      Annotations.of(this).addWarning(`[SERVICE_IMAGE_PULL_NO_ROUTE] ${props.serviceName}: ${pullProblem}`);

    // ECS Exec.
    const exec = props.enableExecuteCommand ?? td.executeCommandEnabled;
    if (exec) {
      td.enableExecuteCommand({
        logGroupArn: props.executeCommandLogGroupArn ?? extras.execLogGroup?.arn,
        kmsKeyArn: props.executeCommandKmsKeyArn,
      });
      if (
        network.natGatewayMode === NatGatewayMode.NONE &&
        !network.endpointServices.some((e) => e === 'ssmmessages' || e.endsWith('.ssmmessages'))
      ) {
        Annotations.of(this).addWarning(
          `[SERVICE_EXEC_NO_ROUTE_TO_SSM] ${props.serviceName}: ECS Exec is on, but the private subnets ` +
            'have neither a NAT gateway nor an ssmmessages VPC endpoint: the SSM agent in the task cannot open a session. ' +
            'Add the ssmmessages interface endpoint (or a NAT gateway).',
        );
      }
      const readOnly = td.containers.filter((c) => c.readonlyRootFilesystem === true).map((c) => c.name);
      if (readOnly.length > 0) {
        Annotations.of(this).addWarning(
          `[SERVICE_EXEC_READ_ONLY_ROOT_FS] ${props.serviceName}: ECS Exec is on, but container(s) ` +
            `${readOnly.join(', ')} have a read-only root filesystem: the SSM agent cannot write its files there and sessions fail. ` +
            'Turn readonlyRootFilesystem off for the containers you exec into.',
        );
      }
    }

    // The tasks' security group.
    if (awsvpc) {
      this.securityGroup =
        props.securityGroup ??
        new ContainerSecurityGroup(this, 'security-group', {
          network,
          name: `${props.serviceName}-tasks`,
          description: `Tasks of ${props.serviceName}: container ports from named sources only`,
        });
      for (const p of ports) {
        this.securityGroup.addContainerPort(
          p.protocol === 'udp' ? Port.udp(p.containerPort) : Port.tcp(p.containerPort),
        );
      }
      for (const r of td.portRanges) {
        this.securityGroup.addContainerPort(
          r.protocol === 'udp' ? Port.udpRange(r.from, r.to) : Port.tcpRange(r.from, r.to),
        );
      }
    }

    this.connections = new Connections({
      name: props.serviceName,
      securityGroup: this.securityGroup,
      ruleScope: this,
      noSecurityGroupReason: `its tasks run in ${mode} mode and use the container instances' security group (tasks have one of their own in awsvpc mode only)`,
    });

    // Load balancer.
    if (props.loadBalancer && lbTarget) {
      this.loadBalancer = new ServiceLoadBalancer(this, 'load-balancer', {
        ...props.loadBalancer,
        network,
        name: props.serviceName,
        networkMode: mode,
        target: lbTarget,
        containerSecurityGroup: this.securityGroup,
        instanceSecurityGroupId: awsvpc ? undefined : capacityProvider!.instanceSecurityGroupId,
        ruleScope: this,
      });
    }

    // Service discovery.
    if (props.serviceDiscovery) {
      this.serviceDiscovery = new ServiceDiscovery(this, 'discovery', {
        ...props.serviceDiscovery,
        network,
        serviceName: props.serviceName,
        networkMode: mode,
      });
    }

    const dependsOn: ITerraformDependable[] = [...(props.dependsOn ?? [])];
    if (extras.capacityProvidersAssociation) dependsOn.push(extras.capacityProvidersAssociation);
    if (this.loadBalancer) {
      // A target group must belong to a load balancer before a service can use it.
      dependsOn.push(this.loadBalancer.listener);
    }
    const placement = props.placementStrategy ?? PlacementStrategy.SPREAD_ACROSS_AZS_THEN_INSTANCES;
    // AZ names synth could not compare (data-source values) are compared by Terraform at plan time.
    const azCheck = awsvpc ? subnetAzPrecondition(props.serviceName, capacityProvider!, subnets) : undefined;
    const srvPort = !awsvpc ? ports[0] : undefined;
    this.resource = validHcl(
      new EcsService(this, 'service', {
        name: props.serviceName,
        cluster: props.cluster.clusterArn,
        taskDefinition: td.taskDefinitionArn,
        desiredCount,
        capacityProviderStrategy: strategy.map((item) => ({
          capacityProvider: item.capacityProvider.capacityProviderName,
          weight: item.weight ?? 1,
          base: item.base ?? 0,
        })),
        networkConfiguration: awsvpc
          ? {
              subnets: subnets.map((s) => s.subnetId),
              securityGroups: [this.securityGroup!.securityGroupId, ...(props.additionalSecurityGroupIds ?? [])],
              assignPublicIp: false,
            }
          : undefined,
        orderedPlacementStrategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          placement === PlacementStrategy.SPREAD_ACROSS_AZS_THEN_INSTANCES
            ? { type: 'spread', field: 'instanceId' }
            : { type: 'binpack', field: 'memory' },
        ],
        deploymentCircuitBreaker: { enable: props.circuitBreaker ?? true, rollback: props.circuitBreaker ?? true },
        deploymentMinimumHealthyPercent: minHealthyPercent,
        deploymentMaximumPercent: maxPercent,
        waitForSteadyState: props.waitForSteadyState ?? false,
        enableExecuteCommand: exec,
        healthCheckGracePeriodSeconds: grace ?? (this.loadBalancer ? 60 : undefined),
        loadBalancer: this.loadBalancer
          ? [
              {
                targetGroupArn: this.loadBalancer.targetGroup.arn,
                containerName: lbTarget!.containerName,
                containerPort: lbTarget!.containerPort,
              },
            ]
          : undefined,
        serviceRegistries: this.serviceDiscovery
          ? {
              registryArn: this.serviceDiscovery.service.arn,
              containerName: srvPort?.containerName,
              containerPort: srvPort?.containerPort,
            }
          : undefined,
        enableEcsManagedTags: true,
        propagateTags: 'SERVICE',
        tags: props.tags,
        dependsOn,
        lifecycle:
          props.autoScaling || azCheck
            ? {
                ...(props.autoScaling ? { ignoreChanges: ['desired_count'] } : {}),
                ...(azCheck ? { precondition: [azCheck] } : {}),
              }
            : undefined,
      }),
    );

    if (props.autoScaling) {
      this.autoScaling = new ServiceAutoScaling(this, 'auto-scaling', {
        ...props.autoScaling,
        clusterName: props.cluster.clusterName,
        serviceName: this.resource.name,
      });
    }

    const hostPorts =
      mode === NetworkMode.HOST
        ? [
            ...ports.map((p) => `${p.hostPort}/${p.protocol}`),
            ...td.portRanges.map((r) => `${r.from}-${r.to}/${r.protocol}`),
          ]
        : mode === NetworkMode.BRIDGE
          ? ports.filter((p) => p.hostPort !== 0).map((p) => `${p.hostPort}/${p.protocol}`)
          : [];
    const maxCount = props.autoScaling?.maxCapacity;
    this.demand = {
      serviceName: props.serviceName,
      desiredCount,
      ...(maxCount !== undefined ? { maxCount: Math.max(desiredCount, maxCount) } : {}),
      maximumPercent: maxPercent,
      networkMode: mode,
      // Without a provider of its own the service follows the cluster's default strategy, which the
      // cluster resolves when it checks.
      ...(props.capacityProvider ? { capacityProvider: props.capacityProvider.capacityProviderName } : {}),
      ...(hostPorts.length > 0 ? { staticHostPorts: [...new Set(hostPorts)] } : {}),
    };
    props.cluster.addServiceDemand(this.demand);
  }
}
