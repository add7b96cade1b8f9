/**
 * Warnings of `Ec2Service`: what a deployment would show only as a stuck rollout or a task that
 * cannot reach what it needs. Printed by the synth (cdktf Annotations), never failing it.
 */
import { Annotations } from 'cdktf';
import type { IConstruct } from 'constructs';
import { NatGatewayMode } from '../network/network-ref';
import { imagePullRouteProblem } from './service-checks';
import type { ServiceProps } from './service-props';
import type { ServiceSetup } from './service-setup';

/** In host mode (or static bridge ports) with minHealthyPercent 100 and every instance busy, deployments stall. */
export function warnHostPortDeploymentStalls(scope: IConstruct, props: ServiceProps, s: ServiceSetup): void {
  const cp = s.capacityProvider;
  const minHealthyPercent = props.minHealthyPercent ?? 100;
  if (
    s.staticHostPorts &&
    !props.autoScaling &&
    s.desiredCount > 0 &&
    cp &&
    Math.ceil((s.desiredCount * minHealthyPercent) / 100) >= cp.maxSize
  ) {
    Annotations.of(scope).addWarning(
      `[SERVICE_HOST_PORTS_DEPLOYMENT_STALLS] ${props.serviceName}: in ${s.mode} mode each instance runs ` +
        `one task; with ${s.desiredCount} tasks, minHealthyPercent ${minHealthyPercent} and at most ${cp.maxSize} ` +
        'instances, no instance is free to start a new task during a deployment. Lower minHealthyPercent, raise maxSize, or use awsvpc mode.',
    );
  }
}

/** Task ENIs in public subnets get no public IP on EC2, so no route out. */
export function warnTasksInPublicSubnets(scope: IConstruct, props: ServiceProps, s: ServiceSetup): void {
  const publicIds = new Set(props.cluster.network.publicSubnets.map((x) => x.subnetId));
  const inPublic = s.subnets.filter((x) => publicIds.has(x.subnetId)).map((x) => x.subnetId);
  if (inPublic.length > 0) {
    Annotations.of(scope).addWarning(
      `[SERVICE_TASKS_IN_PUBLIC_SUBNETS] ${props.serviceName}: task ENIs in public subnet(s) ` +
        `${inPublic.join(', ')} get no public IP on EC2 and so no route to the internet (image pulls by the application, ` +
        'AWS APIs, ECS Exec). Use the private subnets (the default).',
    );
  }
}

/** Images and logs without a route out of private subnets (no NAT gateway, missing endpoints). */
export function warnImagePullRoute(scope: IConstruct, props: ServiceProps, s: ServiceSetup): void {
  const containers = s.td.containers;
  const pullProblem = imagePullRouteProblem(
    props.cluster.network,
    containers.map((c) => c.image),
    containers.some((c) => !c.logConfiguration || c.logConfiguration.logDriver === 'awslogs'),
  );
  if (pullProblem)
    Annotations.of(scope).addWarning(`[SERVICE_IMAGE_PULL_NO_ROUTE] ${props.serviceName}: ${pullProblem}`);
}

/** ECS Exec without a route to SSM, or into read-only root filesystems. */
export function warnExecuteCommand(scope: IConstruct, props: ServiceProps, s: ServiceSetup): void {
  if (!s.executeCommand) return;
  const network = props.cluster.network;
  if (
    network.natGatewayMode === NatGatewayMode.NONE &&
    !network.endpointServices.some((e) => e === 'ssmmessages' || e.endsWith('.ssmmessages'))
  ) {
    Annotations.of(scope).addWarning(
      `[SERVICE_EXEC_NO_ROUTE_TO_SSM] ${props.serviceName}: ECS Exec is on, but the private subnets ` +
        'have neither a NAT gateway nor an ssmmessages VPC endpoint: the SSM agent in the task cannot open a session. ' +
        'Add the ssmmessages interface endpoint (or a NAT gateway).',
    );
  }
  const readOnly = s.td.containers.filter((c) => c.readonlyRootFilesystem === true).map((c) => c.name);
  if (readOnly.length > 0) {
    Annotations.of(scope).addWarning(
      `[SERVICE_EXEC_READ_ONLY_ROOT_FS] ${props.serviceName}: ECS Exec is on, but container(s) ` +
        `${readOnly.join(', ')} have a read-only root filesystem: the SSM agent cannot write its files there and sessions fail. ` +
        'Turn readonlyRootFilesystem off for the containers you exec into.',
    );
  }
}

/** Every warning of the service. */
export function warnAboutService(scope: IConstruct, props: ServiceProps, s: ServiceSetup): void {
  warnHostPortDeploymentStalls(scope, props, s);
  warnTasksInPublicSubnets(scope, props, s);
  warnImagePullRoute(scope, props, s);
  warnExecuteCommand(scope, props, s);
}
