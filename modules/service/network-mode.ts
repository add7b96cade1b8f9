/** Network modes and operating system families of task definitions (pure). */

/** Docker networking mode of a task definition's containers (ECS `networkMode`). */
export enum NetworkMode {
  /**
   * Every task gets its own ENI, private IP and security group (the default). Several copies of a
   * task run on one instance with the same container port.
   */
  AWSVPC = 'awsvpc',
  /** Containers use the instance's network stack: one task per instance per container port. */
  HOST = 'host',
  /** Docker's bridge: host ports mapped to container ports (static or dynamic). */
  BRIDGE = 'bridge',
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
