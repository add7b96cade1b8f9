import { Token } from 'cdktf';
import {
  BudgetStatus,
  computeClusterBudget,
  DiagnosticSeverity,
  budgetProvider,
  budgetService,
  smallestInstanceType,
} from './helpers';
const cp = budgetProvider;
const svc = budgetService;

describe('computeClusterBudget: what one provider holds', () => {
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
});

describe('computeClusterBudget: mixed instances (Spot) groups', () => {
  test('counts a mixed instances (Spot) group as its smallest type, and says so', () => {
    const budget = computeClusterBudget({
      capacityProviders: [
        cp({
          name: 'spot',
          instanceType: 'c5.xlarge',
          instanceTypes: ['c5.xlarge', 'm5.large', 'c5.large'],
          spot: true,
        }),
      ],
      services: [svc({ desiredCount: 5 })],
    });
    const p = budget.capacityProviders[0]!;
    expect(p).toMatchObject({
      instanceType: 'm5.large',
      instanceTypes: ['c5.xlarge', 'm5.large', 'c5.large'],
      spot: true,
      tasksPerInstance: 2,
      capacity: 8,
      status: BudgetStatus.ERROR,
    });
    expect(p.diagnostics[0]!.allowed).toContain(
      '2 awsvpc tasks per m5.large (the smallest of c5.xlarge, m5.large, c5.large)',
    );
    expect(p.diagnostics[0]!.fix).toContain('drop m5.large from the mix');
  });

  test('applies the unknown-type rule to a type of the mix the ENI table does not know', () => {
    const budget = computeClusterBudget({
      capacityProviders: [cp({ instanceTypes: ['c5.large', 'zz9.large'] })],
      services: [svc({ desiredCount: 1, maximumPercent: 100 })],
    });
    const p = budget.capacityProviders[0]!;
    expect(p).toMatchObject({ instanceType: 'zz9.large', status: BudgetStatus.UNKNOWN });
    expect(p.diagnostics.map((d) => d.code)).toEqual(['CAPACITY_UNKNOWN_INSTANCE_TYPE']);
    expect(p.eniPrecondition?.instanceType).toBe('zz9.large');
  });
});

describe('smallestInstanceType', () => {
  test('picks the type with the fewest awsvpc tasks per instance in the trunking state, the first on a tie', () => {
    expect(smallestInstanceType(['c5.xlarge', 'c5.large'], false)).toBe('c5.large');
    expect(smallestInstanceType(['t3.medium', 'c5.large'], true)).toBe('t3.medium');
    expect(smallestInstanceType(['m5.large', 'c5.large'], true)).toBe('m5.large');
    expect(smallestInstanceType(['c5.large', 'nope.large', 'zz.large'], false)).toBe('nope.large');
    expect(smallestInstanceType([], false)).toBeUndefined();
  });
});
