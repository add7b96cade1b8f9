/**
 * IPv4 CIDR arithmetic, written once for every module that needs it (the network's address planner,
 * the capacity model's subnet budget, the diagram's reading of `cidrsubnet()`). All of it goes through
 * the `ip-address` package (`Address4`: parsing, network start and end, `bigInt` / `fromBigInt`,
 * `isInSubnet`); this file only adds and compares the resulting integers. Pure, and not part of the
 * package's flat `core` exports (its `bigint` fields are not jsii-friendly): modules import it from
 * `core/cidr` directly.
 */
import { Address4 } from 'ip-address';

/** Addresses AWS reserves in every subnet: the network address, the router, DNS, one for future use and the broadcast address. */
export const AWS_RESERVED_ADDRESSES_PER_SUBNET = 5;

/** A parsed IPv4 CIDR network block. */
export interface CidrBlock {
  readonly address: Address4;
  /** The first address, as an integer. */
  readonly start: bigint;
  /** Number of addresses in the block (2^(32 - prefixLength)). */
  readonly size: bigint;
  readonly prefixLength: number;
  /** The block in network form, e.g. `10.0.1.0/24`. */
  readonly cidr: string;
}

const DOTTED_QUAD_WITH_PREFIX = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

function toBlock(address: Address4): CidrBlock {
  const start = address.startAddress().bigInt();
  const end = address.endAddress().bigInt();
  return { address, start, size: end - start + 1n, prefixLength: address.subnetMask, cidr: address.networkForm() };
}

/** The block of `prefixLength` that starts at address `start` (which must be aligned to the block's size). */
export function cidrBlockAt(start: bigint, prefixLength: number): CidrBlock {
  return toBlock(new Address4(`${Address4.fromBigInt(start).correctForm()}/${prefixLength}`));
}

/** Number of addresses in a block of `prefixLength` (2^(32 - prefixLength)). */
export function addressesInPrefix(prefixLength: number): bigint {
  return 1n << BigInt(32 - prefixLength);
}

/** Addresses an ENI can use in a subnet of `prefixLength`: `2^(32 - prefixLength) - 5`. */
export function usableAddressesInPrefix(prefixLength: number): number {
  return Number(addressesInPrefix(prefixLength)) - AWS_RESERVED_ADDRESSES_PER_SUBNET;
}

/** Why `text` is not an IPv4 CIDR network block (`a.b.c.d/n` without host bits), or undefined when it is one. */
export function cidrBlockDefect(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'not a string';
  if (!DOTTED_QUAD_WITH_PREFIX.test(text)) return 'not of the form a.b.c.d/n';
  if (!Address4.isValid(text)) return 'not a valid IPv4 address and prefix length';
  const address = new Address4(text);
  if (address.correctForm() !== address.startAddress().correctForm()) return 'host bits are set';
  return undefined;
}

/** How to fix a value that `cidrBlockDefect` rejected, with `example` as the block to imitate. */
export function cidrBlockFix(text: unknown, example: string): string {
  const defect = cidrBlockDefect(text);
  if (defect === 'host bits are set') {
    return `use the block's network address, "${new Address4(text as string).networkForm()}" (host bits must be zero)`;
  }
  return `write an IPv4 network block such as "${example}" (the value is ${defect})`;
}

/** Parses an IPv4 CIDR network block; undefined when `cidrBlockDefect` finds a defect. */
export function parseCidrBlock(text: unknown): CidrBlock | undefined {
  return cidrBlockDefect(text) === undefined ? toBlock(new Address4(text as string)) : undefined;
}

/** True when the two blocks share at least one address (CIDR blocks either nest or are disjoint). */
export function cidrBlocksOverlap(a: CidrBlock, b: CidrBlock): boolean {
  return a.address.isInSubnet(b.address) || b.address.isInSubnet(a.address);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrBlockContains(outer: CidrBlock, inner: CidrBlock): boolean {
  return inner.address.isInSubnet(outer.address);
}

/**
 * The prefix length of an IPv4 CIDR block (`a.b.c.d/n`, host bits allowed), or undefined when the text
 * is not one. For callers that only need the block's size.
 */
export function ipv4PrefixLength(text: string): number | undefined {
  if (!DOTTED_QUAD_WITH_PREFIX.test(text) || !Address4.isValid(text)) return undefined;
  return new Address4(text).subnetMask;
}

/**
 * Terraform's `cidrsubnet(prefix, newbits, netnum)` for IPv4: the `netNum`-th block of
 * `prefix length + newBits` inside `prefix` (host bits of `prefix` ignored, as Terraform does).
 * Undefined when the arguments do not make a valid block.
 */
export function cidrSubnet(prefix: string, newBits: number, netNum: number): string | undefined {
  const length = ipv4PrefixLength(prefix.trim());
  if (length === undefined || !Number.isSafeInteger(newBits) || !Number.isSafeInteger(netNum)) return undefined;
  const newLength = length + newBits;
  if (newBits < 0 || newLength > 32 || netNum < 0 || BigInt(netNum) >= 1n << BigInt(newBits)) return undefined;
  const base = new Address4(prefix.trim()).startAddress().bigInt();
  return cidrBlockAt(base + BigInt(netNum) * addressesInPrefix(newLength), newLength).cidr;
}
