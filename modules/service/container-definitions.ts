/**
 * Container definitions typed from the ECS API's own model (ecs-api.generated.ts, generated from
 * @aws-sdk/client-ecs's declarations by scripts/generate-ecs-types.ts), their synth-time checks,
 * and their serialization to the exact JSON `RegisterTaskDefinition` expects (pure: creates no
 * constructs).
 *
 * Terraform passes `container_definitions` to ECS as it is, and ECS silently ignores keys it does not
 * know: a misspelt `portMapping` is a service that never receives traffic. So every key, at every
 * level, is checked against the API's tables (container-keys.ts). Each concern is a named check of
 * its own (container-checks.ts, container-port-checks.ts, container-environment.ts); this file runs
 * them in order and renders the result.
 */
import type { ContainerDefinition, LogConfiguration, PortMapping } from './ecs-api.generated';
import { escapeTerraformTemplates, isWindows, NetworkMode, type Problem, TaskOsFamily } from '../core';
import {
  checkContainerIdentity,
  checkContainerMemory,
  checkCpuTotal,
  checkDependencies,
  checkEssential,
  checkPlatformSettings,
} from './container-checks';
import {
  checkEnvironment,
  checkEnvironmentFiles,
  checkSecrets,
  environmentFileList,
  environmentList,
  secretList,
} from './container-environment';
import { CONTAINER_DEFINITION_KEYS, unknownKeys, type KeyTableOf } from './container-keys';
import { checkHostPortsUnique, checkPortMappings, PORT_RANGE, type PortLedger } from './container-port-checks';
import type { ContainerCheckContext, ContainerSpec } from './container-spec';

export type {
  ContainerCheckContext,
  ContainerEnvironmentFile,
  ContainerSecrets,
  ContainerSpec,
  EnvironmentVariables,
} from './container-spec';
export { CONTAINER_DEFINITION_KEYS } from './container-keys';
export { AGENT_RESERVED_PORTS } from './container-port-checks';
// Every check of one container, for users who run them on their own.
export * from './container-checks';
export { checkHostPortsUnique, checkPortMappings } from './container-port-checks';

// ---------------------------------------------------------------------------------------------------
// Checks

/** Every problem of a task's containers; empty when they are fine. */
export function checkContainerDefinitions(containers: readonly ContainerSpec[], ctx: ContainerCheckContext): Problem[] {
  const base = ctx.path ?? 'TaskDefinition.containers';
  if (containers.length === 0) {
    return [
      {
        code: 'SERVICE_CONTAINERS_EMPTY',
        path: base,
        received: '[]',
        allowed: 'at least one container',
        fix: "add a container, e.g. { name: 'web', image: 'nginx', memory: 512, portMappings: [{ containerPort: 80 }] }",
      },
    ];
  }
  const out: Problem[] = [];
  const names = new Map<string, number>();
  const ledger: PortLedger = { taskPorts: [], hostPorts: [] };
  containers.forEach((c, i) => {
    const at = `${base}[${i}]`;
    unknownKeys(c, CONTAINER_DEFINITION_KEYS as KeyTableOf, at, out);
    out.push(
      ...checkContainerIdentity(c, i, base, names),
      ...checkContainerMemory(c, at, ctx),
      ...checkPlatformSettings(c, at, ctx),
      ...checkPortMappings(c, at, ctx.networkMode, ledger),
      ...checkEnvironment(c, at),
      ...checkSecrets(c, at),
      ...checkEnvironmentFiles(c, at),
    );
  });
  out.push(
    ...checkHostPortsUnique(ledger.hostPorts),
    ...checkEssential(containers, base),
    ...checkDependencies(containers, base, names),
    ...checkCpuTotal(containers, base, ctx.taskCpu),
  );
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
    const { environment: _environment, secrets: _secrets, environmentFiles: _files, ...rest } = c;
    const out: ContainerDefinition = { ...(dropUndefined(rest) as ContainerDefinition) };
    out.essential = c.essential ?? true;
    if (c.environment !== undefined)
      out.environment = dropUndefined(environmentList(c)) as ContainerDefinition['environment'];
    if (c.secrets !== undefined) out.secrets = dropUndefined(secretList(c)) as ContainerDefinition['secrets'];
    if (c.environmentFiles !== undefined) out.environmentFiles = environmentFileList(c);
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
      const m = pm.containerPortRange !== undefined ? PORT_RANGE.exec(pm.containerPortRange) : null;
      if (m) out.push({ containerName: c.name, from: Number(m[1]), to: Number(m[2]), protocol: pm.protocol ?? 'tcp' });
    }
  }
  return out;
}
