/**
 * The ECS API's members at every level of a container definition (and of a task volume), as tables
 * the compiler holds equal to the SDK's types (`satisfies KeyTable<...>`: a key missing from a table
 * or not in the type is a type error), and the check that finds keys ECS would silently ignore.
 */
import type {
  ContainerDefinition,
  ContainerDependency,
  ContainerRestartPolicy,
  Device,
  DockerVolumeConfiguration,
  EFSAuthorizationConfig,
  EFSVolumeConfiguration,
  EnvironmentFile,
  FirelensConfiguration,
  HealthCheck,
  HostEntry,
  HostVolumeProperties,
  KernelCapabilities,
  KeyValuePair,
  LinuxParameters,
  LogConfiguration,
  MountPoint,
  PortMapping,
  RepositoryCredentials,
  ResourceRequirement,
  Secret,
  SystemControl,
  Tmpfs,
  Ulimit,
  VolumeFrom,
} from './ecs-api.generated';
import { closestMatches, describeValue, type Problem } from '../core';

// Key tables: the API's members, at every level. `true` is a leaf (scalar, scalar list or free-form
// map); an object is a nested structure; a one-element array is a list of structures.

export type KeyNode = true | KeyTableOf | readonly [KeyTableOf];
export interface KeyTableOf {
  readonly [key: string]: KeyNode;
}
export type KeyTable<T> = { readonly [K in keyof Required<T>]: KeyNode };

const KEY_VALUE_PAIR = { name: true, value: true } as const satisfies KeyTable<KeyValuePair>;
const PORT_MAPPING = {
  containerPort: true,
  hostPort: true,
  protocol: true,
  name: true,
  appProtocol: true,
  containerPortRange: true,
} as const satisfies KeyTable<PortMapping>;
const SECRET = { name: true, valueFrom: true } as const satisfies KeyTable<Secret>;
const LOG_CONFIGURATION = {
  logDriver: true,
  options: true,
  secretOptions: [SECRET],
} as const satisfies KeyTable<LogConfiguration>;
const KERNEL_CAPABILITIES = { add: true, drop: true } as const satisfies KeyTable<KernelCapabilities>;
const DEVICE = { hostPath: true, containerPath: true, permissions: true } as const satisfies KeyTable<Device>;
const TMPFS = { containerPath: true, size: true, mountOptions: true } as const satisfies KeyTable<Tmpfs>;
const LINUX_PARAMETERS = {
  capabilities: KERNEL_CAPABILITIES,
  devices: [DEVICE],
  initProcessEnabled: true,
  sharedMemorySize: true,
  tmpfs: [TMPFS],
  maxSwap: true,
  swappiness: true,
} as const satisfies KeyTable<LinuxParameters>;
const HEALTH_CHECK = {
  command: true,
  interval: true,
  timeout: true,
  retries: true,
  startPeriod: true,
} as const satisfies KeyTable<HealthCheck>;
const CONTAINER_DEPENDENCY = { containerName: true, condition: true } as const satisfies KeyTable<ContainerDependency>;
const ULIMIT = { name: true, softLimit: true, hardLimit: true } as const satisfies KeyTable<Ulimit>;
const MOUNT_POINT = { sourceVolume: true, containerPath: true, readOnly: true } as const satisfies KeyTable<MountPoint>;
const VOLUME_FROM = { sourceContainer: true, readOnly: true } as const satisfies KeyTable<VolumeFrom>;
const HOST_ENTRY = { hostname: true, ipAddress: true } as const satisfies KeyTable<HostEntry>;
const SYSTEM_CONTROL = { namespace: true, value: true } as const satisfies KeyTable<SystemControl>;
const RESOURCE_REQUIREMENT = {
  type: true,
  value: true,
  sharingStrategy: true,
} as const satisfies KeyTable<ResourceRequirement>;
const ENVIRONMENT_FILE = { value: true, type: true } as const satisfies KeyTable<EnvironmentFile>;
const FIRELENS = { type: true, options: true } as const satisfies KeyTable<FirelensConfiguration>;
const RESTART_POLICY = {
  enabled: true,
  ignoredExitCodes: true,
  restartAttemptPeriod: true,
} as const satisfies KeyTable<ContainerRestartPolicy>;
const REPOSITORY_CREDENTIALS = { credentialsParameter: true } as const satisfies KeyTable<RepositoryCredentials>;

/** Every member of the API's `ContainerDefinition`, with the shape of the nested ones. */
export const CONTAINER_DEFINITION_KEYS = {
  name: true,
  image: true,
  repositoryCredentials: REPOSITORY_CREDENTIALS,
  cpu: true,
  memory: true,
  memoryReservation: true,
  links: true,
  portMappings: [PORT_MAPPING],
  essential: true,
  restartPolicy: RESTART_POLICY,
  entryPoint: true,
  command: true,
  environment: [KEY_VALUE_PAIR],
  environmentFiles: [ENVIRONMENT_FILE],
  mountPoints: [MOUNT_POINT],
  volumesFrom: [VOLUME_FROM],
  linuxParameters: LINUX_PARAMETERS,
  secrets: [SECRET],
  dependsOn: [CONTAINER_DEPENDENCY],
  startTimeout: true,
  stopTimeout: true,
  versionConsistency: true,
  hostname: true,
  user: true,
  workingDirectory: true,
  disableNetworking: true,
  privileged: true,
  readonlyRootFilesystem: true,
  dnsServers: true,
  dnsSearchDomains: true,
  extraHosts: [HOST_ENTRY],
  dockerSecurityOptions: true,
  interactive: true,
  pseudoTerminal: true,
  dockerLabels: true,
  ulimits: [ULIMIT],
  logConfiguration: LOG_CONFIGURATION,
  healthCheck: HEALTH_CHECK,
  systemControls: [SYSTEM_CONTROL],
  resourceRequirements: [RESOURCE_REQUIREMENT],
  firelensConfiguration: FIRELENS,
  credentialSpecs: true,
} as const satisfies KeyTable<ContainerDefinition>;

const HOST_VOLUME = { sourcePath: true } as const satisfies KeyTable<HostVolumeProperties>;
const DOCKER_VOLUME = {
  scope: true,
  autoprovision: true,
  driver: true,
  driverOpts: true,
  labels: true,
} as const satisfies KeyTable<DockerVolumeConfiguration>;
const EFS_AUTHORIZATION = {
  accessPointId: true,
  iam: true,
  /** Ours: why `iam` is DISABLED (see TaskEfsAuthorization). */
  iamDisabledReason: true,
} as const satisfies KeyTable<EFSAuthorizationConfig> & KeyTableOf;
const EFS_VOLUME = {
  fileSystemId: true,
  rootDirectory: true,
  transitEncryption: true,
  transitEncryptionPort: true,
  authorizationConfig: EFS_AUTHORIZATION,
  /** Ours: why `transitEncryption` is DISABLED (see TaskEfsVolume). */
  transitEncryptionDisabledReason: true,
} as const satisfies KeyTable<EFSVolumeConfiguration> & KeyTableOf;

/**
 * The members of a task volume this library renders: the API's `Volume` without the volume types it
 * does not support yet (FSx for Windows File Server, S3 Files, EBS configured at launch).
 */
export const TASK_VOLUME_KEYS: KeyTableOf = {
  name: true,
  host: HOST_VOLUME,
  dockerVolumeConfiguration: DOCKER_VOLUME,
  efsVolumeConfiguration: EFS_VOLUME,
};

/** Adds a problem to `out` for every key of `value` (at any depth) that `table` does not know. */
export function unknownKeys(
  value: unknown,
  table: KeyTableOf,
  path: string,
  out: Problem[],
  code = 'SERVICE_CONTAINER_UNKNOWN_KEY',
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const node = table[key];
    if (node === undefined) {
      const near = closestMatches(key, Object.keys(table), 1);
      out.push({
        code,
        path: `${path}.${key}`,
        received: describeValue(key),
        allowed: `the ECS API's members here: ${Object.keys(table).join(', ')}`,
        fix:
          near.length > 0
            ? `did you mean "${near[0]}"? ECS ignores unknown keys silently`
            : 'remove the key: ECS ignores unknown keys silently',
      });
    } else if (Array.isArray(node)) {
      if (Array.isArray(child))
        child.forEach((c, i) => unknownKeys(c, node[0] as KeyTableOf, `${path}.${key}[${i}]`, out, code));
    } else if (node !== true) {
      unknownKeys(child, node as KeyTableOf, `${path}.${key}`, out, code);
    }
  }
}
