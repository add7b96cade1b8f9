/**
 * The platform a task or a container instance runs on (pure): CPU architecture and operating system,
 * defined once for every module (the capacity model, the AMIs and capacity providers, the tasks).
 */

/**
 * CPU architecture of an instance type, a container instance or a task's images, in ECS's words
 * (`runtimePlatform.cpuArchitecture`). EC2 writes the same two in lower case (`x86_64`, `arm64`).
 */
export enum CpuArchitecture {
  X86_64 = 'X86_64',
  ARM64 = 'ARM64',
}

/** Operating system family of container instances. */
export enum OsFamily {
  LINUX = 'LINUX',
  WINDOWS = 'WINDOWS',
}

/** Operating system of a task definition (ECS `runtimePlatform.operatingSystemFamily`). */
export enum TaskOsFamily {
  LINUX = 'LINUX',
  WINDOWS_SERVER_2019_CORE = 'WINDOWS_SERVER_2019_CORE',
  WINDOWS_SERVER_2019_FULL = 'WINDOWS_SERVER_2019_FULL',
  WINDOWS_SERVER_2022_CORE = 'WINDOWS_SERVER_2022_CORE',
  WINDOWS_SERVER_2022_FULL = 'WINDOWS_SERVER_2022_FULL',
  WINDOWS_SERVER_2025_CORE = 'WINDOWS_SERVER_2025_CORE',
  WINDOWS_SERVER_2025_FULL = 'WINDOWS_SERVER_2025_FULL',
}

/** True for every Windows Server family. */
export function isWindows(os: TaskOsFamily): boolean {
  return os !== TaskOsFamily.LINUX;
}

/** The operating system of the container instances a task of family `os` runs on. */
export function instanceOsFamily(os: TaskOsFamily): OsFamily {
  return isWindows(os) ? OsFamily.WINDOWS : OsFamily.LINUX;
}
