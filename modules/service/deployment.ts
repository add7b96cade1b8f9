/**
 * How a service deploys (pure): the circuit breaker, CloudWatch alarm rollback, the deployment
 * controller, the health check grace period, and task definitions whose revisions CI pushes
 * (`ignoreTaskDefinitionChanges`). The props are part of `Ec2ServiceProps`.
 */
import { describeValue, isUnresolved, type Problem } from '../core';

/** Who replaces a service's tasks on a deployment (ECS `deploymentController.type`). */
export enum DeploymentControllerType {
  /** ECS rolling updates (the default): circuit breaker and alarm rollback apply. */
  ECS = 'ECS',
  /**
   * Blue/green by AWS CodeDeploy: the service needs a load balancer; CodeDeploy owns the task
   * definition and the target group in use, so Terraform ignores both (`ignore_changes`). The
   * CodeDeploy application, deployment group and second target group are yours.
   */
  CODE_DEPLOY = 'CODE_DEPLOY',
  /**
   * A deployment tool of yours creates task sets: the service holds no task definition, load
   * balancer, network configuration or capacity provider strategy (they belong to the task sets).
   */
  EXTERNAL = 'EXTERNAL',
}

/** Roll back (or fail) a deployment when a CloudWatch alarm goes off during it. */
export interface DeploymentAlarmsOptions {
  /** Names of CloudWatch alarms (existing ones, or `aws_cloudwatch_metric_alarm.alarm_name`). 1-10. */
  readonly alarmNames: readonly string[];
  /**
   * Roll back to the last completed deployment when an alarm fires; false only fails the deployment.
   * @default true
   */
  readonly rollback?: boolean;
}

/** The deployment props of `Ec2Service`. */
export interface ServiceDeploymentProps {
  /**
   * Deployment circuit breaker with rollback (ECS controller only).
   * @default true with the ECS controller
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
   * Seconds ECS ignores failing load balancer (and container) health checks after a task starts.
   * Only for a service with a load balancer or a container health check: ECS uses it for nothing else.
   * @default 60 with a load balancer, else none
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * CloudWatch alarms that roll a deployment back (ECS controller only).
   * @default - none
   */
  readonly deploymentAlarms?: DeploymentAlarmsOptions;
  /**
   * Who deploys the service. Changing it replaces the service.
   * @default - ECS (not written: the ECS default)
   */
  readonly deploymentController?: DeploymentControllerType;
  /**
   * Leave `task_definition` to CI: Terraform creates the service with the task definition's revision
   * and then ignores which revision it runs (`lifecycle { ignore_changes = [task_definition] }`), so a
   * pipeline's `aws ecs update-service --task-definition` is not rolled back by the next apply. The
   * cost: a change to the task definition in Terraform (image, environment, roles) makes a new
   * revision the service does NOT run until CI deploys one. docs/service.md, "Task definitions CI owns".
   * @default false
   */
  readonly ignoreTaskDefinitionChanges?: boolean;
}

/** What the deployment checks look at besides the props. */
export interface DeploymentContext {
  readonly hasLoadBalancer: boolean;
  readonly hasServiceDiscovery: boolean;
  readonly hasServiceConnect: boolean;
  /** Whether a container of the task has a `healthCheck`. */
  readonly containerHealthCheck: boolean;
}

const MAX_DEPLOYMENT_ALARMS = 10;

/** Alarm names: 1-10, each 1-255 characters. */
export function checkDeploymentAlarms(o: DeploymentAlarmsOptions | undefined, path: string): Problem[] {
  if (o === undefined) return [];
  const names = o.alarmNames;
  const bad = names.filter((n) => !isUnresolved(n) && (n.length === 0 || n.length > 255));
  if (names.length >= 1 && names.length <= MAX_DEPLOYMENT_ALARMS && bad.length === 0) return [];
  return [
    {
      code: 'SERVICE_DEPLOYMENT_ALARMS_INVALID',
      path: `${path}.deploymentAlarms.alarmNames`,
      received:
        bad.length > 0 ? `alarm name(s) ${bad.map((n) => describeValue(n)).join(', ')}` : `${names.length} alarm names`,
      allowed: `1 to ${MAX_DEPLOYMENT_ALARMS} CloudWatch alarm names, each 1-255 characters`,
      fix: 'name the alarms that mean a bad deployment, e.g. alarmNames: [errors.alarmName]',
    },
  ];
}

/** The controller against the rest: what CODE_DEPLOY and EXTERNAL leave out. */
export function checkDeploymentController(p: ServiceDeploymentProps, ctx: DeploymentContext, path: string): Problem[] {
  const out: Problem[] = [];
  const controller = p.deploymentController ?? DeploymentControllerType.ECS;
  if (controller === DeploymentControllerType.ECS) return out;
  const conflicts: [string, boolean][] = [
    ['circuitBreaker', p.circuitBreaker === true],
    ['deploymentAlarms', p.deploymentAlarms !== undefined],
    ['serviceConnect', ctx.hasServiceConnect],
    ...(controller === DeploymentControllerType.EXTERNAL
      ? ([
          ['loadBalancer', ctx.hasLoadBalancer],
          ['serviceDiscovery', ctx.hasServiceDiscovery],
        ] as [string, boolean][])
      : []),
  ];
  for (const [key, on] of conflicts) {
    if (!on) continue;
    out.push({
      code: 'SERVICE_DEPLOYMENT_CONTROLLER_CONFLICT',
      path: `${path}.${key}`,
      received: `${key} with deploymentController ${controller}`,
      allowed: `${key} only with the ECS deployment controller${key === 'loadBalancer' || key === 'serviceDiscovery' ? ' or CODE_DEPLOY (EXTERNAL task sets carry their own)' : ''}`,
      fix: `remove ${key}, or use DeploymentControllerType.ECS`,
    });
  }
  if (controller === DeploymentControllerType.CODE_DEPLOY && !ctx.hasLoadBalancer) {
    out.push({
      code: 'SERVICE_DEPLOYMENT_CONTROLLER_NEEDS_LOAD_BALANCER',
      path: `${path}.deploymentController`,
      received: 'CODE_DEPLOY without loadBalancer',
      allowed: 'blue/green deployments by CodeDeploy only for a service behind an ALB or NLB',
      fix: 'add loadBalancer, or use DeploymentControllerType.ECS (rolling updates)',
    });
  }
  return out;
}

/** The grace period: a non-negative integer, and only where a health check uses it. */
export function checkGracePeriod(p: ServiceDeploymentProps, ctx: DeploymentContext, path: string): Problem[] {
  const grace = p.healthCheckGracePeriodSeconds;
  if (grace === undefined || isUnresolved(grace)) return [];
  if (!(Number.isInteger(grace) && grace >= 0 && grace <= 2147483647)) {
    return [
      {
        code: 'SERVICE_GRACE_PERIOD_INVALID',
        path: `${path}.healthCheckGracePeriodSeconds`,
        received: describeValue(grace),
        allowed: 'a non-negative integer number of seconds',
        fix: 'e.g. 60',
      },
    ];
  }
  if (!ctx.hasLoadBalancer && !ctx.containerHealthCheck) {
    return [
      {
        code: 'SERVICE_GRACE_PERIOD_WITHOUT_HEALTH_CHECK',
        path: `${path}.healthCheckGracePeriodSeconds`,
        received: `${grace} for a service without a load balancer or a container health check`,
        allowed: 'a grace period only where ECS uses one: load balancer or container health checks',
        fix: 'remove it, or add loadBalancer (or a healthCheck to the essential container)',
      },
    ];
  }
  return [];
}

/** Every problem of the deployment props. */
export function checkDeployment(p: ServiceDeploymentProps, ctx: DeploymentContext, path: string): Problem[] {
  return [
    ...checkDeploymentAlarms(p.deploymentAlarms, path),
    ...checkDeploymentController(p, ctx, path),
    ...checkGracePeriod(p, ctx, path),
  ];
}

/** Whether the service holds the task-set-level settings (every controller but EXTERNAL). */
export function holdsTaskSetSettings(p: ServiceDeploymentProps): boolean {
  return p.deploymentController !== DeploymentControllerType.EXTERNAL;
}

/** The deployment arguments of `aws_ecs_service`. */
export function deploymentArguments(p: ServiceDeploymentProps, hasLoadBalancer: boolean) {
  const controller = p.deploymentController ?? DeploymentControllerType.ECS;
  const ecs = controller === DeploymentControllerType.ECS;
  const breaker = p.circuitBreaker ?? true;
  return {
    ...(p.deploymentController !== undefined ? { deploymentController: { type: p.deploymentController } } : {}),
    ...(ecs ? { deploymentCircuitBreaker: { enable: breaker, rollback: breaker } } : {}),
    ...(p.deploymentAlarms
      ? {
          alarms: {
            alarmNames: [...p.deploymentAlarms.alarmNames],
            enable: true,
            rollback: p.deploymentAlarms.rollback ?? true,
          },
        }
      : {}),
    deploymentMinimumHealthyPercent: p.minHealthyPercent ?? 100,
    deploymentMaximumPercent: p.maxHealthyPercent ?? 200,
    waitForSteadyState: p.waitForSteadyState ?? false,
    healthCheckGracePeriodSeconds: p.healthCheckGracePeriodSeconds ?? (hasLoadBalancer ? 60 : undefined),
  };
}

/** The attributes Terraform leaves to others: auto scaling, CI, CodeDeploy. */
export function ignoredChanges(p: ServiceDeploymentProps, autoScaling: boolean): string[] {
  const controller = p.deploymentController ?? DeploymentControllerType.ECS;
  return [
    ...(autoScaling ? ['desired_count'] : []),
    ...(p.ignoreTaskDefinitionChanges || controller === DeploymentControllerType.CODE_DEPLOY
      ? ['task_definition']
      : []),
    ...(controller === DeploymentControllerType.CODE_DEPLOY ? ['load_balancer'] : []),
  ];
}
