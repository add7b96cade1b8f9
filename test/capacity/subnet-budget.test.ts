import * as fc from 'fast-check';
import { Token } from 'cdktf';
import {
  BudgetStatus,
  busiestZoneShare,
  computeClusterBudget,
  computeSubnetBudget,
  DiagnosticSeverity,
  ipv4PrefixLength,
  largerSubnetPrefix,
  subnetDemandOfCluster,
  type SubnetBudgetSubnet,
  throwOnCapacityErrors,
  usableAddresses,
} from './helpers';
import { thrownValidationError } from '../support/problem-matcher';

const threeAzs = (prefix: number): SubnetBudgetSubnet[] =>
  ['a', 'b', 'c'].map((z, i) => ({
    name: `private-${z}`,
    availabilityZone: `us-east-1${z}`,
    cidrBlock: `10.0.${i * 16}.0/${prefix}`,
  }));

describe('computeSubnetBudget', () => {
  test('counts one address per task, per instance and per trunk interface, against size - 5, per AZ', () => {
    const budget = computeSubnetBudget({ subnets: threeAzs(24), awsvpcTasks: 100, instances: 6, trunkedInstances: 6 });
    expect(budget).toMatchObject({ skew: 1, availabilityZones: 3, status: BudgetStatus.OK });
    expect(budget.subnets[0]).toEqual({
      subnet: 'private-a',
      availabilityZone: 'us-east-1a',
      cidrBlock: '10.0.0.0/24',
      prefixLength: 24,
      tasks: 34,
      instances: 2,
      trunkInterfaces: 2,
      needed: 38,
      usable: 251,
      free: 213,
      headroom: 213 / 251,
      status: BudgetStatus.OK,
    });
    expect(budget.diagnostics).toEqual([]);
  });

  test('fails when a subnet runs out of addresses, with the numbers and the ways out', () => {
    const budget = computeSubnetBudget({ subnets: threeAzs(26), awsvpcTasks: 180, instances: 6, trunkedInstances: 6 });
    expect(budget.status).toBe(BudgetStatus.ERROR);
    expect(budget.subnets[0]).toMatchObject({
      tasks: 60,
      needed: 64,
      usable: 59,
      free: -5,
      status: BudgetStatus.ERROR,
    });
    const d = budget.diagnostics[0]!;
    expect(d).toMatchObject({
      severity: DiagnosticSeverity.ERROR,
      code: 'CAPACITY_SUBNET_EXHAUSTED',
      path: 'subnets["private-a"]',
    });
    expect(d.received).toBe(
      'needs 64 addresses in us-east-1a (60 awsvpc tasks + 2 instances + 2 trunk interfaces, assuming an even spread over 3 AZs)',
    );
    expect(d.allowed).toBe('59 usable addresses in a /26 (64 - 5 reserved by AWS)');
    expect(d.fix).toBe(
      'use a /25 or larger subnet (123 usable); spread over more AZs (now 3); ' +
        'or lower the awsvpc task counts, auto scaling maximums or deployment maximum percent',
    );
    const e = thrownValidationError(() => throwOnCapacityErrors(budget.diagnostics));
    expect(e.code).toBe('CAPACITY_SUBNET_EXHAUSTED');
    expect(e.problems).toHaveLength(3);
    expect(e.message).toContain('[CAPACITY_SUBNET_EXHAUSTED] subnets["private-a"]: received needs 64 addresses');
  });

  test("warns when under 20% of a subnet's addresses stay free", () => {
    const budget = computeSubnetBudget({ subnets: threeAzs(26), awsvpcTasks: 150, instances: 3 });
    expect(budget.subnets[0]).toMatchObject({ needed: 51, usable: 59, status: BudgetStatus.WARNING });
    const d = budget.diagnostics[0]!;
    expect(d).toMatchObject({ severity: DiagnosticSeverity.WARNING, code: 'CAPACITY_SUBNET_LOW_HEADROOM' });
    expect(d.received).toContain('13% free');
    expect(d.allowed).toContain('(at most 47 needed)');
    expect(d.fix).toContain('use a /25 or larger subnet (123 usable)');
    expect(d.message).toBe(
      'Subnet "private-a" (10.0.0.0/26) has 13% of its addresses free at peak (needs 51 of 59 usable). ' +
        'Use a /25 or larger subnet (123 usable); spread over more AZs (now 3); or lower the awsvpc task counts, auto scaling maximums or deployment maximum percent.',
    );
  });

  test('applies the skew to the busiest AZ, capped at the total', () => {
    const budget = computeSubnetBudget({ subnets: threeAzs(24), awsvpcTasks: 90, instances: 3, skew: 1.5 });
    expect(budget.subnets[0]).toMatchObject({ tasks: 45, instances: 2 });
    expect(busiestZoneShare(10, 2, 5)).toBe(10);
    expect(busiestZoneShare(10, 3, 1)).toBe(4);
  });

  test("splits an AZ's share over its subnets", () => {
    const budget = computeSubnetBudget({
      subnets: [
        { name: 'a1', availabilityZone: 'a', cidrBlock: '10.0.0.0/24' },
        { name: 'a2', availabilityZone: 'a', cidrBlock: '10.0.1.0/24' },
      ],
      awsvpcTasks: 11,
      instances: 2,
    });
    expect(budget.availabilityZones).toBe(1);
    expect(budget.subnets.map((s) => s.tasks)).toEqual([6, 6]);
    expect(budget.subnets.map((s) => s.instances)).toEqual([1, 1]);
  });
});

describe('largerSubnetPrefix', () => {
  test('names the smallest larger subnet that fits, or keeps the headroom asked for', () => {
    // 64 addresses: a /26 has 59 usable, a /25 123 (48% free), a /24 251 (75% free).
    expect(largerSubnetPrefix(26, 64, 0)).toBe(25);
    expect(largerSubnetPrefix(26, 64, 0.5)).toBe(24);
    expect(largerSubnetPrefix(26, 64, 0.2)).toBe(25);
  });

  test('is undefined when even a /16 is too small, or when the subnet is already a /16', () => {
    expect(largerSubnetPrefix(20, 70000, 0)).toBeUndefined();
    expect(largerSubnetPrefix(16, 10, 0)).toBeUndefined();
    expect(largerSubnetPrefix(17, 65531, 0)).toBe(16);
  });
});

describe('computeSubnetBudget with unknown or bad input', () => {
  test('warns for a subnet whose size is not known at synth time', () => {
    const budget = computeSubnetBudget({
      subnets: [
        { name: 'imported', availabilityZone: 'a' },
        { name: 'token', availabilityZone: 'b', cidrBlock: Token.asString({ Ref: 'cidr' }) },
      ],
      awsvpcTasks: 10,
      instances: 2,
    });
    expect(budget.subnets.map((s) => s.status)).toEqual([BudgetStatus.UNKNOWN, BudgetStatus.UNKNOWN]);
    expect(budget.diagnostics.map((d) => d.code)).toEqual([
      'CAPACITY_SUBNET_SIZE_UNKNOWN',
      'CAPACITY_SUBNET_SIZE_UNKNOWN',
    ]);
    expect(budget.diagnostics[0]!.fix).toBe('make sure the subnet has at least 11 addresses');
  });

  test('warns when the counts are only known at apply time', () => {
    const budget = computeSubnetBudget({
      subnets: threeAzs(24),
      awsvpcTasks: Token.asNumber({ Ref: 'n' }),
      instances: 3,
    });
    expect(budget.status).toBe(BudgetStatus.UNKNOWN);
    expect(budget.diagnostics.map((d) => d.code)).toEqual(['CAPACITY_SUBNET_DEMAND_UNRESOLVED']);
  });

  test('fails for malformed input, reporting every problem at once', () => {
    const e = thrownValidationError(() =>
      computeSubnetBudget({
        subnets: [
          { name: 'x', availabilityZone: 'a', cidrBlock: '10.0.0.0/29' },
          { name: 'y', availabilityZone: 'b', cidrBlock: '10.0.0.300/24' },
        ],
        awsvpcTasks: -1,
        instances: 2,
        trunkedInstances: 3,
        skew: 0.5,
      }),
    );
    expect(e.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'CAPACITY_SKEW_INVALID skew',
      'CAPACITY_COUNT_INVALID awsvpcTasks',
      'CAPACITY_COUNT_INVALID trunkedInstances',
      'CAPACITY_SUBNET_CIDR_INVALID subnets[0].cidrBlock',
      'CAPACITY_SUBNET_CIDR_INVALID subnets[1].cidrBlock',
    ]);
    expect(e.message).toContain(
      'subnets[0].cidrBlock: received "10.0.0.0/29"; allowed: an IPv4 CIDR block from /16 to /28',
    );
    expect(e.message).toContain('trunkedInstances: received 3; allowed: at most the number of instances (2)');
    expect(thrownValidationError(() => computeSubnetBudget({ subnets: [], awsvpcTasks: 1, instances: 1 })).code).toBe(
      'CAPACITY_SUBNETS_EMPTY',
    );
  });

  test('takes its demand from a cluster budget', () => {
    const cluster = computeClusterBudget({
      capacityProviders: [
        { name: 'linux', instanceType: 'c5.large', maxInstances: 4, trunking: true },
        { name: 'win', instanceType: 'c5.large', maxInstances: 2, trunking: true, windows: true },
        { name: 'never', instanceType: 't3.large', maxInstances: 1, trunking: true },
      ],
      services: [{ serviceName: 'api', desiredCount: 5, capacityProvider: 'linux' }],
    });
    expect(subnetDemandOfCluster(cluster)).toEqual({ awsvpcTasks: 10, instances: 7, trunkedInstances: 4 });
  });

  test('parses CIDR prefix lengths', () => {
    expect(ipv4PrefixLength('10.0.0.0/24')).toBe(24);
    expect(ipv4PrefixLength('10.0.0.0/33')).toBeUndefined();
    expect(ipv4PrefixLength('fd00::/64')).toBeUndefined();
    expect(usableAddresses(24)).toBe(251);
    expect(usableAddresses(28)).toBe(11);
  });

  test('property: the budget never promises more than size - 5, and counts every task and instance', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 28 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 100000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        (prefix, zones, perZone, awsvpcTasks, instances, trunkedRaw, skew) => {
          const trunkedInstances = Math.min(trunkedRaw, instances);
          const subnets: SubnetBudgetSubnet[] = [];
          for (let z = 0; z < zones; z++)
            for (let k = 0; k < perZone; k++)
              subnets.push({ name: `s${z}-${k}`, availabilityZone: `az${z}`, cidrBlock: `10.${z}.${k}.0/${prefix}` });
          const budget = computeSubnetBudget({ subnets, awsvpcTasks, instances, trunkedInstances, skew });
          const size = 2 ** (32 - prefix);
          for (const s of budget.subnets) {
            if (s.usable !== size - 5) return false;
            if (s.status !== BudgetStatus.ERROR && s.needed > size - 5) return false;
            if ((s.status === BudgetStatus.ERROR) !== s.needed > s.usable) return false;
            if (s.free! > size - 5 || s.needed !== s.tasks + s.instances + s.trunkInterfaces) return false;
          }
          const total = (key: 'tasks' | 'instances' | 'trunkInterfaces'): number =>
            budget.subnets.reduce((a, s) => a + s[key], 0);
          return (
            total('tasks') >= awsvpcTasks &&
            total('instances') >= instances &&
            total('trunkInterfaces') >= trunkedInstances
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
