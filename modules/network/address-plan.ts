/**
 * The address planner: VPC and subnet CIDR blocks, worked out at synth time so that they can be
 * checked before Terraform ever runs. Pure: creates no constructs. All IP arithmetic goes through the
 * `ip-address` package (`Address4`): parsing, network start and end, `bigInt` / `fromBigInt` and
 * `isInSubnet`; this file only adds and compares the resulting integers.
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
import { Token } from 'cdktf';
import { Address4 } from 'ip-address';
import { describeValue, isUnresolved, ProblemCollector, ValidationError } from '../core';

/** Addresses AWS reserves in every subnet (network, router, DNS, future use, broadcast). */
export const AWS_RESERVED_ADDRESSES_PER_SUBNET = 5;
/** The seed lab's VPC block. */
export const DEFAULT_VPC_CIDR = '10.0.0.0/16';
/** The seed lab's subnet size. */
export const DEFAULT_SUBNET_PREFIX_LENGTH = 24;
/** The default number of availability zones. */
export const DEFAULT_AVAILABILITY_ZONE_COUNT = 2;
/** Largest VPC AWS allows (/16). */
export const MIN_VPC_PREFIX_LENGTH = 16;
/** Smallest VPC AWS allows (/28). */
export const MAX_VPC_PREFIX_LENGTH = 28;
/** Smallest subnet AWS allows (/28: 16 addresses, 11 usable). */
export const MAX_SUBNET_PREFIX_LENGTH = 28;

/** The two subnet tiers of a network. */
export enum SubnetTier {
  /** Routes to the internet gateway; holds NAT gateways and internet-facing load balancers. */
  PUBLIC = 'PUBLIC',
  /** Routes to a NAT gateway (or nowhere); holds instances and awsvpc task ENIs. */
  PRIVATE = 'PRIVATE',
}

/** How the planner placed the subnets. */
export enum AddressLayout {
  /** Public blocks from the VPC's start, private tier from 100/256 into the VPC (the seed lab for a /16 with /24s). */
  SEED_LAB = 'SEED_LAB',
  /** Larger tier first, the other right after it (used when the seed layout does not fit). */
  PACKED = 'PACKED',
  /** At least one tier was given as an explicit CIDR list. */
  EXPLICIT = 'EXPLICIT',
}

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

/** A parsed CIDR block (module-internal). */
export interface Block {
  readonly address: Address4;
  readonly start: bigint;
  readonly size: bigint;
  readonly prefixLength: number;
  readonly cidr: string;
}

function toBlock(address: Address4): Block {
  const start = address.startAddress().bigInt();
  const end = address.endAddress().bigInt();
  return { address, start, size: end - start + 1n, prefixLength: address.subnetMask, cidr: address.networkForm() };
}

/** The block of `prefixLength` that starts at address `start` (which must be aligned). */
function blockAt(start: bigint, prefixLength: number): Block {
  return toBlock(new Address4(`${Address4.fromBigInt(start).correctForm()}/${prefixLength}`));
}

/** Number of addresses in a block of `prefixLength`. */
function sizeOfPrefix(prefixLength: number): bigint {
  return blockAt(0n, prefixLength).size;
}

/** Why `text` is not a CIDR network block, or undefined when it is one. */
function cidrDefect(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'not a string';
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) return 'not of the form a.b.c.d/n';
  if (!Address4.isValid(text)) return 'not a valid IPv4 address and prefix length';
  const address = new Address4(text);
  if (address.correctForm() !== address.startAddress().correctForm()) {
    return `host bits are set`;
  }
  return undefined;
}

/** How to fix a value that `cidrDefect` rejected. */
function cidrFix(text: unknown, example: string): string {
  const defect = cidrDefect(text);
  if (defect === 'host bits are set') {
    return `use the block's network address, "${new Address4(text as string).networkForm()}" (host bits must be zero)`;
  }
  return `write an IPv4 network block such as "${example}" (the value is ${defect})`;
}

/** Parses a CIDR network block; undefined when it is not one. */
function parseBlock(text: unknown): Block | undefined {
  return cidrDefect(text) === undefined ? toBlock(new Address4(text as string)) : undefined;
}

/** True when the two blocks share at least one address (CIDR blocks either nest or are disjoint). */
function overlaps(a: Block, b: Block): boolean {
  return a.address.isInSubnet(b.address) || b.address.isInSubnet(a.address);
}

/** True when two CIDR blocks share an address. Throws NETWORK_SUBNET_CIDR_INVALID for a malformed block. */
export function cidrsOverlap(a: string, b: string): boolean {
  return overlaps(requireBlock(a, 'cidrsOverlap(a)'), requireBlock(b, 'cidrsOverlap(b)'));
}

/** True when `inner` lies entirely inside `outer`. Throws NETWORK_SUBNET_CIDR_INVALID for a malformed block. */
export function cidrContains(outer: string, inner: string): boolean {
  return requireBlock(inner, 'cidrContains(inner)').address.isInSubnet(
    requireBlock(outer, 'cidrContains(outer)').address,
  );
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

function requireBlock(cidr: string, path: string): Block {
  const block = parseBlock(cidr);
  if (!block) {
    throw new ValidationError({
      code: 'NETWORK_SUBNET_CIDR_INVALID',
      path,
      received: describeValue(cidr),
      allowed: 'an IPv4 network block a.b.c.d/n without host bits',
      fix: cidrFix(cidr, '10.0.1.0/24'),
    });
  }
  return block;
}

function plannedSubnet(tier: SubnetTier, azIndex: number, block: Block | undefined, cidr: string): PlannedSubnet {
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

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

const TIER_PROP: Record<SubnetTier, { cidrs: string; prefix: string; word: string }> = {
  [SubnetTier.PUBLIC]: {
    cidrs: 'Network.publicSubnetCidrs',
    prefix: 'Network.publicSubnetPrefixLength',
    word: 'public',
  },
  [SubnetTier.PRIVATE]: {
    cidrs: 'Network.privateSubnetCidrs',
    prefix: 'Network.privateSubnetPrefixLength',
    word: 'private',
  },
};

/**
 * Checks a VPC block (skipped for a token): a network block with a prefix length from /16 to /28.
 * Returns the parsed block, or undefined when it is a token or was rejected. Module-internal.
 */
export function checkVpcCidr(problems: ProblemCollector, vpcCidr: string, path: string): Block | undefined {
  if (isUnresolved(vpcCidr)) return undefined;
  const defect = cidrDefect(vpcCidr);
  if (
    !problems.check(defect === undefined, () => ({
      code: 'NETWORK_VPC_CIDR_INVALID',
      path,
      received: describeValue(vpcCidr),
      allowed: 'an IPv4 network block a.b.c.d/n without host bits',
      fix: cidrFix(vpcCidr, DEFAULT_VPC_CIDR),
    }))
  )
    return undefined;
  const block = parseBlock(vpcCidr)!;
  if (
    !problems.check(block.prefixLength >= MIN_VPC_PREFIX_LENGTH && block.prefixLength <= MAX_VPC_PREFIX_LENGTH, {
      code: 'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
      path,
      received: describeValue(vpcCidr),
      allowed: `a prefix length from /${MIN_VPC_PREFIX_LENGTH} (65,536 addresses) to /${MAX_VPC_PREFIX_LENGTH} (16 addresses), as AWS requires`,
      fix:
        block.prefixLength < MIN_VPC_PREFIX_LENGTH
          ? `use a /16 or smaller block, e.g. "${blockAt(block.start, 16).cidr}"`
          : 'use a /28 or larger block (a VPC needs room for at least one /28 subnet per tier and AZ)',
    })
  )
    return undefined;
  return block;
}

/** Where a list of given subnet blocks came from, for messages. */
export interface GivenBlocksContext {
  /** Property path of the list, e.g. `Network.publicSubnetCidrs`. */
  readonly path: string;
  /** `public` or `private`. */
  readonly word: string;
  /** The AZ count the list must match; undefined when unknown (no count check). */
  readonly availabilityZoneCount?: number;
  /** The VPC the blocks must lie in; undefined when unknown (no containment check). */
  readonly vpc?: Block;
}

/**
 * Checks a list of given subnet blocks: a literal list, one per AZ, each a valid block of /28 or
 * larger inside the VPC. Returns one entry per element (undefined for tokens and rejected blocks), or
 * undefined when the list itself is a token. Overlaps are checked separately (`checkDisjoint`).
 * Module-internal.
 */
export function checkGivenBlocks(
  problems: ProblemCollector,
  list: string[],
  ctx: GivenBlocksContext,
): (Block | undefined)[] | undefined {
  if (
    !problems.check(!Token.isUnresolved(list), {
      code: 'NETWORK_SUBNET_LIST_UNRESOLVED',
      path: ctx.path,
      received: describeValue(list),
      allowed: 'a literal list with one block per availability zone (the blocks themselves may be tokens)',
      fix: 'write the list out with one element per AZ, e.g. [Fn.element(cidrs, 0), Fn.element(cidrs, 1)], so its length is known at synth time',
    })
  )
    return undefined;
  if (ctx.availabilityZoneCount !== undefined) {
    problems.check(list.length === ctx.availabilityZoneCount, {
      code: 'NETWORK_SUBNET_COUNT_MISMATCH',
      path: ctx.path,
      received: `${list.length} block(s): ${describeValue(list)}`,
      allowed: `exactly one ${ctx.word} block per availability zone (${ctx.availabilityZoneCount})`,
      fix: `give ${ctx.availabilityZoneCount} block(s), in availability zone order`,
    });
  }
  return list.map((cidr, i) => {
    if (isUnresolved(cidr)) return undefined;
    const path = `${ctx.path}[${i}]`;
    if (
      !problems.check(cidrDefect(cidr) === undefined, () => ({
        code: 'NETWORK_SUBNET_CIDR_INVALID',
        path,
        received: describeValue(cidr),
        allowed: 'an IPv4 network block a.b.c.d/n without host bits',
        fix: cidrFix(cidr, '10.0.1.0/24'),
      }))
    )
      return undefined;
    const block = parseBlock(cidr)!;
    problems.check(block.prefixLength <= MAX_SUBNET_PREFIX_LENGTH, {
      code: 'NETWORK_SUBNET_TOO_SMALL',
      path,
      received: describeValue(cidr),
      allowed: `/${MAX_SUBNET_PREFIX_LENGTH} (16 addresses, 11 usable) or larger, as AWS requires`,
      fix: `use a block with a prefix length of ${MAX_SUBNET_PREFIX_LENGTH} or less`,
    });
    const vpc = ctx.vpc;
    if (vpc) {
      problems.check(block.address.isInSubnet(vpc.address), {
        code: 'NETWORK_SUBNET_OUTSIDE_VPC',
        path,
        received: describeValue(cidr),
        allowed: `a block inside the VPC ${vpc.cidr} (${vpc.address.startAddress().correctForm()} to ${vpc.address.endAddress().correctForm()})`,
        fix: `pick a block inside ${vpc.cidr}, or widen the VPC block`,
      });
    }
    return block;
  });
}

/** Reports every pair of overlapping blocks (NETWORK_SUBNETS_OVERLAP). Module-internal. */
export function checkDisjoint(
  problems: ProblemCollector,
  entries: readonly { readonly block: Block; readonly path: string }[],
): void {
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i]!;
      const b = entries[j]!;
      problems.check(!overlaps(a.block, b.block), () => ({
        code: 'NETWORK_SUBNETS_OVERLAP',
        path: b.path,
        received: `${describeValue(b.block.cidr)}, which overlaps ${describeValue(a.block.cidr)} (${a.path})`,
        allowed: 'subnet blocks that share no address',
        fix: 'give each subnet its own block (or leave the CIDR lists unset to have the subnets planned)',
      }));
    }
  }
}

/**
 * Plans the VPC and subnet blocks, or throws one ValidationError listing every problem found.
 * Checks are skipped for values that are Terraform tokens.
 */
export function planAddresses(props: AddressPlanProps = {}): AddressPlan {
  const problems = new ProblemCollector();

  // Availability zones.
  const azCount = props.availabilityZoneCount ?? DEFAULT_AVAILABILITY_ZONE_COUNT;
  const azCountOk = problems.check(Number.isInteger(azCount) && azCount >= 1, {
    code: 'NETWORK_AZ_COUNT_INVALID',
    path: 'Network.availabilityZoneCount',
    received: describeValue(azCount),
    allowed: 'a whole number of availability zones, at least 1',
    fix: 'use at least 1 availability zone (2 or more for high availability), or give the names in availabilityZones',
  });

  // The VPC block.
  const vpcCidr = props.vpcCidr ?? DEFAULT_VPC_CIDR;
  const vpcIsToken = isUnresolved(vpcCidr);
  const vpc = checkVpcCidr(problems, vpcCidr, 'Network.vpcCidr');

  // Per tier: an explicit list, or a prefix length to plan with.
  const tiers = [SubnetTier.PUBLIC, SubnetTier.PRIVATE] as const;
  const explicit: Record<SubnetTier, string[] | undefined> = {
    [SubnetTier.PUBLIC]: props.publicSubnetCidrs,
    [SubnetTier.PRIVATE]: props.privateSubnetCidrs,
  };
  const prefixGiven: Record<SubnetTier, number | undefined> = {
    [SubnetTier.PUBLIC]: props.publicSubnetPrefixLength,
    [SubnetTier.PRIVATE]: props.privateSubnetPrefixLength,
  };
  const prefix: Partial<Record<SubnetTier, number>> = {};
  const explicitBlocks: Partial<Record<SubnetTier, (Block | undefined)[]>> = {};
  for (const tier of tiers) {
    const names = TIER_PROP[tier];
    const given = prefixGiven[tier];
    const list = explicit[tier];
    if (list !== undefined) {
      problems.check(given === undefined, {
        code: 'NETWORK_SUBNET_OPTIONS_CONFLICT',
        path: names.prefix,
        received: describeValue(given),
        allowed: `either ${names.cidrs} or ${names.prefix}, not both`,
        fix: `drop ${names.prefix}: the blocks in ${names.cidrs} already fix the ${names.word} subnets' size`,
      });
      explicitBlocks[tier] = checkGivenBlocks(problems, list, {
        path: names.cidrs,
        word: names.word,
        availabilityZoneCount: azCountOk ? azCount : undefined,
        vpc,
      });
      continue;
    }
    const p = given ?? DEFAULT_SUBNET_PREFIX_LENGTH;
    if (
      !problems.check(Number.isInteger(p) && p >= 0 && p <= 32, {
        code: 'NETWORK_SUBNET_PREFIX_INVALID',
        path: names.prefix,
        received: describeValue(p),
        allowed: `a whole-number prefix length between the VPC's and ${MAX_SUBNET_PREFIX_LENGTH}`,
        fix: `give a prefix length such as ${DEFAULT_SUBNET_PREFIX_LENGTH}`,
      })
    )
      continue;
    if (
      !problems.check(p <= MAX_SUBNET_PREFIX_LENGTH, {
        code: 'NETWORK_SUBNET_TOO_SMALL',
        path: names.prefix,
        received: describeValue(p),
        allowed: `/${MAX_SUBNET_PREFIX_LENGTH} (16 addresses, 11 usable) or larger, as AWS requires`,
        fix: `use a prefix length of ${MAX_SUBNET_PREFIX_LENGTH} or less`,
      })
    )
      continue;
    if (
      vpc &&
      !problems.check(p >= vpc.prefixLength, {
        code: 'NETWORK_SUBNET_PREFIX_INVALID',
        path: names.prefix,
        received: describeValue(p),
        allowed: `a prefix length from the VPC's (/${vpc.prefixLength}) to ${MAX_SUBNET_PREFIX_LENGTH}: a subnet cannot be larger than its VPC`,
        fix: `use a prefix length of at least ${vpc.prefixLength}, or a larger vpcCidr`,
      })
    )
      continue;
    prefix[tier] = p;
  }

  const autoTiers = tiers.filter((t) => explicit[t] === undefined);
  if (vpcIsToken) {
    problems.check(autoTiers.length === 0, {
      code: 'NETWORK_VPC_CIDR_UNRESOLVED',
      path: 'Network.vpcCidr',
      received: describeValue(vpcCidr),
      allowed: 'a literal block, or a token together with both publicSubnetCidrs and privateSubnetCidrs',
      fix: `give vpcCidr as a literal so subnets can be planned at synth time, or give ${autoTiers.map((t) => TIER_PROP[t].cidrs).join(' and ')}`,
    });
  }

  // Place the tiers that were not given.
  const planned: Partial<Record<SubnetTier, Block[]>> = {};
  let layout = AddressLayout.EXPLICIT;
  const canPlace = vpc !== undefined && azCountOk && autoTiers.every((t) => prefix[t] !== undefined);
  if (canPlace && vpc) {
    const n = BigInt(azCount);
    const vpcEnd = vpc.start + vpc.size;
    const pubP = prefix[SubnetTier.PUBLIC];
    const privP = prefix[SubnetTier.PRIVATE];
    if (pubP !== undefined && privP !== undefined) {
      const pubSize = sizeOfPrefix(pubP);
      const privSize = sizeOfPrefix(privP);
      const privateBase = vpc.start + ceilDiv(vpc.size * 100n, 256n * privSize) * privSize;
      if (vpc.start + n * pubSize <= privateBase && privateBase + n * privSize <= vpcEnd) {
        layout = AddressLayout.SEED_LAB;
        planned[SubnetTier.PUBLIC] = range(azCount, (i) => blockAt(vpc.start + BigInt(i) * pubSize, pubP));
        planned[SubnetTier.PRIVATE] = range(azCount, (i) => blockAt(privateBase + BigInt(i) * privSize, privP));
      } else if (n * (pubSize + privSize) <= vpc.size) {
        layout = AddressLayout.PACKED;
        const [first, second] =
          privSize > pubSize ? [SubnetTier.PRIVATE, SubnetTier.PUBLIC] : [SubnetTier.PUBLIC, SubnetTier.PRIVATE];
        const firstP = prefix[first]!;
        const secondP = prefix[second]!;
        const firstSize = sizeOfPrefix(firstP);
        const secondSize = sizeOfPrefix(secondP);
        const secondBase = vpc.start + n * firstSize;
        planned[first] = range(azCount, (i) => blockAt(vpc.start + BigInt(i) * firstSize, firstP));
        planned[second] = range(azCount, (i) => blockAt(secondBase + BigInt(i) * secondSize, secondP));
      } else {
        problems.add({
          code: 'NETWORK_PLAN_DOES_NOT_FIT',
          path: 'Network.vpcCidr',
          received:
            `${describeValue(vpc.cidr)} (${vpc.size} addresses) for ${azCount} AZ(s) of one /${pubP} public and one /${privP} private subnet ` +
            `(${n * (pubSize + privSize)} addresses)`,
          allowed: 'subnets whose total size fits in the VPC',
          fix: 'use a larger vpcCidr, fewer availability zones, or larger subnet prefix lengths (smaller subnets)',
        });
      }
    } else if (autoTiers.length === 1) {
      // One tier given: place the other first-fit in the space left, from its preferred start.
      const tier = autoTiers[0]!;
      const names = TIER_PROP[tier];
      const p = prefix[tier]!;
      const size = sizeOfPrefix(p);
      const taken = (explicitBlocks[tier === SubnetTier.PUBLIC ? SubnetTier.PRIVATE : SubnetTier.PUBLIC] ?? []).filter(
        (b): b is Block => b !== undefined,
      );
      const slots = vpc.size / size;
      const preferred = tier === SubnetTier.PUBLIC ? 0n : ceilDiv(vpc.size * 100n, 256n * size);
      const chosen: Block[] = [];
      for (let k = 0n; k < slots && chosen.length < azCount; k++) {
        const candidate = blockAt(vpc.start + ((preferred + k) % slots) * size, p);
        if (!taken.some((t) => overlaps(t, candidate))) chosen.push(candidate);
      }
      if (
        problems.check(chosen.length === azCount, {
          code: 'NETWORK_PLAN_DOES_NOT_FIT',
          path: names.prefix,
          received: `${azCount} /${p} ${names.word} subnet(s); only ${chosen.length} fit in ${vpc.cidr} beside the given blocks`,
          allowed: `${names.word} subnets that fit in the free space of the VPC`,
          fix: `use a larger ${names.prefix} (smaller subnets), a larger vpcCidr, or give ${names.cidrs} explicitly`,
        })
      ) {
        planned[tier] = chosen;
      }
    }
  }

  // Overlaps, across both tiers (given blocks and planned ones).
  const entries: { block: Block; path: string }[] = [];
  for (const tier of tiers) {
    const names = TIER_PROP[tier];
    (explicitBlocks[tier] ?? []).forEach((block, i) => {
      if (block) entries.push({ block, path: `${names.cidrs}[${i}]` });
    });
    (planned[tier] ?? []).forEach((block, i) => entries.push({ block, path: `${names.word} subnet ${i} (planned)` }));
  }
  checkDisjoint(problems, entries);

  problems.throwIfAny();

  const subnetsOf = (tier: SubnetTier): PlannedSubnet[] => {
    const list = explicit[tier];
    if (list !== undefined) return list.map((cidr, i) => plannedSubnet(tier, i, explicitBlocks[tier]?.[i], cidr));
    return (planned[tier] ?? []).map((b, i) => plannedSubnet(tier, i, b, b.cidr));
  };
  return {
    vpcCidr: vpc ? vpc.cidr : vpcCidr,
    vpcAddressCount: vpc ? Number(vpc.size) : undefined,
    availabilityZoneCount: azCount,
    layout,
    publicSubnets: subnetsOf(SubnetTier.PUBLIC),
    privateSubnets: subnetsOf(SubnetTier.PRIVATE),
  };
}

function range<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}
