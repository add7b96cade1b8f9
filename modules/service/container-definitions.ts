/**
 * Container definitions typed from the ECS API's own model (ecs-api.generated.ts, generated from
 * @aws-sdk/client-ecs's declarations by scripts/generate-ecs-types.ts), their synth-time checks,
 * and their serialization to the exact JSON `RegisterTaskDefinition` expects (pure: creates no
 * constructs).
 *
 * Terraform passes `container_definitions` to ECS as it is, and ECS silently ignores keys it does not
 * know: a misspelt `portMapping` is a service that never receives traffic. So every key, at every
 * level, is checked against tables that the compiler holds equal to the SDK's types (`satisfies
 * KeyTable<...>`: a key missing from a table or not in the type is a type error).
 */
import type {
  ContainerDefinition,
  ContainerDependency,
  ContainerRestartPolicy,
  Device,
  EnvironmentFile,
  FirelensConfiguration,
  HealthCheck,
  HostEntry,
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
import {
  closestMatches,
  describeValue,
  ECS_NAME_RULE,
  escapeTerraformTemplates,
  isEcsName,
  isUnresolved,
  isWindows,
  NetworkMode,
  type Problem,
  TaskOsFamily,
} from '../core';
import { imageReferenceProblem } from './image-reference';

/**
 * A container of a task definition: the ECS API's `ContainerDefinition`, with `name` and `image`
 * required. Keys and values are exactly the API's (camelCase), e.g.
 * `{ name: 'web', image: 'nginx', memory: 512, portMappings: [{ containerPort: 80 }] }`.
 */
export interface ContainerSpec extends ContainerDefinition {
  /** Container name: 1-255 letters, digits, hyphens and underscores, unique in the task. */
  readonly name: string;
  /** Image reference, e.g. `nginx:1.27` or `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`. */
  readonly image: string;
}

// ---------------------------------------------------------------------------------------------------
// Key tables: the API's members, at every level. `true` is a leaf (scalar, scalar list or free-form
// map); an object is a nested structure; a one-element array is a list of structures.

type KeyNode = true | KeyTableOf | readonly [KeyTableOf];
interface KeyTableOf {
  readonly [key: string]: KeyNode;
}
type KeyTable<T> = { readonly [K in keyof Required<T>]: KeyNode };

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

function unknownKeys(value: unknown, table: KeyTableOf, path: string, out: Problem[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const node = table[key];
    if (node === undefined) {
      const near = closestMatches(key, Object.keys(table), 1);
      out.push({
        code: 'SERVICE_CONTAINER_UNKNOWN_KEY',
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
        child.forEach((c, i) => unknownKeys(c, node[0] as KeyTableOf, `${path}.${key}[${i}]`, out));
    } else if (node !== true) {
      unknownKeys(child, node as KeyTableOf, `${path}.${key}`, out);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Checks

/** What the container checks need to know about the task definition. */
export interface ContainerCheckContext {
  readonly networkMode: NetworkMode;
  readonly osFamily: TaskOsFamily;
  /** Task-level memory (MiB), when set. */
  readonly taskMemoryMiB?: number;
  /** Task-level CPU units, when set. */
  readonly taskCpu?: number;
  /** Path of the containers list in messages. @default 'TaskDefinition.containers' */
  readonly path?: string;
}

/**
 * Ports the ECS agent reserves on every container instance (its default `ECS_RESERVED_PORTS`: SSH,
 * the Docker daemon, the agent's introspection and metadata endpoints). A task that needs one of
 * them as a host port is never placed.
 */
export const AGENT_RESERVED_PORTS: readonly number[] = [22, 2375, 2376, 51678, 51679, 51680];

const RANGE = /^(\d{1,5})-(\d{1,5})$/;

interface PortInterval {
  readonly from: number;
  readonly to: number;
  readonly protocol: string;
  readonly where: string;
}

function known(v: unknown): v is number {
  return typeof v === 'number' && !isUnresolved(v);
}

/** Every problem of a task's containers; empty when they are fine. */
export function checkContainerDefinitions(containers: readonly ContainerSpec[], ctx: ContainerCheckContext): Problem[] {
  const base = ctx.path ?? 'TaskDefinition.containers';
  const out: Problem[] = [];
  const mode = ctx.networkMode;
  const sharedNamespace = mode === NetworkMode.AWSVPC || mode === NetworkMode.HOST;
  if (containers.length === 0) {
    out.push({
      code: 'SERVICE_CONTAINERS_EMPTY',
      path: base,
      received: '[]',
      allowed: 'at least one container',
      fix: "add a container, e.g. { name: 'web', image: 'nginx', memory: 512, portMappings: [{ containerPort: 80 }] }",
    });
    return out;
  }
  const names = new Map<string, number>();
  const taskPorts: PortInterval[] = [];
  const hostPorts: PortInterval[] = [];
  let cpuSum = 0;
  let cpuKnown = true;

  containers.forEach((c, i) => {
    const at = `${base}[${i}]`;
    unknownKeys(c, CONTAINER_DEFINITION_KEYS, at, out);

    if (typeof c.name !== 'string' || (!isUnresolved(c.name) && !isEcsName(c.name))) {
      out.push({
        code: 'SERVICE_CONTAINER_NAME_INVALID',
        path: `${at}.name`,
        received: describeValue(c.name),
        allowed: ECS_NAME_RULE,
        fix: 'name the container after its role, e.g. "web"',
      });
    } else if (!isUnresolved(c.name)) {
      const first = names.get(c.name);
      if (first !== undefined) {
        out.push({
          code: 'SERVICE_CONTAINER_NAME_DUPLICATE',
          path: `${at}.name`,
          received: describeValue(c.name),
          allowed: `names unique in the task (${base}[${first}] is already "${c.name}")`,
          fix: 'give each container its own name',
        });
      } else {
        names.set(c.name, i);
      }
    }
    if (typeof c.image !== 'string' || c.image.trim() === '') {
      out.push({
        code: 'SERVICE_CONTAINER_IMAGE_MISSING',
        path: `${at}.image`,
        received: describeValue(c.image),
        allowed: 'an image reference such as "nginx:1.27" or an ECR repository URL with a tag',
        fix: 'set image',
      });
    } else if (!isUnresolved(c.image)) {
      const why = imageReferenceProblem(c.image);
      if (why !== undefined) {
        out.push({
          code: 'SERVICE_CONTAINER_IMAGE_INVALID',
          path: `${at}.image`,
          received: `${describeValue(c.image)}: ${why}`,
          allowed:
            `an image reference of at most 255 characters, [registry[:port]/]repository[:tag][@sha256:digest], ` +
            'repository in lower case (e.g. "public.ecr.aws/nginx/nginx:1.27")',
          fix: 'write the reference as `docker pull` takes it; ECS refuses the task definition otherwise',
        });
      }
    }

    // Memory.
    for (const key of ['memory', 'memoryReservation'] as const) {
      const v = c[key];
      if (v !== undefined && known(v) && (!Number.isInteger(v) || v < 6)) {
        out.push({
          code: 'SERVICE_CONTAINER_MEMORY_INVALID',
          path: `${at}.${key}`,
          received: describeValue(v),
          allowed: 'an integer number of MiB, at least 6',
          fix: `give ${key} in MiB, e.g. 512`,
        });
      }
    }
    if (c.memory === undefined && c.memoryReservation === undefined && ctx.taskMemoryMiB === undefined) {
      out.push({
        code: 'SERVICE_MEMORY_MISSING',
        path: `${at}.memory`,
        received: 'undefined (and no task-level memory)',
        allowed: 'container memory or memoryReservation, or task-level memory',
        fix: 'set memory (hard limit, MiB) on the container, or memoryMiB on the TaskDefinition',
      });
    }
    if (known(c.memory) && known(c.memoryReservation) && c.memoryReservation > c.memory) {
      out.push({
        code: 'SERVICE_MEMORY_RESERVATION_ABOVE_LIMIT',
        path: `${at}.memoryReservation`,
        received: `${c.memoryReservation} (memory is ${c.memory})`,
        allowed: 'memoryReservation <= memory',
        fix: 'lower memoryReservation (soft limit) or raise memory (hard limit)',
      });
    }
    if (known(c.memory) && known(ctx.taskMemoryMiB) && c.memory > ctx.taskMemoryMiB) {
      out.push({
        code: 'SERVICE_CONTAINER_MEMORY_ABOVE_TASK',
        path: `${at}.memory`,
        received: `${c.memory} (task memory is ${ctx.taskMemoryMiB})`,
        allowed: 'at most the task-level memory',
        fix: 'lower the container memory or raise the task memory',
      });
    }
    if (c.cpu !== undefined) {
      if (known(c.cpu)) cpuSum += c.cpu;
      else cpuKnown = false;
    }

    // Links only exist on Docker's bridge network.
    if (c.links !== undefined && c.links.length > 0 && mode !== NetworkMode.BRIDGE) {
      out.push({
        code: 'SERVICE_LINKS_UNSUPPORTED',
        path: `${at}.links`,
        received: describeValue(c.links),
        allowed: `no links in ${mode} mode (links exist only in bridge mode)`,
        fix:
          mode === NetworkMode.AWSVPC
            ? 'remove links: containers of an awsvpc task share one network namespace and reach each other on localhost:<port>'
            : 'remove links: host-mode containers reach each other on localhost:<port>',
      });
    }

    // Linux-only settings on Windows.
    if (isWindows(ctx.osFamily)) {
      for (const key of ['linuxParameters', 'privileged', 'readonlyRootFilesystem'] as const) {
        if (c[key] !== undefined && c[key] !== false) {
          out.push({
            code: 'SERVICE_LINUX_ONLY_SETTING',
            path: `${at}.${key}`,
            received: describeValue(c[key]),
            allowed: `nothing: ${key} is not supported for Windows containers`,
            fix: `remove ${key}, or run the task on Linux`,
          });
        }
      }
    }

    // Port mappings.
    const ownPorts: PortInterval[] = [];
    (c.portMappings ?? []).forEach((pm, j) => {
      const pat = `${at}.portMappings[${j}]`;
      const protocol = pm.protocol ?? 'tcp';
      if (!isUnresolved(protocol) && protocol !== 'tcp' && protocol !== 'udp') {
        out.push({
          code: 'SERVICE_PORT_MAPPING_INVALID',
          path: `${pat}.protocol`,
          received: describeValue(pm.protocol),
          allowed: '"tcp" or "udp" (lower case)',
          fix: 'write the protocol in lower case, or leave it out for tcp',
        });
      }
      const hasPort = pm.containerPort !== undefined;
      const hasRange = pm.containerPortRange !== undefined;
      if (hasPort === hasRange) {
        out.push({
          code: 'SERVICE_PORT_MAPPING_INVALID',
          path: pat,
          received: describeValue(pm),
          allowed: 'exactly one of containerPort and containerPortRange',
          fix: hasPort
            ? 'keep containerPort or containerPortRange, not both'
            : 'set containerPort, e.g. { containerPort: 80 }',
        });
        return;
      }
      let interval: { from: number; to: number } | undefined;
      if (hasPort) {
        const p = pm.containerPort!;
        if (known(p)) {
          if (!Number.isInteger(p) || p < 1 || p > 65535) {
            out.push({
              code: 'SERVICE_PORT_MAPPING_INVALID',
              path: `${pat}.containerPort`,
              received: describeValue(p),
              allowed: 'an integer from 1 to 65535',
              fix: 'use the port the application listens on',
            });
          } else {
            interval = { from: p, to: p };
          }
        }
        if (pm.hostPort !== undefined && known(pm.hostPort) && known(p) && pm.hostPort !== p && sharedNamespace) {
          out.push({
            code: 'SERVICE_HOST_PORT_MISMATCH',
            path: `${pat}.hostPort`,
            received: `${pm.hostPort} (containerPort is ${p})`,
            allowed: `in ${mode} mode, hostPort left out or equal to containerPort`,
            fix:
              mode === NetworkMode.AWSVPC
                ? 'remove hostPort: each task has its own ENI, so the container port is the port clients use'
                : "remove hostPort: host-mode containers listen on the instance's own ports",
          });
        }
        if (mode === NetworkMode.BRIDGE && known(pm.hostPort) && pm.hostPort !== 0) {
          hostPorts.push({ from: pm.hostPort, to: pm.hostPort, protocol, where: pat });
        }
        // The instance's own ports: host mode uses the container port, bridge a static host port.
        const hostPort = mode === NetworkMode.HOST ? p : mode === NetworkMode.BRIDGE ? pm.hostPort : undefined;
        if (known(hostPort) && AGENT_RESERVED_PORTS.includes(hostPort)) {
          out.push({
            code: 'SERVICE_HOST_PORT_RESERVED',
            path: `${pat}.${mode === NetworkMode.HOST ? 'containerPort' : 'hostPort'}`,
            received: `${hostPort} as a host port in ${mode} mode`,
            allowed: `a host port other than ${AGENT_RESERVED_PORTS.join(', ')} (the ECS agent reserves them on every container instance)`,
            fix:
              mode === NetworkMode.HOST
                ? 'listen on another port, or use NetworkMode.AWSVPC (the task gets its own ENI and every port)'
                : 'use another host port, or 0 (or none) for a dynamic one',
          });
        }
      } else {
        const r = pm.containerPortRange!;
        if (mode === NetworkMode.HOST) {
          out.push({
            code: 'SERVICE_PORT_RANGE_UNSUPPORTED',
            path: `${pat}.containerPortRange`,
            received: describeValue(r),
            allowed: 'containerPortRange in awsvpc or bridge mode only',
            fix: 'list the ports one by one with containerPort, or use awsvpc mode',
          });
        }
        if (!isUnresolved(r)) {
          const m = RANGE.exec(r);
          const from = m ? Number(m[1]) : NaN;
          const to = m ? Number(m[2]) : NaN;
          if (!m || from < 1 || to > 65535 || from >= to) {
            out.push({
              code: 'SERVICE_PORT_MAPPING_INVALID',
              path: `${pat}.containerPortRange`,
              received: describeValue(r),
              allowed: '"first-last" with 1 <= first < last <= 65535',
              fix: 'write the range as e.g. "8000-8010"',
            });
          } else {
            interval = { from, to };
          }
        }
        if (pm.hostPort !== undefined) {
          out.push({
            code: 'SERVICE_PORT_MAPPING_INVALID',
            path: `${pat}.hostPort`,
            received: describeValue(pm.hostPort),
            allowed: 'no hostPort with a containerPortRange (ECS sets the host range)',
            fix: 'remove hostPort',
          });
        }
      }
      if (interval) {
        const entry = { ...interval, protocol, where: pat };
        // "You can't expose the same container port for multiple protocols" (within one container);
        // containers of an awsvpc or host task share one network namespace.
        const scope = sharedNamespace ? taskPorts : ownPorts;
        const clash = scope.find(
          (q) =>
            q.from <= entry.to &&
            entry.from <= q.to &&
            (scope === ownPorts || q.protocol === protocol || q.where.startsWith(`${at}.`)),
        );
        if (clash) {
          out.push({
            code: 'SERVICE_CONTAINER_PORT_DUPLICATE',
            path: pat,
            received: entry.from === entry.to ? `${entry.from}/${protocol}` : `${entry.from}-${entry.to}/${protocol}`,
            allowed: sharedNamespace
              ? `each container port once per task: containers of a ${mode} task share one network namespace (${clash.where} already maps it)`
              : `each container port once per container (${clash.where} already maps it)`,
            fix: 'map the port once, or move the second container to a port of its own',
          });
        }
        scope.push(entry);
      }
    });
  });

  // Static host ports (bridge) must be unique on the instance.
  hostPorts.forEach((h, k) => {
    const clash = hostPorts.slice(0, k).find((q) => q.from === h.from && q.protocol === h.protocol);
    if (clash) {
      out.push({
        code: 'SERVICE_HOST_PORT_DUPLICATE',
        path: `${h.where}.hostPort`,
        received: `${h.from}/${h.protocol}`,
        allowed: `each static host port once per task (${clash.where} already uses it)`,
        fix: 'use another host port, or 0 for a dynamic one',
      });
    }
  });

  if (containers.every((c) => c.essential === false)) {
    out.push({
      code: 'SERVICE_NO_ESSENTIAL_CONTAINER',
      path: `${base}[*].essential`,
      received: 'false on every container',
      allowed: 'at least one essential container',
      fix: 'leave essential unset (true) on the main container',
    });
  }

  containers.forEach((c, i) =>
    (c.dependsOn ?? []).forEach((d, j) => {
      if (d.containerName !== undefined && !isUnresolved(d.containerName) && !names.has(d.containerName)) {
        out.push({
          code: 'SERVICE_CONTAINER_DEPENDENCY_UNKNOWN',
          path: `${base}[${i}].dependsOn[${j}].containerName`,
          received: describeValue(d.containerName),
          allowed: `a container of this task: ${[...names.keys()].map((n) => JSON.stringify(n)).join(', ')}`,
          fix: 'name a container of the same task definition',
        });
      }
    }),
  );

  if (cpuKnown && known(ctx.taskCpu) && cpuSum > ctx.taskCpu) {
    out.push({
      code: 'SERVICE_CONTAINER_CPU_ABOVE_TASK',
      path: `${base}[*].cpu`,
      received: `${cpuSum} CPU units in total (task cpu is ${ctx.taskCpu})`,
      allowed: "the containers' cpu adding up to at most the task-level cpu",
      fix: "lower the containers' cpu or raise the task cpu",
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Serialization

/** How `renderContainerDefinitions` completes the user's containers. */
export interface RenderOptions {
  readonly networkMode: NetworkMode;
  readonly osFamily: TaskOsFamily;
  /** Log configuration for containers that have none. @default - none */
  readonly defaultLogConfiguration?: LogConfiguration;
  /** Sets `linuxParameters.initProcessEnabled` (ECS Exec; Linux only). @default false */
  readonly initProcessEnabled?: boolean;
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = dropUndefined(v);
    }
    return out;
  }
  return value;
}

/**
 * The containers as the API receives them: undefined members dropped, `essential` and port
 * `protocol` spelled out, `hostPort` equal to `containerPort` in awsvpc and host modes (what ECS
 * echoes back, so Terraform sees no drift), the default log configuration where none is given, and
 * `initProcessEnabled` for ECS Exec on Linux.
 */
export function renderContainerDefinitions(
  containers: readonly ContainerSpec[],
  options: RenderOptions,
): ContainerDefinition[] {
  const sharedNamespace = options.networkMode === NetworkMode.AWSVPC || options.networkMode === NetworkMode.HOST;
  return containers.map((c) => {
    const out: ContainerDefinition = { ...(dropUndefined(c) as ContainerDefinition) };
    out.essential = c.essential ?? true;
    if (c.portMappings) {
      out.portMappings = c.portMappings.map((pm) => {
        const m = dropUndefined(pm) as PortMapping;
        const withProtocol: PortMapping = { ...m, protocol: m.protocol ?? 'tcp' };
        if (sharedNamespace && m.containerPort !== undefined && m.hostPort === undefined) {
          return { containerPort: m.containerPort, hostPort: m.containerPort, ...withProtocol };
        }
        return withProtocol;
      });
    }
    if (c.logConfiguration === undefined && options.defaultLogConfiguration) {
      out.logConfiguration = dropUndefined(options.defaultLogConfiguration) as LogConfiguration;
    }
    if (options.initProcessEnabled && !isWindows(options.osFamily)) {
      out.linuxParameters = { ...(out.linuxParameters ?? {}), initProcessEnabled: true };
    }
    return out;
  });
}

/**
 * The `container_definitions` string: JSON of the rendered containers. Literal `${` and `%{` are
 * escaped so Terraform does not read them as templates; references (tokens) stay references.
 */
export function containerDefinitionsJson(definitions: readonly ContainerDefinition[]): string {
  return JSON.stringify(escapeTerraformTemplates(definitions));
}

// ---------------------------------------------------------------------------------------------------
// Queries used by services

/** A port a task listens on. */
export interface TaskPort {
  readonly containerName: string;
  readonly containerPort: number;
  /** `tcp` or `udp`. */
  readonly protocol: string;
  /** The static host port (awsvpc/host: the container port; bridge: given or 0 for dynamic). */
  readonly hostPort: number;
}

/** The single ports (not ranges) the containers map, in order. */
export function taskPorts(containers: readonly ContainerSpec[], mode: NetworkMode): TaskPort[] {
  const out: TaskPort[] = [];
  for (const c of containers) {
    for (const pm of c.portMappings ?? []) {
      if (pm.containerPort === undefined) continue;
      const hostPort = mode === NetworkMode.BRIDGE ? (pm.hostPort ?? 0) : pm.containerPort;
      out.push({ containerName: c.name, containerPort: pm.containerPort, protocol: pm.protocol ?? 'tcp', hostPort });
    }
  }
  return out;
}

/** The port ranges (`containerPortRange`) the containers map. */
export function taskPortRanges(
  containers: readonly ContainerSpec[],
): { containerName: string; from: number; to: number; protocol: string }[] {
  const out: { containerName: string; from: number; to: number; protocol: string }[] = [];
  for (const c of containers) {
    for (const pm of c.portMappings ?? []) {
      const m = pm.containerPortRange !== undefined ? RANGE.exec(pm.containerPortRange) : null;
      if (m) out.push({ containerName: c.name, from: Number(m[1]), to: Number(m[2]), protocol: pm.protocol ?? 'tcp' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Environment variables that look like secrets

/** Names that usually carry a secret: `*_PASSWORD`, `*_SECRET*`, `*_TOKEN`, `*_API_KEY`, `*_PRIVATE_KEY`, AWS keys. */
const SECRET_NAMES = [
  /(^|_)SECRET/i,
  /(^|_)(PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i,
  /^AWS_ACCESS_KEY_ID$/i,
];
/** An AWS access key id (long-term `AKIA`, temporary `ASIA`). */
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;

/** A plain environment variable that looks like a secret. */
export interface SecretLikeVariable {
  readonly containerName: string;
  readonly name: string;
  /** Why it looks like a secret. */
  readonly because: string;
}

/**
 * The `environment` entries whose name (or value: an AWS access key id) looks like a secret. Their
 * values are written in plain text into the task definition (readable with ecs:DescribeTaskDefinition)
 * and the Terraform state; `secrets` (Secrets Manager, SSM Parameter Store) is the place for them.
 */
export function secretLikeEnvironment(containers: readonly ContainerSpec[]): SecretLikeVariable[] {
  const out: SecretLikeVariable[] = [];
  for (const c of containers) {
    for (const e of c.environment ?? []) {
      const name = e.name;
      if (typeof name !== 'string' || isUnresolved(name)) continue;
      if (SECRET_NAMES.some((r) => r.test(name))) {
        out.push({ containerName: c.name, name, because: 'its name looks like a secret' });
      } else if (typeof e.value === 'string' && !isUnresolved(e.value) && ACCESS_KEY_ID.test(e.value)) {
        out.push({ containerName: c.name, name, because: 'its value is an AWS access key id' });
      }
    }
  }
  return out;
}
