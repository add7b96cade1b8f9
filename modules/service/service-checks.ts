/**
 * Synth-time checks of a service against its cluster, capacity provider and network (pure: creates
 * no constructs). Each catches a mistake that AWS reports only at deploy time.
 */
import { Fn } from 'cdktf';
import { instanceResourceCeiling } from '../capacity/instance-type';
import type { ICapacityProvider } from '../compute/compute-ref';
import {
  type CpuArchitecture,
  describeValue,
  ECS_NAME_RULE,
  instanceOsFamily,
  isEcsName,
  isUnresolved,
  isWindows,
  NetworkMode,
  OsFamily,
  type Problem,
  TaskOsFamily,
} from '../core';
import { NatGatewayMode, type INetwork, type SubnetRef } from '../network/network-ref';
import { missingEndpoints, VpcEndpointService, VpcEndpointSets } from '../network/vpc-endpoints';
import { parseEcrImage } from './iam-policies';

/** ECS limits of `awsvpcConfiguration`. */
export const MAX_SERVICE_SUBNETS = 16;
export const MAX_SERVICE_SECURITY_GROUPS = 5;

/** What the service checks look at. */
export interface ServicePlan {
  readonly serviceName: string;
  readonly desiredCount: number;
  readonly networkMode: NetworkMode;
  readonly osFamily: TaskOsFamily;
  /** The task's declared architecture, if any (may be a token). */
  readonly cpuArchitecture?: CpuArchitecture;
  /** The provider the service runs on; undefined when none could be chosen. */
  readonly capacityProvider?: ICapacityProvider;
  /** The cluster's providers (empty for an imported cluster that lists none). */
  readonly clusterCapacityProviders: readonly ICapacityProvider[];
  /** Whether the user named the provider (rather than the default). */
  readonly capacityProviderGiven: boolean;
  /** Network configuration: only for awsvpc. */
  readonly subnets: readonly SubnetRef[];
  readonly subnetsGiven: boolean;
  readonly securityGroupCount: number;
  readonly securityGroupsGiven: boolean;
  readonly assignPublicIp: boolean;
  readonly minHealthyPercent: number;
  readonly maxPercent: number;
  /** True when every task of the service needs its own instance (host mode, or static bridge host ports). */
  readonly oneTaskPerInstance: boolean;
  /** Auto scaling maximum, when on. */
  readonly autoScalingMax?: number;
  /** Task-level CPU units, when set. */
  readonly taskCpu?: number;
  /** Task-level memory (MiB), when set. */
  readonly taskMemoryMiB?: number;
  /** Names of the task's containers that run privileged. @default [] */
  readonly privilegedContainers?: readonly string[];
  /** Whether the task runs with a task IAM role (every task but a host-mode one without needs). @default false */
  readonly taskRole?: boolean;
  /** Whether ECS Exec is on (it needs a task role). @default false */
  readonly executeCommand?: boolean;
}

/** The service name and desired count. */
export function checkServiceBasics(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const at = 'Ec2Service';
  if (!isUnresolved(p.serviceName) && !isEcsName(p.serviceName)) {
    out.push({
      code: 'SERVICE_NAME_INVALID',
      path: `${at}.serviceName`,
      received: describeValue(p.serviceName),
      allowed: ECS_NAME_RULE,
      fix: 'e.g. "web"',
    });
  }
  if (!isUnresolved(p.desiredCount) && !(Number.isInteger(p.desiredCount) && p.desiredCount >= 0)) {
    out.push({
      code: 'SERVICE_DESIRED_COUNT_INVALID',
      path: `${at}.desiredCount`,
      received: describeValue(p.desiredCount),
      allowed: 'a non-negative integer',
      fix: 'e.g. 2',
    });
  }
  return out;
}

/** The capacity provider: present, the cluster's, of the task's OS and architecture. */
export function checkCapacityProvider(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const at = 'Ec2Service';
  const cp = p.capacityProvider;
  if (cp === undefined) {
    out.push({
      code: 'SERVICE_CAPACITY_PROVIDER_MISSING',
      path: `${at}.capacityProvider`,
      received: 'undefined, and the cluster lists no capacity provider',
      allowed: 'a capacity provider of the cluster',
      fix: 'add a capacity provider to the cluster, or pass capacityProvider',
    });
  } else {
    if (
      p.capacityProviderGiven &&
      p.clusterCapacityProviders.length > 0 &&
      !p.clusterCapacityProviders.some((c) => c === cp || c.capacityProviderName === cp.capacityProviderName)
    ) {
      out.push({
        code: 'SERVICE_CAPACITY_PROVIDER_NOT_IN_CLUSTER',
        path: `${at}.capacityProvider`,
        received: describeValue(cp.capacityProviderName),
        allowed: `a capacity provider of the cluster: ${p.clusterCapacityProviders.map((c) => JSON.stringify(c.capacityProviderName)).join(', ')}`,
        fix: 'add the capacity provider to the cluster first, or name one of its providers',
      });
    }
    const wanted = instanceOsFamily(p.osFamily);
    if (cp.osFamily !== wanted) {
      out.push({
        code: 'SERVICE_OS_MISMATCH',
        path: `${at}.capacityProvider`,
        received: `${JSON.stringify(cp.capacityProviderName)} (${cp.osFamily} instances) for a ${p.osFamily} task`,
        allowed: `a ${wanted} capacity provider`,
        fix:
          wanted === OsFamily.WINDOWS
            ? 'place the Windows task on a capacity provider of Windows container instances'
            : "place the Linux task on a capacity provider of Linux container instances (or set the task's osFamily)",
      });
    }
    if (p.cpuArchitecture !== undefined && !isUnresolved(p.cpuArchitecture) && cp.architecture !== p.cpuArchitecture) {
      out.push({
        code: 'SERVICE_ARCHITECTURE_MISMATCH',
        path: `${at}.capacityProvider`,
        received: `${JSON.stringify(cp.capacityProviderName)} (${cp.architecture}) for a ${p.cpuArchitecture} task`,
        allowed: `a ${p.cpuArchitecture} capacity provider`,
        fix: "build the images for the instances' architecture, or use a capacity provider of the task's architecture",
      });
    }
  }
  return out;
}

/** A host-mode task with a task role needs capacity whose agent allows it. */
export function checkHostModeTaskRole(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const at = 'Ec2Service';
  const cp = p.capacityProvider;
  // Host mode with a task role: ECS places such a task only on instances whose agent reports the
  // task-iam-role-network-host capability, i.e. sets ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true.
  if (
    p.networkMode === NetworkMode.HOST &&
    p.taskRole &&
    cp &&
    cp.osFamily === OsFamily.LINUX &&
    !cp.taskIamRoleNetworkHost
  ) {
    out.push({
      code: 'SERVICE_HOST_MODE_TASK_ROLE_NOT_ENABLED',
      path: `${at}.capacityProvider`,
      received:
        `a host-mode task with a task role${p.executeCommand ? ' (ECS Exec needs one)' : ''} on ` +
        `${JSON.stringify(cp.capacityProviderName)}, whose instances set ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false`,
      allowed:
        'host-mode tasks with a task role only on capacity with taskIamRoleNetworkHost: ECS places them only on ' +
        'instances that report the com.amazonaws.ecs.capability.task-iam-role-network-host capability, and the task ' +
        'would stay PENDING forever',
      fix:
        'set taskIamRoleNetworkHost: true and taskIamRoleNetworkHostReason (why host-mode tasks there may have ' +
        "roles: they share the instance's network, instance metadata included) on the capacity provider; or run the " +
        'task without a role (ECS Exec off, no taskRolePolicyStatements); or use NetworkMode.AWSVPC',
    });
  }
  return out;
}

/** Network configuration of a task that is not awsvpc: none. */
export function checkNetworkConfigurationMode(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const at = 'Ec2Service';
  if (p.networkMode === NetworkMode.AWSVPC) return out;
  if (p.subnetsGiven || p.securityGroupsGiven || p.assignPublicIp) {
    out.push({
      code: 'SERVICE_NETWORK_CONFIGURATION_NOT_AWSVPC',
      path: `${at}.${p.subnetsGiven ? 'subnets' : p.securityGroupsGiven ? 'securityGroup' : 'assignPublicIp'}`,
      received: `a network configuration for a ${p.networkMode}-mode task`,
      allowed: 'subnets, security groups and assignPublicIp only with NetworkMode.AWSVPC',
      fix:
        `remove them: ${p.networkMode}-mode tasks use the instance's network interface and security group ` +
        '(ECS rejects it: "Network Configuration is not valid for the given networkMode")',
    });
  }
  return out;
}

/** The awsvpc network configuration: subnets (count, duplicates, AZs), security groups, no public IP. */
export function checkAwsvpcConfiguration(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const at = 'Ec2Service';
  const cp = p.capacityProvider;
  if (p.networkMode !== NetworkMode.AWSVPC) return out;
  if (p.assignPublicIp) {
    out.push({
      code: 'SERVICE_PUBLIC_IP_UNSUPPORTED',
      path: `${at}.assignPublicIp`,
      received: 'true',
      allowed:
        'false: task ENIs on EC2 never get public IPs ("Assign public IP is not supported for this launch type")',
      fix: 'keep tasks in private subnets and reach them through a load balancer; they reach the internet through the NAT gateway',
    });
  }
  if (p.subnets.length === 0) {
    out.push({
      code: 'SERVICE_SUBNETS_EMPTY',
      path: `${at}.subnets`,
      received: '[]',
      allowed: `1 to ${MAX_SERVICE_SUBNETS} subnets`,
      fix: 'leave subnets unset (the private subnets) or name at least one',
    });
  }
  if (p.subnets.length > MAX_SERVICE_SUBNETS) {
    out.push({
      code: 'SERVICE_TOO_MANY_SUBNETS',
      path: `${at}.subnets`,
      received: `${p.subnets.length} subnets`,
      allowed: `at most ${MAX_SERVICE_SUBNETS} (ECS awsvpcConfiguration)`,
      fix: 'name fewer subnets, one or two per AZ',
    });
  }
  if (p.securityGroupCount > MAX_SERVICE_SECURITY_GROUPS) {
    out.push({
      code: 'SERVICE_TOO_MANY_SECURITY_GROUPS',
      path: `${at}.additionalSecurityGroupIds`,
      received: `${p.securityGroupCount} security groups (the container group included)`,
      allowed: `at most ${MAX_SERVICE_SECURITY_GROUPS} (ECS awsvpcConfiguration)`,
      fix: 'merge rules into fewer groups',
    });
  }
  const ids = p.subnets.map((s) => s.subnetId).filter((id) => !isUnresolved(id));
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) {
    out.push({
      code: 'SERVICE_SUBNET_DUPLICATE',
      path: `${at}.subnets`,
      received: describeValue(dup),
      allowed: 'each subnet once',
      fix: 'remove the duplicate',
    });
  }
  if (cp && cp.subnets.length > 0 && !cp.subnets.some((s) => isUnresolved(s.availabilityZone))) {
    const capacityAzs = new Set(cp.subnets.map((s) => s.availabilityZone));
    p.subnets.forEach((s, i) => {
      if (!isUnresolved(s.availabilityZone) && !capacityAzs.has(s.availabilityZone)) {
        out.push({
          code: 'SERVICE_SUBNET_AZ_NOT_IN_CAPACITY',
          path: `${at}.subnets[${i}]`,
          received: `${describeValue(s.subnetId)} in ${s.availabilityZone}`,
          allowed: `subnets in the AZs where ${JSON.stringify(cp.capacityProviderName)} runs instances: ${[...capacityAzs].join(', ')}`,
          fix: 'a task ENI can only attach to an instance in its own AZ: use subnets of those AZs, or extend the capacity provider to this AZ',
        });
      }
    });
  }
  return out;
}

/** Deployment percentages. */
export function checkDeploymentPercents(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const at = 'Ec2Service';
  if (
    !isUnresolved(p.minHealthyPercent) &&
    !(Number.isInteger(p.minHealthyPercent) && p.minHealthyPercent >= 0 && p.minHealthyPercent <= 100)
  ) {
    out.push({
      code: 'SERVICE_DEPLOYMENT_PERCENT_INVALID',
      path: `${at}.minHealthyPercent`,
      received: describeValue(p.minHealthyPercent),
      allowed: 'an integer from 0 to 100',
      fix: 'e.g. 100 (keep every task during deployments) or 50',
    });
  }
  if (!isUnresolved(p.maxPercent) && !(Number.isInteger(p.maxPercent) && p.maxPercent >= 100)) {
    out.push({
      code: 'SERVICE_DEPLOYMENT_PERCENT_INVALID',
      path: `${at}.maxHealthyPercent`,
      received: describeValue(p.maxPercent),
      allowed: 'an integer of at least 100',
      fix: 'e.g. 200 (start new tasks before stopping old ones)',
    });
  } else if (!isUnresolved(p.maxPercent) && !isUnresolved(p.minHealthyPercent) && p.maxPercent <= p.minHealthyPercent) {
    out.push({
      code: 'SERVICE_DEPLOYMENT_PERCENT_INVALID',
      path: `${at}.maxHealthyPercent`,
      received: `${p.maxPercent} (minHealthyPercent is ${p.minHealthyPercent})`,
      allowed: 'maxHealthyPercent above minHealthyPercent, or deployments cannot replace any task',
      fix: 'raise maxHealthyPercent (e.g. 200) or lower minHealthyPercent',
    });
  }
  return out;
}

/** Task cpu and memory against what one instance of the capacity provider can register. */
export function checkInstanceCeiling(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const cp = p.capacityProvider;
  // What one instance can register (Linux: Windows ignores task-level cpu and memory).
  if (cp && !isWindows(p.osFamily) && !isUnresolved(cp.instanceType)) {
    const ceiling = instanceResourceCeiling(cp.instanceType);
    const cpu = p.taskCpu;
    if (ceiling.vcpus !== undefined && cpu !== undefined && !isUnresolved(cpu) && cpu > ceiling.vcpus * 1024) {
      out.push({
        code: 'SERVICE_TASK_CPU_ABOVE_INSTANCE',
        path: 'TaskDefinition.cpu',
        received: `${cpu} CPU units on ${JSON.stringify(cp.capacityProviderName)} (${cp.instanceType}: at most ${ceiling.vcpus} vCPUs)`,
        allowed:
          `at most ${ceiling.vcpus * 1024} CPU units (1024 per vCPU ECS can register on a ${cp.instanceType}); ` +
          'a task asking for more is never placed',
        fix: 'lower the task cpu, or run the service on a capacity provider of a larger instance type',
      });
    }
    const memory = p.taskMemoryMiB;
    if (
      ceiling.memoryMiB !== undefined &&
      memory !== undefined &&
      !isUnresolved(memory) &&
      memory > ceiling.memoryMiB
    ) {
      out.push({
        code: 'SERVICE_TASK_MEMORY_ABOVE_INSTANCE',
        path: 'TaskDefinition.memoryMiB',
        received: `${memory} MiB on ${JSON.stringify(cp.capacityProviderName)} (${cp.instanceType}: at most ${ceiling.memoryMiB} MiB)`,
        allowed:
          `less than the ${ceiling.memoryMiB} MiB a ${cp.instanceType} has (ECS registers a little less); ` +
          'a task asking for more is never placed',
        fix: 'lower the task memory, or run the service on a capacity provider of a larger (or memory-optimized) instance type',
      });
    }
  }
  return out;
}

/** Privileged containers need capacity that allows them. */
export function checkPrivilegedCapacity(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const at = 'Ec2Service';
  const cp = p.capacityProvider;
  // Privileged containers need capacity that allows them (ECS_DISABLE_PRIVILEGED is on by default).
  const privileged = p.privilegedContainers ?? [];
  if (cp && privileged.length > 0 && cp.privilegedContainers === false) {
    out.push({
      code: 'SERVICE_PRIVILEGED_NOT_ALLOWED',
      path: `${at}.capacityProvider`,
      received:
        `privileged container(s) ${privileged.map((n) => JSON.stringify(n)).join(', ')} on ` +
        `${JSON.stringify(cp.capacityProviderName)}, whose instances set ECS_DISABLE_PRIVILEGED=true`,
      allowed: 'privileged containers only on a capacity provider with privilegedContainers: true',
      fix:
        'drop privileged (grant the one Linux capability the container needs instead), or give the service a ' +
        'capacity provider created with privilegedContainers: true',
    });
  }
  return out;
}

/** Fixed host ports: one task per instance, so no more tasks than instances. */
export function checkHostPortsExhausted(p: ServicePlan): Problem[] {
  const out: Problem[] = [];
  const at = 'Ec2Service';
  const cp = p.capacityProvider;
  // Host ports: one task per instance.
  if (p.oneTaskPerInstance && cp && !isUnresolved(cp.maxSize)) {
    const counts: [string, number | undefined][] = [
      ['desiredCount', p.desiredCount],
      ['autoScaling.maxCapacity', p.autoScalingMax],
    ];
    for (const [key, count] of counts) {
      if (count === undefined || isUnresolved(count) || count <= cp.maxSize) continue;
      out.push({
        code: 'SERVICE_HOST_PORTS_EXHAUSTED',
        path: `${at}.${key}`,
        received: `${count} tasks on ${JSON.stringify(cp.capacityProviderName)} (at most ${cp.maxSize} instances)`,
        allowed:
          `at most ${cp.maxSize} tasks: in ${p.networkMode} mode with fixed host ports each instance runs one task ` +
          '(ECS fails the others with RESOURCE:PORTS)',
        fix:
          'use NetworkMode.AWSVPC (several tasks per instance with the same container port), lower the count, ' +
          "or raise the capacity provider's maxSize",
      });
    }
  }
  return out;
}

/** The checks of `checkServicePlan`, in the order their problems are reported. */
export const SERVICE_PLAN_CHECKS: readonly ((p: ServicePlan) => Problem[])[] = [
  checkServiceBasics,
  checkCapacityProvider,
  checkHostModeTaskRole,
  checkNetworkConfigurationMode,
  checkAwsvpcConfiguration,
  checkDeploymentPercents,
  checkInstanceCeiling,
  checkPrivilegedCapacity,
  checkHostPortsExhausted,
];

/** Every problem of the plan. */
export function checkServicePlan(p: ServicePlan): Problem[] {
  return SERVICE_PLAN_CHECKS.flatMap((check) => check(p));
}

/**
 * Why the tasks' images or logs have no route out of private subnets without a NAT gateway, or
 * undefined when they have one. Images from public registries (Docker Hub, public.ecr.aws, ...) are not
 * reachable through VPC endpoints at all; private ECR images need ecr.api, ecr.dkr and s3; the awslogs
 * driver needs logs. (Image pulls and awslogs run in the agent and Docker on the instance.)
 */
export function imagePullRouteProblem(
  network: INetwork,
  images: readonly string[],
  awslogs: boolean,
): string | undefined {
  if (network.natGatewayMode !== NatGatewayMode.NONE) return undefined;
  const literal = images.filter((image) => !isUnresolved(image));
  const publicImages = literal.filter((image) => parseEcrImage(image) === undefined);
  const needed = [
    ...(literal.length > publicImages.length || literal.length < images.length
      ? VpcEndpointSets.IMAGE_PULL.filter((s) => s !== VpcEndpointService.LOGS)
      : []),
    ...(awslogs ? [VpcEndpointService.LOGS] : []),
  ];
  const missing = missingEndpoints(network.endpointServices, needed);
  const parts: string[] = [];
  if (publicImages.length > 0) {
    parts.push(
      `image(s) ${publicImages.join(', ')} come from a public registry, which no VPC endpoint reaches ` +
        '(copy them to a private ECR repository, or use an ECR pull through cache rule)',
    );
  }
  if (missing.length > 0) parts.push(`no VPC endpoint for ${missing.join(', ')}`);
  if (parts.length === 0) return undefined;
  return (
    `the private subnets have no NAT gateway: ${parts.join('; ')}. Tasks would stop with ` +
    'CannotPullContainerError (or fail to start their log driver). Add a NAT gateway, or the endpoints (VpcEndpointSets.IMAGE_PULL).'
  );
}

/** A Terraform precondition (`lifecycle.precondition`). */
export interface PlanTimeCondition {
  readonly condition: string;
  readonly errorMessage: string;
}

/**
 * The plan-time form of SERVICE_SUBNET_AZ_NOT_IN_CAPACITY: when an AZ name of a task subnet or of the
 * capacity provider's subnets is only known at plan time (the `aws_availability_zones` data source,
 * an imported subnet), a precondition that every task subnet's AZ is one where the capacity provider
 * runs instances. Undefined when synth already compared them (all AZ names literal, or each task
 * subnet's AZ is the very reference of a capacity subnet's AZ) or there is nothing to compare.
 */
export function subnetAzPrecondition(
  serviceName: string,
  capacityProvider: ICapacityProvider,
  subnets: readonly SubnetRef[],
): PlanTimeCondition | undefined {
  const capacityAzs = capacityProvider.subnets.map((s) => s.availabilityZone);
  const taskAzs = subnets.map((s) => s.availabilityZone);
  if (capacityAzs.length === 0 || taskAzs.length === 0) return undefined;
  if (![...capacityAzs, ...taskAzs].some((az) => isUnresolved(az))) return undefined;
  // The same reference (the same subnets, or subnets of one network's AZ) is the same AZ: nothing to check.
  if (taskAzs.every((az) => capacityAzs.includes(az))) return undefined;
  return {
    condition: Fn.alltrue(taskAzs.map((az) => Fn.contains(capacityAzs, az))) as unknown as string,
    errorMessage:
      `Service ${serviceName}: a task subnet is in an availability zone where capacity provider ` +
      `${capacityProvider.capacityProviderName} runs no instances (task subnets' AZs: ${Fn.join(', ', taskAzs)}; ` +
      `the capacity provider's AZs: ${Fn.join(', ', capacityAzs)}). A task ENI attaches only to an instance in its ` +
      "own AZ, so tasks placed there stay PENDING. Use task subnets in the capacity provider's AZs, or extend the " +
      'capacity provider to that AZ.',
  };
}
