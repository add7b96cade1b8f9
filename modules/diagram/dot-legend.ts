/**
 * The tables below the picture: security groups with their inbound rules and what they are attached
 * to, ECS clusters, account settings, the reader's notes, and a key to the lines. Pure: returns the
 * HTML-like tables, in order; none for an empty picture that needs no explanation.
 */
import { COLOR, escapeHtml, table } from './dot-syntax';
import type { Topology } from './topology-model';

export function legendTables(topology: Topology): string[] {
  const t = topology;
  const tables: string[] = [];
  const cell = (text: string, extra = ''): string => `<td align="left" valign="top"${extra}>${text}</td>`;
  const used = (key: string): string[] => [
    ...t.loadBalancers.filter((lb) => lb.securityGroupKeys.includes(key)).map((lb) => `load balancer ${lb.name}`),
    ...t.autoScalingGroups.filter((a) => a.securityGroupKeys.includes(key)).map((a) => `instances of ${a.name}`),
    ...t.services.filter((s) => s.securityGroupKeys.includes(key)).map((s) => `tasks of ${s.name}`),
  ];
  if (t.securityGroups.length > 0) {
    const rows = t.securityGroups.map((sg) => {
      const inbound = sg.imported
        ? 'defined outside this stack'
        : sg.ingress.length > 0
          ? sg.ingress.map(escapeHtml).join('<br align="left"/>')
          : 'none';
      return `<tr>${cell(escapeHtml(sg.name))}${cell(inbound)}${cell(used(sg.key).map(escapeHtml).join('<br align="left"/>') || '—')}</tr>`;
    });
    tables.push(table('Security groups', COLOR.securityGroup, ['name', 'inbound rules', 'attached to'], rows));
  }
  if (t.clusters.length > 0) {
    const rows = t.clusters.map((c) => {
      const services = t.services.filter((s) => s.clusterName === c.name).map((s) => s.name);
      return (
        `<tr>${cell(escapeHtml(c.name))}${cell(escapeHtml(c.capacityProviderNames.join(', ') || '—'))}` +
        `${cell(escapeHtml(services.join(', ') || '—'))}</tr>`
      );
    });
    tables.push(table('ECS clusters', COLOR.computeLine, ['cluster', 'capacity providers', 'services'], rows));
  }
  if (t.accountSettings.length > 0) {
    const rows = t.accountSettings.map((s) => `<tr>${cell(escapeHtml(s.name))}${cell(escapeHtml(s.value))}</tr>`);
    tables.push(table('ECS account settings', COLOR.computeLine, ['setting', 'value'], rows));
  }
  if (t.notes.length > 0) {
    tables.push(
      table(
        'Notes',
        COLOR.muted,
        [],
        t.notes.map((n) => `<tr>${cell(escapeHtml(n))}</tr>`),
      ),
    );
  }
  if (tables.length === 0 && t.vpcs.length === 0 && t.services.length === 0 && t.autoScalingGroups.length === 0) {
    tables.push(
      table(
        'Nothing to draw',
        COLOR.muted,
        [],
        [`<tr>${cell('this stack has no network, compute or ECS resources')}</tr>`],
      ),
    );
  }
  if (tables.length === 0) return tables;
  if (
    t.loadBalancers.length > 0 ||
    t.vpcs.some((v) => v.availabilityZones.some((az) => az.subnets.some((sn) => sn.egressNatGatewayKeys.length > 0)))
  ) {
    tables.push(
      table(
        'Lines',
        COLOR.muted,
        [],
        [
          `<tr>${cell(`<font color="${COLOR.request}"><b>——▶</b></font>`)}${cell('requests from the internet and the load balancer')}</tr>`,
          `<tr>${cell(`<font color="${COLOR.muted}"><b>- - ▶</b></font>`)}${cell('egress: private subnet → NAT gateway → internet gateway')}</tr>`,
        ],
      ),
    );
  }
  return tables;
}
