import { BudgetStatus, computeClusterBudget, NetworkMode, budgetProvider, budgetService } from './helpers';
const cp = budgetProvider;
const svc = budgetService;

describe('computeClusterBudget: where the demand goes', () => {
  test('counts only awsvpc tasks', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp()],
      services: [
        svc({ networkMode: NetworkMode.BRIDGE, desiredCount: 50 }),
        svc({ serviceName: 'h', networkMode: NetworkMode.HOST }),
        svc({ serviceName: 'a', desiredCount: 1 }),
      ],
    });
    expect(budget.capacityProviders[0]).toMatchObject({ demand: 2, status: BudgetStatus.OK });
    expect(budget.capacityProviders[0]!.services.find((s) => s.service === 'api')).toMatchObject({
      peakTasks: 100,
      awsvpcTasks: 0,
    });
  });

  test('counts the auto scaling maximum, and at least the desired count when maximum percent is under 100', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ trunking: true, maxInstances: 10 })],
      services: [
        svc({ desiredCount: 2, maxCount: 6, maximumPercent: 150 }),
        svc({ serviceName: 'b', desiredCount: 3, maximumPercent: 50 }),
      ],
    });
    const p = budget.capacityProviders[0]!;
    expect(p.services.map((s) => [s.service, s.awsvpcTasks, s.formula])).toEqual([
      ['api', 9, 'ceil(max 6 x 150%) = 9'],
      ['b', 3, 'ceil(3 x 50%) = 3'],
    ]);
    expect(p.demand).toBe(12);
  });

  test('splits a strategy by base first, then by weight, rounding each share up', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ name: 'a', trunking: true }), cp({ name: 'b', trunking: true })],
      services: [
        svc({
          desiredCount: 5,
          capacityProviderStrategy: [
            { capacityProvider: 'a', base: 2, weight: 1 },
            { capacityProvider: 'b', weight: 3 },
          ],
        }),
      ],
    });
    // 10 tasks at peak: 2 on a as its base, the other 8 split 1:3 -> 2 and 6.
    expect(budget.capacityProviders.map((p) => p.demand)).toEqual([4, 6]);
    expect(budget.capacityProviders[0]!.services[0]!.formula).toBe(
      'ceil(5 x 200%) = 10 -> 4 here (base 2, weight 1/4)',
    );
    const odd = computeClusterBudget({
      capacityProviders: [cp({ name: 'a', trunking: true }), cp({ name: 'b', trunking: true })],
      services: [
        svc({
          desiredCount: 3,
          maximumPercent: 100,
          capacityProviderStrategy: [{ capacityProvider: 'a' }, { capacityProvider: 'b' }],
        }),
      ],
    });
    expect(odd.capacityProviders.map((p) => p.demand)).toEqual([2, 2]);
  });

  test("places a service without a provider on the cluster's only provider", () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ trunking: true })],
      services: [svc({ capacityProvider: undefined })],
    });
    expect(budget.capacityProviders[0]!.demand).toBe(10);
  });

  test('takes one ENI slot per instance for each awsvpc daemon service', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ maxInstances: 3 })],
      services: [svc({ serviceName: 'agent', daemon: true }), svc({ desiredCount: 2, maximumPercent: 100 })],
    });
    const p = budget.capacityProviders[0]!;
    expect(p).toMatchObject({ capacity: 6, demand: 5, status: BudgetStatus.WARNING });
    expect(p.services.find((s) => s.service === 'agent')).toMatchObject({
      awsvpcTasks: 3,
      formula: 'daemon: 1 per instance x 3 instances',
      daemon: true,
    });
    const full = computeClusterBudget({
      capacityProviders: [cp({ maxInstances: 3 })],
      services: [
        svc({ serviceName: 'd1', daemon: true }),
        svc({ serviceName: 'd2', daemon: true }),
        svc({ desiredCount: 1, maximumPercent: 100 }),
      ],
    });
    expect(full.diagnostics[0]!.fix).toContain('the 2 awsvpc daemon service(s) take every ENI slot of a c5.large');
  });
});

describe('computeClusterBudget: strategies, daemons and distinct instances', () => {
  test('splits a Spot-and-on-demand strategy: the base on on-demand, the rest 3:1 towards Spot', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ name: 'on-demand' }), cp({ name: 'spot', trunking: true })],
      services: [
        svc({
          serviceName: 'worker',
          desiredCount: 10,
          maximumPercent: 100,
          capacityProviderStrategy: [
            { capacityProvider: 'on-demand', base: 2, weight: 1 },
            { capacityProvider: 'spot', weight: 3 },
          ],
        }),
      ],
    });
    const [onDemand, spot] = budget.capacityProviders;
    expect(onDemand!.services[0]).toMatchObject({
      peakTasks: 4,
      formula: 'ceil(10 x 100%) = 10 -> 4 here (base 2, weight 1/4)',
    });
    expect(spot!.services[0]).toMatchObject({
      peakTasks: 6,
      formula: 'ceil(10 x 100%) = 10 -> 6 here (base 0, weight 3/4)',
    });
  });

  test('refuses a strategy with a base on more than one item (ECS does)', () => {
    expect(() =>
      computeClusterBudget({
        capacityProviders: [cp({ name: 'a' }), cp({ name: 'b' })],
        services: [
          svc({
            capacityProviderStrategy: [
              { capacityProvider: 'a', base: 1 },
              { capacityProvider: 'b', base: 2 },
            ],
          }),
        ],
      }),
    ).toThrowProblem('CAPACITY_STRATEGY_BASE_TWICE', 'services[0].capacityProviderStrategy', '"a" (1), "b" (2)');
  });

  test("follows the cluster's default strategy for a service that names no provider", () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ name: 'a' }), cp({ name: 'b' })],
      defaultCapacityProviderStrategy: [
        { capacityProvider: 'a', base: 1, weight: 1 },
        { capacityProvider: 'b', weight: 1 },
      ],
      services: [svc({ desiredCount: 3, maximumPercent: 100 })],
    });
    expect(budget.capacityProviders.map((p) => p.demand)).toEqual([2, 1]);
  });

  test('counts a daemon on every instance of every provider, whatever its strategy', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ name: 'a', maxInstances: 4 }), cp({ name: 'b', maxInstances: 2 })],
      services: [svc({ serviceName: 'log-agent', daemon: true, capacityProvider: 'a' })],
    });
    expect(budget.capacityProviders.map((p) => p.demand)).toEqual([4, 2]);
    expect(budget.capacityProviders[1]!.services[0]).toMatchObject({ daemon: true, awsvpcTasks: 2 });
  });

  test('fails when a distinctInstance service has more tasks on a provider than it has instances', () => {
    const demand = (desiredCount: number) =>
      computeClusterBudget({
        capacityProviders: [cp({ trunking: true })],
        services: [svc({ desiredCount, distinctInstance: true })],
      });
    expect(demand(4).status).toBe(BudgetStatus.OK);
    const over = demand(5).capacityProviders[0]!;
    expect(over.status).toBe(BudgetStatus.ERROR);
    expect(over.diagnostics).toEqual([
      expect.objectContaining({
        code: 'CAPACITY_DISTINCT_INSTANCE_EXHAUSTED',
        received: 'service "api" with the distinctInstance constraint: 5 tasks here',
        allowed: 'at most 4: one task of the service per instance, 4 instances (ASG maximum)',
      }),
    ]);
  });

  test("counts a daemon only on the providers it runs on (its task's OS)", () => {
    const budget = computeClusterBudget({
      capacityProviders: [
        cp({ name: 'linux', maxInstances: 4 }),
        cp({ name: 'windows', instanceType: 'm5.large', maxInstances: 2, windows: true }),
      ],
      services: [svc({ serviceName: 'log-agent', daemon: true, daemonCapacityProviders: ['linux'] })],
    });
    expect(budget.capacityProviders.map((p) => p.demand)).toEqual([4, 0]);
  });
});
