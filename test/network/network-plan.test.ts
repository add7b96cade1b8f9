import * as fc from 'fast-check';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { NatGatewayMode, planNetwork } from '../../modules/network';

function listToken(): string[] {
  return new TerraformVariable(new TerraformStack(Testing.app(), 'tokens'), 'l', {}).listValue;
}

describe('planNetwork', () => {
  test("defines 2 AZs with a NAT gateway each by default, each private subnet routed to its own AZ's", () => {
    const plan = planNetwork();
    expect(plan.availabilityZoneCount).toBe(2);
    expect(plan.availabilityZones).toBeUndefined();
    expect(plan.natGatewayMode).toBe(NatGatewayMode.PER_AZ);
    expect(plan.natGateways).toEqual([{ azIndex: 0 }, { azIndex: 1 }]);
    expect(plan.privateRoutes).toEqual([
      { azIndex: 0, natGatewayIndex: 0 },
      { azIndex: 1, natGatewayIndex: 1 },
    ]);
  });

  test('takes the AZ count from the names given', () => {
    const plan = planNetwork({ availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] });
    expect(plan.availabilityZoneCount).toBe(3);
    expect(plan.addresses.privateSubnets).toHaveLength(3);
  });

  test('routes every private subnet to the one gateway with SINGLE', () => {
    const plan = planNetwork({ availabilityZoneCount: 3, natGatewayMode: NatGatewayMode.SINGLE });
    expect(plan.natGateways).toEqual([{ azIndex: 0 }]);
    expect(plan.privateRoutes.map((r) => r.natGatewayIndex)).toEqual([0, 0, 0]);
  });

  test('gives private subnets no default route with NONE', () => {
    const plan = planNetwork({ natGatewayMode: NatGatewayMode.NONE });
    expect(plan.natGateways).toEqual([]);
    expect(plan.privateRoutes).toEqual([{ azIndex: 0 }, { azIndex: 1 }]);
  });

  test('with fewer NAT gateways than AZs, routes AZs without one round-robin', () => {
    const plan = planNetwork({ availabilityZoneCount: 3, natGatewayCount: 2 });
    expect(plan.natGateways).toEqual([{ azIndex: 0 }, { azIndex: 1 }]);
    expect(plan.privateRoutes.map((r) => r.natGatewayIndex)).toEqual([0, 1, 0]);
  });

  test('accepts a list token of AZ names together with a count', () => {
    expect(planNetwork({ availabilityZones: listToken(), availabilityZoneCount: 3 }).availabilityZoneCount).toBe(3);
  });
});

describe('planNetwork rejects bad input', () => {
  test('fails when there are more NAT gateways than AZs', () => {
    expect(() => planNetwork({ availabilityZoneCount: 2, natGatewayCount: 3 })).toThrowProblem(
      'NETWORK_NAT_GATEWAYS_EXCEED_AZS',
      'Network.natGatewayCount',
      'received 3 NAT gateways for 2 availability zone(s)',
      'at most one NAT gateway per availability zone (2)',
    );
  });

  test('fails when the NAT gateway count contradicts the mode', () => {
    expect(() => planNetwork({ natGatewayCount: 0 })).toThrowProblem(
      'NETWORK_NAT_GATEWAY_COUNT_INVALID',
      'Network.natGatewayCount',
      'received 0',
      'use natGatewayMode: NatGatewayMode.NONE',
    );
    expect(() => planNetwork({ natGatewayMode: NatGatewayMode.SINGLE, natGatewayCount: 2 })).toThrowProblem(
      'NETWORK_NAT_GATEWAY_COUNT_INVALID',
      'received 2 with NatGatewayMode.SINGLE',
      '1 or unset',
    );
    expect(() => planNetwork({ natGatewayMode: NatGatewayMode.NONE, natGatewayCount: 1 })).toThrowProblem(
      'NETWORK_NAT_GATEWAY_COUNT_INVALID',
      'received 1 with NatGatewayMode.NONE',
      '0 or unset',
    );
  });

  test('fails when the NAT gateway mode is not a member of the enum', () => {
    expect(() => planNetwork({ natGatewayMode: 'TWO' as NatGatewayMode })).toThrowProblem(
      'NETWORK_NAT_GATEWAY_MODE_INVALID',
      'Network.natGatewayMode',
      'received "TWO"',
      'PER_AZ, SINGLE, NONE',
    );
  });

  test('fails when there are fewer than 1 AZ', () => {
    expect(() => planNetwork({ availabilityZones: [] })).toThrowProblem(
      'NETWORK_AZ_COUNT_INVALID',
      'Network.availabilityZones',
      'received []',
      'at least 1 availability zone name',
    );
    expect(() => planNetwork({ availabilityZoneCount: 0 })).toThrowProblem(
      'NETWORK_AZ_COUNT_INVALID',
      'Network.availabilityZoneCount',
      'received 0',
    );
  });

  test('fails when an AZ name is given twice', () => {
    expect(() => planNetwork({ availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1a'] })).toThrowProblem(
      'NETWORK_AZ_DUPLICATE',
      'Network.availabilityZones[2]',
      'received "us-east-1a", already at Network.availabilityZones[0]',
      'each availability zone once',
    );
  });

  test('fails when the AZ count contradicts the names', () => {
    expect(() =>
      planNetwork({ availabilityZones: ['us-east-1a', 'us-east-1b'], availabilityZoneCount: 3 }),
    ).toThrowProblem(
      'NETWORK_AZ_COUNT_CONFLICT',
      'Network.availabilityZoneCount',
      'received 3 with 2 name(s)',
      'drop availabilityZoneCount',
    );
  });

  test('fails when the AZ names are a list token without a count', () => {
    expect(() => planNetwork({ availabilityZones: listToken() })).toThrowProblem(
      'NETWORK_AZ_COUNT_UNKNOWN',
      'Network.availabilityZones',
      'also set availabilityZoneCount',
    );
  });

  test('reports address and NAT problems together', () => {
    let codes: string[] = [];
    try {
      planNetwork({ vpcCidr: 'x', natGatewayCount: 5 });
    } catch (e) {
      codes = (e as { problems: { code: string }[] }).problems.map((p) => p.code);
    }
    expect(codes).toEqual(['NETWORK_VPC_CIDR_INVALID', 'NETWORK_NAT_GATEWAYS_EXCEED_AZS']);
  });
});

describe('planNetwork laws (property tests)', () => {
  const inputs = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc
      .record({
        availabilityZoneCount: fc.constant(n),
        natGatewayMode: fc.constantFrom(NatGatewayMode.PER_AZ, NatGatewayMode.SINGLE, NatGatewayMode.NONE),
        natGatewayCount: fc.option(fc.integer({ min: 1, max: n }), { nil: undefined }),
      })
      .map((i) => (i.natGatewayMode === NatGatewayMode.PER_AZ ? i : { ...i, natGatewayCount: undefined })),
  );

  test('a private subnet routes to the NAT gateway in its own AZ whenever its AZ has one', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const plan = planNetwork(i);
        expect(plan.natGateways.length).toBeLessThanOrEqual(plan.availabilityZoneCount);
        expect(plan.privateRoutes).toHaveLength(plan.availabilityZoneCount);
        for (const route of plan.privateRoutes) {
          const hasOwn = plan.natGateways.some((g) => g.azIndex === route.azIndex);
          if (hasOwn) expect(plan.natGateways[route.natGatewayIndex!]!.azIndex).toBe(route.azIndex);
          if (plan.natGateways.length === 0) expect(route.natGatewayIndex).toBeUndefined();
          else expect(route.natGatewayIndex).toBeLessThan(plan.natGateways.length);
        }
        // at most one gateway per AZ
        expect(new Set(plan.natGateways.map((g) => g.azIndex)).size).toBe(plan.natGateways.length);
      }),
    );
  });
});
