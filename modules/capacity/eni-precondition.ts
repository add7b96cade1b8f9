/**
 * The plan-time check for instance types the table does not know: constructs add a Terraform
 * precondition on the `aws_ec2_instance_type` data source, built from these numbers
 * (`maximum_network_interfaces >= minimumNetworkInterfaces`).
 */

/** What the precondition on `data.aws_ec2_instance_type.<x>.maximum_network_interfaces` checks. */
export interface EniPrecondition {
  /** The instance type the data source looks up. */
  readonly instanceType: string;
  /** awsvpc tasks each instance must run at peak demand. */
  readonly requiredTasksPerInstance: number;
  /**
   * `maximum_network_interfaces` must be at least this: one interface per task plus the primary
   * (`requiredTasksPerInstance + 1`).
   */
  readonly minimumNetworkInterfaces: number;
  /** The precondition's `error_message`: plain text, no Terraform interpolation sequences. */
  readonly errorMessage: string;
  /**
   * The condition for a `postcondition` on the `aws_ec2_instance_type` data source itself, in Terraform
   * JSON syntax: `${self.maximum_network_interfaces >= N}`. (A `precondition` cannot read the data
   * source it sits on; on another resource, compare `data.aws_ec2_instance_type.<x>.maximum_network_interfaces`.)
   */
  readonly selfCondition: string;
}

/** Options of `eniPrecondition`. */
export interface EniPreconditionOptions {
  /** The capacity provider the check is for, named in the message. @default - not named */
  readonly capacityProvider?: string;
  /** Peak awsvpc demand, shown in the message. @default - not shown */
  readonly demand?: number;
  /** ASG maximum, shown in the message. @default - not shown */
  readonly maxInstances?: number;
}

/** Removes what Terraform (and cdktf) would read as interpolation: `${` and `%{`. */
function plain(text: string): string {
  return text.replace(/\$\{/g, '$ {').replace(/%\{/g, '% {');
}

/**
 * The numbers and message of the plan-time ENI check for `instanceType` when each instance must run
 * `requiredTasksPerInstance` awsvpc tasks without trunking. The construct builds the condition, e.g.
 * `data.aws_ec2_instance_type.x.maximum_network_interfaces >= minimumNetworkInterfaces`.
 */
export function eniPrecondition(
  instanceType: string,
  requiredTasksPerInstance: number,
  options: EniPreconditionOptions = {},
): EniPrecondition {
  const required = Math.max(0, Math.ceil(requiredTasksPerInstance));
  const minimum = required + 1;
  const who = options.capacityProvider !== undefined ? `capacity provider "${options.capacityProvider}": ` : '';
  const why =
    options.demand !== undefined && options.maxInstances !== undefined
      ? ` (peak demand of ${options.demand} awsvpc tasks over an ASG maximum of ${options.maxInstances} instances)`
      : '';
  const errorMessage = plain(
    `${who}instance type ${instanceType} has too few network interfaces for the ` +
      `services placed on it: each instance must run ${required} awsvpc tasks${why}, which takes at least ` +
      `${minimum} network interfaces (one per task plus the primary interface). This type is not in the ` +
      "library's ENI table, so this was checked at plan time. Use an instance type with more network " +
      "interfaces, turn ENI trunking on, raise the ASG maximum, or lower the services' desired counts or " +
      'maximum percent.',
  );
  return {
    instanceType,
    requiredTasksPerInstance: required,
    minimumNetworkInterfaces: minimum,
    errorMessage,
    selfCondition: `\${self.maximum_network_interfaces >= ${minimum}}`,
  };
}
