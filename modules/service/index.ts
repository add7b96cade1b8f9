// The network mode and task OS vocabulary is defined once, in core.
export { NetworkMode, TaskOsFamily, isWindows } from '../core';
export * from './container-definitions';
export * from './container-secret';
export * from './container-environment';
export * from './efs-volumes';
export * from './volumes';
export * from './image-reference';
/** The ECS API's container definition types (generated from @aws-sdk/client-ecs). */
export type * from './ecs-api.generated';
export * from './iam-policies';
export * from './task-definition';
export * from './load-balancer-options';
export * from './load-balancer-checks';
export * from './listener-rules';
export * from './load-balancer';
export * from './shared-load-balancer';
export * from './listener-attachment';
export * from './access-logs-bucket';
export * from './scaling-actions';
export * from './auto-scaling';
export * from './private-dns-namespace';
export * from './service-discovery';
export * from './service-connect';
export * from './deployment';
export * from './service-checks';
export * from './placement';
export * from './ec2-service';
