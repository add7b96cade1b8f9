/**
 * The address planner: VPC and subnet CIDR blocks, worked out at synth time so that they can be
 * checked before Terraform ever runs. Pure: creates no constructs. The arithmetic is `core/cidr`'s
 * (on the `ip-address` package); the layouts are in `address-layouts.ts`, the checks in
 * `address-checks.ts`. `planAddresses` checks the props, picks a layout and reports every problem at once.
 *
 * Layouts (see docs/network.md):
 * - `SEED_LAB` (the default whenever it fits): public subnet i is the i-th public-sized block from the
 *   VPC's start; the private tier starts 100/256 of the way into the VPC, rounded up to a private-subnet
 *   boundary. For a /16 with /24 subnets that is the seed lab exactly: public 10.0.<i>.0/24, private
 *   10.0.<100+i>.0/24 (up to 100 AZs).
 * - `PACKED` (when the seed layout does not fit): the tier with the larger subnets first from the VPC's
 *   start, the other tier right after it. It fits exactly when the subnets' total size fits the VPC.
 * - `EXPLICIT`: at least one tier given as a CIDR list; a tier not given is placed first-fit (from the
 *   same preferred start as above, wrapping around) in the space the given tier leaves free.
 */
import {
  addressesInPrefix,
  AWS_RESERVED_ADDRESSES_PER_SUBNET,
  CidrBlock,
  cidrBlockContains,
  cidrBlockFix,
  cidrBlocksOverlap,
  parseCidrBlock,
} from '../core/cidr';
import { describeValue, ProblemCollector, ValidationError } from '../core';
import { AddressLayout, explicitLayout, packedLayout, seedLabLayout, SubnetTier } from './address-layouts';
import {
  checkAvailabilityZoneCount,
  checkDisjoint,
  checkGivenBlocks,
  checkPlannableVpc,
  checkTierOptionsExclusive,
  checkTierPrefixLength,
  checkVpcCidr,
  DEFAULT_AVAILABILITY_ZONE_COUNT,
  DEFAULT_SUBNET_PREFIX_LENGTH,
  DEFAULT_VPC_CIDR,
  TIER_PROP,
} from './address-checks';

export interface AddressPlanProps {
  /**
   * The VPC's IPv4 block, a network address with a prefix length between /16 and /28.
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * How many availability zones (one public and one private subnet in each).
   * @default 2
   */
  readonly availabilityZoneCount?: number;
  /**
   * Prefix length of each public subnet (between the VPC's prefix length and 28).
   * @default 24
   */
  readonly publicSubnetPrefixLength?: number;
  /**
   * Prefix length of each private subnet (between the VPC's prefix length and 28). awsvpc tasks take
   * one address each, so private subnets are usually the larger ones.
   * @default 24
   */
  readonly privateSubnetPrefixLength?: number;
  /**
   * Explicit public subnet blocks, one per AZ in AZ order. Cannot be combined with
   * `publicSubnetPrefixLength`.
   * @default - planned
   */
  readonly publicSubnetCidrs?: string[];
  /**
   * Explicit private subnet blocks, one per AZ in AZ order. Cannot be combined with
   * `privateSubnetPrefixLength`.
   * @default - planned
   */
  readonly privateSubnetCidrs?: string[];
}

/** One planned subnet. Sizes are undefined only when the block is a Terraform token. */
export interface PlannedSubnet {
  readonly tier: SubnetTier;
  /** Index of the AZ (0-based, in AZ order). */
  readonly azIndex: number;
  /** The subnet's IPv4 block, e.g. `10.0.100.0/24`. */
  readonly cidrBlock: string;
  readonly prefixLength?: number;
  /** All addresses in the block (2^(32 - prefix)). */
  readonly addressCount?: number;
  /** Addresses left for ENIs: `addressCount - 5` (AWS reserves 5 per subnet). */
  readonly usableAddressCount?: number;
}

export interface AddressPlan {
  readonly vpcCidr: string;
  /** Undefined when `vpcCidr` is a token. */
  readonly vpcAddressCount?: number;
  readonly availabilityZoneCount: number;
  readonly layout: AddressLayout;
  /** One per AZ, in AZ order. */
  readonly publicSubnets: readonly PlannedSubnet[];
  /** One per AZ, in AZ order. */
  readonly privateSubnets: readonly PlannedSubnet[];
}

function requireBlock(cidr: string, path: string): CidrBlock {
  const block = parseCidrBlock(cidr);
  if (!block) {
    throw new ValidationError({
      code: 'NETWORK_SUBNET_CIDR_INVALID',
      path,
      received: describeValue(cidr),
      allowed: 'an IPv4 network block a.b.c.d/n without host bits',
      fix: cidrBlockFix(cidr, '10.0.1.0/24'),
    });
  }
  return block;
}

/** True when two CIDR blocks share an address. Throws NETWORK_SUBNET_CIDR_INVALID for a malformed block. */
export function cidrsOverlap(a: string, b: string): boolean {
  return cidrBlocksOverlap(requireBlock(a, 'cidrsOverlap(a)'), requireBlock(b, 'cidrsOverlap(b)'));
}

/** True when `inner` lies entirely inside `outer`. Throws NETWORK_SUBNET_CIDR_INVALID for a malformed block. */
export function cidrContains(outer: string, inner: string): boolean {
  const innerBlock = requireBlock(inner, 'cidrContains(inner)');
  return cidrBlockContains(requireBlock(outer, 'cidrContains(outer)'), innerBlock);
}

/** Number of addresses in a CIDR block. Throws NETWORK_SUBNET_CIDR_INVALID for a malformed block. */
export function addressCount(cidr: string): number {
  return Number(requireBlock(cidr, 'addressCount(cidr)').size);
}

/**
 * Addresses an ENI can use in a subnet with this block: the block's size minus the 5 AWS reserves.
 * Throws NETWORK_SUBNET_CIDR_INVALID for a malformed block.
 */
export function usableAddressCount(cidr: string): number {
  return addressCount(cidr) - AWS_RESERVED_ADDRESSES_PER_SUBNET;
}

function plannedSubnet(tier: SubnetTier, azIndex: number, block: CidrBlock | undefined, cidr: string): PlannedSubnet {
  if (!block) return { tier, azIndex, cidrBlock: cidr };
  const size = Number(block.size);
  return {
    tier,
    azIndex,
    cidrBlock: block.cidr,
    prefixLength: block.prefixLength,
    addressCount: size,
    usableAddressCount: size - AWS_RESERVED_ADDRESSES_PER_SUBNET,
  };
}

const TIERS = [SubnetTier.PUBLIC, SubnetTier.PRIVATE] as const;

/** What the props say about one tier, once checked. */
interface TierInput {
  /** The given list of blocks, when the tier is explicit. */
  readonly list?: string[];
  /** The given list, parsed (undefined entries for tokens and rejected blocks). */
  readonly givenBlocks?: (CidrBlock | undefined)[];
  /** The prefix length to plan with, when the tier is to be planned and its size is usable. */
  readonly prefixLength?: number;
}

/** Checks one tier's options: a given list of blocks, or a prefix length to plan with. */
function checkTier(
  problems: ProblemCollector,
  tier: SubnetTier,
  props: AddressPlanProps,
  azCount: number | undefined,
  vpc: CidrBlock | undefined,
): TierInput {
  const list = tier === SubnetTier.PUBLIC ? props.publicSubnetCidrs : props.privateSubnetCidrs;
  const prefixGiven = tier === SubnetTier.PUBLIC ? props.publicSubnetPrefixLength : props.privateSubnetPrefixLength;
  if (list === undefined) {
    const prefixLength = checkTierPrefixLength(problems, tier, prefixGiven ?? DEFAULT_SUBNET_PREFIX_LENGTH, vpc);
    return { prefixLength };
  }
  checkTierOptionsExclusive(problems, tier, prefixGiven);
  const names = TIER_PROP[tier];
  const givenBlocks = checkGivenBlocks(problems, list, {
    path: names.cidrs,
    word: names.word,
    availabilityZoneCount: azCount,
    vpc,
  });
  return { list, givenBlocks };
}

/** The blocks placed for the tiers that were not given, and the layout used. */
interface Placement {
  readonly layout: AddressLayout;
  readonly planned: Partial<Record<SubnetTier, readonly CidrBlock[]>>;
}

/**
 * Places the tiers not given: SEED_LAB when it fits, else PACKED, else NETWORK_PLAN_DOES_NOT_FIT; or,
 * with one tier given, the other first-fit around it (EXPLICIT).
 */
function placeTiers(
  problems: ProblemCollector,
  vpc: CidrBlock,
  azCount: number,
  input: Record<SubnetTier, TierInput>,
): Placement {
  const pub = input[SubnetTier.PUBLIC];
  const priv = input[SubnetTier.PRIVATE];
  if (pub.list === undefined && priv.list === undefined) {
    const prefix = { public: pub.prefixLength!, private: priv.prefixLength! };
    const seedLab = seedLabLayout(vpc, azCount, prefix);
    if (seedLab)
      return { layout: AddressLayout.SEED_LAB, planned: { PUBLIC: seedLab.public, PRIVATE: seedLab.private } };
    const packed = packedLayout(vpc, azCount, prefix);
    if (packed) return { layout: AddressLayout.PACKED, planned: { PUBLIC: packed.public, PRIVATE: packed.private } };
    const total = BigInt(azCount) * (addressesInPrefix(prefix.public) + addressesInPrefix(prefix.private));
    problems.add({
      code: 'NETWORK_PLAN_DOES_NOT_FIT',
      path: 'Network.vpcCidr',
      received:
        `${describeValue(vpc.cidr)} (${vpc.size} addresses) for ${azCount} AZ(s) of one /${prefix.public} public and one /${prefix.private} private subnet ` +
        `(${total} addresses)`,
      allowed: 'subnets whose total size fits in the VPC',
      fix: 'use a larger vpcCidr, fewer availability zones, or larger subnet prefix lengths (smaller subnets)',
    });
    return { layout: AddressLayout.EXPLICIT, planned: {} };
  }
  const tier = pub.list === undefined ? SubnetTier.PUBLIC : priv.list === undefined ? SubnetTier.PRIVATE : undefined;
  if (tier === undefined) return { layout: AddressLayout.EXPLICIT, planned: {} };
  const names = TIER_PROP[tier];
  const p = input[tier].prefixLength!;
  const other = input[tier === SubnetTier.PUBLIC ? SubnetTier.PRIVATE : SubnetTier.PUBLIC];
  const taken = (other.givenBlocks ?? []).filter((b): b is CidrBlock => b !== undefined);
  const chosen = explicitLayout(vpc, azCount, tier, p, taken);
  const fits = problems.check(chosen.length === azCount, {
    code: 'NETWORK_PLAN_DOES_NOT_FIT',
    path: names.prefix,
    received: `${azCount} /${p} ${names.word} subnet(s); only ${chosen.length} fit in ${vpc.cidr} beside the given blocks`,
    allowed: `${names.word} subnets that fit in the free space of the VPC`,
    fix: `use a larger ${names.prefix} (smaller subnets), a larger vpcCidr, or give ${names.cidrs} explicitly`,
  });
  return { layout: AddressLayout.EXPLICIT, planned: fits ? { [tier]: chosen } : {} };
}

/** Checks that no two subnets overlap, across both tiers (given blocks and planned ones). */
function checkPlanDisjoint(
  problems: ProblemCollector,
  input: Record<SubnetTier, TierInput>,
  placement: Placement,
): void {
  const entries: { block: CidrBlock; path: string }[] = [];
  for (const tier of TIERS) {
    const names = TIER_PROP[tier];
    (input[tier].givenBlocks ?? []).forEach((block, i) => {
      if (block) entries.push({ block, path: `${names.cidrs}[${i}]` });
    });
    (placement.planned[tier] ?? []).forEach((block, i) =>
      entries.push({ block, path: `${names.word} subnet ${i} (planned)` }),
    );
  }
  checkDisjoint(problems, entries);
}

/**
 * Plans the VPC and subnet blocks, or throws one ValidationError listing every problem found.
 * Checks are skipped for values that are Terraform tokens.
 */
export function planAddresses(props: AddressPlanProps = {}): AddressPlan {
  const problems = new ProblemCollector();
  const azCount = props.availabilityZoneCount ?? DEFAULT_AVAILABILITY_ZONE_COUNT;
  const azCountOk = checkAvailabilityZoneCount(problems, azCount);
  const vpcCidr = props.vpcCidr ?? DEFAULT_VPC_CIDR;
  const vpc = checkVpcCidr(problems, vpcCidr, 'Network.vpcCidr');
  const input = {
    [SubnetTier.PUBLIC]: checkTier(problems, SubnetTier.PUBLIC, props, azCountOk, vpc),
    [SubnetTier.PRIVATE]: checkTier(problems, SubnetTier.PRIVATE, props, azCountOk, vpc),
  };
  const tiersToPlan = TIERS.filter((t) => input[t].list === undefined);
  checkPlannableVpc(problems, vpcCidr, tiersToPlan);

  const canPlace =
    vpc !== undefined && azCountOk !== undefined && tiersToPlan.every((t) => input[t].prefixLength !== undefined);
  const placement: Placement = canPlace
    ? placeTiers(problems, vpc, azCount, input)
    : { layout: AddressLayout.EXPLICIT, planned: {} };
  checkPlanDisjoint(problems, input, placement);
  problems.throwIfAny();

  const subnetsOf = (tier: SubnetTier): PlannedSubnet[] => {
    const { list, givenBlocks } = input[tier];
    if (list !== undefined) return list.map((cidr, i) => plannedSubnet(tier, i, givenBlocks?.[i], cidr));
    return (placement.planned[tier] ?? []).map((b, i) => plannedSubnet(tier, i, b, b.cidr));
  };
  return {
    vpcCidr: vpc ? vpc.cidr : vpcCidr,
    vpcAddressCount: vpc ? Number(vpc.size) : undefined,
    availabilityZoneCount: azCount,
    layout: placement.layout,
    publicSubnets: subnetsOf(SubnetTier.PUBLIC),
    privateSubnets: subnetsOf(SubnetTier.PRIVATE),
  };
}
