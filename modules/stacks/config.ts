/**
 * Loading the default app's configuration: find the file, parse it, validate it against the schema,
 * and turn every problem into one line that names the key path, the value received, what is allowed
 * and the fix. Cross-field checks (a service naming an unknown capacity provider, min above max)
 * live here too, so that a bad file fails before any construct is built.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { closestMatches, describeValue, Problem, ProblemCollector, ValidationError } from '../core';
import { AwsvpcConfig, configSchema, ServiceConfig } from './config-schema';

/** The file read when AWSVPC_CONFIG is not set. */
export const DEFAULT_CONFIG_FILE = 'awsvpc.config.json';

export interface LoadedConfig {
  readonly config: AwsvpcConfig;
  /** The file read; undefined when none exists and the defaults (the seeds' lab) apply. */
  readonly file?: string;
}

/**
 * Reads the configuration: `AWSVPC_CONFIG` if set (the file must exist), else `awsvpc.config.json` in
 * `cwd` when present, else the defaults. Throws a ValidationError listing every problem.
 */
export function loadConfig(cwd: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const explicit = env.AWSVPC_CONFIG;
  const file = path.resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  if (!fs.existsSync(file)) {
    if (explicit) {
      throw new ValidationError({
        code: 'CONFIG_FILE_NOT_FOUND', path: 'AWSVPC_CONFIG', received: describeValue(explicit),
        allowed: 'the path of an existing JSON file', fix: `create ${file} or point AWSVPC_CONFIG at an existing file`,
      });
    }
    return { config: parseConfig({}) };
  }
  const text = fs.readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ValidationError({
      code: 'CONFIG_NOT_JSON', path: path.relative(cwd, file) || file, received: (e as Error).message,
      allowed: 'a JSON document', fix: 'fix the JSON syntax (a JSON-aware editor, or the schema awsvpc.config.schema.json, shows where)',
    });
  }
  return { config: parseConfig(raw), file };
}

/** Validates a parsed configuration document and fills in the defaults. */
export function parseConfig(raw: unknown): AwsvpcConfig {
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throw new ValidationError(result.error.issues.flatMap((issue) => problemsOf(issue, raw)));
  }
  const problems = new ProblemCollector();
  checkCrossFields(result.data, problems);
  problems.throwIfAny();
  return result.data;
}

/**
 * Runs `build` (constructs made from the configuration at `keyPath`) and prefixes the path of every
 * problem it throws with that key path, so that an error a construct raises names the configuration
 * key a user can fix: `services[0] (Ec2Service.desiredCount): received ...`.
 */
export function atConfigPath<T>(keyPath: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (!ValidationError.isValidationError(e)) throw e;
    throw new ValidationError(e.problems.map((p) => (p.path.startsWith(keyPath) ? p : { ...p, path: `${keyPath} (${p.path})` })));
  }
}

/** A service's root filesystem is read-only unless ECS Exec is on or the user said why it must be writable. */
export function readonlyRootFilesystem(s: ServiceConfig): boolean {
  return s.readonlyRootFilesystem ?? !(s.enableExec || s.writableRootFilesystemReason !== undefined);
}

/** Renders a key path the way users write it: `services[0].loadBalancer.scheme`. */
export function keyPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out || '(root)';
}

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = (s as unknown as { _zod: { def: { type: string; innerType?: AnySchema } } })._zod.def;
    if (def.innerType && ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'].includes(def.type)) {
      s = def.innerType;
    } else {
      return s;
    }
  }
}

/** The schema node at `segments` (and the node of every object on the way), or undefined. */
function schemaAt(segments: readonly PropertyKey[], raw: unknown): AnySchema | undefined {
  let node: AnySchema | undefined = configSchema;
  let value: unknown = raw;
  for (const seg of segments) {
    if (!node) return undefined;
    const inner = unwrap(node);
    const def = (inner as unknown as { _zod: { def: Record<string, any> } })._zod.def;
    if (def.type === 'object') node = def.shape[seg as string];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else if (def.type === 'union' && def.discriminator) {
      const option = unionOption(inner, value);
      node = option ? (option as unknown as { _zod: { def: { shape: Record<string, AnySchema> } } })._zod.def.shape[seg as string] : undefined;
    } else return undefined;
    value = (value as Record<PropertyKey, unknown> | undefined)?.[seg];
  }
  return node;
}

/** The option of a discriminated union that `value`'s discriminator selects (unwrapped), if any. */
function unionOption(union: AnySchema, value: unknown): AnySchema | undefined {
  const def = (union as unknown as { _zod: { def: { discriminator: string; options: AnySchema[] } } })._zod.def;
  const tag = (value as Record<string, unknown> | undefined)?.[def.discriminator];
  const option = def.options.find((o) => {
    const shape = (unwrap(o) as unknown as { _zod: { def: { shape: Record<string, AnySchema> } } })._zod.def.shape;
    const lit = shape[def.discriminator] as unknown as { _zod: { def: { values: unknown[] } } } | undefined;
    return lit?._zod.def.values.includes(tag);
  });
  return option ? unwrap(option) : undefined;
}

function metaOf(schema: AnySchema | undefined): { description?: string; fix?: string } {
  let s = schema;
  while (s) {
    const meta = z.globalRegistry.get(s as z.ZodType) as { description?: string; fix?: string } | undefined;
    if (meta?.fix || meta?.description) return meta;
    const def = (s as unknown as { _zod: { def: { innerType?: AnySchema } } })._zod.def;
    s = def.innerType;
  }
  return {};
}

function objectKeys(segments: readonly PropertyKey[], raw: unknown): string[] {
  const node = schemaAt(segments, raw);
  if (!node) return [];
  let inner: AnySchema | undefined = unwrap(node);
  // A discriminated union (backend): the keys of the option the value's discriminator selects.
  const union = (inner as unknown as { _zod: { def: { type: string; discriminator?: string } } })._zod.def;
  if (union.type === 'union' && union.discriminator) inner = unionOption(inner, valueAt(raw, segments));
  if (!inner) return [];
  const def = (inner as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown> } } })._zod.def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function valueAt(raw: unknown, segments: readonly PropertyKey[]): unknown {
  return segments.reduce<unknown>((v, s) => (v as Record<PropertyKey, unknown> | undefined)?.[s], raw);
}

function allowedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `a value of type ${issue.expected}`;
    case 'too_big': {
      const op = issue.inclusive ? 'at most' : 'less than';
      if (issue.origin === 'array') return `${op} ${issue.maximum} items`;
      if (issue.origin === 'string') return `${op} ${issue.maximum} characters`;
      return `a number ${op} ${issue.maximum}`;
    }
    case 'too_small': {
      const op = issue.inclusive ? 'at least' : 'more than';
      if (issue.origin === 'array') return `${op} ${issue.minimum} items`;
      if (issue.origin === 'string') return `${op} ${issue.minimum} characters`;
      return `a number ${op} ${issue.minimum}`;
    }
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.message.startsWith('Invalid') && 'pattern' in issue
        ? `text matching ${String((issue as { pattern?: unknown }).pattern)}` : issue.message;
    case 'invalid_union': {
      // A discriminated union's unknown tag (backend.type), or a union of literals (retention days).
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options)) return `one of ${options.map((v) => JSON.stringify(v)).join(', ')}`;
      const literals = issue.errors.map((branch) => (branch.length === 1 && branch[0]!.code === 'invalid_value' ? branch[0]!.values : undefined));
      if (literals.length > 0 && literals.every((v) => v !== undefined)) {
        return `one of ${literals.flatMap((v) => v!).map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return 'one of the documented forms (see awsvpc.config.schema.json)';
    }
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

function problemsOf(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  const segments = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const known = objectKeys(segments, raw);
    return issue.keys.map((key) => {
      const near = closestMatches(key, known, 1);
      return {
        code: 'CONFIG_UNKNOWN_KEY',
        path: keyPath([...segments, key]),
        received: describeValue(valueAt(raw, [...segments, key])),
        allowed: `the keys ${known.join(', ')}`,
        fix: near.length > 0 ? `rename "${key}" to "${near[0]}"` : `remove "${key}"`,
      };
    });
  }
  const meta = metaOf(schemaAt(segments, raw));
  // A discriminator issue's input is the whole object, its path the discriminator key: show the key's value.
  const discriminator = issue.code === 'invalid_union' && 'discriminator' in issue;
  const received = (issue.input === undefined && !(issue.code === 'invalid_type')) || discriminator
    ? describeValue(valueAt(raw, segments)) : describeValue(issue.input);
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return [{
    code: `CONFIG_${issue.code.toUpperCase()}`,
    path: keyPath(segments),
    received: missing ? 'nothing (the key is required)' : received,
    allowed: allowedText(issue),
    fix: meta.fix ?? (meta.description ? `set it to ${allowedText(issue)} (${meta.description.replace(/\.$/, '')})` : `set it to ${allowedText(issue)}`),
  }];
}

function checkCrossFields(c: AwsvpcConfig, problems: ProblemCollector): void {
  const providerNames = c.capacityProviders.map((p) => p.name);
  const seen = new Set<string>();
  c.capacityProviders.forEach((p, i) => {
    const at = `capacityProviders[${i}]`;
    problems.check(!seen.has(p.name), {
      code: 'CONFIG_DUPLICATE_NAME', path: `${at}.name`, received: describeValue(p.name),
      allowed: 'a name no other capacity provider uses', fix: 'give each capacity provider its own name',
    });
    seen.add(p.name);
    problems.check(p.minSize <= p.maxSize, {
      code: 'CONFIG_MIN_ABOVE_MAX', path: `${at}.minSize`, received: `${p.minSize} (maxSize is ${p.maxSize})`,
      allowed: `at most maxSize (${p.maxSize})`, fix: `lower minSize or raise maxSize to at least ${p.minSize}`,
    });
    if (p.desiredCapacity !== undefined) {
      problems.check(p.desiredCapacity >= p.minSize && p.desiredCapacity <= p.maxSize, {
        code: 'CONFIG_DESIRED_OUT_OF_RANGE', path: `${at}.desiredCapacity`, received: String(p.desiredCapacity),
        allowed: `from minSize (${p.minSize}) to maxSize (${p.maxSize})`, fix: 'move desiredCapacity into [minSize, maxSize] or remove it',
      });
    }
    if (p.taskIamRoleNetworkHost) {
      problems.check(p.taskIamRoleNetworkHostReason !== undefined, {
        code: 'CONFIG_TASK_ROLE_HOST_NETWORK_UNJUSTIFIED', path: `${at}.taskIamRoleNetworkHost`, received: 'true',
        allowed: 'false, or true together with taskIamRoleNetworkHostReason',
        fix: 'say in taskIamRoleNetworkHostReason why host-mode tasks on these instances need task roles (they share ' +
          'the instance\'s network, instance metadata included), or remove the key and run host-mode services without ECS Exec',
      });
    }
  });
  const reserved = /^(aws|ecs|fargate)/i;
  problems.check(!reserved.test(c.namePrefix), {
    code: 'CONFIG_NAME_PREFIX_RESERVED', path: 'namePrefix', received: describeValue(c.namePrefix),
    allowed: 'a prefix that does not start with "aws", "ecs" or "fargate" (ECS reserves them for capacity provider names)',
    fix: `put something before it, e.g. "app-${c.namePrefix}"`,
  });
  const serviceNames = new Set<string>();
  c.services.forEach((s, i) => {
    const at = `services[${i}]`;
    problems.check(!serviceNames.has(s.name), {
      code: 'CONFIG_DUPLICATE_NAME', path: `${at}.name`, received: describeValue(s.name),
      allowed: 'a name no other service uses', fix: 'give each service its own name',
    });
    serviceNames.add(s.name);
    if (s.capacityProvider !== undefined) {
      const near = closestMatches(s.capacityProvider, providerNames, 1);
      problems.check(providerNames.includes(s.capacityProvider), {
        code: 'CONFIG_UNKNOWN_CAPACITY_PROVIDER', path: `${at}.capacityProvider`, received: describeValue(s.capacityProvider),
        allowed: `one of ${providerNames.map((n) => JSON.stringify(n)).join(', ')}`,
        fix: near.length > 0 ? `did you mean "${near[0]}"?` : 'name one of capacityProviders, or remove the key to use the first',
      });
    }
    if (s.readonlyRootFilesystem === false && !s.enableExec) {
      problems.check(s.writableRootFilesystemReason !== undefined, {
        code: 'CONFIG_WRITABLE_ROOT_UNJUSTIFIED', path: `${at}.readonlyRootFilesystem`, received: 'false',
        allowed: 'true, or false together with writableRootFilesystemReason',
        fix: 'remove the key (read-only is the default), or say why in writableRootFilesystemReason',
      });
    }
    if (s.autoScaling) {
      problems.check(s.autoScaling.minCount <= s.autoScaling.maxCount, {
        code: 'CONFIG_MIN_ABOVE_MAX', path: `${at}.autoScaling.minCount`,
        received: `${s.autoScaling.minCount} (maxCount is ${s.autoScaling.maxCount})`,
        allowed: `at most maxCount (${s.autoScaling.maxCount})`, fix: 'lower minCount or raise maxCount',
      });
    }
  });
  if (!c.network.flowLogs) {
    problems.check(c.network.flowLogsDisabledReason !== undefined, {
      code: 'CONFIG_FLOW_LOGS_OFF_UNJUSTIFIED', path: 'network.flowLogs', received: 'false',
      allowed: 'true, or false together with network.flowLogsDisabledReason',
      fix: 'remove the key (flow logs are on by default), or say why in network.flowLogsDisabledReason',
    });
  }
  const azCount = c.network.availabilityZones?.length ?? c.network.azCount;
  for (const key of ['publicSubnetCidrs', 'privateSubnetCidrs'] as const) {
    const list = c.network[key];
    if (list) {
      problems.check(list.length === azCount, {
        code: 'CONFIG_SUBNET_COUNT', path: `network.${key}`, received: `${list.length} blocks`,
        allowed: `one block per AZ (${azCount})`, fix: `list exactly ${azCount} CIDR blocks, or change azCount`,
      });
    }
  }
  if (c.network.availabilityZones) {
    problems.check(c.network.availabilityZones.every((az) => az.startsWith(c.region)), {
      code: 'CONFIG_AZ_REGION', path: 'network.availabilityZones', received: describeValue(c.network.availabilityZones),
      allowed: `zones of the region ${c.region} (${c.region}a, ${c.region}b, ...)`, fix: 'name zones of the configured region, or change region',
    });
  }
}
