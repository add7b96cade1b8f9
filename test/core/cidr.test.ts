import fc from 'fast-check';
import {
  addressesInPrefix,
  AWS_RESERVED_ADDRESSES_PER_SUBNET,
  cidrBlockAt,
  cidrBlockContains,
  cidrBlockDefect,
  cidrBlockFix,
  cidrBlocksOverlap,
  cidrSubnet,
  ipv4PrefixLength,
  parseCidrBlock,
  usableAddressesInPrefix,
} from '../../modules/core/cidr';

describe('parseCidrBlock', () => {
  test('reads the start, size and prefix length of a network block', () => {
    const block = parseCidrBlock('10.0.100.0/24')!;
    expect(block.cidr).toBe('10.0.100.0/24');
    expect(block.prefixLength).toBe(24);
    expect(block.size).toBe(256n);
    expect(block.start).toBe((10n << 24n) + (100n << 8n));
  });

  test.each([
    [42, 'not a string'],
    ['10.0.0.0', 'not of the form a.b.c.d/n'],
    ['fd00::/64', 'not of the form a.b.c.d/n'],
    ['10.0.0.300/24', 'not a valid IPv4 address and prefix length'],
    ['10.0.0.0/33', 'not a valid IPv4 address and prefix length'],
    ['10.0.0.1/24', 'host bits are set'],
  ])('rejects %p: %s', (text, defect) => {
    expect(cidrBlockDefect(text)).toBe(defect);
    expect(parseCidrBlock(text)).toBeUndefined();
  });

  test('the fix names the network address when only host bits are wrong', () => {
    expect(cidrBlockFix('10.0.0.1/24', '10.0.1.0/24')).toBe(
      'use the block\'s network address, "10.0.0.0/24" (host bits must be zero)',
    );
    expect(cidrBlockFix('ten/8', '10.0.1.0/24')).toBe(
      'write an IPv4 network block such as "10.0.1.0/24" (the value is not of the form a.b.c.d/n)',
    );
  });
});

describe('block sizes', () => {
  test('a /24 has 256 addresses, 251 of them usable (AWS reserves 5)', () => {
    expect(addressesInPrefix(24)).toBe(256n);
    expect(usableAddressesInPrefix(24)).toBe(251);
    expect(usableAddressesInPrefix(28)).toBe(11);
    expect(usableAddressesInPrefix(16)).toBe(65536 - AWS_RESERVED_ADDRESSES_PER_SUBNET);
  });

  test('ipv4PrefixLength reads any a.b.c.d/n, host bits included, and nothing else', () => {
    expect(ipv4PrefixLength('10.0.0.0/24')).toBe(24);
    expect(ipv4PrefixLength('10.0.0.7/20')).toBe(20);
    expect(ipv4PrefixLength('10.0.0.0/33')).toBeUndefined();
    expect(ipv4PrefixLength('fd00::/64')).toBeUndefined();
    expect(ipv4PrefixLength('10.0.0.256/24')).toBeUndefined();
  });
});

describe('cidrBlockAt, overlap and containment', () => {
  test('builds the block that starts at an address', () => {
    expect(cidrBlockAt(parseCidrBlock('10.2.8.0/22')!.start, 22).cidr).toBe('10.2.8.0/22');
  });

  test('blocks either nest or are disjoint', () => {
    const vpc = parseCidrBlock('10.0.0.0/16')!;
    const a = parseCidrBlock('10.0.0.0/25')!;
    const b = parseCidrBlock('10.0.0.128/25')!;
    const whole = parseCidrBlock('10.0.0.0/24')!;
    expect(cidrBlocksOverlap(a, b)).toBe(false);
    expect(cidrBlocksOverlap(a, whole)).toBe(true);
    expect(cidrBlocksOverlap(whole, b)).toBe(true);
    expect(cidrBlockContains(vpc, a)).toBe(true);
    expect(cidrBlockContains(a, vpc)).toBe(false);
  });

  test('law: two aligned blocks overlap exactly when their address ranges intersect', () => {
    fc.assert(
      fc.property(
        fc.nat(255),
        fc.integer({ min: 20, max: 28 }),
        fc.nat(255),
        fc.integer({ min: 20, max: 28 }),
        (i, p, j, q) => {
          const a = cidrBlockAt((10n << 24n) + BigInt(i) * addressesInPrefix(p), p);
          const b = cidrBlockAt((10n << 24n) + BigInt(j) * addressesInPrefix(q), q);
          const intersect = a.start < b.start + b.size && b.start < a.start + a.size;
          expect(cidrBlocksOverlap(a, b)).toBe(intersect);
        },
      ),
    );
  });
});

describe('cidrSubnet', () => {
  test("computes like Terraform's cidrsubnet", () => {
    expect(cidrSubnet('10.0.0.0/16', 8, 0)).toBe('10.0.0.0/24');
    expect(cidrSubnet('10.0.0.0/16', 8, 101)).toBe('10.0.101.0/24');
    expect(cidrSubnet('10.0.0.0/16', 2, 3)).toBe('10.0.192.0/18');
    expect(cidrSubnet('172.16.5.7/16', 4, 1)).toBe('172.16.16.0/20');
    expect(cidrSubnet(' 10.0.0.0/16 ', 0, 0)).toBe('10.0.0.0/16');
  });

  test('gives undefined for blocks that do not exist', () => {
    expect(cidrSubnet('10.0.0.0/16', 8, 256)).toBeUndefined();
    expect(cidrSubnet('10.0.0.0/30', 4, 0)).toBeUndefined();
    expect(cidrSubnet('10.0.0.0/16', 8, -1)).toBeUndefined();
    expect(cidrSubnet('10.0.0.0/16', -1, 0)).toBeUndefined();
    expect(cidrSubnet('not a cidr', 1, 0)).toBeUndefined();
  });

  test('law: the subnets of a prefix tile it in order, each one block of the new size after the previous', () => {
    const anyPrefix = fc.record({
      start: fc.bigInt({ min: 0n, max: 0xffffffffn }),
      length: fc.integer({ min: 8, max: 28 }),
      newBits: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(anyPrefix, ({ start, length, newBits }) => {
        const prefix = `${cidrBlockAt(start, 32).cidr.slice(0, -3)}/${length}`;
        const outer = parseCidrBlock(cidrSubnet(prefix, 0, 0))!;
        const subnets = Array.from({ length: 2 ** newBits }, (_, n) => parseCidrBlock(cidrSubnet(prefix, newBits, n))!);
        subnets.forEach((subnet, n) => {
          expect(subnet.prefixLength).toBe(length + newBits);
          expect(subnet.start).toBe(outer.start + BigInt(n) * subnet.size);
        });
        expect(subnets.reduce((sum, s) => sum + s.size, 0n)).toBe(outer.size);
      }),
    );
  });
});
