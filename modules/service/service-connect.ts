/**
 * ECS Service Connect: a managed proxy in every task of the service that resolves short names of
 * the namespace's services and balances connections over their tasks. A client-only service lists no
 * `services`; a client-server service names the port mappings (`portMappings[].name`) it offers.
 * Pure: the checks and the `service_connect_configuration` block.
 */
import { describeValue, isUnresolved, isWindows, NetworkMode, type Problem, type TaskOsFamily } from '../core';
import type { ContainerSpec } from './container-definitions';
import type { PrivateDnsNamespace } from './private-dns-namespace';

/** An endpoint the service offers to the namespace's clients. */
export interface ServiceConnectService {
  /** The `name` of a port mapping of the task (`portMappings: [{ name: 'api', containerPort: 8080 }]`). */
  readonly portName: string;
  /**
   * The endpoint's name in Cloud Map (unique in the namespace).
   * @default - the port name
   */
  readonly discoveryName?: string;
  /**
   * The name clients connect to (`http://<dnsName>:<port>`).
   * @default - the discovery name
   */
  readonly dnsName?: string;
  /**
   * The port clients connect to.
   * @default - the port mapping's container port
   */
  readonly port?: number;
  /**
   * The port the proxy in this service's tasks listens on, when it must differ from the container
   * port (tasks admit it: add it to the security group with connections).
   * @default - the container port
   */
  readonly ingressPortOverride?: number;
}

export interface ServiceConnectOptions {
  /**
   * The Cloud Map namespace: a `PrivateDnsNamespace`, or the ARN or name of one made elsewhere (an
   * HTTP namespace works too). Services find each other in one namespace, across clusters and VPCs
   * of the Region.
   */
  readonly namespace: PrivateDnsNamespace | string;
  /**
   * Endpoints the service offers (a client-server service).
   * @default - none: a client-only service (it reaches the namespace's endpoints, offers none)
   */
  readonly services?: readonly ServiceConnectService[];
  /**
   * Whether the proxy logs to the task definition's log group (stream prefix `service-connect`).
   * @default true
   */
  readonly proxyLogs?: boolean;
}

/** What the checks look at. */
export interface ServiceConnectContext {
  readonly networkMode: NetworkMode;
  readonly osFamily: TaskOsFamily;
  readonly containers: readonly ContainerSpec[];
}

const DISCOVERY_NAME = /^[a-z0-9]([a-z0-9-]{0,62})$/i;

function validPort(p: number | undefined): boolean {
  return p === undefined || isUnresolved(p) || (Number.isInteger(p) && p >= 1 && p <= 65535);
}

/** The named port mappings of the task: name -> container port. */
export function namedPorts(containers: readonly ContainerSpec[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of containers) {
    for (const pm of c.portMappings ?? []) {
      if (typeof pm.name === 'string' && pm.containerPort !== undefined) out.set(pm.name, pm.containerPort);
    }
  }
  return out;
}

/** Service Connect against the task: network mode, OS. */
export function checkServiceConnectTask(ctx: ServiceConnectContext, path: string): Problem[] {
  const out: Problem[] = [];
  if (ctx.networkMode === NetworkMode.HOST) {
    out.push({
      code: 'SERVICE_CONNECT_HOST_MODE',
      path,
      received: 'Service Connect for a host-mode task',
      allowed: 'Service Connect with NetworkMode.AWSVPC or BRIDGE: its proxy needs a network namespace of the task',
      fix: 'use NetworkMode.AWSVPC (or serviceDiscovery: SRV records work in host mode)',
    });
  }
  if (isWindows(ctx.osFamily)) {
    out.push({
      code: 'SERVICE_CONNECT_WINDOWS',
      path,
      received: `Service Connect for a ${ctx.osFamily} task`,
      allowed: 'Service Connect for Linux tasks only (ECS runs no Service Connect proxy in Windows tasks)',
      fix: 'use serviceDiscovery (Cloud Map DNS) for Windows services',
    });
  }
  return out;
}

/** The endpoints: known port names, unique discovery names, valid ports and names. */
export function checkServiceConnectServices(
  services: readonly ServiceConnectService[],
  containers: readonly ContainerSpec[],
  path: string,
): Problem[] {
  const out: Problem[] = [];
  const ports = namedPorts(containers);
  const seen = new Map<string, number>();
  services.forEach((s, i) => {
    const at = `${path}.services[${i}]`;
    if (!isUnresolved(s.portName) && !ports.has(s.portName)) {
      out.push({
        code: 'SERVICE_CONNECT_PORT_NAME_UNKNOWN',
        path: `${at}.portName`,
        received: describeValue(s.portName),
        allowed: `the name of a port mapping of the task: ${[...ports.keys()].map((n) => JSON.stringify(n)).join(', ') || '(none is named)'}`,
        fix: "name the port mapping, e.g. portMappings: [{ name: 'api', containerPort: 8080 }], and use that name",
      });
    }
    const discovery = s.discoveryName ?? s.portName;
    if (!isUnresolved(discovery)) {
      if (!DISCOVERY_NAME.test(discovery)) {
        out.push({
          code: 'SERVICE_CONNECT_NAME_INVALID',
          path: `${at}.${s.discoveryName !== undefined ? 'discoveryName' : 'portName'}`,
          received: describeValue(discovery),
          allowed: '1-64 letters, digits and hyphens, starting with a letter or digit',
          fix: 'set discoveryName, e.g. "orders"',
        });
      }
      const first = seen.get(discovery);
      if (first !== undefined) {
        out.push({
          code: 'SERVICE_CONNECT_NAME_DUPLICATE',
          path: `${at}.discoveryName`,
          received: `${describeValue(discovery)}, already the discovery name of services[${first}]`,
          allowed: 'each discovery name once (Cloud Map refuses a second service of a name)',
          fix: 'give each endpoint its own discoveryName',
        });
      } else {
        seen.set(discovery, i);
      }
    }
    for (const key of ['port', 'ingressPortOverride'] as const) {
      if (!validPort(s[key])) {
        out.push({
          code: 'SERVICE_CONNECT_PORT_INVALID',
          path: `${at}.${key}`,
          received: describeValue(s[key]),
          allowed: 'an integer from 1 to 65535',
          fix: 'e.g. 80',
        });
      }
    }
  });
  return out;
}

/** Every problem of the Service Connect options. */
export function checkServiceConnectOptions(
  o: ServiceConnectOptions,
  ctx: ServiceConnectContext,
  path: string,
): Problem[] {
  const out = checkServiceConnectTask(ctx, path);
  if (typeof o.namespace === 'string' && !isUnresolved(o.namespace) && o.namespace.trim() === '') {
    out.push({
      code: 'SERVICE_CONNECT_NAMESPACE_INVALID',
      path: `${path}.namespace`,
      received: describeValue(o.namespace),
      allowed: "a PrivateDnsNamespace, or a Cloud Map namespace's ARN or name",
      fix: 'e.g. namespace: PrivateDnsNamespace.of(stack, network, "shop.internal")',
    });
  }
  out.push(...checkServiceConnectServices(o.services ?? [], ctx.containers, path));
  return out;
}

/** What `service_connect_configuration` needs besides the options. */
export interface ServiceConnectRenderContext {
  readonly containers: readonly ContainerSpec[];
  /** The task definition's log group and region (proxy logs). */
  readonly logGroupName: string;
  readonly region: string;
}

/** The `service_connect_configuration` block of an `aws_ecs_service`. */
export function serviceConnectBlock(o: ServiceConnectOptions, ctx: ServiceConnectRenderContext) {
  const ports = namedPorts(ctx.containers);
  const namespace = typeof o.namespace === 'string' ? o.namespace : o.namespace.namespaceArn;
  return {
    enabled: true,
    namespace,
    ...(o.proxyLogs === false
      ? {}
      : {
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': ctx.logGroupName,
              'awslogs-region': ctx.region,
              'awslogs-stream-prefix': 'service-connect',
            },
          },
        }),
    ...((o.services ?? []).length > 0
      ? {
          service: (o.services ?? []).map((s) => {
            const discoveryName = s.discoveryName ?? s.portName;
            return {
              portName: s.portName,
              discoveryName,
              clientAlias: { port: s.port ?? ports.get(s.portName)!, dnsName: s.dnsName ?? discoveryName },
              ...(s.ingressPortOverride !== undefined ? { ingressPortOverride: s.ingressPortOverride } : {}),
            };
          }),
        }
      : {}),
  };
}
