/**
 * Ready-to-paste AWS CLI commands, the forms the seeds' lab uses (pure: the inputs may be Terraform
 * references, which cdktf renders as `${...}` interpolations inside the output strings).
 */

export interface CommandInputs {
  readonly region: string;
  readonly clusterName: string;
  /** Task definition family (or family:revision). */
  readonly taskDefinition: string;
  readonly capacityProviderName: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** Container to open a shell in with ECS Exec. */
  readonly containerName: string;
  /**
   * Whether the service has ECS Exec on: the new task then accepts `aws ecs execute-command` too.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
}

/** `awsvpcConfiguration={subnets=[a,b],securityGroups=[c],assignPublicIp=DISABLED}` */
export function awsvpcConfiguration(subnetIds: readonly string[], securityGroupIds: readonly string[]): string {
  return `awsvpcConfiguration={subnets=[${subnetIds.join(',')}],securityGroups=[${securityGroupIds.join(',')}],assignPublicIp=DISABLED}`;
}

/**
 * Runs one task of the service's task definition on the cluster's capacity provider, in awsvpc mode.
 *
 * The network configuration is single-quoted (for the shell, the same as the double quotes of the
 * seeds' form): its subnet and security group ids are Terraform references, and cdktf's HCL renderer
 * (`cdktf synth --hcl`) leaves double quotes unescaped in strings that hold a `${...}` reference,
 * which turns the output into invalid HCL.
 */
export function runTaskCommand(c: CommandInputs): string {
  return [
    `aws ecs run-task --region ${c.region} --cluster ${c.clusterName} --task-definition ${c.taskDefinition}`,
    `--capacity-provider-strategy capacityProvider=${c.capacityProviderName},weight=1`,
    `--network-configuration '${awsvpcConfiguration(c.subnetIds, c.securityGroupIds)}'`,
    ...(c.enableExecuteCommand ? ['--enable-execute-command'] : []),
  ].join(' ');
}

/** Shows a task's private IPv4 address: its own ENI's address, as awsvpc gives every task one. */
export function describeTaskIpCommand(c: Pick<CommandInputs, 'region' | 'clusterName'>): string {
  return `aws ecs describe-tasks --region ${c.region} --cluster ${c.clusterName} --tasks <TASK_ID> ` +
    '--query "tasks[0].attachments[0].details[?name==\'privateIPv4Address\'].value" --output text';
}

/** Opens a shell in a running task with ECS Exec. */
export function executeCommandCommand(c: Pick<CommandInputs, 'region' | 'clusterName' | 'containerName'>): string {
  return `aws ecs execute-command --region ${c.region} --cluster ${c.clusterName} --task <TASK_ID> ` +
    `--container ${c.containerName} --interactive --command "/bin/sh"`;
}

/** Lists the container instances that have a trunk ENI: the proof that trunking is on. */
export function listTrunkAttributesCommand(c: Pick<CommandInputs, 'region' | 'clusterName'>): string {
  return `aws ecs list-attributes --region ${c.region} --cluster ${c.clusterName} ` +
    '--target-type container-instance --attribute-name ecs.awsvpc-trunk-id';
}

/** Opens a shell on a container instance through SSM Session Manager (no SSH, no inbound rule). */
export function startSessionCommand(c: Pick<CommandInputs, 'region'>): string {
  return `aws ssm start-session --region ${c.region} --target <INSTANCE_ID>`;
}
