/**
 * Findings about the slots of an instance that are not ENIs (pure): an instance runs one task per
 * static host port, and one task of a service with the `distinctInstance` placement constraint.
 */
import type { ServiceShare } from './budget-types';
import { type CapacityDiagnostic, diagnostic, DiagnosticSeverity } from './diagnostics';

/** One host port's tasks on a provider: at most one per instance. */
export function hostPortDiagnostics(
  cpName: string,
  maxInstances: number,
  services: readonly ServiceShare[],
): CapacityDiagnostic[] {
  const byPort = new Map<string, ServiceShare[]>();
  for (const s of services) {
    for (const port of new Set(s.staticHostPorts)) {
      if (s.steadyTasks === 0) continue;
      const list = byPort.get(port) ?? [];
      list.push(s);
      byPort.set(port, list);
    }
  }
  const out: CapacityDiagnostic[] = [];
  for (const [port, users] of [...byPort.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const total = users.reduce((a, s) => a + s.steadyTasks, 0);
    if (total <= maxInstances) continue;
    const who = users.map((s) => `service "${s.service}" ${s.steadyTasks}`).join(', ');
    out.push(
      diagnostic(
        DiagnosticSeverity.ERROR,
        {
          code: 'CAPACITY_HOST_PORTS_EXHAUSTED',
          path: `capacityProviders["${cpName}"]`,
          received: `${total} tasks binding host port ${port}: ${who}`,
          allowed: `at most ${maxInstances}: one task per instance per static host port, ${maxInstances} instances (ASG maximum)`,
          fix:
            'use awsvpc mode (each task its own ENI and port space) or dynamic host ports (bridge, hostPort 0), ' +
            `raise the ASG maximum to at least ${total}, or lower the desired counts or auto scaling maximums`,
        },
        `Capacity provider "${cpName}" cannot run ${total} tasks that bind host port ${port} (${who}): an instance ` +
          'runs one of them at a time, so the others stay PENDING (RESOURCE:PORTS).',
      ),
    );
  }
  return out;
}

/** The services that want one task per instance (`distinctInstance`): each must fit the ASG maximum. */
export function distinctInstanceDiagnostics(
  cpName: string,
  maxInstances: number,
  services: readonly ServiceShare[],
): CapacityDiagnostic[] {
  return services
    .filter((s) => s.distinctInstance && s.steadyTasks > maxInstances)
    .map((s) =>
      diagnostic(
        DiagnosticSeverity.ERROR,
        {
          code: 'CAPACITY_DISTINCT_INSTANCE_EXHAUSTED',
          path: `capacityProviders["${cpName}"]`,
          received: `service "${s.service}" with the distinctInstance constraint: ${s.steadyTasks} tasks here`,
          allowed: `at most ${maxInstances}: one task of the service per instance, ${maxInstances} instances (ASG maximum)`,
          fix:
            `raise the ASG maximum to at least ${s.steadyTasks}, lower the desired count or auto scaling maximum, ` +
            'or drop the distinctInstance constraint',
        },
        `Capacity provider "${cpName}" cannot run ${s.steadyTasks} tasks of service "${s.service}" on distinct ` +
          `instances: it has at most ${maxInstances}, so the others stay PENDING ("DistinctInstance placement constraint unsatisfied").`,
      ),
    );
}
