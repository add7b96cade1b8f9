/**
 * The first steps of `Ec2Service`: what its props resolve to (`resolveServiceSetup`) and every problem
 * of them (`serviceProblems`), collected before anything is created. Pure: creates no constructs.
 */
import type { CapacityProviderStrategyItem, ICapacityProvider } from '../compute/compute-ref';
import { checkTags, describeValue, type Problem } from '../core';
import type { SubnetRef } from '../network/network-ref';
import { checkAutoScalingOptions, checkRequestCountScaling, type RequestCountSource } from './auto-scaling';
import type { TaskPort } from './container-definitions';
import { checkDeployment } from './deployment';
import { checkLoadBalancerOptions, chooseLoadBalancerTarget } from './load-balancer-checks';
import { rulePriorityCollision } from './listener-rules';
import { LoadBalancerType, type LoadBalancerTarget, type ServiceLoadBalancerProps } from './load-balancer-options';
import { NetworkMode } from '../core/network-mode';
import { checkServicePlan, type ServicePlan } from './service-checks';
import { checkServiceConnectOptions } from './service-connect';
import { checkServiceDiscoveryOptions } from './service-discovery';
import type { ServiceProps } from './service-props';
import type { TaskDefinition } from './task-definition';

/** What a service's props resolve to. */
export interface ServiceSetup {
  readonly td: TaskDefinition;
  readonly mode: NetworkMode;
  readonly awsvpc: boolean;
  readonly desiredCount: number;
  readonly strategy: readonly CapacityProviderStrategyItem[];
  /** The strategy's first provider (undefined when none could be chosen: a problem). */
  readonly capacityProvider?: ICapacityProvider;
  readonly subnets: readonly SubnetRef[];
  readonly ports: readonly TaskPort[];
  /** Every task needs its own instance (host mode, or static bridge host ports). */
  readonly staticHostPorts: boolean;
  /** The container and port the load balancer targets, when there is one. */
  readonly lbTarget?: LoadBalancerTarget;
  readonly executeCommand: boolean;
}

/** The values the constructor and the checks share. */
export function resolveServiceSetup(props: ServiceProps): ServiceSetup {
  const td = props.taskDefinition;
  const mode = td.networkMode;
  const awsvpc = mode === NetworkMode.AWSVPC;
  const strategy: readonly CapacityProviderStrategyItem[] = props.capacityProvider
    ? [{ capacityProvider: props.capacityProvider, weight: 1, base: 0 }]
    : props.cluster.defaultCapacityProviderStrategy;
  const ports = td.ports;
  const staticHostPorts =
    mode === NetworkMode.HOST
      ? ports.length > 0 || td.portRanges.length > 0
      : mode === NetworkMode.BRIDGE
        ? ports.some((p) => p.hostPort !== 0)
        : false;
  const lbTarget = props.loadBalancer
    ? chooseLoadBalancerTarget(props.loadBalancer, td.containers, ports, 'Ec2Service.loadBalancer').target
    : undefined;
  return {
    td,
    mode,
    awsvpc,
    desiredCount: props.desiredCount ?? 1,
    strategy,
    capacityProvider: strategy[0]?.capacityProvider,
    subnets: awsvpc ? (props.subnets ?? props.cluster.network.privateSubnets) : [],
    ports,
    staticHostPorts,
    lbTarget,
    executeCommand: props.enableExecuteCommand ?? td.executeCommandEnabled,
  };
}

/** The plan `checkServicePlan` reads. */
export function servicePlan(props: ServiceProps, s: ServiceSetup): ServicePlan {
  const td = s.td;
  return {
    serviceName: props.serviceName,
    desiredCount: s.desiredCount,
    networkMode: s.mode,
    osFamily: td.osFamily,
    cpuArchitecture: td.cpuArchitecture,
    capacityProvider: s.capacityProvider,
    clusterCapacityProviders: props.cluster.capacityProviders,
    capacityProviderGiven: props.capacityProvider !== undefined,
    subnets: s.subnets,
    subnetsGiven: props.subnets !== undefined,
    securityGroupCount: 1 + (props.additionalSecurityGroupIds?.length ?? 0),
    securityGroupsGiven: props.securityGroup !== undefined || props.additionalSecurityGroupIds !== undefined,
    assignPublicIp: props.assignPublicIp ?? false,
    minHealthyPercent: props.minHealthyPercent ?? 100,
    maxPercent: props.maxHealthyPercent ?? 200,
    oneTaskPerInstance: s.staticHostPorts && s.strategy.length <= 1,
    autoScalingMax: props.autoScaling?.maxCapacity,
    taskCpu: td.cpu,
    taskMemoryMiB: td.memoryMiB,
    privilegedContainers: td.containers.filter((c) => c.privileged === true).map((c) => c.name),
    // ECS Exec creates the task role when the task has none yet.
    taskRole: td.hasTaskRole || s.executeCommand,
    executeCommand: s.executeCommand,
  };
}

/**
 * The plan's problems for every provider of the strategy (each must suit the task: OS,
 * architecture, AZs); with several, the cluster's host port budget checks the split.
 */
export function strategyProblems(props: ServiceProps, s: ServiceSetup): Problem[] {
  const plan = servicePlan(props, s);
  const seen = new Set<string>();
  const out: Problem[] = [];
  const add = (p: Problem): void => {
    const key = `${p.code}\u0000${p.path}\u0000${p.received}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  checkServicePlan(plan).forEach(add);
  s.strategy
    .slice(1)
    .forEach((item) =>
      checkServicePlan({ ...plan, capacityProvider: item.capacityProvider, oneTaskPerInstance: false }).forEach(add),
    );
  return out;
}

/** The load balancer options' problems (target, options, the rule's priority on its listener). */
export function loadBalancerProblems(
  props: ServiceProps,
  s: ServiceSetup,
  scope: ServiceLoadBalancerProps['ruleScope'],
): Problem[] {
  const lb = props.loadBalancer;
  if (!lb) return [];
  const path = 'Ec2Service.loadBalancer';
  const chosen = chooseLoadBalancerTarget(lb, s.td.containers, s.ports, path);
  if (!chosen.target) return chosen.problems;
  const out = checkLoadBalancerOptions(
    {
      ...lb,
      network: props.cluster.network,
      name: props.serviceName,
      networkMode: s.mode,
      target: chosen.target,
      ruleScope: scope,
    },
    path,
  );
  if (lb.listener) {
    const collision = rulePriorityCollision(scope, lb.listener.listenerArn, lb.priority, path);
    if (collision) out.push(collision);
  }
  return out;
}

/** Where request-count scaling would read its label. */
export function requestCountSource(props: ServiceProps): RequestCountSource {
  const lb = props.loadBalancer;
  if (!lb) return 'none';
  if (lb.targetGroupArn !== undefined) return 'target-group-arn';
  if (lb.listener === undefined && lb.type === LoadBalancerType.NETWORK) return 'nlb';
  return 'alb';
}

/** Problems of the traffic options: discovery, Service Connect, auto scaling, deployment. */
export function trafficProblems(props: ServiceProps, s: ServiceSetup): Problem[] {
  const out: Problem[] = [];
  const network = props.cluster.network;
  if (props.autoScaling) {
    out.push(...checkAutoScalingOptions(props.autoScaling, s.desiredCount, 'Ec2Service.autoScaling'));
    out.push(...checkRequestCountScaling(props.autoScaling, requestCountSource(props), 'Ec2Service.autoScaling'));
  }
  if (props.serviceDiscovery) {
    out.push(
      ...checkServiceDiscoveryOptions(
        props.serviceDiscovery,
        props.serviceName,
        'Ec2Service.serviceDiscovery',
        network,
      ),
    );
    if (!s.awsvpc && s.ports.length === 0) {
      out.push({
        code: 'SERVICE_DISCOVERY_PORT_MISSING',
        path: 'Ec2Service.serviceDiscovery',
        received: `a ${s.mode}-mode task without a container port`,
        allowed: `a container port: ${s.mode} tasks are registered with SRV records (address and port)`,
        fix: 'map a container port, or use NetworkMode.AWSVPC (A records)',
      });
    }
  }
  if (props.serviceConnect) {
    out.push(
      ...checkServiceConnectOptions(
        props.serviceConnect,
        { networkMode: s.mode, osFamily: s.td.osFamily, containers: s.td.containers },
        'Ec2Service.serviceConnect',
      ),
    );
  }
  out.push(
    ...checkDeployment(
      props,
      {
        hasLoadBalancer: props.loadBalancer !== undefined,
        hasServiceDiscovery: props.serviceDiscovery !== undefined,
        hasServiceConnect: props.serviceConnect !== undefined,
        containerHealthCheck: s.td.containers.some((c) => c.healthCheck !== undefined),
      },
      'Ec2Service',
    ),
  );
  return out;
}

/** Every problem of the props, in the order users read them. */
export function serviceProblems(
  props: ServiceProps,
  s: ServiceSetup,
  scope: ServiceLoadBalancerProps['ruleScope'],
): Problem[] {
  const network = props.cluster.network;
  const out = [...strategyProblems(props, s), ...checkTags(props.tags, 'Ec2Service.tags')];
  if (props.securityGroup && props.securityGroup.network.vpcId !== network.vpcId) {
    out.push({
      code: 'SERVICE_SECURITY_GROUP_OTHER_VPC',
      path: 'Ec2Service.securityGroup',
      received: `a group in ${describeValue(props.securityGroup.network.vpcId)}`,
      allowed: `a group of the cluster's VPC ${describeValue(network.vpcId)}`,
      fix: "create the shared group with the cluster's network",
    });
  }
  out.push(...loadBalancerProblems(props, s, scope), ...trafficProblems(props, s));
  return out;
}
