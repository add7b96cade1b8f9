/**
 * `awsvpc-ecs capacity <instance-type...>`: prints the ENI facts of instance types. Loads only the
 * ENI table (no cdktf), so it answers fast.
 */
import { EniCapacity, type EniCapacityFacts, TrunkingSupport } from './eni-capacity';
import { ColumnAlign, formatTextTable } from './text-table';

export const CAPACITY_USAGE = [
  'usage: awsvpc-ecs capacity [--json] [--sources] <instance-type...>',
  '',
  "Prints the ENI facts of EC2 instance types from AWS's published limits: network interfaces, IPv4",
  'addresses per interface, and the awsvpc tasks one instance runs without and with ENI trunking.',
  '',
  '  --json     print JSON instead of a table',
  '  --sources  print where each row comes from',
  '',
  'example: awsvpc-ecs capacity c5.large m6g.xlarge',
];

/** An instance type the table does not know, with the nearest known names. */
export interface UnknownInstanceType {
  readonly instanceType: string;
  readonly suggestions: readonly string[];
}

/** What `--json` prints. */
export interface CapacityCommandJson {
  readonly instanceTypes: readonly EniCapacityFacts[];
  readonly unknown: readonly UnknownInstanceType[];
}

function trunkingColumn(c: EniCapacity): string {
  switch (c.trunkingSupport) {
    case TrunkingSupport.SUPPORTED:
      return 'supported';
    case TrunkingSupport.NOT_SUPPORTED:
      return 'not supported';
    default:
      return 'unknown';
  }
}

/**
 * Runs the command with `args` (the words after `capacity`), writing lines to `out`.
 * Returns the exit code: 0 when every type is known, 1 when one is not, 2 for a usage error.
 */
export function runCapacityCommand(args: readonly string[], out: (line: string) => void): number {
  let json = false;
  let sources = false;
  const types: string[] = [];
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '--sources') sources = true;
    else if (arg === '--help' || arg === '-h') {
      CAPACITY_USAGE.forEach((l) => out(l));
      return 0;
    } else if (arg.startsWith('-')) {
      out(`capacity: unknown option ${arg}`);
      CAPACITY_USAGE.forEach((l) => out(l));
      return 2;
    } else if (!types.includes(arg)) types.push(arg);
  }
  if (types.length === 0) {
    CAPACITY_USAGE.forEach((l) => out(l));
    return 2;
  }

  const known: EniCapacity[] = [];
  const unknown: UnknownInstanceType[] = [];
  for (const t of types) {
    const c = EniCapacity.tryForInstanceType(t);
    if (c) known.push(c);
    else unknown.push({ instanceType: t, suggestions: EniCapacity.suggestInstanceTypes(t) });
  }

  if (json) {
    const doc: CapacityCommandJson = { instanceTypes: known.map((c) => c.toJSON()), unknown };
    JSON.stringify(doc, null, 2)
      .split('\n')
      .forEach((l) => out(l));
    return unknown.length > 0 ? 1 : 0;
  }

  if (known.length > 0) {
    const R = ColumnAlign.RIGHT;
    formatTextTable(
      [
        { header: 'instance type' },
        { header: 'arch' },
        { header: 'ENIs', align: R },
        { header: 'IPv4/ENI', align: R },
        { header: 'tasks', align: R },
        { header: 'trunked', align: R },
        { header: 'trunking' },
      ],
      known.map((c) => [
        c.instanceType,
        c.architecture.toLowerCase(), // EC2's spelling, as in its instance type tables
        String(c.maxNetworkInterfaces),
        c.ipv4AddressesPerInterface === undefined ? '-' : String(c.ipv4AddressesPerInterface),
        String(c.maxTasksWithoutTrunking),
        c.maxTasksWithTrunking === undefined ? '-' : String(c.maxTasksWithTrunking),
        trunkingColumn(c),
      ]),
    ).forEach((l) => out(l));
    const notes = known.flatMap((c) => [
      ...c.notes.map((n) => `${c.instanceType}: ${n}`),
      ...(sources ? c.sources.map((s) => `${c.instanceType}: source: ${s}`) : []),
    ]);
    if (notes.length > 0) {
      out('');
      notes.forEach((n) => out(n));
    }
  }
  if (unknown.length > 0) {
    if (known.length > 0) out('');
    for (const u of unknown) {
      out(
        `capacity: unknown instance type ${JSON.stringify(u.instanceType)}` +
          (u.suggestions.length > 0 ? `; did you mean ${u.suggestions.join(', ')}?` : ''),
      );
    }
    return 1;
  }
  return 0;
}
