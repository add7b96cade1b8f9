import * as fc from 'fast-check';
import {
  BudgetStatus,
  computeClusterBudget,
  DiagnosticSeverity,
  EniCapacity,
  eniPrecondition,
  TrunkingSupport,
  throwOnCapacityErrors,
  budgetProvider,
  budgetService,
} from './helpers';
import { thrownValidationError } from '../support/problem-matcher';
const cp = budgetProvider;
const svc = budgetService;

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
});

describe('computeClusterBudget: malformed input and invariants', () => {
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
      'services[2].capacityProviderStrategy[0].capacityProvider: received "nope"; allowed: a capacity provider of the cluster: "a", "b"',
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
