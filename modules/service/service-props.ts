/** The props of a service (types only), apart from scheduling; `Ec2ServiceProps` extends them. */
import type { ITerraformDependable } from 'cdktf';
import type { ICapacityProvider, ICluster } from '../compute/compute-ref';
import type { SubnetRef } from '../network/network-ref';
import type { ContainerSecurityGroup } from '../security';
import type { AutoScalingOptions } from './auto-scaling';
import type { ServiceDeploymentProps } from './deployment';
import type { LoadBalancerOptions } from './load-balancer-options';
import type { ServiceConnectOptions } from './service-connect';
import type { ServiceDiscoveryOptions } from './service-discovery';
import type { TaskDefinition } from './task-definition';

/**
 * The props of `Ec2Service` other than scheduling (placement: ec2-service.ts) and deployment
 * (`ServiceDeploymentProps`, deployment.ts).
 */
export interface ServiceProps extends ServiceDeploymentProps {
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
   * ECS Service Connect: the service reaches the namespace's endpoints by short names (a client), and
   * offers its named port mappings as endpoints (a client-server service, with `services`).
   * @default - no Service Connect
   */
  readonly serviceConnect?: ServiceConnectOptions;
  /**
   * Further resources the service waits for.
   * @default - the cluster's capacity provider association, when it exposes one
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** @default - none */
  readonly tags?: { readonly [key: string]: string };
}
