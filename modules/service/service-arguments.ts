/**
 * The arguments of a service's `aws_ecs_service` that depend on its parts (network configuration,
 * load balancer and registry blocks, Service Connect, lifecycle) and its capacity demand. Pure.
 */
import type { ServiceDemand } from '../capacity/cluster-budget';
import { stackRegion } from '../core';
import type { IConstruct } from 'constructs';
import { holdsTaskSetSettings, ignoredChanges } from './deployment';
import { NetworkMode } from '../core/network-mode';
import type { PlanTimeCondition } from './service-checks';
import { serviceConnectBlock } from './service-connect';
import type { ServiceProps } from './service-props';
import type { ServiceSetup } from './service-setup';

/** What the service's parts contribute. */
export interface ServiceParts {
  readonly securityGroupId?: string;
  /** The target group ECS registers tasks in, when behind a load balancer. */
  readonly targetGroupArn?: string;
  /** The Cloud Map service's ARN, with service discovery. */
  readonly registryArn?: string;
  /** The plan-time AZ check, when synth could not compare. */
  readonly azCheck?: PlanTimeCondition;
}

/** Task-set-level arguments: task definition, network, load balancer, registries, strategy (none for EXTERNAL). */
export function taskSetArguments(props: ServiceProps, s: ServiceSetup, parts: ServiceParts) {
  if (!holdsTaskSetSettings(props)) return {};
  const srvPort = !s.awsvpc ? s.ports[0] : undefined;
  return {
    taskDefinition: s.td.taskDefinitionArn,
    capacityProviderStrategy: s.strategy.map((item) => ({
      capacityProvider: item.capacityProvider.capacityProviderName,
      weight: item.weight ?? 1,
      base: item.base ?? 0,
    })),
    networkConfiguration: s.awsvpc
      ? {
          subnets: s.subnets.map((x) => x.subnetId),
          securityGroups: [parts.securityGroupId!, ...(props.additionalSecurityGroupIds ?? [])],
          assignPublicIp: false,
        }
      : undefined,
    loadBalancer:
      parts.targetGroupArn !== undefined && s.lbTarget
        ? [
            {
              targetGroupArn: parts.targetGroupArn,
              containerName: s.lbTarget.containerName,
              containerPort: s.lbTarget.containerPort,
            },
          ]
        : undefined,
    serviceRegistries:
      parts.registryArn !== undefined
        ? {
            registryArn: parts.registryArn,
            containerName: srvPort?.containerName,
            containerPort: srvPort?.containerPort,
          }
        : undefined,
  };
}

/** The `service_connect_configuration` block, with Service Connect. */
export function serviceConnectArguments(scope: IConstruct, props: ServiceProps, s: ServiceSetup) {
  if (!props.serviceConnect) return {};
  return {
    serviceConnectConfiguration: serviceConnectBlock(props.serviceConnect, {
      containers: s.td.containers,
      logGroupName: s.td.logGroup.name,
      region: stackRegion(scope),
    }),
  };
}

/** The lifecycle block: what Terraform leaves to others, and the plan-time AZ check. */
export function lifecycleArguments(props: ServiceProps, parts: ServiceParts) {
  const ignore = ignoredChanges(props, props.autoScaling !== undefined);
  if (ignore.length === 0 && !parts.azCheck) return undefined;
  return {
    ...(ignore.length > 0 ? { ignoreChanges: ignore } : {}),
    ...(parts.azCheck ? { precondition: [parts.azCheck] } : {}),
  };
}

/** What the service asks of the cluster's capacity. */
export function serviceDemand(props: ServiceProps, s: ServiceSetup): ServiceDemand {
  const td = s.td;
  const hostPorts =
    s.mode === NetworkMode.HOST
      ? [
          ...s.ports.map((p) => `${p.hostPort}/${p.protocol}`),
          ...td.portRanges.map((r) => `${r.from}-${r.to}/${r.protocol}`),
        ]
      : s.mode === NetworkMode.BRIDGE
        ? s.ports.filter((p) => p.hostPort !== 0).map((p) => `${p.hostPort}/${p.protocol}`)
        : [];
  const maxCount = props.autoScaling?.maxCapacity;
  return {
    serviceName: props.serviceName,
    desiredCount: s.desiredCount,
    ...(maxCount !== undefined ? { maxCount: Math.max(s.desiredCount, maxCount) } : {}),
    maximumPercent: props.maxHealthyPercent ?? 200,
    networkMode: s.mode,
    // Without a provider of its own the service follows the cluster's default strategy, which the
    // cluster resolves when it checks.
    ...(props.capacityProvider ? { capacityProvider: props.capacityProvider.capacityProviderName } : {}),
    ...(hostPorts.length > 0 ? { staticHostPorts: [...new Set(hostPorts)] } : {}),
  };
}
