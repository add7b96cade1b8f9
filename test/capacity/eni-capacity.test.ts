import * as fc from 'fast-check';
import { CpuArchitecture, EniCapacity, TrunkingSupport } from './helpers';
import { thrownValidationError } from '../support/problem-matcher';

describe('EniCapacity of a type of the table', () => {
  test('c4.large runs 2 awsvpc tasks (3 ENIs, one for the primary) and never trunks', () => {
    const c = EniCapacity.forInstanceType('c4.large');
    expect(c.maxNetworkInterfaces).toBe(3);
    expect(c.ipv4AddressesPerInterface).toBe(10);
    expect(c.maxTasksWithoutTrunking).toBe(2);
    expect(c.maxAwsvpcTasks(false)).toBe(2);
    expect(c.maxAwsvpcTasks(true)).toBe(2);
    expect(c.trunkingSupported).toBe(false);
    expect(c.trunkingSupport).toBe(TrunkingSupport.NOT_SUPPORTED);
    expect(c.maxTasksWithTrunking).toBeUndefined();
  });

  test('c5.large runs 2 awsvpc tasks without trunking and 10 with it', () => {
    const c = EniCapacity.forInstanceType('c5.large');
    expect(c.instanceType).toBe('c5.large');
    expect(c.maxTasksWithoutTrunking).toBe(2);
    expect(c.maxTasksWithTrunking).toBe(10);
    expect(c.maxAwsvpcTasks(false)).toBe(2);
    expect(c.maxAwsvpcTasks(true)).toBe(10);
    expect(c.trunkingSupported).toBe(true);
    expect(c.architecture).toBe(CpuArchitecture.X86_64);
    expect(c.sources).toHaveLength(2);
    expect(c.sources[0]).toMatch(/amazon-ec2-user-guide/);
    expect(c.sources[1]).toMatch(/amazon-ecs-developer-guide/);
  });

  test('the exclusion list wins over the trunking table (m5n.large has a row, the family is excluded)', () => {
    const c = EniCapacity.forInstanceType('m5n.large');
    expect(c.publishedTasksWithTrunking).toBe(10);
    expect(c.trunkingSupported).toBe(false);
    expect(c.maxTasksWithTrunking).toBeUndefined();
    expect(c.maxAwsvpcTasks(true)).toBe(2);
    expect(c.notes.join()).toMatch(/ECS developer guide lists it among the types that do not support ENI trunking/);
    expect(EniCapacity.forInstanceType('c5a.8xlarge').trunkingSupported).toBe(false);
    expect(EniCapacity.forInstanceType('c5a.4xlarge').trunkingSupported).toBe(true);
  });

  test('knows exclusions of types the table does not have (g3s)', () => {
    expect(EniCapacity.tryForInstanceType('g3s.xlarge')).toBeUndefined();
    expect(EniCapacity.trunkingExclusion('g3s.xlarge')).toMatch(/^the g3s family: /);
    expect(EniCapacity.trunkingExclusion('r5.8xlarge')).toMatch(/^r5\.8xlarge: /);
    expect(EniCapacity.trunkingExclusion('r5.4xlarge')).toBeUndefined();
  });

  test("treats i4i.large's published -2 as no gain from trunking", () => {
    const c = EniCapacity.forInstanceType('i4i.large');
    expect(c.publishedTasksWithTrunking).toBe(-2);
    expect(c.trunkingSupported).toBe(true);
    expect(c.maxTasksWithTrunking).toBe(2);
    expect(c.maxAwsvpcTasks(true)).toBe(c.maxAwsvpcTasks(false));
    expect(c.notes.join()).toMatch(/publishes -2 tasks with trunking, below the 2 without: treated as no gain/);
  });

  test.each(['u-18tb1.metal', 'u-24tb1.metal'])(
    "treats %s's published 12 (below its 14 without trunking) as no gain from trunking",
    (type) => {
      // ../shared/data/eni/README.md: "treat a value below the non-trunked limit as no gain from trunking".
      const c = EniCapacity.forInstanceType(type);
      expect(c.publishedTasksWithTrunking).toBe(12);
      expect(c.maxTasksWithoutTrunking).toBe(14);
      expect(c.maxTasksWithTrunking).toBe(14);
      expect(c.maxAwsvpcTasks(true)).toBe(14);
      expect(c.notes.join()).toMatch(
        /publishes 12 tasks with trunking, below the 14 without: treated as no gain from trunking/,
      );
    },
  );

  test('never counts fewer tasks with trunking than without, for any type of the table', () => {
    for (const type of EniCapacity.knownInstanceTypes()) {
      const c = EniCapacity.forInstanceType(type);
      expect({ type, fewer: c.maxAwsvpcTasks(true) < c.maxAwsvpcTasks(false) }).toEqual({ type, fewer: false });
    }
  });

  test('says trunking is unknown, not unsupported, for a family newer than the trunking table (c7i)', () => {
    const c = EniCapacity.forInstanceType('c7i.large');
    expect(c.trunkingSupport).toBe(TrunkingSupport.UNKNOWN);
    expect(c.trunkingSupported).toBe(false);
    expect(c.maxAwsvpcTasks(true)).toBe(c.maxTasksWithoutTrunking);
    expect(c.notes.join()).toMatch(/unknown: not in ECS's trunking table \(published April 2023\)/);
  });

  test("notes that a MULTI-CARD row counts the default card's interfaces only", () => {
    const c = EniCapacity.forInstanceType('p5.48xlarge');
    expect(c.multiCard).toBe(true);
    expect(c.maxNetworkInterfaces).toBe(2);
    expect(c.notes.join()).toMatch(/32 network cards x 2 interfaces; the limits count the default card's 2 only/);
  });
});

describe('EniCapacity lookups and facts', () => {
  test('fails for an unknown instance type and suggests the nearest names', () => {
    const e = thrownValidationError(() => EniCapacity.forInstanceType('c5.lrge'));
    expect(e.code).toBe('CAPACITY_UNKNOWN_INSTANCE_TYPE');
    expect(e.path).toBe('instanceType');
    expect(e.message).toContain('received "c5.lrge"');
    expect(e.message).toMatch(/did you mean "c5\.large"/);
    expect(e.message).toMatch(/one of the \d{4} instance types of AWS's published ENI limits; nearest: c5\.large/);
  });

  test('suggests something even for a name far from every known one, and names the prop path given', () => {
    const e = thrownValidationError(() =>
      EniCapacity.forInstanceType('zzzzzzzzzzzz.huge', 'Ec2CapacityProvider.instanceType'),
    );
    expect(e.path).toBe('Ec2CapacityProvider.instanceType');
    expect(EniCapacity.suggestInstanceTypes('zzzzzzzzzzzz.huge')).toHaveLength(3);
    expect(EniCapacity.suggestInstanceTypes('')).toEqual([]);
  });

  test('tryForInstanceType returns undefined for unknown types and the same object for known ones', () => {
    expect(EniCapacity.tryForInstanceType('nope.large')).toBeUndefined();
    expect(EniCapacity.tryForInstanceType('toString')).toBeUndefined();
    expect(EniCapacity.tryForInstanceType('c5.large')).toBe(EniCapacity.tryForInstanceType('c5.large'));
  });

  test('knownInstanceTypes lists every type, sorted', () => {
    const known = EniCapacity.knownInstanceTypes();
    expect(known.length).toBeGreaterThan(1400);
    expect([...known].sort()).toEqual(known);
    expect(known).toContain('c5.large');
  });

  test("largerInFamily lists the same family's types with more tasks, smallest first", () => {
    expect(
      EniCapacity.largerInFamily('c5.large', false)
        .map((c) => c.instanceType)
        .slice(0, 3),
    ).toEqual(['c5.xlarge', 'c5.2xlarge', 'c5.4xlarge']);
    expect(EniCapacity.largerInFamily('c5.large', true)[0]!.instanceType).toBe('c5.xlarge');
    expect(EniCapacity.largerInFamily('not a type', false)).toEqual([]);
  });

  test('toJSON gives every fact, with null for what does not apply', () => {
    expect(EniCapacity.forInstanceType('c4.large').toJSON()).toMatchObject({
      instanceType: 'c4.large',
      architecture: 'X86_64',
      maxNetworkInterfaces: 3,
      ipv4AddressesPerInterface: 10,
      trunkingSupport: 'NOT_SUPPORTED',
      trunkingSupported: false,
      maxTasksWithoutTrunking: 2,
      maxTasksWithTrunking: null,
      publishedTasksWithTrunking: null,
      multiCard: false,
    });
  });

  test('property: awsvpc tasks never exceed what the table publishes for the type', () => {
    const types = EniCapacity.knownInstanceTypes();
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.boolean(), (t, trunking) => {
        const c = EniCapacity.forInstanceType(t);
        const tasks = c.maxAwsvpcTasks(trunking);
        const published = c.trunkingSupported
          ? Math.max(c.publishedTasksWithTrunking!, c.maxTasksWithoutTrunking)
          : c.maxTasksWithoutTrunking;
        return (
          tasks >= 0 &&
          tasks <= published &&
          tasks <= (trunking && c.trunkingSupported ? published : c.maxNetworkInterfaces - 1)
        );
      }),
      { numRuns: 500 },
    );
  });
});
