/**
 * VPC endpoints that ECS on EC2 uses from private subnets. Pure: creates no constructs.
 */
import { describeValue, ProblemCollector } from '../core';

/** An AWS service that `Network` can give a VPC endpoint. Values are the service name suffixes. */
export enum VpcEndpointService {
  /** ECR API (image manifests, auth tokens): interface endpoint. */
  ECR_API = 'ecr.api',
  /** ECR Docker registry (image pulls): interface endpoint. */
  ECR_DKR = 'ecr.dkr',
  /** S3, where ECR keeps image layers: gateway endpoint on the private route tables. */
  S3 = 's3',
  /** CloudWatch Logs (awslogs log driver): interface endpoint. */
  LOGS = 'logs',
  /** ECS API: interface endpoint. */
  ECS = 'ecs',
  /** ECS agent communication: interface endpoint. */
  ECS_AGENT = 'ecs-agent',
  /** ECS telemetry: interface endpoint. */
  ECS_TELEMETRY = 'ecs-telemetry',
  /** Systems Manager (parameters, Session Manager): interface endpoint. */
  SSM = 'ssm',
  /** Session Manager channels and ECS Exec: interface endpoint. */
  SSMMESSAGES = 'ssmmessages',
  /** Systems Manager agent messages: interface endpoint. */
  EC2MESSAGES = 'ec2messages',
}

/** Ready-made sets of endpoint services. */
export class VpcEndpointSets {
  /** What a task needs to pull an ECR image and ship awslogs without a NAT gateway. */
  public static readonly IMAGE_PULL: readonly VpcEndpointService[] = [
    VpcEndpointService.ECR_API,
    VpcEndpointService.ECR_DKR,
    VpcEndpointService.S3,
    VpcEndpointService.LOGS,
  ];

  /** What a container instance's ECS agent needs to register and report without a NAT gateway. */
  public static readonly AGENT_REGISTRATION: readonly VpcEndpointService[] = [
    VpcEndpointService.ECS,
    VpcEndpointService.ECS_AGENT,
    VpcEndpointService.ECS_TELEMETRY,
  ];

  /** Everything ECS on EC2 talks to: image pulls, logs, the ECS agent, and SSM (Session Manager, ECS Exec). */
  public static readonly ALL_ECS: readonly VpcEndpointService[] = [
    VpcEndpointService.ECR_API,
    VpcEndpointService.ECR_DKR,
    VpcEndpointService.S3,
    VpcEndpointService.LOGS,
    VpcEndpointService.ECS,
    VpcEndpointService.ECS_AGENT,
    VpcEndpointService.ECS_TELEMETRY,
    VpcEndpointService.SSM,
    VpcEndpointService.SSMMESSAGES,
    VpcEndpointService.EC2MESSAGES,
  ];

  private constructor() {}
}

/**
 * Whether a network's endpoint list (`INetwork.endpointServices`: short names such as `ecr.dkr`, or
 * full service names such as `com.amazonaws.us-east-1.ecr.dkr`) holds `service`.
 */
export function hasEndpoint(endpointServices: readonly string[], service: VpcEndpointService): boolean {
  return endpointServices.some((e) => e === service || e.endsWith(`.${service}`));
}

/** The services of `needed` that have no endpoint in `endpointServices`, in the order of `needed`. */
export function missingEndpoints(
  endpointServices: readonly string[],
  needed: readonly VpcEndpointService[],
): VpcEndpointService[] {
  return needed.filter((service) => !hasEndpoint(endpointServices, service));
}

/** True for services reached through a gateway endpoint (route table entries) rather than ENIs. */
export function isGatewayEndpoint(service: VpcEndpointService): boolean {
  return service === VpcEndpointService.S3;
}

/** The endpoint's service name in a region, e.g. `com.amazonaws.us-east-1.ecr.dkr`. */
export function endpointServiceName(region: string, service: VpcEndpointService): string {
  return `com.amazonaws.${region}.${service}`;
}

/** A stable construct id for a service's endpoint, e.g. `endpoint-ecr-dkr`. */
export function endpointConstructId(service: VpcEndpointService): string {
  return `endpoint-${service.replace(/\./g, '-')}`;
}

/** Checks a list of endpoint services: known members, each once. Module-internal. */
export function checkEndpointServices(
  problems: ProblemCollector,
  services: readonly VpcEndpointService[],
  path: string,
): void {
  const known = new Set<string>(Object.values(VpcEndpointService));
  const seen = new Map<string, number>();
  services.forEach((service, i) => {
    if (
      !problems.check(known.has(service), {
        code: 'NETWORK_ENDPOINT_SERVICE_UNKNOWN',
        path: `${path}[${i}]`,
        received: describeValue(service),
        allowed: [...known].join(', '),
        fix: 'use a VpcEndpointService member',
      })
    )
      return;
    const first = seen.get(service);
    if (first === undefined) seen.set(service, i);
    else {
      problems.add({
        code: 'NETWORK_ENDPOINT_SERVICE_DUPLICATE',
        path: `${path}[${i}]`,
        received: `${describeValue(service)}, already at ${path}[${first}]`,
        allowed: 'each service once',
        fix: `remove the second ${describeValue(service)}`,
      });
    }
  });
}
