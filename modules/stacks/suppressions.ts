/**
 * The default app's own policy suppressions: the ones its configuration asks for, each with the
 * reason the configuration file gives (docs/security.md lists them). The design conflicts the
 * constructs make on purpose (HTTPS egress to AWS endpoints, the writable root filesystem of ECS Exec)
 * are declared by the constructs themselves; nothing here looks at an image name.
 *
 * Called by the platform stack where it builds each construct, with that construct and its part of the
 * configuration (no back-reference to the stack).
 */
import type { IConstruct } from 'constructs';
import { PolicyPack } from '../policy';
import { readonlyRootFilesystem } from './config';
import type { AwsvpcConfig, ServiceConfig } from './config-schema';

/** Flow logs off (`network.flowLogs: false`): AWSVPC-VPC-002 on the network, for `network.flowLogsDisabledReason`. */
export function suppressFlowLogsOff(network: IConstruct, config: AwsvpcConfig['network']): void {
  if (!config.flowLogs && config.flowLogsDisabledReason) {
    PolicyPack.suppress(network, 'AWSVPC-VPC-002', config.flowLogsDisabledReason);
  }
}

/**
 * A writable root filesystem with a reason (`writableRootFilesystemReason`): AWSVPC-ECS-005 on the task
 * definition, for that reason. With ECS Exec and no reason of its own, the task definition's declaration
 * (ECS Exec's agent needs a writable root) stands.
 */
export function suppressWritableRoot(taskDefinition: IConstruct, service: ServiceConfig): void {
  if (!readonlyRootFilesystem(service) && service.writableRootFilesystemReason) {
    PolicyPack.suppress(taskDefinition, 'AWSVPC-ECS-005', service.writableRootFilesystemReason);
  }
}
