/**
 * The dependency graph of a synthesized Terraform JSON document (pure test helper).
 *
 * Nodes are resource addresses (`aws_ecs_cluster.name`) and data source addresses
 * (`data.aws_ssm_parameter.name`). An edge A -> B means "A depends on B", from a reference to B in one
 * of A's values (`${aws_x.b.arn}`, inside any expression) or from A's `depends_on`. Terraform creates
 * B before A and destroys A before B, so a destroy walks the graph in `destroyOrder`.
 */
import { TerraformDataSource, TerraformResource } from 'cdktf';
import type { TerraformJson } from '../support/synth';

export type DependencyGraph = ReadonlyMap<string, ReadonlySet<string>>;

const ADDRESS = /(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g;

/** The Terraform address of a resource or data source construct (`type.logicalId`). */
export function addressOf(element: TerraformResource | TerraformDataSource): string {
  const prefix = element instanceof TerraformDataSource ? 'data.' : '';
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//') collectStrings(v, out);
  }
}

/** Builds the graph of `json`: every resource and data source, with the addresses it depends on. */
export function dependencyGraph(json: TerraformJson): Map<string, Set<string>> {
  const bodies = new Map<string, Record<string, unknown>>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) bodies.set(`${type}.${name}`, body);
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) bodies.set(`data.${type}.${name}`, body);
  }
  const graph = new Map<string, Set<string>>();
  for (const [address, body] of bodies) {
    const deps = new Set<string>();
    const { depends_on: dependsOn, ...rest } = body as { depends_on?: unknown };
    for (const d of Array.isArray(dependsOn) ? dependsOn : []) {
      const target = String(d).replace(/^\$\{(.*)\}$/, '$1');
      if (bodies.has(target)) deps.add(target);
    }
    const strings: string[] = [];
    collectStrings(rest, strings);
    for (const s of strings) {
      if (!s.includes('${')) continue;
      for (const m of s.matchAll(ADDRESS)) {
        const candidate = `${m[1] ?? ''}${m[2]}.${m[3]}`;
        if (bodies.has(candidate) && candidate !== address) deps.add(candidate);
      }
    }
    graph.set(address, deps);
  }
  return graph;
}

/** True when `from` depends on `to` directly or through other nodes. */
export function dependsOn(graph: DependencyGraph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [...(graph.get(from) ?? [])];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === to) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(graph.get(n) ?? []));
  }
  return false;
}

/**
 * An order in which a destroy may delete the nodes: every node comes before everything it depends
 * on. Throws on a cycle (Terraform would refuse the configuration too).
 */
export function destroyOrder(graph: DependencyGraph): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  // Depth-first post-order over dependencies gives a creation order; reversed, a destroy order.
  const visit = (n: string, trail: string[]): void => {
    const s = state.get(n);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`dependency cycle: ${[...trail, n].join(' -> ')}`);
    state.set(n, 'visiting');
    for (const d of [...(graph.get(n) ?? [])].sort()) visit(d, [...trail, n]);
    state.set(n, 'done');
    order.push(n);
  };
  for (const n of [...graph.keys()].sort()) visit(n, []);
  return order.reverse();
}
