/**
 * awsvpc-ecs: CDKTF constructs for Amazon ECS tasks in awsvpc network mode on EC2 capacity.
 *
 * The package entry point. `core` (the one error type and token helpers every module uses) is
 * exported flat; every other module is exported as a namespace named after its folder, the way
 * aws-cdk-lib exports `aws_ecs` and jsii declares submodules:
 *
 * ```ts
 * import { ValidationError, network, compute } from 'awsvpc-ecs';
 * const net = new network.Network(stack, 'network', {});
 * ```
 *
 * Namespaces keep apart names that modules re-export or specialise (`NetworkMode` is core's, also
 * `service.NetworkMode`; `compute.CapacityProviderStrategyItem` is capacity's naming its provider
 * object), and a module can add an export without ever breaking another module's names.
 *
 * Loading this entry point loads every module. A program that needs one module imports its subpath
 * instead (`import { Network } from 'awsvpc-ecs/network'`), which loads only that module and the
 * ones it depends on. See docs/packaging.md.
 *
 * @packageDocumentation
 */
export * from './core';
export * as capacity from './capacity';
export * as network from './network';
export * as security from './security';
export * as account from './account';
export * as compute from './compute';
export * as service from './service';
export * as policy from './policy';
export * as diagram from './diagram';
export * as stacks from './stacks';
