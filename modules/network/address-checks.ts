/**
 * The address planner's checks, one per idea: the AZ count, the VPC block, a tier's options (a given
 * list of blocks or a prefix length), a token VPC block, overlaps. Each adds its problems to a
 * collector and returns what it could parse. Pure; shared with `ImportedNetwork`. Module-internal.
 */
import { Token } from 'cdktf';
import {
  cidrBlockAt,
  CidrBlock,
  cidrBlockContains,
  cidrBlockDefect,
  cidrBlockFix,
  cidrBlocksOverlap,
  parseCidrBlock,
} from '../core/cidr';
import { describeValue, isUnresolved, ProblemCollector } from '../core';
import { SubnetTier } from './address-layouts';

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

/** The props that describe one tier, for messages. */
export const TIER_PROP: Record<SubnetTier, { cidrs: string; prefix: string; word: string }> = {
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

const NETWORK_BLOCK = 'an IPv4 network block a.b.c.d/n without host bits';

/** Checks the AZ count: a whole number, at least 1. Returns it when it is usable. */
export function checkAvailabilityZoneCount(problems: ProblemCollector, azCount: number): number | undefined {
  const ok = problems.check(Number.isInteger(azCount) && azCount >= 1, {
    code: 'NETWORK_AZ_COUNT_INVALID',
    path: 'Network.availabilityZoneCount',
    received: describeValue(azCount),
    allowed: 'a whole number of availability zones, at least 1',
    fix: 'use at least 1 availability zone (2 or more for high availability), or give the names in availabilityZones',
  });
  return ok ? azCount : undefined;
}

/**
 * Checks a VPC block (skipped for a token): a network block with a prefix length from /16 to /28.
 * Returns the parsed block, or undefined when it is a token or was rejected.
 */
export function checkVpcCidr(problems: ProblemCollector, vpcCidr: string, path: string): CidrBlock | undefined {
  if (isUnresolved(vpcCidr)) return undefined;
  if (
    !problems.check(cidrBlockDefect(vpcCidr) === undefined, () => ({
      code: 'NETWORK_VPC_CIDR_INVALID',
      path,
      received: describeValue(vpcCidr),
      allowed: NETWORK_BLOCK,
      fix: cidrBlockFix(vpcCidr, DEFAULT_VPC_CIDR),
    }))
  )
    return undefined;
  const block = parseCidrBlock(vpcCidr)!;
  if (
    !problems.check(block.prefixLength >= MIN_VPC_PREFIX_LENGTH && block.prefixLength <= MAX_VPC_PREFIX_LENGTH, {
      code: 'NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE',
      path,
      received: describeValue(vpcCidr),
      allowed: `a prefix length from /${MIN_VPC_PREFIX_LENGTH} (65,536 addresses) to /${MAX_VPC_PREFIX_LENGTH} (16 addresses), as AWS requires`,
      fix:
        block.prefixLength < MIN_VPC_PREFIX_LENGTH
          ? `use a /16 or smaller block, e.g. "${cidrBlockAt(block.start, 16).cidr}"`
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
  readonly vpc?: CidrBlock;
}

/** Checks one given subnet block (skipped for a token): a network block of /28 or larger inside the VPC. */
function checkGivenBlock(
  problems: ProblemCollector,
  cidr: string,
  path: string,
  vpc?: CidrBlock,
): CidrBlock | undefined {
  if (isUnresolved(cidr)) return undefined;
  if (
    !problems.check(cidrBlockDefect(cidr) === undefined, () => ({
      code: 'NETWORK_SUBNET_CIDR_INVALID',
      path,
      received: describeValue(cidr),
      allowed: NETWORK_BLOCK,
      fix: cidrBlockFix(cidr, '10.0.1.0/24'),
    }))
  )
    return undefined;
  const block = parseCidrBlock(cidr)!;
  problems.check(block.prefixLength <= MAX_SUBNET_PREFIX_LENGTH, {
    code: 'NETWORK_SUBNET_TOO_SMALL',
    path,
    received: describeValue(cidr),
    allowed: `/${MAX_SUBNET_PREFIX_LENGTH} (16 addresses, 11 usable) or larger, as AWS requires`,
    fix: `use a block with a prefix length of ${MAX_SUBNET_PREFIX_LENGTH} or less`,
  });
  if (vpc) {
    problems.check(cidrBlockContains(vpc, block), {
      code: 'NETWORK_SUBNET_OUTSIDE_VPC',
      path,
      received: describeValue(cidr),
      allowed: `a block inside the VPC ${vpc.cidr} (${vpc.address.startAddress().correctForm()} to ${vpc.address.endAddress().correctForm()})`,
      fix: `pick a block inside ${vpc.cidr}, or widen the VPC block`,
    });
  }
  return block;
}

/**
 * Checks a list of given subnet blocks: a literal list, one per AZ, each a valid block of /28 or
 * larger inside the VPC. Returns one entry per element (undefined for tokens and rejected blocks), or
 * undefined when the list itself is a token. Overlaps are checked separately (`checkDisjoint`).
 */
export function checkGivenBlocks(
  problems: ProblemCollector,
  list: string[],
  ctx: GivenBlocksContext,
): (CidrBlock | undefined)[] | undefined {
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
  return list.map((cidr, i) => checkGivenBlock(problems, cidr, `${ctx.path}[${i}]`, ctx.vpc));
}

/**
 * Checks the prefix length a tier is to be planned with: a whole number, /28 or larger, no larger than
 * the VPC (when known). Returns it when it is usable.
 */
export function checkTierPrefixLength(
  problems: ProblemCollector,
  tier: SubnetTier,
  prefixLength: number,
  vpc: CidrBlock | undefined,
): number | undefined {
  const names = TIER_PROP[tier];
  const p = prefixLength;
  const ok =
    problems.check(Number.isInteger(p) && p >= 0 && p <= 32, {
      code: 'NETWORK_SUBNET_PREFIX_INVALID',
      path: names.prefix,
      received: describeValue(p),
      allowed: `a whole-number prefix length between the VPC's and ${MAX_SUBNET_PREFIX_LENGTH}`,
      fix: `give a prefix length such as ${DEFAULT_SUBNET_PREFIX_LENGTH}`,
    }) &&
    problems.check(p <= MAX_SUBNET_PREFIX_LENGTH, {
      code: 'NETWORK_SUBNET_TOO_SMALL',
      path: names.prefix,
      received: describeValue(p),
      allowed: `/${MAX_SUBNET_PREFIX_LENGTH} (16 addresses, 11 usable) or larger, as AWS requires`,
      fix: `use a prefix length of ${MAX_SUBNET_PREFIX_LENGTH} or less`,
    }) &&
    (!vpc ||
      problems.check(p >= vpc.prefixLength, {
        code: 'NETWORK_SUBNET_PREFIX_INVALID',
        path: names.prefix,
        received: describeValue(p),
        allowed: `a prefix length from the VPC's (/${vpc.prefixLength}) to ${MAX_SUBNET_PREFIX_LENGTH}: a subnet cannot be larger than its VPC`,
        fix: `use a prefix length of at least ${vpc.prefixLength}, or a larger vpcCidr`,
      }));
  return ok ? p : undefined;
}

/** Reports a tier given both as a list of blocks and as a prefix length (NETWORK_SUBNET_OPTIONS_CONFLICT). */
export function checkTierOptionsExclusive(problems: ProblemCollector, tier: SubnetTier, prefixLength?: number): void {
  const names = TIER_PROP[tier];
  problems.check(prefixLength === undefined, {
    code: 'NETWORK_SUBNET_OPTIONS_CONFLICT',
    path: names.prefix,
    received: describeValue(prefixLength),
    allowed: `either ${names.cidrs} or ${names.prefix}, not both`,
    fix: `drop ${names.prefix}: the blocks in ${names.cidrs} already fix the ${names.word} subnets' size`,
  });
}

/** Reports a token VPC block while some tier is still to be planned (NETWORK_VPC_CIDR_UNRESOLVED). */
export function checkPlannableVpc(
  problems: ProblemCollector,
  vpcCidr: string,
  tiersToPlan: readonly SubnetTier[],
): void {
  if (!isUnresolved(vpcCidr)) return;
  problems.check(tiersToPlan.length === 0, {
    code: 'NETWORK_VPC_CIDR_UNRESOLVED',
    path: 'Network.vpcCidr',
    received: describeValue(vpcCidr),
    allowed: 'a literal block, or a token together with both publicSubnetCidrs and privateSubnetCidrs',
    fix: `give vpcCidr as a literal so subnets can be planned at synth time, or give ${tiersToPlan.map((t) => TIER_PROP[t].cidrs).join(' and ')}`,
  });
}

/** Reports every pair of overlapping blocks (NETWORK_SUBNETS_OVERLAP). */
export function checkDisjoint(
  problems: ProblemCollector,
  entries: readonly { readonly block: CidrBlock; readonly path: string }[],
): void {
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i]!;
      const b = entries[j]!;
      problems.check(!cidrBlocksOverlap(a.block, b.block), () => ({
        code: 'NETWORK_SUBNETS_OVERLAP',
        path: b.path,
        received: `${describeValue(b.block.cidr)}, which overlaps ${describeValue(a.block.cidr)} (${a.path})`,
        allowed: 'subnet blocks that share no address',
        fix: 'give each subnet its own block (or leave the CIDR lists unset to have the subnets planned)',
      }));
    }
  }
}
