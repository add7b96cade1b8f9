/**
 * Generates modules/capacity/eni-table.generated.ts from AWS's published ENI facts in ../shared/data/eni.
 *
 *   node scripts/run-ts.mjs scripts/generate-eni-table.ts [dataDir] [outFile]
 *
 * dataDir defaults to ../shared/data/eni and outFile to modules/capacity/eni-table.generated.ts, both
 * relative to the repository root. The output is deterministic (rows sorted by instance type, sources
 * in order of first use), so regenerating from unchanged data changes nothing.
 *
 * The script keeps the data as published (including its odd rows: i4i.large's -2, the u-* types whose
 * trunked limit is below the untrunked one); interpreting them is EniCapacity's job, where the rules
 * are documented and tested. It only adds what the data's README says in prose: the exclusion list.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Why trunking is not supported; the generated rows refer to these by index.
 * Both come from ../shared/data/eni/README.md, section "Caveats (read before encoding)".
 */
export const EXCLUSION_REASONS: readonly string[] = [
  'the ECS developer guide lists it among the types that do not support ENI trunking (this exclusion wins over any row of the trunking table)',
  'AWS publishes no trunking row for t2, t3, t3a, t4g, c4, m4 and c5n: they never run more than max_enis - 1 awsvpc tasks',
];

/**
 * ../shared/data/eni/README.md, "Caveats": "The same AWS page says these are not supported although the
 * table has rows for some of them: a1.metal, c5.metal, ... The exclusion list wins."
 */
export const EXCLUDED_INSTANCE_TYPES: readonly string[] = [
  'a1.metal',
  'c5.metal',
  'c5a.8xlarge',
  'c5ad.8xlarge',
  'c5d.metal',
  'm5.metal',
  'p3dn.24xlarge',
  'r5.metal',
  'r5.8xlarge',
  'r5d.metal',
];

/** Same README sentence: "... and the whole families c5n, d3, d3en, ..." (reason 0). */
export const EXCLUDED_FAMILIES: readonly string[] = [
  'c5n',
  'd3',
  'd3en',
  'g3',
  'g3s',
  'g4dn',
  'i3',
  'i3en',
  'inf1',
  'm5dn',
  'm5n',
  'm5zn',
  'mac1',
  'r5b',
  'r5n',
  'r5dn',
  'u-12tb1',
  'u-6tb1',
  'u-9tb1',
  'z1d',
];

/**
 * README, "Caveats": "t2/t3/t3a/t4g, c4, m4 and c5n have no trunking rows: they never get more than
 * max_enis - 1 tasks." (reason 1; c5n is already excluded above and keeps reason 0).
 */
export const NEVER_TRUNKED_FAMILIES: readonly string[] = ['t2', 't3', 't3a', 't4g', 'c4', 'm4', 'c5n'];

/** One parsed CSV row, keyed by header. */
type CsvRecord = Record<string, string>;

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF line ends). */
export function parseCsv(text: string): CsvRecord[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((cells, n) => {
    if (cells.length !== header.length) {
      throw new Error(
        `CSV row ${n + 2} has ${cells.length} fields, the header has ${header.length}: ${cells.join(',')}`,
      );
    }
    return Object.fromEntries(header.map((h, i) => [h.trim(), cells[i]!.trim()]));
  });
}

function integer(record: CsvRecord, column: string, file: string): number {
  const raw = record[column];
  if (raw === undefined || !/^-?\d+$/.test(raw)) {
    throw new Error(`${file}: ${record.instance_type}: column ${column} is not an integer: ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function familyOf(instanceType: string): string {
  const dot = instanceType.indexOf('.');
  return dot < 0 ? instanceType : instanceType.slice(0, dot);
}

/** Plain code-unit order: the same on every machine and locale. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One row of the generated table; trailing nulls are left out.
 * [maxEnis, ipv4PerEni, limitsSource, tasksWithTrunking as published, trunkingSource, exclusion]
 */
type Row = [number, number | null, number, number | null, number | null, number | null];

/** Renders the generated module from the two CSV texts. */
export function renderEniTable(limitsCsv: string, trunkingCsv: string): string {
  const limits = parseCsv(limitsCsv);
  const trunking = parseCsv(trunkingCsv);
  const sources: string[] = [];
  const sourceIndex = (s: string): number => {
    let i = sources.indexOf(s);
    if (i < 0) i = sources.push(s) - 1;
    return i;
  };
  const exclusionOf = (instanceType: string): number | null => {
    const family = familyOf(instanceType);
    if (EXCLUDED_INSTANCE_TYPES.includes(instanceType) || EXCLUDED_FAMILIES.includes(family)) return 0;
    if (NEVER_TRUNKED_FAMILIES.includes(family)) return 1;
    return null;
  };

  const rows = new Map<string, Row>();
  const sortedLimits = [...limits].sort((a, b) => byCodeUnit(a.instance_type ?? '', b.instance_type ?? ''));
  for (const r of sortedLimits) {
    const t = r.instance_type ?? '';
    if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(t))
      throw new Error(`eni-limits.csv: malformed instance type ${JSON.stringify(t)}`);
    if (rows.has(t)) throw new Error(`eni-limits.csv: ${t} appears twice`);
    rows.set(t, [
      integer(r, 'max_enis', 'eni-limits.csv'),
      integer(r, 'ipv4_per_eni', 'eni-limits.csv'),
      sourceIndex(r.source ?? ''),
      null,
      null,
      exclusionOf(t),
    ]);
  }
  const sortedTrunking = [...trunking].sort((a, b) => byCodeUnit(a.instance_type ?? '', b.instance_type ?? ''));
  const seen = new Set<string>();
  for (const r of sortedTrunking) {
    const t = r.instance_type ?? '';
    if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(t))
      throw new Error(`trunking.csv: malformed instance type ${JSON.stringify(t)}`);
    if (seen.has(t)) throw new Error(`trunking.csv: ${t} appears twice`);
    seen.add(t);
    const without = integer(r, 'tasks_without_trunking', 'trunking.csv');
    const withTrunking = integer(r, 'tasks_with_trunking', 'trunking.csv');
    const src = sourceIndex(r.source ?? '');
    const row = rows.get(t);
    if (row) {
      // The README: "All 435 trunking rows agree with eni-limits.csv on this" (tasks = max_enis - 1).
      if (row[0] - 1 !== without) {
        throw new Error(
          `trunking.csv: ${t} runs ${without} tasks without trunking but eni-limits.csv gives ` +
            `${row[0]} ENIs (${row[0] - 1} tasks); the README says they agree: check the data before regenerating`,
        );
      }
      row[3] = withTrunking;
      row[4] = src;
    } else {
      // A type the ECS table knows but the EC2 limits do not: its ENI count follows from the
      // untrunked task limit (max_enis - 1), and the IPv4 count per interface is not published.
      rows.set(t, [without + 1, null, src, withTrunking, src, exclusionOf(t)]);
    }
  }

  const typeList = [...rows.keys()].sort(byCodeUnit);
  const q = (s: string): string => JSON.stringify(s);
  const rowText = (row: Row): string => {
    const cells = [...row];
    while (cells.length > 3 && cells[cells.length - 1] === null) cells.pop();
    return `[${cells.map((c) => (c === null ? 'null' : String(c))).join(',')}]`;
  };
  const excludedTypes = [...EXCLUDED_INSTANCE_TYPES].sort(byCodeUnit);
  const excludedFamilies = new Map<string, number>();
  for (const f of EXCLUDED_FAMILIES) excludedFamilies.set(f, 0);
  for (const f of NEVER_TRUNKED_FAMILIES) if (!excludedFamilies.has(f)) excludedFamilies.set(f, 1);

  const lines = [
    '// generated by scripts/generate-eni-table.ts; do not edit.',
    '// Refresh: node scripts/run-ts.mjs scripts/generate-eni-table.ts',
    `// From ../shared/data/eni: eni-limits.csv (${limits.length} rows) and trunking.csv (${trunking.length} rows).`,
    '',
    '/** Where the rows come from, as each CSV row cites it; rows refer to these by index. */',
    'export const ENI_SOURCES: readonly string[] = [',
    ...sources.map((s) => `  ${q(s)},`),
    '];',
    '',
    '/** Why trunking is not supported (../shared/data/eni/README.md, "Caveats"); rows refer to these by index. */',
    'export const TRUNKING_EXCLUSION_REASONS: readonly string[] = [',
    ...EXCLUSION_REASONS.map((s) => `  ${q(s)},`),
    '];',
    '',
    '/** Instance types excluded from trunking one by one, with their reason (index into TRUNKING_EXCLUSION_REASONS). */',
    'export const TRUNKING_EXCLUDED_TYPES: { readonly [instanceType: string]: number } = {',
    ...excludedTypes.map((t) => `  ${q(t)}: 0,`),
    '};',
    '',
    '/** Families excluded from trunking as a whole, with their reason (index into TRUNKING_EXCLUSION_REASONS). */',
    'export const TRUNKING_EXCLUDED_FAMILIES: { readonly [family: string]: number } = {',
    ...[...excludedFamilies.keys()].sort(byCodeUnit).map((f) => `  ${q(f)}: ${excludedFamilies.get(f)},`),
    '};',
    '',
    '/**',
    ' * One instance type: [max ENIs, IPv4 addresses per ENI (null: not published), limits source,',
    ' * awsvpc tasks with trunking as published (null: no trunking row), trunking source,',
    ' * trunking exclusion reason (null: not excluded)]. Trailing nulls are left out.',
    ' */',
    'export type EniRow = readonly [number, number | null, number, (number | null)?, (number | null)?, (number | null)?];',
    '',
    '/** Every instance type of the data, sorted. */',
    'export const ENI_ROWS: { readonly [instanceType: string]: EniRow } = {',
    ...typeList.map((t) => `${q(t)}:${rowText(rows.get(t)!)},`),
    '};',
    '',
  ];
  return lines.join('\n');
}

/** Reads the CSVs from `dataDir` and writes the generated module to `outFile`. */
export function generateEniTable(dataDir: string, outFile: string): void {
  const limits = fs.readFileSync(path.join(dataDir, 'eni-limits.csv'), 'utf8');
  const trunking = fs.readFileSync(path.join(dataDir, 'trunking.csv'), 'utf8');
  fs.writeFileSync(outFile, renderEniTable(limits, trunking));
}

export const DEFAULT_DATA_DIR = path.join('..', 'shared', 'data', 'eni');
export const DEFAULT_OUT_FILE = path.join('modules', 'capacity', 'eni-table.generated.ts');

/**
 * The repository root. scripts/run-ts.mjs runs a bundled copy of this file from .gen/ but sets argv[1]
 * to this file's own path (<root>/scripts/generate-eni-table.ts); anything else runs from the root.
 */
function repoRoot(): string {
  const self = process.argv[1] ?? '';
  return /generate-eni-table\.ts$/.test(self) ? path.resolve(path.dirname(self), '..') : process.cwd();
}

function main(args: string[]): void {
  const root = repoRoot();
  const dataDir = path.resolve(root, args[0] ?? DEFAULT_DATA_DIR);
  const outFile = path.resolve(root, args[1] ?? DEFAULT_OUT_FILE);
  generateEniTable(dataDir, outFile);
  console.log(`wrote ${path.relative(process.cwd(), outFile)} from ${dataDir}`);
}

// Run when executed (scripts/run-ts.mjs sets argv[1] to this file; a plain esbuild bundle is require.main).
if (require.main === module || /generate-eni-table\.[tj]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2));
}
