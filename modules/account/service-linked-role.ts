/**
 * The ECS service-linked role (`AWSServiceRoleForECS`), checked at plan time.
 *
 * ECS attaches and detaches the network interfaces of awsvpc tasks with this role (and manages
 * capacity providers' Auto Scaling groups through it). An account that never used ECS has none; ECS
 * creates it by itself only when the principal that first creates a cluster or service may call
 * `iam:CreateServiceLinkedRole`. Two ways to make sure it exists:
 * - create it once per account (`aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com`),
 *   and let `EcsServiceLinkedRoleCheck` (on by default in `EcsCluster`) fail the plan when it is missing;
 * - let the app create it (`AccountSettings` with `createServiceLinkedRole`), and turn the check off.
 */
import { Construct } from 'constructs';
import { validHcl } from '../core';
import { DataAwsIamRoles } from '@cdktf/provider-aws/lib/data-aws-iam-roles';

/** Name of the ECS service-linked role. */
export const ECS_SERVICE_LINKED_ROLE_NAME = 'AWSServiceRoleForECS';
/** IAM path of the ECS service-linked role. */
export const ECS_SERVICE_LINKED_ROLE_PATH = '/aws-service-role/ecs.amazonaws.com/';
/** The AWS CLI command that creates the ECS service-linked role. */
export const CREATE_ECS_SERVICE_LINKED_ROLE_COMMAND =
  'aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com';

/** The message of the plan-time check when the role is missing. */
export const ECS_SERVICE_LINKED_ROLE_MISSING_MESSAGE =
  `The ECS service-linked role ${ECS_SERVICE_LINKED_ROLE_NAME} does not exist in this account. ECS attaches the ` +
  'network interfaces of awsvpc tasks with it, so services cannot place tasks without it. Create it once per ' +
  `account: ${CREATE_ECS_SERVICE_LINKED_ROLE_COMMAND} (or let the app create it: AccountSettings with ` +
  'createServiceLinkedRole, account.serviceLinkedRole in awsvpc.config.json, and turn this check off with ' +
  'EcsCluster serviceLinkedRoleCheck false).';

/**
 * `data "aws_iam_roles"` for the ECS service-linked role, with a postcondition that fails the plan with
 * the command that creates it. (A `data "aws_iam_role"` by name would fail with the provider's own
 * "not found" error before any condition could give the fix; the plural data source returns an empty
 * list instead.) The planning principal needs `iam:ListRoles`.
 */
export class EcsServiceLinkedRoleCheck extends DataAwsIamRoles {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      pathPrefix: ECS_SERVICE_LINKED_ROLE_PATH,
      nameRegex: `^${ECS_SERVICE_LINKED_ROLE_NAME}$`,
      lifecycle: {
        postcondition: [
          {
            condition: '${length(self.names) > 0}',
            errorMessage: ECS_SERVICE_LINKED_ROLE_MISSING_MESSAGE,
          },
        ],
      },
    });
    // The postcondition as a block in `cdktf synth --hcl` output (docs/adr/0002-hcl-output.md).
    validHcl(this);
  }
}
