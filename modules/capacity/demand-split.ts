/**
 * How a service's demand lands on the capacity providers (pure): its peak count (auto scaling
 * maximum and deployment surge), its strategy (its own, its one provider, the cluster's default, or
 * the cluster's only provider) and the split of the count by base then weight, as ECS places tasks.
 */
import { NetworkMode } from '../core/network-mode';
import { isUnresolved } from '../core/tokens';
import { describeValue, type ProblemCollector } from '../core/validation-error';
import { type CapacityProviderStrategyItem, type ServiceDemand, type ServiceShare } from './budget-types';
import { type CapacityDiagnostic, diagnostic, DiagnosticSeverity } from './diagnostics';
import { strategyProblems } from './strategy-rules';

/** ECS's default deployment maximum percent. */
export const DEFAULT_MAXIMUM_PERCENT = 200;

/** A whole number >= 0. */
export function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** `ceil(count x percent / 100)`, never below `count` (a maximum percent under 100 still runs `count`). */
export function peakTasks(count: number, maximumPercent: number): number {
  return Math.max(count, Math.ceil((count * maximumPercent) / 100));
}

/**
 * How ECS splits `tasks` over a strategy: the bases first (in order), then the rest by weight. Each
 * weighted share is rounded up, so a provider may be counted one task too many, never too few.
 */
export function splitByStrategy(
  tasks: number,
  bases: readonly number[],
  weights: readonly number[],
): { base: number; tasks: number }[] {
  let remaining = tasks;
  const placed = bases.map((b) => {
    const here = Math.min(b, remaining);
    remaining -= here;
    return here;
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  return placed.map((base, i) => ({
    base,
    tasks: base + (totalWeight > 0 ? Math.ceil((remaining * weights[i]!) / totalWeight) : 0),
  }));
}

/** What the split needs to know about the cluster. */
export interface SplitContext {
  /** The capacity providers' names. */
  readonly providers: readonly string[];
  /** The cluster's default strategy (empty: none). */
  readonly defaultStrategy: readonly CapacityProviderStrategyItem[];
}

/** One share of a service on one provider. */
export interface PlacedShare {
  readonly capacityProvider: string;
  readonly share: ServiceShare;
}

/** The counts of a replica service are whole numbers and its maximum percent positive. */
function countProblems(svc: ServiceDemand, path: string, maximumPercent: number, problems: ProblemCollector): boolean {
  let ok = problems.check(isCount(svc.desiredCount), {
    code: 'CAPACITY_COUNT_INVALID',
    path: `${path}.desiredCount`,
    received: describeValue(svc.desiredCount),
    allowed: 'a whole number >= 0',
    fix: "pass the service's desired count",
  });
  if (svc.maxCount !== undefined) {
    ok =
      problems.check(isCount(svc.maxCount), {
        code: 'CAPACITY_COUNT_INVALID',
        path: `${path}.maxCount`,
        received: describeValue(svc.maxCount),
        allowed: 'a whole number >= 0',
        fix: 'pass the auto scaling maximum capacity, or leave it out',
      }) && ok;
  }
  return (
    problems.check(typeof maximumPercent === 'number' && Number.isFinite(maximumPercent) && maximumPercent > 0, {
      code: 'CAPACITY_MAXIMUM_PERCENT_INVALID',
      path: `${path}.maximumPercent`,
      received: describeValue(maximumPercent),
      allowed: "a number > 0 (ECS's default is 200)",
      fix: "pass the service's deployment maximum percent",
    }) && ok
  );
}

/** The strategy the service's tasks follow, and where it was declared; undefined (a problem) when none. */
function strategyOf(
  svc: ServiceDemand,
  path: string,
  ctx: SplitContext,
  problems: ProblemCollector,
): { strategy: readonly CapacityProviderStrategyItem[]; path: string } | undefined {
  if (svc.capacityProviderStrategy !== undefined && svc.capacityProviderStrategy.length > 0) {
    return { strategy: svc.capacityProviderStrategy, path: `${path}.capacityProviderStrategy` };
  }
  if (svc.capacityProvider !== undefined) {
    return { strategy: [{ capacityProvider: svc.capacityProvider }], path: `${path}.capacityProviderStrategy` };
  }
  if (ctx.defaultStrategy.length > 0) return { strategy: ctx.defaultStrategy, path: 'defaultCapacityProviderStrategy' };
  if (ctx.providers.length === 1) {
    return { strategy: [{ capacityProvider: ctx.providers[0]! }], path: `${path}.capacityProviderStrategy` };
  }
  problems.add({
    code: 'CAPACITY_SERVICE_PROVIDER_MISSING',
    path,
    received: `service "${svc.serviceName}" without a capacity provider`,
    allowed: `a capacityProvider, a capacityProviderStrategy or a default strategy of the cluster naming one of: ${ctx.providers.join(', ') || '(none)'}`,
    fix: 'say which capacity provider(s) the service runs on',
  });
  return undefined;
}

/** The strategy's rules (strategy-rules.ts), with the budget API's codes; false when it breaks one. */
function strategyOk(
  strategy: readonly CapacityProviderStrategyItem[],
  path: string,
  ctx: SplitContext,
  problems: ProblemCollector,
): boolean {
  const found = strategyProblems(strategy, { path, codePrefix: 'CAPACITY', knownProviders: ctx.providers });
  found.forEach((p) => problems.add(p));
  return found.length === 0;
}

function unresolvedWarning(svc: ServiceDemand, path: string): CapacityDiagnostic {
  return diagnostic(
    DiagnosticSeverity.WARNING,
    {
      code: 'CAPACITY_DEMAND_UNRESOLVED',
      path,
      received: `service "${svc.serviceName}" with a desired count, maximum count, maximum percent or strategy known only at apply time`,
      allowed: 'numbers known at synth time',
      fix: "use literal numbers to have this service's demand checked",
    },
    `Service "${svc.serviceName}" is left out of the capacity budget: its counts are only known at apply time.`,
  );
}

/**
 * The shares a replica service places on each provider of its strategy at peak. Problems go to
 * `problems`; a service whose numbers are tokens is left out with a warning.
 */
export function placeService(
  svc: ServiceDemand,
  path: string,
  ctx: SplitContext,
  problems: ProblemCollector,
): { shares: PlacedShare[]; warning?: CapacityDiagnostic } {
  const networkMode = svc.networkMode ?? NetworkMode.AWSVPC;
  const maximumPercent = svc.maximumPercent ?? DEFAULT_MAXIMUM_PERCENT;
  const unresolved = [svc.desiredCount, svc.maxCount, maximumPercent].some(isUnresolved);
  const countsOk = unresolved || countProblems(svc, path, maximumPercent, problems);
  const chosen = strategyOf(svc, path, ctx, problems);
  if (!chosen) return { shares: [] };
  const { strategy } = chosen;
  const strategyValid = strategyOk(strategy, chosen.path, ctx, problems);
  const weights = strategy.map((s) => s.weight ?? 1);
  const bases = strategy.map((s) => s.base ?? 0);
  if (unresolved || [...weights, ...bases].some(isUnresolved))
    return { shares: [], warning: unresolvedWarning(svc, path) };
  if (!countsOk || !strategyValid) return { shares: [] };
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const count = svc.maxCount ?? svc.desiredCount;
  const peak = peakTasks(count, maximumPercent);
  const baseTotal = bases.reduce((a, b) => a + b, 0);
  if (totalWeight === 0 && peak > baseTotal) {
    problems.add({
      code: 'CAPACITY_STRATEGY_INVALID',
      path: chosen.path,
      received: `weights all 0 with ${peak} tasks at peak and bases of ${baseTotal}`,
      allowed: 'at least one weight > 0, or bases covering every task',
      fix: 'give one capacity provider a weight of 1 or more',
    });
    return { shares: [] };
  }
  const formulaBase = `${svc.maxCount !== undefined ? `max ${count}` : `${count}`} x ${maximumPercent}%`;
  const peakSplit = splitByStrategy(peak, bases, weights);
  const steadySplit = splitByStrategy(count, bases, weights);
  const shares = strategy.map((item, i): PlacedShare => {
    const tasks = peakSplit[i]!.tasks;
    const split =
      strategy.length > 1 ? ` -> ${tasks} here (base ${peakSplit[i]!.base}, weight ${weights[i]}/${totalWeight})` : '';
    return {
      capacityProvider: item.capacityProvider,
      share: {
        service: svc.serviceName,
        networkMode,
        peakTasks: tasks,
        awsvpcTasks: networkMode === NetworkMode.AWSVPC ? tasks : 0,
        formula: `ceil(${formulaBase}) = ${peak}${split}`,
        steadyTasks: steadySplit[i]!.tasks,
        staticHostPorts: svc.staticHostPorts ?? [],
        ...(svc.distinctInstance ? { distinctInstance: true } : {}),
      },
    };
  });
  return { shares };
}
