/**
 * EC2 instance type names: family and size, CPU architecture, and an order of sizes. Pure string
 * logic; no table lookups.
 */
import { describeValue, ValidationError } from '../core/validation-error';

/** CPU architecture of an instance type, in EC2's own words (`aws_ec2_instance_type.supported_architectures`). */
export enum InstanceArchitecture {
  X86_64 = 'x86_64',
  ARM64 = 'arm64',
}

/** An instance type split at its dot: `c6gn.2xlarge` is family `c6gn`, size `2xlarge`. */
export interface ParsedInstanceType {
  /** The whole name, e.g. `c6gn.2xlarge`. */
  readonly instanceType: string;
  /** Before the dot, e.g. `c6gn`, `u-12tb1`, `c7i-flex`, `mac2-m2pro`. */
  readonly family: string;
  /** After the dot, e.g. `2xlarge`, `metal`, `metal-48xl`. */
  readonly size: string;
  /** The series letters at the start of the family (`c`, `im`, `hpc`, `u`, `mac`). */
  readonly series: string;
  /** The generation number, e.g. 6 for `c6gn`; undefined where the name has none (`u-12tb1`, `mac-m4`). */
  readonly generation?: number;
  /** Letters after the generation (`gn` for `c6gn`, `` for `c5`): processor and options. */
  readonly attributes: string;
}

const INSTANCE_TYPE = /^([a-z0-9-]+)\.([a-z0-9-]+)$/;
const FAMILY = /^([a-z]+)(\d+)?([a-z]*)(?:-.*)?$/;

/** Splits an instance type into family and size; undefined when the name is not `family.size`. */
export function tryParseInstanceType(instanceType: string): ParsedInstanceType | undefined {
  if (typeof instanceType !== 'string') return undefined;
  const m = INSTANCE_TYPE.exec(instanceType);
  if (!m) return undefined;
  const family = m[1]!;
  const f = FAMILY.exec(family);
  return {
    instanceType,
    family,
    size: m[2]!,
    series: f?.[1] ?? family,
    generation: f?.[2] === undefined ? undefined : Number(f[2]),
    attributes: f?.[2] === undefined ? '' : f[3] ?? '',
  };
}

/**
 * Splits an instance type into family and size.
 * @throws ValidationError CAPACITY_INSTANCE_TYPE_MALFORMED when the name is not `family.size` in lower case.
 */
export function parseInstanceType(instanceType: string, path = 'instanceType'): ParsedInstanceType {
  const parsed = tryParseInstanceType(instanceType);
  if (!parsed) {
    throw new ValidationError({
      code: 'CAPACITY_INSTANCE_TYPE_MALFORMED',
      path,
      received: describeValue(instanceType),
      allowed: 'an EC2 instance type name: family and size joined by a dot, in lower case (e.g. "c6g.large")',
      fix: 'write the instance type as EC2 names it, e.g. "m5.xlarge"',
    });
  }
  return parsed;
}

/**
 * The CPU architecture of an instance type, from its name: Graviton families carry a `g` right after
 * the generation (`c6g`, `c6gn`, `m7g`, `r8g`, `t4g`, `x2gd`, `im4gn`, `is4gen`, `g5g`, `hpc7g`), and
 * `a1` is the first Graviton. Apple silicon Macs (`mac2*`, `mac-m*`) report `arm64` too (EC2 says
 * `arm64_mac`; ECS does not run on Macs). Everything else, and names that do not parse, is `x86_64`.
 */
export function instanceArchitecture(instanceType: string): InstanceArchitecture {
  const parsed = tryParseInstanceType(instanceType);
  if (!parsed) return InstanceArchitecture.X86_64;
  const { family, series, generation, attributes } = parsed;
  if (family === 'a1') return InstanceArchitecture.ARM64;
  if (series === 'mac') return family === 'mac1' ? InstanceArchitecture.X86_64 : InstanceArchitecture.ARM64;
  if (generation !== undefined && attributes.startsWith('g')) return InstanceArchitecture.ARM64;
  return InstanceArchitecture.X86_64;
}

const NAMED_SIZES: Record<string, number> = { nano: 0.125, micro: 0.25, small: 0.5, medium: 1, large: 2, xlarge: 4 };

/**
 * A number that orders sizes within a family (roughly proportional to vCPUs): nano < micro < small <
 * medium < large < xlarge < 2xlarge < ... < 48xlarge < metal-48xl < metal. Unknown sizes sort last.
 */
export function instanceSizeRank(size: string): number {
  const named = NAMED_SIZES[size];
  if (named !== undefined) return named;
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return 4 * Number(multiple[1]);
  const metalWithSize = /^metal-(\d+)xl$/.exec(size);
  if (metalWithSize) return 4 * Number(metalWithSize[1]) + 0.5;
  if (size === 'metal') return 1e6;
  return 2e6;
}
