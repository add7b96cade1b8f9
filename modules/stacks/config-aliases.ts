/**
 * Deprecated configuration keys: the names the configuration file used before it took the
 * constructs' prop names (`enableExec` before `enableExecuteCommand`). For one release each old key is
 * still accepted as an alias of its new key, with a warning that names both and the file; giving both
 * is an error. Pure: rewrites the parsed document before the schema sees it.
 */
import type { Problem } from '../core';
import { keyPath } from './config-json';
import type { SynthWarning } from './warnings';

/** One renamed key. */
export interface DeprecatedConfigKey {
  /** Where the object holding the key is: key names, `*` for every element of a list. */
  readonly at: readonly string[];
  /** The old key, still accepted until the next release. */
  readonly old: string;
  /** The key to use: the construct prop's name. */
  readonly key: string;
  /** The construct prop the key feeds. */
  readonly prop: string;
}

/** Every key the configuration renamed to its construct prop's name (CHANGELOG, Unreleased). */
export const DEPRECATED_CONFIG_KEYS: readonly DeprecatedConfigKey[] = [
  { at: ['network'], old: 'azCount', key: 'availabilityZoneCount', prop: 'NetworkProps.availabilityZoneCount' },
  { at: ['network'], old: 'natGateways', key: 'natGatewayMode', prop: 'NetworkProps.natGatewayMode' },
  { at: ['network'], old: 'endpoints', key: 'endpointServices', prop: 'NetworkProps.endpointServices' },
  { at: ['account'], old: 'trunking', key: 'awsvpcTrunking', prop: 'AccountSettingsProps.awsvpcTrunking' },
  {
    at: ['account'],
    old: 'serviceLinkedRole',
    key: 'createServiceLinkedRole',
    prop: 'AccountSettingsProps.createServiceLinkedRole',
  },
  {
    at: ['services', '*'],
    old: 'enableExec',
    key: 'enableExecuteCommand',
    prop: 'Ec2ServiceProps.enableExecuteCommand',
  },
  {
    at: ['services', '*'],
    old: 'minimumHealthyPercent',
    key: 'minHealthyPercent',
    prop: 'Ec2ServiceProps.minHealthyPercent',
  },
  { at: ['services', '*'], old: 'maximumPercent', key: 'maxHealthyPercent', prop: 'Ec2ServiceProps.maxHealthyPercent' },
  { at: ['services', '*', 'autoScaling'], old: 'minCount', key: 'minCapacity', prop: 'AutoScalingOptions.minCapacity' },
  { at: ['services', '*', 'autoScaling'], old: 'maxCount', key: 'maxCapacity', prop: 'AutoScalingOptions.maxCapacity' },
  {
    at: ['services', '*', 'autoScaling'],
    old: 'cpuTargetPercent',
    key: 'targetCpuUtilizationPercent',
    prop: 'AutoScalingOptions.targetCpuUtilizationPercent',
  },
  {
    at: ['services', '*', 'autoScaling'],
    old: 'memoryTargetPercent',
    key: 'targetMemoryUtilizationPercent',
    prop: 'AutoScalingOptions.targetMemoryUtilizationPercent',
  },
];

/**
 * The deprecated keys of the object at `segments` (a key path as zod reports it), old key to new key:
 * for "did you mean" on a misspelt old key.
 */
export function deprecatedKeysAt(segments: readonly PropertyKey[]): ReadonlyMap<string, string> {
  const at = segments.map((s) => (typeof s === 'number' ? '*' : String(s)));
  return new Map(
    DEPRECATED_CONFIG_KEYS.filter((a) => a.at.length === at.length && a.at.every((s, i) => s === at[i])).map((a) => [
      a.old,
      a.key,
    ]),
  );
}

/** What `renameDeprecatedKeys` made of a document. */
export interface RenamedConfig {
  /** The document with every old key replaced by its new key (the input itself when none was used); an old key beside its new key dropped. */
  readonly document: unknown;
  /** One warning per old key used. */
  readonly warnings: readonly SynthWarning[];
  /** One problem per object that gives an old key and its new key. */
  readonly problems: readonly Problem[];
  /**
   * The key paths written with an old key, new path to old path (`services[0].enableExecuteCommand` to
   * `services[0].enableExec`), so that a problem with the value names the key the file holds.
   */
  readonly renamedPaths: ReadonlyMap<string, string>;
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Calls `visit` with each object at `at` below `value` (and its key path), and puts back what it
 * returns: a copy of the document along the way, the input untouched.
 */
function mapAt(
  value: unknown,
  at: readonly string[],
  segments: readonly PropertyKey[],
  visit: (obj: Json, segments: readonly PropertyKey[]) => Json,
): unknown {
  if (at.length === 0) return isPlainObject(value) ? visit(value, segments) : value;
  const [head, ...rest] = at;
  if (head === '*') {
    if (!Array.isArray(value)) return value;
    const mapped = value.map((item, i) => mapAt(item, rest, [...segments, i], visit));
    return mapped.some((item, i) => item !== value[i]) ? mapped : value;
  }
  if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, head!)) return value;
  const child = mapAt(value[head!], rest, [...segments, head!], visit);
  return child === value[head!] ? value : { ...value, [head!]: child };
}

/**
 * Replaces every deprecated key of the parsed configuration `raw` by its new key (keeping its place
 * among the keys), with a warning naming the old key, the new key and the file `name`; an object that
 * gives both keys is a problem (`CONFIG_KEY_DEPRECATED_AND_NEW`), and the document goes on without the old one.
 */
export function renameDeprecatedKeys(raw: unknown, name: string): RenamedConfig {
  const warnings: SynthWarning[] = [];
  const problems: Problem[] = [];
  const renamedPaths = new Map<string, string>();
  let document = raw;
  for (const alias of DEPRECATED_CONFIG_KEYS) {
    document = mapAt(document, alias.at, [], (obj, segments) => {
      if (!Object.prototype.hasOwnProperty.call(obj, alias.old)) return obj;
      const oldPath = keyPath([...segments, alias.old]);
      const newPath = keyPath([...segments, alias.key]);
      if (Object.prototype.hasOwnProperty.call(obj, alias.key)) {
        problems.push({
          code: 'CONFIG_KEY_DEPRECATED_AND_NEW',
          path: oldPath,
          received: `both ${alias.old} and ${alias.key} in ${name}`,
          allowed: `${alias.key} only (${alias.old} is its deprecated name, accepted until the next release)`,
          fix: `remove ${oldPath} and keep ${newPath}`,
        });
        // The rest of the file is still checked, as if the old key were gone.
        return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== alias.old));
      }
      renamedPaths.set(newPath, oldPath);
      warnings.push({
        code: 'CONFIG_KEY_DEPRECATED',
        constructPath: name,
        message:
          `${oldPath} is deprecated: rename it to ${newPath} (the name of ${alias.prop}); ` +
          `the old key is accepted until the next release`,
        source: 'configuration',
      });
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === alias.old ? alias.key : k, v]));
    });
  }
  return { document, warnings, problems, renamedPaths };
}

/** `problem` with its path written as the file writes it: the old key where the file used one. */
export function withDeprecatedPath(problem: Problem, renamedPaths: ReadonlyMap<string, string>): Problem {
  for (const [newPath, oldPath] of renamedPaths) {
    const p = problem.path;
    if (p === newPath || p.startsWith(`${newPath}.`) || p.startsWith(`${newPath}[`)) {
      return { ...problem, path: `${oldPath}${p.slice(newPath.length)}` };
    }
  }
  return problem;
}
