import * as fc from 'fast-check';
import { Token } from 'cdktf';
import {
  BudgetStatus,
  type CapacityProviderBudgetInput,
  computeClusterBudget,
  DiagnosticSeverity,
  EniCapacity,
  eniPrecondition,
  type ServiceDemand,
  NetworkMode,
  TrunkingSupport,
  throwOnCapacityErrors,
  thrownValidationError,
} from './helpers';

const cp = (over: Partial<CapacityProviderBudgetInput> = {}): CapacityProviderBudgetInput => ({
  name: 'default',
  instanceType: 'c5.large',
  maxInstances: 4,
  ...over,
});
const svc = (over: Partial<ServiceDemand> = {}): ServiceDemand => ({ serviceName: 'api', desiredCount: 5, ...over });

describe('computeClusterBudget', () => {
  test('counts capacity as ASG maximum x tasks per instance and demand as desired x maximum percent', () => {
    const budget = computeClusterBudget({ capacityProviders: [cp({ trunking: true })], services: [svc()] });
    const p = budget.capacityProviders[0]!;
    expect(p).toMatchObject({
      capacityProvider: 'default',
      instanceType: 'c5.large',
      maxInstances: 4,
      trunking: true,
      trunkingEffective: true,
      instanceTypeKnown: true,
      tasksPerInstanceWithoutTrunking: 2,
      tasksPerInstanceWithTrunking: 10,
      tasksPerInstance: 10,
      capacity: 40,
      demand: 10,
      headroom: 0.75,
      requiredTasksPerInstance: 3,
      status: BudgetStatus.OK,
    });
    expect(p.services).toEqual([
      {
        service: 'api',
        networkMode: 'awsvpc',
        peakTasks: 10,
        awsvpcTasks: 10,
        formula: 'ceil(5 x 200%) = 10',
        steadyTasks: 5,
        staticHostPorts: [],
      },
    ]);
    expect(budget.diagnostics).toEqual([]);
    expect(budget.status).toBe(BudgetStatus.OK);
  });

  test('fails when demand exceeds capacity, with the numbers and every way out', () => {
    const budget = computeClusterBudget({ capacityProviders: [cp()], services: [svc()] });
    const p = budget.capacityProviders[0]!;
    expect(p).toMatchObject({ capacity: 8, demand: 10, headroom: -0.25, status: BudgetStatus.ERROR });
    expect(budget.diagnostics).toHaveLength(1);
    const d = budget.diagnostics[0]!;
    expect(d).toMatchObject({
      severity: DiagnosticSeverity.ERROR,
      code: 'CAPACITY_ENI_OVERCOMMITTED',
      path: 'capacityProviders["default"]',
    });
    expect(d.received).toBe('10 awsvpc tasks at peak: service "api" 10 (ceil(5 x 200%) = 10)');
    expect(d.allowed).toBe(
      'at most 8: 4 instances (ASG maximum) x 2 awsvpc tasks per c5.large without trunking (3 ENIs, one for the primary interface)',
    );
    expect(d.fix).toContain('turn ENI trunking on (awsvpcTrunking): a c5.large then runs 10 awsvpc tasks, capacity 40');
    expect(d.fix).toContain('use a larger instance type: c5.xlarge runs 3 awsvpc tasks per instance, capacity 12');
    expect(d.fix).toContain('raise the ASG maximum to at least 5 (5 x 2 = 10 tasks; 7 for 20% headroom)');
    expect(d.fix).toContain("lower the services' desired counts, auto scaling maximums or deployment maximum percent");
    expect(d.message).toMatch(/^Capacity provider "default" runs out of ENIs: 10 awsvpc tasks at peak.*RESOURCE:ENI/);

    const e = thrownValidationError(() => throwOnCapacityErrors(budget.diagnostics));
    expect(e.code).toBe('CAPACITY_ENI_OVERCOMMITTED');
    expect(e.message).toContain(
      '[CAPACITY_ENI_OVERCOMMITTED] capacityProviders["default"]: received 10 awsvpc tasks at peak',
    );
    expect(e.message).toContain('allowed: at most 8: 4 instances');
    expect(e.message).toContain('Fix: turn ENI trunking on');
  });

  test('warns under 20% headroom, and not at exactly 20%', () => {
    const tight = computeClusterBudget({
      capacityProviders: [cp({ trunking: true })],
      services: [svc({ desiredCount: 35, maximumPercent: 100 })],
    });
    expect(tight.capacityProviders[0]).toMatchObject({ capacity: 40, demand: 35, status: BudgetStatus.WARNING });
    const d = tight.diagnostics[0]!;
    expect(d).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_LOW_HEADROOM' });
    expect(d.received).toContain('against a capacity of 40: 12% headroom');
    expect(d.allowed).toContain(
      'at least 20% headroom (demand <= 32 of 4 instances x 10 awsvpc tasks per c5.large with trunking)',
    );
    expect(d.fix).toContain('raise the ASG maximum to at least 5 (5 x 10 = 50 tasks)');
    expect(d.message).toContain('has 12% ENI headroom (capacity 40, peak demand 35)');
    expect(() => throwOnCapacityErrors(tight.diagnostics)).not.toThrow();

    const exact = computeClusterBudget({
      capacityProviders: [cp({ trunking: true })],
      services: [svc({ desiredCount: 32, maximumPercent: 100 })],
    });
    expect(exact.capacityProviders[0]).toMatchObject({ headroom: 0.2, status: BudgetStatus.OK });
  });

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
      formula: 'daemon: 1 x 3 instances',
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

  test("counts an excluded type without trunking's gain, and says why", () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ instanceType: 'm5n.large', trunking: true })],
      services: [svc()],
    });
    const p = budget.capacityProviders[0]!;
    expect(p).toMatchObject({ trunkingEffective: false, tasksPerInstance: 2, capacity: 8, status: BudgetStatus.ERROR });
    expect(budget.diagnostics[0]!.allowed).toContain(
      '2 awsvpc tasks per m5n.large without trunking (m5n.large does not support trunking)',
    );
    expect(budget.diagnostics[0]!.fix).not.toContain('turn ENI trunking on');
  });

  test('counts Windows instances without trunking', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ trunking: true, windows: true })],
      services: [svc()],
    });
    expect(budget.capacityProviders[0]).toMatchObject({
      trunkingEffective: false,
      capacity: 8,
      status: BudgetStatus.ERROR,
    });
    expect(budget.diagnostics[0]!.allowed).toContain(
      'without trunking (Windows instances never get a trunk interface)',
    );
  });

  test('warns instead of failing when only trunking of unknown support could make it fit (c7i.large)', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ instanceType: 'c7i.large', trunking: true })],
      services: [svc()],
    });
    expect(budget.capacityProviders[0]).toMatchObject({ capacity: 8, demand: 10, status: BudgetStatus.WARNING });
    const d = budget.diagnostics[0]!;
    expect(d).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_ENI_UNVERIFIED' });
    expect(d.allowed).toBe(
      "8 for certain: 4 instances x 2 awsvpc tasks per c7i.large without trunking's gain " +
        '(whether c7i.large supports trunking is not in the table) (3 ENIs, one for the primary interface)',
    );
    expect(d.fix).toContain('check that c7i.large supports trunking and runs at least 3 tasks with it');
  });

  test('warns for an instance type the table does not know and gives the plan-time check', () => {
    const budget = computeClusterBudget({ capacityProviders: [cp({ instanceType: 'c9x.large' })], services: [svc()] });
    const p = budget.capacityProviders[0]!;
    expect(p).toMatchObject({
      instanceTypeKnown: false,
      demand: 10,
      requiredTasksPerInstance: 3,
      status: BudgetStatus.UNKNOWN,
    });
    expect(p.capacity).toBeUndefined();
    expect(p.eniPrecondition).toMatchObject({
      instanceType: 'c9x.large',
      requiredTasksPerInstance: 3,
      minimumNetworkInterfaces: 4,
    });
    const d = budget.diagnostics[0]!;
    expect(d).toMatchObject({
      severity: DiagnosticSeverity.WARNING,
      code: 'CAPACITY_UNKNOWN_INSTANCE_TYPE',
      path: 'capacityProviders["default"].instanceType',
    });
    expect(d.fix).toMatch(/did you mean "c[0-9a-z]*\.large"/);
    expect(d.fix).toContain(
      'Terraform checks at plan time that it has at least 4 network interfaces (3 tasks per instance)',
    );
    expect(d.message).toContain('Instance type c9x.large is not in the ENI table');

    const trunked = computeClusterBudget({
      capacityProviders: [cp({ instanceType: 'c9x.large', trunking: true })],
      services: [svc()],
    });
    expect(trunked.capacityProviders[0]!.eniPrecondition).toBeUndefined();
    expect(trunked.diagnostics[0]!.fix).toContain(
      'with trunking on, the trunked limit of an unknown type is not published',
    );
    const windows = computeClusterBudget({
      capacityProviders: [cp({ instanceType: 'c9x.large', trunking: true, windows: true })],
      services: [svc()],
    });
    expect(windows.capacityProviders[0]!.eniPrecondition?.minimumNetworkInterfaces).toBe(4);
  });

  test('fails when the ASG maximum is 0 and services need tasks, even for an unknown type', () => {
    for (const instanceType of ['c5.large', 'c9x.large']) {
      const budget = computeClusterBudget({
        capacityProviders: [cp({ instanceType, maxInstances: 0 })],
        services: [svc()],
      });
      expect(budget.status).toBe(BudgetStatus.ERROR);
      expect(budget.diagnostics.map((d) => d.code)).toContain('CAPACITY_ENI_OVERCOMMITTED');
    }
    const idle = computeClusterBudget({ capacityProviders: [cp({ maxInstances: 0 })], services: [] });
    expect(idle.capacityProviders[0]).toMatchObject({ capacity: 0, demand: 0, status: BudgetStatus.OK });
  });

  test('skips values known only at apply time, with a warning', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp(), cp({ name: 'later', instanceType: Token.asString({ Ref: 'x' }) })],
      services: [svc({ desiredCount: Token.asNumber({ Ref: 'count' }), capacityProvider: 'default' })],
    });
    expect(budget.diagnostics.map((d) => d.code)).toEqual([
      'CAPACITY_DEMAND_UNRESOLVED',
      'CAPACITY_PROVIDER_UNRESOLVED',
    ]);
    expect(budget.capacityProviders[0]).toMatchObject({ demand: 0, status: BudgetStatus.OK });
    expect(budget.capacityProviders[1]).toMatchObject({ status: BudgetStatus.UNKNOWN });
    expect(budget.diagnostics[0]!.message).toContain('Service "api" is left out of the capacity budget');
  });

  test('fails for malformed input, reporting every problem at once', () => {
    const e = thrownValidationError(() =>
      computeClusterBudget({
        capacityProviders: [cp({ name: 'a', maxInstances: -1 }), cp({ name: 'a' }), cp({ name: 'b' })],
        services: [
          svc({ desiredCount: 1.5, capacityProvider: 'a' }),
          svc({ serviceName: 'x', maximumPercent: 0, capacityProvider: 'a' }),
          svc({ serviceName: 'y', capacityProvider: 'nope' }),
          svc({ serviceName: 'z' }),
          svc({ serviceName: 'w', capacityProviderStrategy: [{ capacityProvider: 'a', weight: -2 }] }),
          svc({ serviceName: 'v', capacityProviderStrategy: [{ capacityProvider: 'a', weight: 0 }] }),
        ],
      }),
    );
    expect(e.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'CAPACITY_COUNT_INVALID capacityProviders[0].maxInstances',
      'CAPACITY_PROVIDER_DUPLICATE capacityProviders[1].name',
      'CAPACITY_COUNT_INVALID services[0].desiredCount',
      'CAPACITY_MAXIMUM_PERCENT_INVALID services[1].maximumPercent',
      'CAPACITY_SERVICE_PROVIDER_UNKNOWN services[2].capacityProviderStrategy[0].capacityProvider',
      'CAPACITY_SERVICE_PROVIDER_MISSING services[3]',
      'CAPACITY_STRATEGY_INVALID services[4].capacityProviderStrategy[0].weight',
      'CAPACITY_STRATEGY_INVALID services[5].capacityProviderStrategy',
    ]);
    expect(e.message).toContain(
      '[CAPACITY_COUNT_INVALID] capacityProviders[0].maxInstances: received -1; allowed: a whole number >= 0',
    );
    expect(e.message).toContain(
      'services[2].capacityProviderStrategy[0].capacityProvider: received "nope"; allowed: one of: a, b',
    );
    expect(e.message).toContain(
      'services[5].capacityProviderStrategy: received weights all 0 with 10 tasks at peak and bases of 0',
    );
  });

  test("property: capacity never exceeds ASG maximum x the table's tasks per instance", () => {
    const types = EniCapacity.knownInstanceTypes();
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.integer({ min: 0, max: 200 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(
          fc.record({
            desiredCount: fc.integer({ min: 0, max: 500 }),
            maximumPercent: fc.integer({ min: 50, max: 300 }),
          }),
          { maxLength: 4 },
        ),
        (instanceType, maxInstances, trunking, windows, services) => {
          const budget = computeClusterBudget({
            capacityProviders: [{ name: 'p', instanceType, maxInstances, trunking, windows }],
            services: services.map((s, i) => ({ serviceName: `s${i}`, ...s })),
          });
          const p = budget.capacityProviders[0]!;
          const c = EniCapacity.forInstanceType(instanceType);
          const table =
            trunking && !windows && c.trunkingSupported ? c.maxTasksWithTrunking! : c.maxNetworkInterfaces - 1;
          const demand = services.reduce(
            (a, s) => a + Math.max(s.desiredCount, Math.ceil((s.desiredCount * s.maximumPercent) / 100)),
            0,
          );
          // Over capacity is an error, unless only trunking of unknown support could lift the limit (a warning).
          const unverified = trunking && !windows && c.trunkingSupport === TrunkingSupport.UNKNOWN && maxInstances > 0;
          return (
            p.capacity! <= maxInstances * table &&
            p.demand === demand &&
            (p.status === BudgetStatus.ERROR) === (demand > p.capacity! && !unverified)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('eniPrecondition', () => {
  test('asks for one interface per task plus the primary, with a plain-text message', () => {
    const pre = eniPrecondition('c9x.large', 3, { capacityProvider: 'default', demand: 10, maxInstances: 4 });
    expect(pre).toMatchObject({
      instanceType: 'c9x.large',
      requiredTasksPerInstance: 3,
      minimumNetworkInterfaces: 4,
      selfCondition: '${self.maximum_network_interfaces >= 4}',
    });
    expect(pre.errorMessage).toContain(
      'capacity provider "default": instance type c9x.large has too few network interfaces',
    );
    expect(pre.errorMessage).toContain(
      'each instance must run 3 awsvpc tasks (peak demand of 10 awsvpc tasks over an ASG maximum of 4 instances)',
    );
    expect(pre.errorMessage).toContain('at least 4 network interfaces');
    expect(eniPrecondition('${evil}.large', 1).errorMessage).not.toMatch(/\$\{|%\{/);
  });
});
