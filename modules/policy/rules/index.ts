/** The built-in rules, one per file, in the order the documentation lists them. */
import type { PolicyRule } from '../rule';
import { ec2EbsEncrypted } from './ec2-ebs-encrypted';
import { ec2EcsAgentBlocksImds } from './ec2-ecs-agent-blocks-imds';
import { ec2Imdsv2Required } from './ec2-imdsv2-required';
import { ec2NoPublicIp } from './ec2-no-public-ip';
import { ecsContainerNoAddedCapabilities } from './ecs-container-no-added-capabilities';
import { ecsContainerNonRootUser } from './ecs-container-non-root-user';
import { ecsContainerNotPrivileged } from './ecs-container-not-privileged';
import { ecsContainerReadOnlyRoot } from './ecs-container-read-only-root';
import { ecsImageTagPinned } from './ecs-image-tag-pinned';
import { ecsServiceNoPublicIp } from './ecs-service-no-public-ip';
import { elbDropInvalidHeaders } from './elb-drop-invalid-headers';
import { elbHttpsWithCertificate } from './elb-https-with-certificate';
import { iamNoWildcardActions } from './iam-no-wildcard-actions';
import { iamTaskRoleTrust } from './iam-task-role-trust';
import { logGroupKms } from './log-group-kms';
import { logGroupRetention } from './log-group-retention';
import { sgNoWorldEgress } from './sg-no-world-egress';
import { sgNoWorldIngress } from './sg-no-world-ingress';
import { vpcDefaultSecurityGroupClosed } from './vpc-default-security-group-closed';
import { vpcFlowLogs } from './vpc-flow-logs';
import { vpcSubnetNoPublicIp } from './vpc-subnet-no-public-ip';

export {
  ec2EbsEncrypted,
  ec2EcsAgentBlocksImds,
  ec2Imdsv2Required,
  ec2NoPublicIp,
  ecsContainerNoAddedCapabilities,
  ecsContainerNonRootUser,
  ecsContainerNotPrivileged,
  ecsContainerReadOnlyRoot,
  ecsImageTagPinned,
  ecsServiceNoPublicIp,
  elbDropInvalidHeaders,
  elbHttpsWithCertificate,
  iamNoWildcardActions,
  iamTaskRoleTrust,
  logGroupKms,
  logGroupRetention,
  sgNoWorldEgress,
  sgNoWorldIngress,
  vpcDefaultSecurityGroupClosed,
  vpcFlowLogs,
  vpcSubnetNoPublicIp,
};

/** Every built-in rule. */
export const ALL_RULES: readonly PolicyRule[] = [
  ec2Imdsv2Required,
  ec2EcsAgentBlocksImds,
  ec2NoPublicIp,
  ec2EbsEncrypted,
  ecsServiceNoPublicIp,
  ecsContainerNotPrivileged,
  ecsContainerNoAddedCapabilities,
  ecsContainerNonRootUser,
  ecsContainerReadOnlyRoot,
  ecsImageTagPinned,
  vpcSubnetNoPublicIp,
  vpcFlowLogs,
  vpcDefaultSecurityGroupClosed,
  sgNoWorldIngress,
  sgNoWorldEgress,
  logGroupRetention,
  logGroupKms,
  iamTaskRoleTrust,
  iamNoWildcardActions,
  elbDropInvalidHeaders,
  elbHttpsWithCertificate,
];
