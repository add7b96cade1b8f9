/**
 * EC2 instance type names: family and size, CPU architecture, and an order of sizes. Pure string
 * logic; no table lookups.
 */
import { CpuArchitecture } from '../core/platform';
import { describeValue, ValidationError } from '../core/validation-error';

/**
 * The CPU architecture vocabulary under its former capacity name.
 * @deprecated use `CpuArchitecture` (core), whose values are ECS's `X86_64` and `ARM64`; removed in the next release.
 */
export { CpuArchitecture as InstanceArchitecture } from '../core/platform';

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
    attributes: f?.[2] === undefined ? '' : (f[3] ?? ''),
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
export function instanceArchitecture(instanceType: string): CpuArchitecture {
  return architectureOfInstanceType(instanceType) ?? CpuArchitecture.X86_64;
}

/** True when `instanceType` has the shape `family.size` (lower case), e.g. `c5.large`. */
export function isWellFormedInstanceType(instanceType: string): boolean {
  return tryParseInstanceType(instanceType) !== undefined;
}

/** The architecture of `instanceType` (as `instanceArchitecture` reads it), or undefined when the name is not `family.size`. */
export function architectureOfInstanceType(instanceType: string): CpuArchitecture | undefined {
  const parsed = tryParseInstanceType(instanceType);
  if (!parsed) return undefined;
  const { family, series, generation, attributes } = parsed;
  if (family === 'a1') return CpuArchitecture.ARM64;
  if (series === 'mac') return family === 'mac1' ? CpuArchitecture.X86_64 : CpuArchitecture.ARM64;
  if (generation !== undefined && attributes.startsWith('g')) return CpuArchitecture.ARM64;
  return CpuArchitecture.X86_64;
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

/**
 * Upper bounds of what one instance of a type can register with ECS, read from its name alone (the
 * ENI data carries no vCPU or memory figures). A task asking for more can never be placed on it; a
 * task under the bounds may still not fit (ECS registers a little less memory than the instance has).
 */
export interface InstanceResourceCeiling {
  /** At most this many vCPUs (ECS registers 1024 CPU units per vCPU); undefined when the name does not tell. */
  readonly vcpus?: number;
  /** At most this much memory, in MiB; undefined when the name does not tell. */
  readonly memoryMiB?: number;
}

/** Burstable (t2, t3, t3a, t4g) memory by size, in MiB: the same for every burstable family. */
const BURSTABLE_MEMORY_MIB: Record<string, number> = {
  nano: 512,
  micro: 1024,
  small: 2048,
  medium: 4096,
  large: 8192,
  xlarge: 16384,
  '2xlarge': 32768,
};

/**
 * The most memory per vCPU (GiB) of any type of a series (e.g. c5n's 5.25 GiB on 2 vCPUs for `c`,
 * x2iedn's 32 for `x`, p2's 15.25 for `p`). Series not listed (u, hpc, mac, trn, dl, vt, ...) get no
 * memory bound.
 */
const MAX_GIB_PER_VCPU: Record<string, number> = {
  a: 2,
  c: 2.625,
  m: 4,
  r: 8,
  x: 32,
  z: 8,
  i: 8,
  im: 4,
  is: 6,
  d: 8,
  h: 4,
  g: 8,
  p: 16,
  inf: 4,
  f: 16,
};

/** First-generation families whose sizes do not follow today's vCPU and memory ratios. */
const OLD_FAMILIES = new Set(['m1', 'm2', 'c1', 'cc1', 'cc2', 'cg1', 'cr1', 'hi1', 'hs1', 't1']);

/**
 * The vCPU and memory ceilings of `instanceType`: vCPUs from the size (`large` 2, `xlarge` 4,
 * `Nxlarge` 4N; `medium` and smaller at most 2), memory from the burstable sizes or the series' largest
 * memory per vCPU. Metal sizes and unfamiliar names get no bound (nothing is refused for them).
 */
export function instanceResourceCeiling(instanceType: string): InstanceResourceCeiling {
  const parsed = tryParseInstanceType(instanceType);
  if (!parsed || OLD_FAMILIES.has(parsed.family)) return {};
  const { size, series, generation } = parsed;
  let vcpus: number | undefined;
  if (size === 'nano' || size === 'micro' || size === 'small' || size === 'medium' || size === 'large') vcpus = 2;
  else if (size === 'xlarge') vcpus = 4;
  else {
    const multiple = /^(\d+)xlarge$/.exec(size);
    if (multiple) vcpus = 4 * Number(multiple[1]);
  }
  let memoryMiB: number | undefined;
  if (series === 't' && generation !== undefined && generation >= 2) memoryMiB = BURSTABLE_MEMORY_MIB[size];
  else if (vcpus !== undefined && MAX_GIB_PER_VCPU[series] !== undefined)
    memoryMiB = Math.floor(vcpus * MAX_GIB_PER_VCPU[series]! * 1024);
  return { ...(vcpus !== undefined ? { vcpus } : {}), ...(memoryMiB !== undefined ? { memoryMiB } : {}) };
}
