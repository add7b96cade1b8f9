/** Reads the security groups of the topology and their rules, written as one line each. */
import { blocks, compareText, JsonObject, literalBoolean, literalNumber, literalString } from './terraform-json';
import { arrayOf, optional, TopologyContext } from './topology-context';

export function readSecurityGroups(ctx: TopologyContext): void {
  for (const e of ctx.index.all('aws_security_group')) {
    ctx.securityGroups.set(e.address, {
      key: e.address,
      name: ctx.nameOf(e),
      imported: false,
      ingress: [],
      egress: [],
      ...optional('description', ctx.index.literal(e.body.description)),
    });
  }
}

export function readSecurityGroupRules(ctx: TopologyContext): void {
  const sgName = (value: unknown): string => {
    const [key] = ctx.securityGroupKeys(value);
    return key === undefined ? '?' : `sg ${ctx.securityGroups.get(key)?.name ?? key}`;
  };
  const addRule = (sgValue: unknown, direction: 'ingress' | 'egress', rule: string): void => {
    for (const key of ctx.securityGroupKeys(sgValue)) {
      const sg = ctx.securityGroups.get(key);
      if (sg && !sg[direction].includes(rule)) sg[direction].push(rule);
    }
  };
  const peers = (r: JsonObject, self: string | undefined): string[] => {
    const list: string[] = [];
    const cidrs = [r.cidr_ipv4, r.cidr_ipv6, ...arrayOf(r.cidr_blocks), ...arrayOf(r.ipv6_cidr_blocks)];
    for (const c of cidrs) {
      const t = ctx.text(c);
      if (t !== undefined) list.push(t);
    }
    for (const g of [r.referenced_security_group_id, r.source_security_group_id, ...arrayOf(r.security_groups)]) {
      if (g !== undefined && g !== null) list.push(sgName(g));
    }
    for (const p of [r.prefix_list_id, ...arrayOf(r.prefix_list_ids)]) {
      const t = ctx.text(p);
      if (t !== undefined) list.push(`prefix list ${t}`);
    }
    if (literalBoolean(r.self) === true && self !== undefined) list.push(`sg ${self} (itself)`);
    return list.length > 0 ? list : ['?'];
  };
  const describe = (r: JsonObject, direction: 'ingress' | 'egress', self: string | undefined): string =>
    `${portsOf(r)} ${direction === 'ingress' ? 'from' : 'to'} ${peers(r, self).join(', ')}`;

  for (const e of ctx.index.all('aws_security_group')) {
    const sg = ctx.securityGroups.get(e.address);
    if (!sg) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      for (const r of blocks(e.body[direction])) {
        const rule = describe(r, direction, sg.name);
        if (!sg[direction].includes(rule)) sg[direction].push(rule);
      }
    }
  }
  for (const [type, direction] of [
    ['aws_vpc_security_group_ingress_rule', 'ingress'],
    ['aws_vpc_security_group_egress_rule', 'egress'],
  ] as const) {
    for (const e of ctx.index.all(type))
      addRule(e.body.security_group_id, direction, describe(e.body, direction, undefined));
  }
  for (const e of ctx.index.all('aws_security_group_rule')) {
    const direction = ctx.index.literal(e.body.type) === 'egress' ? 'egress' : 'ingress';
    const [key] = ctx.securityGroupKeys(e.body.security_group_id);
    const self = key === undefined ? undefined : ctx.securityGroups.get(key)?.name;
    addRule(e.body.security_group_id, direction, describe(e.body, direction, self));
  }
  for (const sg of ctx.securityGroups.values()) {
    sg.ingress.sort(compareText);
    sg.egress.sort(compareText);
  }
}

/** `80/tcp`, `1024-65535/tcp`, `all traffic`, `icmp`. */
function portsOf(rule: JsonObject): string {
  const raw = literalString(rule.ip_protocol) ?? literalString(rule.protocol) ?? '?';
  const protocol =
    ({ '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' } as Record<string, string>)[raw] ?? raw.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  if (protocol === 'icmp' || protocol === 'icmpv6') return protocol;
  const from = literalNumber(rule.from_port);
  const to = literalNumber(rule.to_port) ?? from;
  if (from === undefined) return `all/${protocol}`;
  if ((from === 0 && to === 65535) || (from === -1 && to === -1)) return `all/${protocol}`;
  return from === to ? `${from}/${protocol}` : `${from}-${to}/${protocol}`;
}
