/**
 * The default app's documented policy suppressions (docs/security.md lists each with its reason).
 * Each is declared on the narrowest construct it concerns, never on a whole stack.
 */
import { PolicyPack } from '../policy';
import { readonlyRootFilesystem } from './config';
import type { PlatformStack } from './platform-stack';

export const SUPPRESSION_REASONS = {
  worldEgress443: 'Tasks and instances reach ECR, ECS, CloudWatch Logs and SSM over HTTPS through the NAT gateway; ' +
    'AWS service endpoints have no fixed CIDR to name instead. Only 443/tcp is open.',
  execWritableRoot: 'ECS Exec is on for this service: the SSM agent it injects needs a writable root filesystem.',
  rootUser: 'The seeds\' nginx image starts as root to bind port 80 (its workers drop to the nginx user); ' +
    'use an unprivileged image and set a user to lift this suppression.',
} as const;

/** Declares the default app's suppressions on the constructs they concern. */
export function applyDefaultSuppressions(stack: PlatformStack): void {
  if (!stack.config.network.flowLogs && stack.config.network.flowLogsDisabledReason) {
    PolicyPack.suppress(stack.network, 'AWSVPC-VPC-002', stack.config.network.flowLogsDisabledReason);
  }
  for (const provider of stack.capacityProviders.values()) {
    PolicyPack.suppress(provider, 'AWSVPC-SG-002', SUPPRESSION_REASONS.worldEgress443);
  }
  for (const [name, service] of stack.services) {
    const config = stack.config.services.find((s) => s.name === name)!;
    if (service.securityGroup) PolicyPack.suppress(service, 'AWSVPC-SG-002', SUPPRESSION_REASONS.worldEgress443);
    if (!readonlyRootFilesystem(config)) {
      PolicyPack.suppress(service.taskDefinition, 'AWSVPC-ECS-005',
        config.writableRootFilesystemReason ?? SUPPRESSION_REASONS.execWritableRoot);
    }
    if (config.user === undefined && /(^|\/)nginx(:|$)/.test(config.image)) {
      PolicyPack.suppress(service.taskDefinition, 'AWSVPC-ECS-004', SUPPRESSION_REASONS.rootUser);
    }
  }
}
