/**
 * The rules of a capacity provider strategy, written once (pure): every item names a provider the
 * cluster knows, a weight is an integer from 0 to 1000 and a base one from 0 to 100000, each provider
 * comes at most once, a base above 0 sits on one item at most, and at least one weight is above 0.
 * The budget API (`CAPACITY_*`), the cluster's default strategy (`COMPUTE_*`) and a service's own
 * strategy (`SERVICE_*`) call it with their own codes; values known only at apply time are skipped.
 */
import { isUnresolved } from '../core/tokens';
import { describeValue, type Problem } from '../core/validation-error';
import type { CapacityProviderStrategyItem } from './budget-types';

/** ECS's limits for a strategy item. */
export const STRATEGY_WEIGHT_MAX = 1000;
export const STRATEGY_BASE_MAX = 100000;

/** Which layer checks the strategy: it picks the error codes (stable, documented per module). */
export type StrategyCodePrefix = 'CAPACITY' | 'COMPUTE' | 'SERVICE';

interface StrategyCodes {
  readonly unknown: string;
  readonly weight: string;
  readonly base: string;
  /** Rules a layer does not check have no code (the budget API allows weights all 0 when bases cover the tasks). */
  readonly duplicate?: string;
  readonly baseTwice: string;
  readonly weightZero?: string;
}

const CODES: Record<StrategyCodePrefix, StrategyCodes> = {
  CAPACITY: {
    unknown: 'CAPACITY_SERVICE_PROVIDER_UNKNOWN',
    weight: 'CAPACITY_STRATEGY_INVALID',
    base: 'CAPACITY_STRATEGY_INVALID',
    baseTwice: 'CAPACITY_STRATEGY_BASE_TWICE',
  },
  COMPUTE: {
    unknown: 'COMPUTE_STRATEGY_PROVIDER_UNKNOWN',
    weight: 'COMPUTE_STRATEGY_WEIGHT_INVALID',
    base: 'COMPUTE_STRATEGY_BASE_INVALID',
    duplicate: 'COMPUTE_STRATEGY_DUPLICATE',
    baseTwice: 'COMPUTE_STRATEGY_BASE_TWICE',
    weightZero: 'COMPUTE_STRATEGY_WEIGHT_ZERO',
  },
  SERVICE: {
    unknown: 'SERVICE_CAPACITY_PROVIDER_NOT_IN_CLUSTER',
    weight: 'SERVICE_STRATEGY_VALUE_INVALID',
    base: 'SERVICE_STRATEGY_VALUE_INVALID',
    duplicate: 'SERVICE_STRATEGY_DUPLICATE',
    baseTwice: 'SERVICE_STRATEGY_BASE_TWICE',
    weightZero: 'SERVICE_STRATEGY_WEIGHT_ZERO',
  },
};

export interface StrategyRulesContext<P> {
  /** Where the strategy was declared; items are `${path}[i]`. */
  readonly path: string;
  readonly codePrefix: StrategyCodePrefix;
  /** The providers of the cluster; undefined when they are not known (nothing is checked against them). */
  readonly knownProviders?: readonly P[];
  /** A provider's name, for messages and the duplicate rule. @default String */
  readonly nameOf?: (provider: P) => string;
  /** Whether an item's provider is the known one. @default === */
  readonly sameProvider?: (item: P, known: P) => boolean;
}

/** The problems of a capacity provider strategy, in item order then the rules over the whole strategy. */
export function strategyProblems<P = string>(
  items: readonly CapacityProviderStrategyItem<P>[],
  ctx: StrategyRulesContext<P>,
): Problem[] {
  const codes = CODES[ctx.codePrefix];
  const nameOf = ctx.nameOf ?? ((p: P) => String(p));
  const out: Problem[] = items.flatMap((item, i) => itemProblems(item, `${ctx.path}[${i}]`, codes, ctx, nameOf));
  const names = items.map((s) => nameOf(s.capacityProvider));
  const duplicate = names.find((n, i) => !isUnresolved(n) && names.indexOf(n) !== i);
  if (codes.duplicate !== undefined && duplicate !== undefined) {
    out.push({
      code: codes.duplicate,
      path: ctx.path,
      received: describeValue(names),
      allowed: 'each capacity provider at most once',
      fix: `Name ${JSON.stringify(duplicate)} once, with the combined weight.`,
    });
  }
  const withBase = items.filter((s) => typeof s.base === 'number' && !isUnresolved(s.base) && s.base > 0);
  if (withBase.length > 1) {
    out.push({
      code: codes.baseTwice,
      path: ctx.path,
      received: `bases on ${withBase.map((s) => `${JSON.stringify(nameOf(s.capacityProvider))} (${s.base})`).join(', ')}`,
      allowed: 'a base above 0 on at most one item of a strategy (ECS refuses more)',
      fix: 'Keep the base on one capacity provider and set the others to 0.',
    });
  }
  if (codes.weightZero !== undefined && items.length > 0 && items.every((s) => (s.weight ?? 1) === 0)) {
    out.push({
      code: codes.weightZero,
      path: ctx.path,
      received: describeValue(items.map((s) => ({ capacityProvider: nameOf(s.capacityProvider), weight: s.weight }))),
      allowed: 'at least one item with a weight above 0',
      fix: 'Give at least one capacity provider a weight of 1 or more.',
    });
  }
  return out;
}

/** One item: a provider of the cluster, a weight and a base within ECS's limits. */
function itemProblems<P>(
  item: CapacityProviderStrategyItem<P>,
  at: string,
  codes: StrategyCodes,
  ctx: StrategyRulesContext<P>,
  nameOf: (p: P) => string,
): Problem[] {
  const out: Problem[] = [];
  const known = ctx.knownProviders;
  const same = ctx.sameProvider ?? ((a: P, b: P) => a === b);
  if (known !== undefined && !known.some((k) => same(item.capacityProvider, k))) {
    out.push({
      code: codes.unknown,
      path: `${at}.capacityProvider`,
      received: describeValue(nameOf(item.capacityProvider)),
      allowed: `a capacity provider of the cluster: ${known.map((k) => JSON.stringify(nameOf(k))).join(', ') || '(none yet)'}`,
      fix: 'Add (or adopt) the capacity provider in the cluster first, or name one of its providers.',
    });
  }
  for (const [key, max] of [
    ['weight', STRATEGY_WEIGHT_MAX],
    ['base', STRATEGY_BASE_MAX],
  ] as const) {
    const v = item[key];
    if (v === undefined || isUnresolved(v) || (Number.isInteger(v) && v >= 0 && v <= max)) continue;
    out.push({
      code: codes[key],
      path: `${at}.${key}`,
      received: describeValue(v),
      allowed: `an integer from 0 to ${max}`,
      fix:
        key === 'weight'
          ? 'Give a relative weight such as 1.'
          : 'Give the number of tasks to place on this provider first, or 0.',
    });
  }
  return out;
}
