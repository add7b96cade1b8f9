/**
 * The policy pack: security rules for any cdktf stack of AWS resources, run as a cdktf Aspect.
 *
 * ```ts
 * const pack = PolicyPack.applyTo(stack);          // or Aspects.of(stack).add(new PolicyPack())
 * PolicyPack.suppress(natEgressRule, 'AWSVPC-SG-002', 'tasks pull images from ECR over HTTPS through the NAT gateway');
 * app.synth();                                       // fails on any unsuppressed violation
 * ```
 */
export * from './rule';
export * from './finding';
export * from './stack-index';
export { PolicyPack } from './policy-pack';
export type { PolicyPackProps } from './policy-pack';
export { MIN_REASON_LENGTH } from './suppressions';
export type { PolicySuppression } from './suppressions';
export * from './rules';
