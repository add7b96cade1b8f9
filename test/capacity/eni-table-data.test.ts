/**
 * The table agrees with AWS's published data in ../shared/data/eni on every row, honouring the
 * exclusions its README documents; and the generated file is up to date with the data.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EniCapacity, TrunkingSupport } from '../../modules/capacity';
import { generateEniTable } from '../../scripts/generate-eni-table';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'eni');

/** A deliberately independent reading of the CSVs: header, then `type,a,b,source...` per line. */
function readCsv(file: string): string[][] {
  const text = fs.readFileSync(path.join(DATA_DIR, file), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cells = line.split(',');
      return [cells[0]!, cells[1]!, cells[2]!, cells.slice(3).join(',')];
    });
}

// Written out here from ../shared/data/eni/README.md ("Caveats"), independently of the generator.
const EXCLUDED_TYPES = new Set([
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
]);
const EXCLUDED_FAMILIES = new Set([
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
]);
const NEVER_TRUNKED = new Set(['t2', 't3', 't3a', 't4g', 'c4', 'm4', 'c5n']);
const excluded = (t: string): boolean => EXCLUDED_TYPES.has(t) || EXCLUDED_FAMILIES.has(t.split('.')[0]!);

describe('the ENI table against ../shared/data/eni', () => {
  const limits = readCsv('eni-limits.csv');
  const trunking = readCsv('trunking.csv');
  const trunkingByType = new Map(trunking.map((r) => [r[0]!, r]));

  test('reads the whole data set', () => {
    expect(limits).toHaveLength(1403);
    expect(trunking).toHaveLength(435);
  });

  test('agrees with eni-limits.csv on every row', () => {
    const disagreements: string[] = [];
    for (const [type, maxEnis, ipv4, source] of limits) {
      const c = EniCapacity.tryForInstanceType(type!);
      if (!c) {
        disagreements.push(`${type}: missing`);
        continue;
      }
      if (c.maxNetworkInterfaces !== Number(maxEnis))
        disagreements.push(`${type}: ENIs ${c.maxNetworkInterfaces} != ${maxEnis}`);
      if (c.ipv4AddressesPerInterface !== Number(ipv4))
        disagreements.push(`${type}: IPv4 ${c.ipv4AddressesPerInterface} != ${ipv4}`);
      if (c.maxTasksWithoutTrunking !== Number(maxEnis) - 1)
        disagreements.push(`${type}: tasks ${c.maxTasksWithoutTrunking}`);
      if (c.maxAwsvpcTasks(false) !== Number(maxEnis) - 1) disagreements.push(`${type}: maxAwsvpcTasks(false)`);
      if (c.sources[0] !== source) disagreements.push(`${type}: source ${c.sources[0]}`);
      if (c.multiCard !== source!.includes('MULTI-CARD')) disagreements.push(`${type}: multiCard`);
      if (!trunkingByType.has(type!)) {
        // No trunking row: never more than max_enis - 1; unsupported when the README says so, else unknown.
        const expected =
          excluded(type!) || NEVER_TRUNKED.has(type!.split('.')[0]!)
            ? TrunkingSupport.NOT_SUPPORTED
            : TrunkingSupport.UNKNOWN;
        if (c.trunkingSupport !== expected) disagreements.push(`${type}: support ${c.trunkingSupport} != ${expected}`);
        if (c.maxTasksWithTrunking !== undefined || c.trunkingSupported)
          disagreements.push(`${type}: trunked limit without a row`);
        if (c.maxAwsvpcTasks(true) !== Number(maxEnis) - 1)
          disagreements.push(`${type}: maxAwsvpcTasks(true) without a row`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  test('agrees with trunking.csv on every row, the exclusion list winning', () => {
    const disagreements: string[] = [];
    for (const [type, without, withTrunking, source] of trunking) {
      const c = EniCapacity.forInstanceType(type!);
      const published = Number(withTrunking);
      if (c.maxTasksWithoutTrunking !== Number(without))
        disagreements.push(`${type}: without ${c.maxTasksWithoutTrunking} != ${without}`);
      if (c.publishedTasksWithTrunking !== published)
        disagreements.push(`${type}: published ${c.publishedTasksWithTrunking}`);
      if (!c.sources.includes(source!)) disagreements.push(`${type}: trunking source missing`);
      if (excluded(type!)) {
        if (c.trunkingSupported || c.trunkingSupport !== TrunkingSupport.NOT_SUPPORTED)
          disagreements.push(`${type}: not excluded`);
        if (c.maxTasksWithTrunking !== undefined)
          disagreements.push(`${type}: excluded but trunked limit ${c.maxTasksWithTrunking}`);
        if (c.maxAwsvpcTasks(true) !== Number(without))
          disagreements.push(`${type}: excluded but maxAwsvpcTasks(true) = ${c.maxAwsvpcTasks(true)}`);
      } else {
        // A published value below the non-trunked figure (i4i.large: -2; u-18tb1.metal and u-24tb1.metal: 12
        // against 14) is "no gain from trunking" (../shared/data/eni/README.md): the non-trunked figure holds.
        const expected = published < Number(without) ? Number(without) : published;
        if (!c.trunkingSupported) disagreements.push(`${type}: not supported`);
        if (c.maxTasksWithTrunking !== expected)
          disagreements.push(`${type}: with ${c.maxTasksWithTrunking} != ${expected}`);
        if (c.maxAwsvpcTasks(true) !== expected)
          disagreements.push(`${type}: maxAwsvpcTasks(true) ${c.maxAwsvpcTasks(true)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  test('knows no instance type that is not in the data', () => {
    const inData = new Set([...limits.map((r) => r[0]!), ...trunking.map((r) => r[0]!)]);
    expect(EniCapacity.knownInstanceTypes().filter((t) => !inData.has(t))).toEqual([]);
    expect(EniCapacity.knownInstanceTypes()).toHaveLength(inData.size);
  });

  test('the generated table is up to date with the data (regenerating changes nothing)', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eni-table-')), 'eni-table.generated.ts');
    generateEniTable(DATA_DIR, out);
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'modules', 'capacity', 'eni-table.generated.ts'), 'utf8');
    // If this fails, run: node scripts/run-ts.mjs scripts/generate-eni-table.ts
    expect(fs.readFileSync(out, 'utf8') === committed).toBe(true);
  });
});
