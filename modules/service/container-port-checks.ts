/**
 * Checks of the containers' port mappings: protocol, containerPort or containerPortRange, hostPort
 * by network mode, the agent's reserved ports, and ports mapped twice. Pure: creates no constructs.
 */
import type { PortMapping } from './ecs-api.generated';
import { describeValue, isUnresolved, NetworkMode, type Problem } from '../core';
import type { ContainerSpec } from './container-spec';

/**
 * Ports the ECS agent reserves on every container instance (its default `ECS_RESERVED_PORTS`: SSH,
 * the Docker daemon, the agent's introspection and metadata endpoints). A task that needs one of
 * them as a host port is never placed.
 */
export const AGENT_RESERVED_PORTS: readonly number[] = [22, 2375, 2376, 51678, 51679, 51680];

/** `first-last` of a `containerPortRange`. */
export const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;

/** A port or range a mapping claims, and where. */
export interface PortInterval {
  readonly from: number;
  readonly to: number;
  readonly protocol: string;
  readonly where: string;
}

/** What the port checks collect across the containers of a task. */
export interface PortLedger {
  /** Container ports of the whole task (awsvpc and host: one network namespace). */
  readonly taskPorts: PortInterval[];
  /** Static host ports (bridge). */
  readonly hostPorts: PortInterval[];
}

/** A number known at synth time. */
export function known(v: unknown): v is number {
  return typeof v === 'number' && !isUnresolved(v);
}

function sharesNamespace(mode: NetworkMode): boolean {
  return mode === NetworkMode.AWSVPC || mode === NetworkMode.HOST;
}

/** Problems of a single-port mapping; returns the port when it is valid. */
function checkSinglePort(
  pm: PortMapping,
  pat: string,
  mode: NetworkMode,
  protocol: string,
  ledger: PortLedger,
  out: Problem[],
): { from: number; to: number } | undefined {
  const p = pm.containerPort!;
  let interval: { from: number; to: number } | undefined;
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
  if (pm.hostPort !== undefined && known(pm.hostPort) && known(p) && pm.hostPort !== p && sharesNamespace(mode)) {
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
    ledger.hostPorts.push({ from: pm.hostPort, to: pm.hostPort, protocol, where: pat });
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
  return interval;
}

/** Problems of a port-range mapping; returns the range when it is valid. */
function checkPortRange(
  pm: PortMapping,
  pat: string,
  mode: NetworkMode,
  out: Problem[],
): { from: number; to: number } | undefined {
  const r = pm.containerPortRange!;
  let interval: { from: number; to: number } | undefined;
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
    const m = PORT_RANGE.exec(r);
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
  return interval;
}

/**
 * Problems of one container's port mappings (`at` locates the container). Ports are recorded in
 * `ledger`, so that a port mapped twice in a task whose containers share a namespace is found.
 */
export function checkPortMappings(c: ContainerSpec, at: string, mode: NetworkMode, ledger: PortLedger): Problem[] {
  const out: Problem[] = [];
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
    if (hasPort === (pm.containerPortRange !== undefined)) {
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
    const interval = hasPort
      ? checkSinglePort(pm, pat, mode, protocol, ledger, out)
      : checkPortRange(pm, pat, mode, out);
    if (interval) out.push(...claimPort({ ...interval, protocol, where: pat }, at, mode, ledger, ownPorts));
  });
  return out;
}

/**
 * "You can't expose the same container port for multiple protocols" (within one container);
 * containers of an awsvpc or host task share one network namespace.
 */
function claimPort(
  entry: PortInterval,
  at: string,
  mode: NetworkMode,
  ledger: PortLedger,
  ownPorts: PortInterval[],
): Problem[] {
  const shared = sharesNamespace(mode);
  const scope = shared ? ledger.taskPorts : ownPorts;
  const clash = scope.find(
    (q) =>
      q.from <= entry.to &&
      entry.from <= q.to &&
      (scope === ownPorts || q.protocol === entry.protocol || q.where.startsWith(`${at}.`)),
  );
  scope.push(entry);
  if (!clash) return [];
  return [
    {
      code: 'SERVICE_CONTAINER_PORT_DUPLICATE',
      path: entry.where,
      received:
        entry.from === entry.to ? `${entry.from}/${entry.protocol}` : `${entry.from}-${entry.to}/${entry.protocol}`,
      allowed: shared
        ? `each container port once per task: containers of a ${mode} task share one network namespace (${clash.where} already maps it)`
        : `each container port once per container (${clash.where} already maps it)`,
      fix: 'map the port once, or move the second container to a port of its own',
    },
  ];
}

/** Static host ports (bridge) must be unique on the instance. */
export function checkHostPortsUnique(hostPorts: readonly PortInterval[]): Problem[] {
  const out: Problem[] = [];
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
  return out;
}
