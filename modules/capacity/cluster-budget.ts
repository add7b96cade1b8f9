/**
 * The cluster budget: how many awsvpc tasks the capacity providers can hold (ENI slots), against how
 * many the services place on them at peak (deployments, auto scaling and daemons included). Pure.
 * The steps live beside it: `demand-split.ts` (a service's demand split by strategy) and
 * `provider-budget.ts` (one provider's ENI, host port and distinct-instance budget).
 */
import { NetworkMode } from '../core/network-mode';
import { isUnresolved } from '../core/tokens';
import { describeValue, ProblemCollector } from '../core/validation-error';
import {
  type CapacityProviderBudgetInput,
  type ClusterBudget,
  type ClusterBudgetInput,
  type ServiceShare,
} from './budget-types';
import { isCount, placeService } from './demand-split';
import { type CapacityDiagnostic, worstStatus } from './diagnostics';
import { type DaemonDemand, providerBudget } from './provider-budget';

export * from './budget-types';
export { peakTasks, splitByStrategy } from './demand-split';
export { instanceSizeUnknown, smallestInstanceType } from './provider-budget';

interface ProviderState {
  readonly input: CapacityProviderBudgetInput;
  readonly services: ServiceShare[];
}

/** The providers by name; duplicate names and invalid maximums are problems. */
function registerProviders(
  capacityProviders: readonly CapacityProviderBudgetInput[],
  problems: ProblemCollector,
): Map<string, ProviderState> {
  const providers = new Map<string, ProviderState>();
  capacityProviders.forEach((cp, index) => {
    const path = `capacityProviders[${index}]`;
    if (providers.has(cp.name)) {
      problems.add({
        code: 'CAPACITY_PROVIDER_DUPLICATE',
        path: `${path}.name`,
        received: describeValue(cp.name),
        allowed: 'a name used by one capacity provider only',
        fix: 'give each capacity provider its own name',
      });
      return;
    }
    if (!isUnresolved(cp.maxInstances)) {
      problems.check(isCount(cp.maxInstances), {
        code: 'CAPACITY_COUNT_INVALID',
        path: `${path}.maxInstances`,
        received: describeValue(cp.maxInstances),
        allowed: 'a whole number >= 0',
        fix: "pass the Auto Scaling group's maximum size",
      });
    }
    providers.set(cp.name, { input: cp, services: [] });
  });
  return providers;
}

/**
 * Computes the budget of every capacity provider. Values that are tokens are skipped with a warning.
 * A daemon service counts one task on every instance of each provider it runs on (its counts and strategy are
 * ignored); a replica service's peak is split over its strategy by base, then weight.
 * @throws ValidationError for malformed input (all problems at once): CAPACITY_PROVIDER_DUPLICATE,
 *   CAPACITY_COUNT_INVALID, CAPACITY_MAXIMUM_PERCENT_INVALID, CAPACITY_SERVICE_PROVIDER_UNKNOWN,
 *   CAPACITY_SERVICE_PROVIDER_MISSING, CAPACITY_STRATEGY_INVALID, CAPACITY_STRATEGY_BASE_TWICE.
 */
export function computeClusterBudget(input: ClusterBudgetInput): ClusterBudget {
  const problems = new ProblemCollector();
  const warnings: CapacityDiagnostic[] = [];
  const providers = registerProviders(input.capacityProviders, problems);
  const ctx = { providers: [...providers.keys()], defaultStrategy: input.defaultCapacityProviderStrategy ?? [] };
  const daemons: DaemonDemand[] = [];

  input.services.forEach((svc, index) => {
    if (svc.daemon) {
      daemons.push({
        name: svc.serviceName,
        networkMode: svc.networkMode ?? NetworkMode.AWSVPC,
        staticHostPorts: svc.staticHostPorts ?? [],
        ...(svc.daemonCapacityProviders ? { capacityProviders: svc.daemonCapacityProviders } : {}),
      });
      return;
    }
    const placed = placeService(svc, `services[${index}]`, ctx, problems);
    if (placed.warning) warnings.push(placed.warning);
    for (const { capacityProvider, share } of placed.shares) providers.get(capacityProvider)!.services.push(share);
  });

  problems.throwIfAny();

  const typoIsError = input.unknownSizeIsError ?? true;
  const budgets = [...providers.values()].map((p) =>
    providerBudget(
      p.input,
      p.services,
      daemons.filter((d) => d.capacityProviders === undefined || d.capacityProviders.includes(p.input.name)),
      typoIsError,
    ),
  );
  const diagnostics = [...warnings, ...budgets.flatMap((b) => b.diagnostics)];
  return { capacityProviders: budgets, diagnostics, status: worstStatus(budgets.map((b) => b.status)) };
}
