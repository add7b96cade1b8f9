/** Shared imports and helpers of the capacity tests. */
import type { CapacityProviderBudgetInput, ServiceDemand } from '../../modules/capacity';
import { ValidationError } from '../../modules/core/validation-error';

export * from '../../modules/capacity';
export { ValidationError };
export { CpuArchitecture } from '../../modules/core/platform';
export { NetworkMode } from '../../modules/core/network-mode';

/** A capacity provider of the budget tests: 4 c5.large instances named "default". */
export const budgetProvider = (over: Partial<CapacityProviderBudgetInput> = {}): CapacityProviderBudgetInput => ({
  name: 'default',
  instanceType: 'c5.large',
  maxInstances: 4,
  ...over,
});

/** A service of the budget tests: "api", 5 tasks. */
export const budgetService = (over: Partial<ServiceDemand> = {}): ServiceDemand => ({
  serviceName: 'api',
  desiredCount: 5,
  ...over,
});
