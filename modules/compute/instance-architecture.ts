/**
 * CPU architecture of an EC2 instance type in the compute layer's vocabulary (`CpuArchitecture`).
 * The name parsing itself lives in the capacity module (`instanceArchitecture`): Graviton (arm64) types
 * are `a1` and every family whose letters after the generation start with `g` (`m6g`, `c7gn`, `t4g`,
 * `x2gd`, `im4gn`, `is4gen`, `hpc7g`, `g5g`, ...); everything else is x86_64 (`c5`, `g5`, `c6in`, ...).
 */
import { InstanceArchitecture, instanceArchitecture, tryParseInstanceType } from '../capacity/instance-type';
import { CpuArchitecture } from './compute-ref';

/** True when `instanceType` has the shape `family.size` (lower case), e.g. `c5.large`. */
export function isWellFormedInstanceType(instanceType: string): boolean {
  return tryParseInstanceType(instanceType) !== undefined;
}

/** The architecture of `instanceType`, or undefined when the name is not `family.size`. */
export function architectureOfInstanceType(instanceType: string): CpuArchitecture | undefined {
  if (!isWellFormedInstanceType(instanceType)) return undefined;
  return instanceArchitecture(instanceType) === InstanceArchitecture.ARM64
    ? CpuArchitecture.ARM64
    : CpuArchitecture.X86_64;
}
