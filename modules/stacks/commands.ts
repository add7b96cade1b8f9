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
  /**
   * Whether the task definition is in awsvpc mode, so that run-task needs a network configuration
   * (host and bridge tasks use the instance's network and take none).
   * @default true
   */
  readonly awsvpc?: boolean;
}

/** `awsvpcConfiguration={subnets=[a,b],securityGroups=[c],assignPublicIp=DISABLED}` */
export function awsvpcConfiguration(subnetIds: readonly string[], securityGroupIds: readonly string[]): string {
  return `awsvpcConfiguration={subnets=[${subnetIds.join(',')}],securityGroups=[${securityGroupIds.join(',')}],assignPublicIp=DISABLED}`;
}

/**
 * Runs one task of the service's task definition on the cluster's capacity provider (with the awsvpc
 * network configuration for an awsvpc task).
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
    ...((c.awsvpc ?? true)
      ? [`--network-configuration '${awsvpcConfiguration(c.subnetIds, c.securityGroupIds)}'`]
      : []),
    ...(c.enableExecuteCommand ? ['--enable-execute-command'] : []),
  ].join(' ');
}

/** Shows a task's private IPv4 address: its own ENI's address, as awsvpc gives every task one. */
export function describeTaskIpCommand(c: Pick<CommandInputs, 'region' | 'clusterName'>): string {
  return (
    `aws ecs describe-tasks --region ${c.region} --cluster ${c.clusterName} --tasks <TASK_ID> ` +
    '--query "tasks[0].attachments[0].details[?name==\'privateIPv4Address\'].value" --output text'
  );
}

/** Opens a shell in a running task with ECS Exec. */
export function executeCommandCommand(c: Pick<CommandInputs, 'region' | 'clusterName' | 'containerName'>): string {
  return (
    `aws ecs execute-command --region ${c.region} --cluster ${c.clusterName} --task <TASK_ID> ` +
    `--container ${c.containerName} --interactive --command "/bin/sh"`
  );
}

/** Lists the container instances that have a trunk ENI: the proof that trunking is on. */
export function listTrunkAttributesCommand(c: Pick<CommandInputs, 'region' | 'clusterName'>): string {
  return (
    `aws ecs list-attributes --region ${c.region} --cluster ${c.clusterName} ` +
    '--target-type container-instance --attribute-name ecs.awsvpc-trunk-id'
  );
}

/** Stops a task (for instance the one RunTaskCommand started; its id is in run-task's answer). */
export function stopTaskCommand(c: Pick<CommandInputs, 'region' | 'clusterName'>): string {
  return `aws ecs stop-task --region ${c.region} --cluster ${c.clusterName} --task <TASK_ID> --reason 'awsvpc lab'`;
}

/** Lists the ids of the running tasks of a task definition family (the <TASK_ID> of the other commands). */
export function listTasksCommand(c: Pick<CommandInputs, 'region' | 'clusterName' | 'taskDefinition'>): string {
  return (
    `aws ecs list-tasks --region ${c.region} --cluster ${c.clusterName} --family ${c.taskDefinition} ` +
    "--query 'taskArns[]' --output text"
  );
}

/** `aws ecs list-container-instances ...` answering with the ARN of the first (or every) container instance. */
function listContainerInstances(c: Pick<CommandInputs, 'region' | 'clusterName'>, first: boolean): string {
  return (
    `aws ecs list-container-instances --region ${c.region} --cluster ${c.clusterName} ` +
    `--query '${first ? 'containerInstanceArns[0]' : 'containerInstanceArns[]'}' --output text`
  );
}

/** The EC2 instance ids of the cluster's container instances (list, then describe, the container instances). */
export function containerInstanceIdsCommand(c: Pick<CommandInputs, 'region' | 'clusterName'>): string {
  return (
    `aws ecs describe-container-instances --region ${c.region} --cluster ${c.clusterName} ` +
    `--container-instances $(${listContainerInstances(c, false)}) ` +
    "--query 'containerInstances[].ec2InstanceId' --output text"
  );
}

/**
 * Opens a shell on the cluster's first container instance through SSM Session Manager (no SSH, no
 * inbound rule): the instance id is looked up with list- and describe-container-instances.
 */
export function startSessionCommand(c: Pick<CommandInputs, 'region' | 'clusterName'>): string {
  const instanceId =
    `aws ecs describe-container-instances --region ${c.region} --cluster ${c.clusterName} ` +
    `--container-instances $(${listContainerInstances(c, true)}) ` +
    "--query 'containerInstances[0].ec2InstanceId' --output text";
  return `aws ssm start-session --region ${c.region} --target $(${instanceId})`;
}
