import { Token } from 'cdktf';
import { strategyProblems, type StrategyCodePrefix } from '../../modules/capacity/strategy-rules';

const known = ['on-demand', 'spot'];
const check = (
  items: Parameters<typeof strategyProblems<string>>[0],
  codePrefix: StrategyCodePrefix = 'COMPUTE',
): ReturnType<typeof strategyProblems> =>
  strategyProblems(items, { path: 'x.strategy', codePrefix, knownProviders: known });
const codes = (...args: Parameters<typeof check>): string[] => check(...args).map((p) => p.code);

describe('strategyProblems: the rules of a capacity provider strategy, written once', () => {
  test('accepts providers of the cluster, weights 0-1000, bases 0-100000 and one base', () => {
    expect(
      check([
        { capacityProvider: 'on-demand', base: 100000, weight: 0 },
        { capacityProvider: 'spot', weight: 1000, base: 0 },
      ]),
    ).toEqual([]);
  });

  test('refuses a provider the cluster does not know, naming the ones it does', () => {
    expect(check([{ capacityProvider: 'stray' }])).toEqual([
      expect.objectContaining({
        code: 'COMPUTE_STRATEGY_PROVIDER_UNKNOWN',
        path: 'x.strategy[0].capacityProvider',
        received: '"stray"',
        allowed: 'a capacity provider of the cluster: "on-demand", "spot"',
      }),
    ]);
    expect(
      strategyProblems([{ capacityProvider: 'stray' }], { path: 'p', codePrefix: 'COMPUTE', knownProviders: [] }),
    ).toEqual([expect.objectContaining({ allowed: 'a capacity provider of the cluster: (none yet)' })]);
  });

  test('checks no provider when the cluster does not say which it has', () => {
    expect(strategyProblems([{ capacityProvider: 'stray' }], { path: 'p', codePrefix: 'SERVICE' })).toEqual([]);
  });

  test('matches providers as the caller says (by object, or by name)', () => {
    const a = { name: 'a' };
    const copy = { name: 'a' };
    const ctx = {
      path: 'p',
      codePrefix: 'SERVICE' as const,
      knownProviders: [a],
      nameOf: (p: { name: string }) => p.name,
    };
    expect(strategyProblems([{ capacityProvider: copy }], ctx).map((p) => p.code)).toEqual([
      'SERVICE_CAPACITY_PROVIDER_NOT_IN_CLUSTER',
    ]);
    expect(
      strategyProblems([{ capacityProvider: copy }], { ...ctx, sameProvider: (x, k) => x.name === k.name }),
    ).toEqual([]);
  });

  test.each([
    ['weight', 1000, 'COMPUTE_STRATEGY_WEIGHT_INVALID', 0.5],
    ['base', 100000, 'COMPUTE_STRATEGY_BASE_INVALID', 1.5],
  ] as const)('refuses a %s that is not an integer from 0 to %d', (key, max, code, fraction) => {
    expect(check([{ capacityProvider: 'spot', [key]: max + 1 }])).toEqual([
      expect.objectContaining({ code, path: `x.strategy[0].${key}`, allowed: `an integer from 0 to ${max}` }),
    ]);
    expect(codes([{ capacityProvider: 'spot', [key]: fraction }])).toEqual([code]);
    expect(codes([{ capacityProvider: 'spot', [key]: -1 }])).toEqual([code]);
  });

  test('refuses a provider named twice', () => {
    expect(check([{ capacityProvider: 'spot' }, { capacityProvider: 'spot', weight: 2 }])).toEqual([
      expect.objectContaining({
        code: 'COMPUTE_STRATEGY_DUPLICATE',
        path: 'x.strategy',
        fix: 'Name "spot" once, with the combined weight.',
      }),
    ]);
  });

  test('refuses a base above 0 on more than one item', () => {
    expect(
      check([
        { capacityProvider: 'on-demand', base: 1 },
        { capacityProvider: 'spot', base: 2 },
      ]),
    ).toEqual([
      expect.objectContaining({
        code: 'COMPUTE_STRATEGY_BASE_TWICE',
        path: 'x.strategy',
        received: 'bases on "on-demand" (1), "spot" (2)',
      }),
    ]);
  });

  test('refuses weights all 0 (an item without a weight weighs 1)', () => {
    expect(codes([{ capacityProvider: 'spot', weight: 0 }])).toEqual(['COMPUTE_STRATEGY_WEIGHT_ZERO']);
    expect(codes([{ capacityProvider: 'spot', weight: 0 }, { capacityProvider: 'on-demand' }])).toEqual([]);
  });

  test('skips weights and bases known only at apply time', () => {
    const n = Token.asNumber({ Ref: 'n' });
    expect(
      check([
        { capacityProvider: 'on-demand', weight: n, base: n },
        { capacityProvider: 'spot', base: 1 },
      ]),
    ).toEqual([]);
  });

  test('speaks in the codes of the layer that checks', () => {
    const bad = [
      { capacityProvider: 'stray', weight: -1, base: -1 },
      { capacityProvider: 'spot', base: 1, weight: 0 },
      { capacityProvider: 'spot', base: 1, weight: 0 },
    ];
    expect(codes(bad, 'SERVICE')).toEqual([
      'SERVICE_CAPACITY_PROVIDER_NOT_IN_CLUSTER',
      'SERVICE_STRATEGY_VALUE_INVALID',
      'SERVICE_STRATEGY_VALUE_INVALID',
      'SERVICE_STRATEGY_DUPLICATE',
      'SERVICE_STRATEGY_BASE_TWICE',
    ]);
    // The budget API checks no duplicate and allows weights all 0 while bases cover the tasks (demand-split.ts).
    expect(codes(bad, 'CAPACITY')).toEqual([
      'CAPACITY_SERVICE_PROVIDER_UNKNOWN',
      'CAPACITY_STRATEGY_INVALID',
      'CAPACITY_STRATEGY_INVALID',
      'CAPACITY_STRATEGY_BASE_TWICE',
    ]);
  });
});
