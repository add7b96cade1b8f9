/**
 * The network plan: availability zones, NAT gateway placement and routes, on top of the address plan.
 * Pure: creates no constructs. `Network` builds exactly what this plan says.
 */
import { Token } from 'cdktf';
import { describeValue, isUnresolved, ProblemCollector, ValidationError } from '../core';
import { DEFAULT_AVAILABILITY_ZONE_COUNT } from './address-checks';
import { AddressPlan, AddressPlanProps, planAddresses } from './address-plan';
import { NatGatewayMode } from './network-ref';

export interface NetworkPlanProps extends AddressPlanProps {
  /**
   * Availability zone names, in subnet order. Elements may be tokens; duplicates among the literal
   * ones are an error.
   * @default - `availabilityZoneCount` zones taken from the `aws_availability_zones` data source
   */
  readonly availabilityZones?: string[];
  /**
   * How private subnets reach the internet.
   * @default NatGatewayMode.PER_AZ
   */
  readonly natGatewayMode?: NatGatewayMode;
  /**
   * How many NAT gateways, placed in the first AZs. Only for `PER_AZ`, where fewer gateways than AZs
   * trade availability for cost: private subnets in an AZ without a gateway route to gateway
   * `azIndex mod natGatewayCount` (cross-AZ traffic).
   * @default - one per AZ for PER_AZ, 1 for SINGLE, 0 for NONE
   */
  readonly natGatewayCount?: number;
}

/** One NAT gateway of the plan. */
export interface PlannedNatGateway {
  /** The AZ (and public subnet) index that holds the gateway. */
  readonly azIndex: number;
}

/** The default route of one private subnet. */
export interface PlannedPrivateRoute {
  /** The private subnet's AZ index. */
  readonly azIndex: number;
  /** Index into `NetworkPlan.natGateways`; undefined when the subnet has no default route (NONE). */
  readonly natGatewayIndex?: number;
}

export interface NetworkPlan {
  readonly addresses: AddressPlan;
  readonly availabilityZoneCount: number;
  /** The AZ names given, or undefined when they come from the data source. */
  readonly availabilityZones?: readonly string[];
  readonly natGatewayMode: NatGatewayMode;
  readonly natGateways: readonly PlannedNatGateway[];
  /** One per private subnet, in AZ order. */
  readonly privateRoutes: readonly PlannedPrivateRoute[];
}

/**
 * Checks a literal list of AZ names: at least one, no literal name twice (tokens are skipped).
 * Returns the AZ count, or undefined when the list is empty. Module-internal.
 */
export function checkAvailabilityZoneNames(
  problems: ProblemCollector,
  names: readonly string[],
  path: string,
): number | undefined {
  if (
    !problems.check(names.length >= 1, {
      code: 'NETWORK_AZ_COUNT_INVALID',
      path,
      received: describeValue(names),
      allowed: 'at least 1 availability zone name',
      fix: 'give at least one AZ name (two or more for high availability)',
    })
  )
    return undefined;
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (isUnresolved(name)) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else {
      problems.add({
        code: 'NETWORK_AZ_DUPLICATE',
        path: `${path}[${i}]`,
        received: `${describeValue(name)}, already at ${path}[${first}]`,
        allowed: 'each availability zone once (one public and one private subnet per AZ)',
        fix: `remove the second ${describeValue(name)} or replace it with another AZ of the region`,
      });
    }
  });
  return names.length;
}

/** Plans the whole network, or throws one ValidationError listing every problem found. */
export function planNetwork(props: NetworkPlanProps = {}): NetworkPlan {
  const problems = new ProblemCollector();
  const names = props.availabilityZones;
  const mode = props.natGatewayMode ?? NatGatewayMode.PER_AZ;

  // How many AZs: from the names when they are a literal list, else from the count.
  let azCount = props.availabilityZoneCount;
  if (names !== undefined) {
    if (Token.isUnresolved(names)) {
      problems.check(azCount !== undefined, {
        code: 'NETWORK_AZ_COUNT_UNKNOWN',
        path: 'Network.availabilityZones',
        received: describeValue(names),
        allowed: 'a literal list of AZ names, or a list token together with availabilityZoneCount',
        fix: 'also set availabilityZoneCount, or write the list out (its elements may be tokens)',
      });
    } else {
      const fromNames = checkAvailabilityZoneNames(problems, names, 'Network.availabilityZones');
      if (fromNames === undefined) problems.throwIfAny(); // no AZ: nothing else can be checked
      if (azCount !== undefined) {
        problems.check(azCount === fromNames, {
          code: 'NETWORK_AZ_COUNT_CONFLICT',
          path: 'Network.availabilityZoneCount',
          received: `${describeValue(azCount)} with ${names.length} name(s) in availabilityZones`,
          allowed: 'availabilityZoneCount equal to the number of names, or unset',
          fix: 'drop availabilityZoneCount: it follows from availabilityZones',
        });
      }
      azCount = fromNames;
    }
  }

  const addresses = problems.collect(() => planAddresses({ ...props, availabilityZoneCount: azCount }));
  const count = azCount ?? DEFAULT_AVAILABILITY_ZONE_COUNT;
  const countOk = Number.isInteger(count) && count >= 1;

  // NAT gateways.
  let natCount = 0;
  const given = props.natGatewayCount;
  switch (mode) {
    case NatGatewayMode.PER_AZ:
      natCount = given ?? count;
      if (
        given !== undefined &&
        problems.check(Number.isInteger(given) && given >= 1, {
          code: 'NETWORK_NAT_GATEWAY_COUNT_INVALID',
          path: 'Network.natGatewayCount',
          received: describeValue(given),
          allowed: 'a whole number from 1 to the number of availability zones with NatGatewayMode.PER_AZ',
          fix: 'use natGatewayMode: NatGatewayMode.NONE for no NAT gateway, or a count of at least 1',
        }) &&
        countOk
      ) {
        problems.check(given <= count, {
          code: 'NETWORK_NAT_GATEWAYS_EXCEED_AZS',
          path: 'Network.natGatewayCount',
          received: `${describeValue(given)} NAT gateways for ${count} availability zone(s)`,
          allowed: `at most one NAT gateway per availability zone (${count})`,
          fix: `use natGatewayCount <= ${count}, or add availability zones`,
        });
      }
      break;
    case NatGatewayMode.SINGLE:
      natCount = 1;
      problems.check(given === undefined || given === 1, {
        code: 'NETWORK_NAT_GATEWAY_COUNT_INVALID',
        path: 'Network.natGatewayCount',
        received: `${describeValue(given)} with NatGatewayMode.SINGLE`,
        allowed: '1 or unset with NatGatewayMode.SINGLE',
        fix: 'drop natGatewayCount, or use NatGatewayMode.PER_AZ to choose a count',
      });
      break;
    case NatGatewayMode.NONE:
      natCount = 0;
      problems.check(given === undefined || given === 0, {
        code: 'NETWORK_NAT_GATEWAY_COUNT_INVALID',
        path: 'Network.natGatewayCount',
        received: `${describeValue(given)} with NatGatewayMode.NONE`,
        allowed: '0 or unset with NatGatewayMode.NONE',
        fix: 'drop natGatewayCount, or use NatGatewayMode.PER_AZ or SINGLE to have NAT gateways',
      });
      break;
    default:
      problems.add({
        code: 'NETWORK_NAT_GATEWAY_MODE_INVALID',
        path: 'Network.natGatewayMode',
        received: describeValue(mode),
        allowed: Object.values(NatGatewayMode).join(', '),
        fix: 'use a NatGatewayMode member',
      });
  }

  problems.throwIfAny();
  if (!addresses) throw new ValidationError(problems.problems); // unreachable: collect recorded the problems

  const natGateways = Array.from({ length: natCount }, (_, azIndex) => ({ azIndex }));
  const privateRoutes = Array.from({ length: count }, (_, azIndex) =>
    natCount === 0 ? { azIndex } : { azIndex, natGatewayIndex: azIndex % natCount },
  );
  return {
    addresses,
    availabilityZoneCount: count,
    availabilityZones: names,
    natGatewayMode: mode,
    natGateways,
    privateRoutes,
  };
}
