/**
 * Loading the default app's configuration: find the file, parse it, validate it against the schema,
 * and turn every problem into one line that names the key path, the value received, what is allowed
 * and the fix. The cross-field checks (config-cross-fields.ts: a service naming an unknown capacity
 * provider, min above max, ...) run here too, so that a bad file fails before any construct is built.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import {
  closestMatches,
  describeValue,
  escapeTerraformTemplates,
  Problem,
  ProblemCollector,
  ValidationError,
} from '../core';
import { deprecatedKeysAt, renameDeprecatedKeys, withDeprecatedPath } from './config-aliases';
import { keyPath, strictJsonProblems, stripByteOrderMark } from './config-json';
import { AwsvpcConfig, configSchema, ServiceConfig } from './config-schema';
import { checkConfigCrossFields } from './config-cross-fields';
import { formatWarning, type SynthWarning } from './warnings';

export { keyPath } from './config-json';
export { s3BucketNameProblem } from './config-cross-fields';

/** The file read when AWSVPC_CONFIG is not set. */
export const DEFAULT_CONFIG_FILE = 'awsvpc.config.json';

export interface LoadedConfig {
  readonly config: AwsvpcConfig;
  /** The file read; undefined when none exists and the defaults (the seeds' lab) apply. */
  readonly file?: string;
  /**
   * The file's warnings (a deprecated key), for the synth to print and count with its own
   * (`SynthOptions.warnings`); strict mode fails on them.
   */
  readonly warnings: readonly SynthWarning[];
}

/** How `parseConfig` and `parseConfigText` name the file and report its warnings. */
export interface ConfigParseOptions {
  /**
   * How messages call the file.
   * @default 'awsvpc.config.json'
   */
  readonly name?: string;
  /**
   * Receives each warning (a deprecated key).
   * @default - printed on stdout, `warning: [CODE] <file>: <message>`
   */
  readonly onWarning?: (warning: SynthWarning) => void;
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
        code: 'CONFIG_FILE_NOT_FOUND',
        path: 'AWSVPC_CONFIG',
        received: describeValue(explicit),
        allowed: 'the path of an existing JSON file',
        fix: `create ${file} or point AWSVPC_CONFIG at an existing file`,
      });
    }
    return { config: parseConfig({}), warnings: [] };
  }
  const shown = path.relative(cwd, file) || file;
  const where = explicit ? 'AWSVPC_CONFIG' : shown;
  if (!fs.statSync(file).isFile()) {
    throw new ValidationError({
      code: 'CONFIG_FILE_NOT_A_FILE',
      path: where,
      received: `${describeValue(explicit ?? shown)} (a directory, not a file)`,
      allowed: 'the path of a JSON file',
      fix: explicit
        ? `point AWSVPC_CONFIG at the configuration file, e.g. ${path.join(explicit, DEFAULT_CONFIG_FILE)}`
        : `move the directory ${shown} away, or point AWSVPC_CONFIG at the configuration file`,
    });
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ValidationError({
      code: 'CONFIG_FILE_UNREADABLE',
      path: where,
      received: `${describeValue(explicit ?? shown)}: ${(e as Error).message}`,
      allowed: 'a file this user may read',
      fix: `make ${file} readable (its permissions), or point AWSVPC_CONFIG at another file`,
    });
  }
  const warnings: SynthWarning[] = [];
  const config = parseConfigText(text, shown, { onWarning: (w) => warnings.push(w) });
  return { config, file, warnings };
}

/**
 * Parses the text of a configuration file (`name` is how messages call it) and validates it: a
 * byte-order mark is accepted; syntax errors, keys given twice, `__proto__` keys and numbers too large
 * for a double are refused before the schema sees the document.
 */
export function parseConfigText(
  text: string,
  name: string = DEFAULT_CONFIG_FILE,
  options: Omit<ConfigParseOptions, 'name'> = {},
): AwsvpcConfig {
  const json = stripByteOrderMark(text);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new ValidationError({
      code: 'CONFIG_NOT_JSON',
      path: name,
      received: (e as Error).message,
      allowed: 'a JSON document',
      fix: 'fix the JSON syntax (a JSON-aware editor, or the schema awsvpc.config.schema.json, shows where)',
    });
  }
  const strict = strictJsonProblems(json);
  if (strict.length > 0) throw new ValidationError(strict);
  return parseConfig(raw, { ...options, name });
}

/**
 * Validates a parsed configuration document and fills in the defaults. A deprecated key is read as
 * its new key, with a warning (`options.onWarning`); a deprecated key beside its new key is an error.
 */
export function parseConfig(raw: unknown, options: ConfigParseOptions = {}): AwsvpcConfig {
  const renamed = renameDeprecatedKeys(raw, options.name ?? DEFAULT_CONFIG_FILE);
  const document = renamed.document;
  const result = configSchema.safeParse(document, { reportInput: true });
  const asWritten = (p: Problem): Problem => withDeprecatedPath(p, renamed.renamedPaths);
  if (!result.success) {
    throw new ValidationError([
      ...renamed.problems,
      ...result.error.issues.flatMap((issue) => problemsOf(issue, document)).map(asWritten),
    ]);
  }
  const problems = new ProblemCollector();
  checkConfigCrossFields(result.data, valueAt(document, ['network', 'availabilityZoneCount']), problems);
  const all = [...renamed.problems, ...problems.problems.map(asWritten)];
  if (all.length > 0) throw new ValidationError(all);
  const onWarning = options.onWarning ?? ((w: SynthWarning) => console.log(`warning: ${formatWarning(w)}`));
  renamed.warnings.forEach(onWarning);
  return result.data;
}

/**
 * The configuration as the stacks write it into Terraform JSON: every string escaped against
 * Terraform's template syntax (`${` becomes `$${`, `%{` becomes `%%{`), so that text is text (a tag
 * value `${file("/etc/hostname")}` is never evaluated). Left as they are: the container fields
 * (image, environment, user), which the container definitions escape themselves, and the written
 * reasons, which become policy suppressions and never reach Terraform.
 */
export function terraformLiteralConfig(config: AwsvpcConfig): AwsvpcConfig {
  const services = config.services.map((s) => {
    const { image, environment, user, writableRootFilesystemReason, hostNetworkModeReason, loadBalancer, ...rest } = s;
    const lb =
      loadBalancer &&
      (() => {
        const { withoutCertificateReason, ...lbRest } = loadBalancer;
        return {
          ...escapeTerraformTemplates(lbRest),
          ...(withoutCertificateReason !== undefined ? { withoutCertificateReason } : {}),
        };
      })();
    return {
      ...escapeTerraformTemplates(rest),
      image,
      environment,
      ...(user !== undefined ? { user } : {}),
      ...(writableRootFilesystemReason !== undefined ? { writableRootFilesystemReason } : {}),
      ...(hostNetworkModeReason !== undefined ? { hostNetworkModeReason } : {}),
      ...(lb ? { loadBalancer: lb } : {}),
    };
  });
  const { flowLogsDisabledReason, ...network } = config.network;
  const backend =
    config.backend.type === 's3'
      ? (() => {
          const { encryptDisabledReason, ...b } = config.backend;
          return {
            ...escapeTerraformTemplates(b),
            ...(encryptDisabledReason !== undefined ? { encryptDisabledReason } : {}),
          };
        })()
      : escapeTerraformTemplates(config.backend);
  return {
    ...escapeTerraformTemplates({ ...config, services: [], network: {}, backend: {} }),
    network: {
      ...escapeTerraformTemplates(network),
      ...(flowLogsDisabledReason !== undefined ? { flowLogsDisabledReason } : {}),
    },
    backend,
    services,
  } as AwsvpcConfig;
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
    const at = e.constructPath !== undefined ? { node: { path: e.constructPath } } : undefined;
    throw new ValidationError(
      e.problems.map((p) => (p.path.startsWith(keyPath) ? p : { ...p, path: `${keyPath} (${p.path})` })),
      at,
    );
  }
}

/** A service's root filesystem is read-only unless ECS Exec is on or the user said why it must be writable. */
export function readonlyRootFilesystem(s: ServiceConfig): boolean {
  return s.readonlyRootFilesystem ?? !(s.enableExecuteCommand || s.writableRootFilesystemReason !== undefined);
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

/** The parts of a zod 4 schema definition that `schemaAt` reads (which are set depends on `type`). */
interface SchemaDefinition {
  readonly type: string;
  readonly shape?: Readonly<Record<string, AnySchema>>;
  readonly element?: AnySchema;
  readonly valueType?: AnySchema;
  readonly discriminator?: string;
}

/** The schema node at `segments` (and the node of every object on the way), or undefined. */
function schemaAt(segments: readonly PropertyKey[], raw: unknown): AnySchema | undefined {
  let node: AnySchema | undefined = configSchema;
  let value: unknown = raw;
  for (const seg of segments) {
    if (!node) return undefined;
    const inner = unwrap(node);
    const def = (inner as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
    if (def.type === 'object') node = def.shape?.[seg as string];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else if (def.type === 'union' && def.discriminator) {
      const option = unionOption(inner, value);
      node = option
        ? (option as unknown as { _zod: { def: { shape: Record<string, AnySchema> } } })._zod.def.shape[seg as string]
        : undefined;
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
        ? `text matching ${String((issue as { pattern?: unknown }).pattern)}`
        : issue.message;
    case 'invalid_union': {
      // A discriminated union's unknown tag (backend.type), or a union of literals (retention days).
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options)) return `one of ${options.map((v) => JSON.stringify(v)).join(', ')}`;
      const literals = issue.errors.map((branch) =>
        branch.length === 1 && branch[0]!.code === 'invalid_value' ? branch[0]!.values : undefined,
      );
      if (literals.length > 0 && literals.every((v) => v !== undefined)) {
        return `one of ${literals
          .flatMap((v) => v!)
          .map((v) => JSON.stringify(v))
          .join(', ')}`;
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
    const aliases = deprecatedKeysAt(segments);
    return issue.keys.map((key) => {
      const near = closestMatches(key, [...known, ...aliases.keys()], 1).map((k) => aliases.get(k) ?? k);
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
  const received =
    (issue.input === undefined && !(issue.code === 'invalid_type')) || discriminator
      ? describeValue(valueAt(raw, segments))
      : describeValue(issue.input);
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return [
    {
      code: `CONFIG_${issue.code.toUpperCase()}`,
      path: keyPath(segments),
      received: missing ? 'nothing (the key is required)' : received,
      allowed: allowedText(issue),
      fix:
        meta.fix ??
        (meta.description
          ? `set it to ${allowedText(issue)} (${meta.description.replace(/\.$/, '')})`
          : `set it to ${allowedText(issue)}`),
    },
  ];
}
