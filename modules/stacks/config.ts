/**
 * Loading the default app's configuration: find the file, parse it, validate it against the schema,
 * and turn every problem into one line that names the key path, the value received, what is allowed
 * and the fix. Cross-field checks (a service naming an unknown capacity provider, min above max)
 * live here too, so that a bad file fails before any construct is built.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import {
  checkTags,
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
import { formatWarning, type SynthWarning } from './warnings';

export { keyPath } from './config-json';

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
  checkCrossFields(result.data, document, problems);
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

/** Why S3 refuses `bucket` as a bucket name, or undefined ("General purpose bucket naming rules"). */
export function s3BucketNameProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63) return `${bucket.length} characters (3 to 63)`;
  if (!/^[a-z0-9.-]+$/.test(bucket)) return 'characters other than lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(bucket)) return 'it must begin and end with a letter or a digit';
  if (bucket.includes('..')) return 'two dots in a row';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return 'it is written as an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => bucket.startsWith(p));
  if (prefix) return `the prefix "${prefix}" is reserved`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((s) => bucket.endsWith(s));
  if (suffix) return `the suffix "${suffix}" is reserved`;
  return undefined;
}

/** HCP Terraform organization and workspace names: letters, digits, `-` and `_`. */
const HCP_NAME = /^[A-Za-z0-9_-]+$/;
const MAX_HCP_WORKSPACE_NAME = 90;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$/;
/** The region of an ACM certificate ARN. */
const ACM_REGION = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):/;

function checkCrossFields(c: AwsvpcConfig, raw: unknown, problems: ProblemCollector): void {
  checkTags(c.tags, 'tags').forEach((p) => problems.add(p));
  const rawAzCount = valueAt(raw, ['network', 'availabilityZoneCount']);
  if (c.network.availabilityZones && typeof rawAzCount === 'number') {
    const n = c.network.availabilityZones.length;
    problems.check(rawAzCount === n, {
      code: 'CONFIG_AZ_COUNT_MISMATCH',
      path: 'network.availabilityZoneCount',
      received: `${rawAzCount} (network.availabilityZones lists ${n} zone${n === 1 ? '' : 's'})`,
      allowed: `the number of zones network.availabilityZones lists (${n}), or no availabilityZoneCount`,
      fix: `remove availabilityZoneCount (availabilityZones decides), or set it to ${n}`,
    });
  }
  const b = c.backend;
  if (b.type === 's3') {
    const why = s3BucketNameProblem(b.bucket);
    problems.check(why === undefined, () => ({
      code: 'CONFIG_S3_BUCKET_NAME_INVALID',
      path: 'backend.bucket',
      received: `${describeValue(b.bucket)}: ${why}`,
      allowed:
        '3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, ' +
        'no "..", not an IP address, none of S3\'s reserved prefixes (xn--, sthree-, amzn-s3-demo-) and suffixes (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)',
      fix: 'name the bucket that holds the state as S3 spells it',
    }));
    if (!b.encrypt) {
      problems.check(b.encryptDisabledReason !== undefined, {
        code: 'CONFIG_STATE_UNENCRYPTED_UNJUSTIFIED',
        path: 'backend.encrypt',
        received: 'false',
        allowed: 'true, or false together with backend.encryptDisabledReason',
        fix: 'remove the key (encryption is on by default), or say why in backend.encryptDisabledReason',
      });
    }
  }
  if (b.type === 'hcp') {
    problems.check(HCP_NAME.test(b.organization), {
      code: 'CONFIG_HCP_NAME_INVALID',
      path: 'backend.organization',
      received: describeValue(b.organization),
      allowed: 'letters, digits, "-" and "_" (HCP Terraform\'s organization names)',
      fix: 'write the organization name as HCP Terraform shows it',
    });
    const workspace = `${b.workspacePrefix}-${c.namePrefix}-platform`;
    problems.check(HCP_NAME.test(b.workspacePrefix) && workspace.length <= MAX_HCP_WORKSPACE_NAME, {
      code: 'CONFIG_HCP_NAME_INVALID',
      path: 'backend.workspacePrefix',
      received: `${describeValue(b.workspacePrefix)} (workspace ${describeValue(workspace)}, ${workspace.length} characters)`,
      allowed: `letters, digits, "-" and "_", and workspace names <workspacePrefix>-<stack> of at most ${MAX_HCP_WORKSPACE_NAME} characters`,
      fix: 'use a shorter prefix of letters, digits, "-" and "_"',
    });
    problems.check(HOSTNAME.test(b.hostname), {
      code: 'CONFIG_HCP_HOSTNAME_INVALID',
      path: 'backend.hostname',
      received: describeValue(b.hostname),
      allowed: 'a host name such as app.terraform.io (optionally with :port), no scheme or path',
      fix: 'write the host name only',
    });
  }
  const providerNames = c.capacityProviders.map((p) => p.name);
  const seen = new Set<string>();
  c.capacityProviders.forEach((p, i) => {
    const at = `capacityProviders[${i}]`;
    problems.check(!seen.has(p.name), {
      code: 'CONFIG_DUPLICATE_NAME',
      path: `${at}.name`,
      received: describeValue(p.name),
      allowed: 'a name no other capacity provider uses',
      fix: 'give each capacity provider its own name',
    });
    seen.add(p.name);
    problems.check(p.minSize <= p.maxSize, {
      code: 'CONFIG_MIN_ABOVE_MAX',
      path: `${at}.minSize`,
      received: `${p.minSize} (maxSize is ${p.maxSize})`,
      allowed: `at most maxSize (${p.maxSize})`,
      fix: `lower minSize or raise maxSize to at least ${p.minSize}`,
    });
    if (p.desiredCapacity !== undefined) {
      problems.check(p.desiredCapacity >= p.minSize && p.desiredCapacity <= p.maxSize, {
        code: 'CONFIG_DESIRED_OUT_OF_RANGE',
        path: `${at}.desiredCapacity`,
        received: String(p.desiredCapacity),
        allowed: `from minSize (${p.minSize}) to maxSize (${p.maxSize})`,
        fix: 'move desiredCapacity into [minSize, maxSize] or remove it',
      });
    }
    if (p.taskIamRoleNetworkHost) {
      problems.check(p.taskIamRoleNetworkHostReason !== undefined, {
        code: 'CONFIG_TASK_ROLE_HOST_NETWORK_UNJUSTIFIED',
        path: `${at}.taskIamRoleNetworkHost`,
        received: 'true',
        allowed: 'false, or true together with taskIamRoleNetworkHostReason',
        fix:
          'say in taskIamRoleNetworkHostReason why host-mode tasks on these instances need task roles (they share ' +
          "the instance's network, instance metadata included), or remove the key and run host-mode services without ECS Exec",
      });
    }
  });
  const reserved = /^(aws|ecs|fargate)/i;
  problems.check(!reserved.test(c.namePrefix), {
    code: 'CONFIG_NAME_PREFIX_RESERVED',
    path: 'namePrefix',
    received: describeValue(c.namePrefix),
    allowed:
      'a prefix that does not start with "aws", "ecs" or "fargate" (ECS reserves them for capacity provider names)',
    fix: `put something before it, e.g. "app-${c.namePrefix}"`,
  });
  const serviceNames = new Set<string>();
  c.services.forEach((s, i) => {
    const at = `services[${i}]`;
    problems.check(!serviceNames.has(s.name), {
      code: 'CONFIG_DUPLICATE_NAME',
      path: `${at}.name`,
      received: describeValue(s.name),
      allowed: 'a name no other service uses',
      fix: 'give each service its own name',
    });
    serviceNames.add(s.name);
    if (s.capacityProvider !== undefined) {
      const near = closestMatches(s.capacityProvider, providerNames, 1);
      problems.check(providerNames.includes(s.capacityProvider), {
        code: 'CONFIG_UNKNOWN_CAPACITY_PROVIDER',
        path: `${at}.capacityProvider`,
        received: describeValue(s.capacityProvider),
        allowed: `one of ${providerNames.map((n) => JSON.stringify(n)).join(', ')}`,
        fix:
          near.length > 0
            ? `did you mean "${near[0]}"?`
            : 'name one of capacityProviders, or remove the key to use the first',
      });
    }
    if (s.readonlyRootFilesystem === false && !s.enableExecuteCommand) {
      problems.check(s.writableRootFilesystemReason !== undefined, {
        code: 'CONFIG_WRITABLE_ROOT_UNJUSTIFIED',
        path: `${at}.readonlyRootFilesystem`,
        received: 'false',
        allowed: 'true, or false together with writableRootFilesystemReason',
        fix: 'remove the key (read-only is the default), or say why in writableRootFilesystemReason',
      });
    }
    if (s.networkMode === 'host') {
      problems.check(s.hostNetworkModeReason !== undefined, {
        code: 'CONFIG_HOST_MODE_UNJUSTIFIED',
        path: `${at}.networkMode`,
        received: '"host"',
        allowed: '"awsvpc" or "bridge", or "host" together with hostNetworkModeReason',
        fix: 'use awsvpc (the default: each task gets its own ENI and cannot reach the instance role), or say why in hostNetworkModeReason',
      });
    }
    const lb = s.loadBalancer;
    if (lb?.scheme === 'internet-facing' && lb.certificateArn === undefined) {
      problems.check(lb.withoutCertificateReason !== undefined, {
        code: 'CONFIG_PUBLIC_LOAD_BALANCER_WITHOUT_TLS',
        path: `${at}.loadBalancer.scheme`,
        received: '"internet-facing" without certificateArn',
        allowed:
          '"internal" (the default), or internet-facing with certificateArn (HTTPS/TLS) or withoutCertificateReason',
        fix: "set certificateArn to an ACM certificate of the app's region, use the internal scheme, or say why in withoutCertificateReason",
      });
    }
    const certRegion = lb?.certificateArn !== undefined ? ACM_REGION.exec(lb.certificateArn)?.[1] : undefined;
    if (certRegion !== undefined) {
      problems.check(certRegion === c.region, {
        code: 'CONFIG_CERTIFICATE_REGION',
        path: `${at}.loadBalancer.certificateArn`,
        received: `${describeValue(lb!.certificateArn)} (a certificate of ${certRegion})`,
        allowed: `an ACM certificate of the app's region ${c.region} (a load balancer only takes certificates of its own region)`,
        fix: `request or import the certificate in ${c.region}, or change region`,
      });
    }
    if (s.autoScaling) {
      problems.check(s.autoScaling.minCapacity <= s.autoScaling.maxCapacity, {
        code: 'CONFIG_MIN_ABOVE_MAX',
        path: `${at}.autoScaling.minCapacity`,
        received: `${s.autoScaling.minCapacity} (maxCapacity is ${s.autoScaling.maxCapacity})`,
        allowed: `at most maxCapacity (${s.autoScaling.maxCapacity})`,
        fix: 'lower minCapacity or raise maxCapacity',
      });
    }
  });
  if (!c.network.flowLogs) {
    problems.check(c.network.flowLogsDisabledReason !== undefined, {
      code: 'CONFIG_FLOW_LOGS_OFF_UNJUSTIFIED',
      path: 'network.flowLogs',
      received: 'false',
      allowed: 'true, or false together with network.flowLogsDisabledReason',
      fix: 'remove the key (flow logs are on by default), or say why in network.flowLogsDisabledReason',
    });
  }
  const azCount = c.network.availabilityZones?.length ?? c.network.availabilityZoneCount;
  for (const key of ['publicSubnetCidrs', 'privateSubnetCidrs'] as const) {
    const list = c.network[key];
    if (list) {
      problems.check(list.length === azCount, {
        code: 'CONFIG_SUBNET_COUNT',
        path: `network.${key}`,
        received: `${list.length} blocks`,
        allowed: `one block per AZ (${azCount})`,
        fix: `list exactly ${azCount} CIDR blocks, or change availabilityZoneCount`,
      });
    }
  }
  if (c.network.availabilityZones) {
    problems.check(
      c.network.availabilityZones.every((az) => az.startsWith(c.region)),
      {
        code: 'CONFIG_AZ_REGION',
        path: 'network.availabilityZones',
        received: describeValue(c.network.availabilityZones),
        allowed: `zones of the region ${c.region} (${c.region}a, ${c.region}b, ...)`,
        fix: 'name zones of the configured region, or change region',
      },
    );
  }
}
