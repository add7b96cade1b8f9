/**
 * The address planner's three layouts (docs/network.md, "Address plan"), one function each. Pure:
 * each takes a parsed VPC block and subnet sizes and returns the blocks it places, or says it cannot
 * place them; `planAddresses` picks the layout and reports the problems.
 */
import { addressesInPrefix, cidrBlockAt, CidrBlock, cidrBlocksOverlap } from '../core/cidr';

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

/** The blocks of both tiers, one per AZ each, in AZ order. */
export interface TierBlocks {
  readonly public: readonly CidrBlock[];
  readonly private: readonly CidrBlock[];
}

/** Subnet sizes of both tiers, as prefix lengths. */
export interface TierPrefixLengths {
  readonly public: number;
  readonly private: number;
}

/** `count` consecutive blocks of `prefixLength` from address `start`. */
function consecutiveBlocks(start: bigint, count: number, prefixLength: number): CidrBlock[] {
  const size = addressesInPrefix(prefixLength);
  return Array.from({ length: count }, (_, i) => cidrBlockAt(start + BigInt(i) * size, prefixLength));
}

/**
 * Where the seed lab's private tier starts, counted in private-sized blocks from the VPC's start:
 * 100/256 of the way into the VPC, rounded up to a block boundary (block 100 of a /16 with /24s).
 */
export function seedLabPrivateSlot(vpc: CidrBlock, privatePrefixLength: number): bigint {
  const size = addressesInPrefix(privatePrefixLength);
  return (vpc.size * 100n + 256n * size - 1n) / (256n * size);
}

/**
 * SEED_LAB: public subnet i is the i-th public-sized block from the VPC's start; the private tier
 * starts at `seedLabPrivateSlot`. For a /16 with /24 subnets: public x.y.<i>.0/24, private
 * x.y.<100+i>.0/24. Undefined when the public tier would run into the private one or the private tier
 * past the VPC's end.
 */
export function seedLabLayout(vpc: CidrBlock, azCount: number, prefix: TierPrefixLengths): TierBlocks | undefined {
  const n = BigInt(azCount);
  const privateBase = vpc.start + seedLabPrivateSlot(vpc, prefix.private) * addressesInPrefix(prefix.private);
  const publicEnd = vpc.start + n * addressesInPrefix(prefix.public);
  const privateEnd = privateBase + n * addressesInPrefix(prefix.private);
  if (publicEnd > privateBase || privateEnd > vpc.start + vpc.size) return undefined;
  return {
    public: consecutiveBlocks(vpc.start, azCount, prefix.public),
    private: consecutiveBlocks(privateBase, azCount, prefix.private),
  };
}

/**
 * PACKED: the tier with the larger subnets from the VPC's start (public first when equal), the other
 * right after it. Fits exactly when the subnets' total size fits the VPC; undefined otherwise.
 */
export function packedLayout(vpc: CidrBlock, azCount: number, prefix: TierPrefixLengths): TierBlocks | undefined {
  const n = BigInt(azCount);
  const publicSize = addressesInPrefix(prefix.public);
  const privateSize = addressesInPrefix(prefix.private);
  if (n * (publicSize + privateSize) > vpc.size) return undefined;
  if (privateSize > publicSize) {
    return {
      private: consecutiveBlocks(vpc.start, azCount, prefix.private),
      public: consecutiveBlocks(vpc.start + n * privateSize, azCount, prefix.public),
    };
  }
  return {
    public: consecutiveBlocks(vpc.start, azCount, prefix.public),
    private: consecutiveBlocks(vpc.start + n * publicSize, azCount, prefix.private),
  };
}

/**
 * EXPLICIT, for the one tier not given: up to `azCount` blocks of `prefixLength`, first-fit in the
 * VPC's space that the `taken` blocks leave free, from the tier's usual start (the VPC's start for
 * public, `seedLabPrivateSlot` for private) and wrapping around. Fewer than `azCount` when they do not fit.
 */
export function explicitLayout(
  vpc: CidrBlock,
  azCount: number,
  tier: SubnetTier,
  prefixLength: number,
  taken: readonly CidrBlock[],
): CidrBlock[] {
  const size = addressesInPrefix(prefixLength);
  const slots = vpc.size / size;
  const preferred = tier === SubnetTier.PUBLIC ? 0n : seedLabPrivateSlot(vpc, prefixLength);
  const chosen: CidrBlock[] = [];
  for (let k = 0n; k < slots && chosen.length < azCount; k++) {
    const candidate = cidrBlockAt(vpc.start + ((preferred + k) % slots) * size, prefixLength);
    if (!taken.some((t) => cidrBlocksOverlap(t, candidate))) chosen.push(candidate);
  }
  return chosen;
}
