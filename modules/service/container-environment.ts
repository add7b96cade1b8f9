/**
 * A container's environment: plain variables (a map or the API's list), environment files in S3 and
 * secrets (Secrets Manager, SSM Parameter Store). Their checks, their rendering as the API's lists,
 * and what the execution role must read for them. Pure: creates no constructs.
 */
import type { EnvironmentFile, KeyValuePair, Secret } from './ecs-api.generated';
import { describeValue, isUnresolved, type Problem } from '../core';
import {
  isContainerSecret,
  KMS_KEY_ARN,
  S3_ENV_FILE_ARN,
  SECRETS_MANAGER_ARN,
  SecretSource,
  secretArnOf,
  SSM_PARAMETER_ARN,
  SSM_PARAMETER_NAME,
  type ContainerSecret,
} from './container-secret';
import type { ContainerSpec } from './container-spec';

/** ECS reads at most ten environment files per container. */
export const MAX_ENVIRONMENT_FILES = 10;

/** The container's plain variables as the API's list: a map's entries sorted by name, a list as given. */
export function environmentList(c: Pick<ContainerSpec, 'environment'>): KeyValuePair[] | undefined {
  const env = c.environment;
  if (env === undefined) return undefined;
  if (Array.isArray(env)) return env.map((e: KeyValuePair) => ({ name: e.name, value: e.value }));
  return Object.keys(env)
    .sort()
    .map((name) => ({ name, value: (env as Record<string, string>)[name] }));
}

/** One secret of a container, whichever way it was written. */
export interface SecretEntry {
  readonly name: string | undefined;
  /** Where it was written (`secrets.NAME` or `secrets[i]`), relative to the container. */
  readonly where: string;
  /** The typed reference, when the map form was used. */
  readonly typed?: ContainerSecret;
  /** The `valueFrom` (list form), or anything else found in the map form. */
  readonly raw?: unknown;
}

/** The container's secrets, map entries sorted by name. */
export function secretEntries(c: Pick<ContainerSpec, 'secrets'>): SecretEntry[] {
  const s = c.secrets;
  if (s === undefined) return [];
  if (Array.isArray(s)) return s.map((e: Secret, i) => ({ name: e?.name, where: `secrets[${i}]`, raw: e?.valueFrom }));
  return Object.keys(s)
    .sort()
    .map((name) => {
      const v = (s as Record<string, unknown>)[name];
      return isContainerSecret(v)
        ? { name, where: `secrets.${name}`, typed: v }
        : { name, where: `secrets.${name}`, raw: v };
    });
}

/** The container's secrets as the API's list. */
export function secretList(c: Pick<ContainerSpec, 'secrets'>): Secret[] | undefined {
  if (c.secrets === undefined) return undefined;
  return secretEntries(c).map((e) => ({ name: e.name, valueFrom: e.typed ? e.typed.valueFrom : (e.raw as string) }));
}

/** The container's environment files as the API's list (`type` defaults to `s3`, the only type). */
export function environmentFileList(c: Pick<ContainerSpec, 'environmentFiles'>): EnvironmentFile[] | undefined {
  return c.environmentFiles?.map((f) => ({ value: f.value, type: f.type ?? 's3' }));
}

const VARIABLE_NAME = /^[^=\s]+$/;

/** Problems of the plain variables: names (no `=`, no spaces, once each) and string values. */
export function checkEnvironment(c: ContainerSpec, at: string): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const listForm = Array.isArray(c.environment);
  (environmentList(c) ?? []).forEach((e, i) => {
    const where = listForm ? `${at}.environment[${i}]` : `${at}.environment.${e.name}`;
    if (typeof e.name !== 'string' || (!isUnresolved(e.name) && !VARIABLE_NAME.test(e.name))) {
      out.push({
        code: 'SERVICE_ENVIRONMENT_NAME_INVALID',
        path: `${where}${listForm ? '.name' : ''}`,
        received: describeValue(e.name),
        allowed: 'a non-empty name without "=" or white space',
        fix: 'name the variable as the application reads it, e.g. LOG_LEVEL',
      });
      return;
    }
    if (seen.has(e.name)) {
      out.push({
        code: 'SERVICE_ENVIRONMENT_NAME_DUPLICATE',
        path: `${where}.name`,
        received: describeValue(e.name),
        allowed: 'each variable once per container',
        fix: 'remove the repeated entry (ECS would keep only one of the values)',
      });
    }
    seen.add(e.name);
    if (typeof e.value !== 'string') {
      out.push({
        code: 'SERVICE_ENVIRONMENT_VALUE_INVALID',
        path: listForm ? `${where}.value` : where,
        received: describeValue(e.value),
        allowed: 'a string (ECS refuses numbers, booleans and missing values)',
        fix: `quote the value, e.g. "${String(e.value)}"`,
      });
    }
  });
  return out;
}

function secretsManagerProblems(secret: ContainerSecret, where: string): Problem[] {
  const out: Problem[] = [];
  if (!isUnresolved(secret.reference) && !SECRETS_MANAGER_ARN.test(secret.reference)) {
    out.push({
      code: 'SERVICE_SECRET_ARN_INVALID',
      path: where,
      received: describeValue(secret.reference),
      allowed:
        "a Secrets Manager secret's full ARN, arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>",
      fix: 'pass the secret ARN alone (e.g. aws_secretsmanager_secret.arn) and the JSON key, stage or version as options',
    });
  }
  const id = secret.options.versionId;
  if (id !== undefined && !isUnresolved(id) && !/^[A-Za-z0-9-]{32,64}$/.test(id)) {
    out.push({
      code: 'SERVICE_SECRET_VERSION_INVALID',
      path: `${where}.versionId`,
      received: describeValue(id),
      allowed: 'a version id (32-64 letters, digits, hyphens; a UUID)',
      fix: 'give the version id Secrets Manager shows, or use versionStage (e.g. AWSPREVIOUS)',
    });
  }
  return out;
}

function ssmProblems(secret: ContainerSecret, where: string): Problem[] {
  const out: Problem[] = [];
  const ref = secret.reference;
  const misplaced = (['jsonKey', 'versionStage', 'versionId'] as const).filter((k) => secret.options[k] !== undefined);
  if (misplaced.length > 0) {
    out.push({
      code: 'SERVICE_SECRET_JSON_KEY_ON_SSM',
      path: `${where}.${misplaced[0]}`,
      received: describeValue(secret.options[misplaced[0]!]),
      allowed: 'no JSON key, version stage or version id on an SSM parameter (ECS passes the whole value)',
      fix: 'store the value in a parameter of its own, or keep the JSON in Secrets Manager (ContainerSecret.fromSecretsManager with jsonKey)',
    });
  }
  if (!isUnresolved(ref) && !SSM_PARAMETER_ARN.test(ref) && !(SSM_PARAMETER_NAME.test(ref) && !ref.startsWith('arn'))) {
    out.push({
      code: 'SERVICE_SECRET_ARN_INVALID',
      path: where,
      received: describeValue(ref),
      allowed:
        'an SSM parameter ARN, arn:<partition>:ssm:<region>:<account>:parameter/<name>, or a parameter name such as /app/db-password',
      fix: 'pass aws_ssm_parameter.arn, or the parameter name when it is in the account and region of the task',
    });
  }
  return out;
}

function listFormProblems(raw: unknown, where: string, mapForm: boolean): Problem[] {
  if (typeof raw !== 'string' || mapForm) {
    return [
      {
        code: 'SERVICE_SECRET_ARN_INVALID',
        path: where,
        received: describeValue(raw),
        allowed:
          'ContainerSecret.fromSecretsManager(...) or ContainerSecret.fromSsmParameter(...) (map form), or { name, valueFrom } (list form)',
        fix: 'wrap the ARN in a ContainerSecret factory',
      },
    ];
  }
  if (isUnresolved(raw) || SSM_PARAMETER_ARN.test(raw) || SECRETS_MANAGER_ARN.test(secretArnOf(raw))) return [];
  if (/^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[^:]+:/.test(raw)) {
    return [
      {
        code: 'SERVICE_SECRET_JSON_KEY_ON_SSM',
        path: where,
        received: describeValue(raw),
        allowed:
          'an SSM parameter ARN with nothing after the name (parameters have no JSON keys or versions in valueFrom)',
        fix: 'remove what follows the parameter name, or keep the JSON in Secrets Manager',
      },
    ];
  }
  if (!raw.startsWith('arn:') && SSM_PARAMETER_NAME.test(raw)) return [];
  return [
    {
      code: 'SERVICE_SECRET_ARN_INVALID',
      path: where,
      received: describeValue(raw),
      allowed:
        "a Secrets Manager secret ARN (optionally followed by :<json key>:<version stage>:<version id>), an SSM parameter ARN, or a parameter name of the task's account and region",
      fix: 'copy the ARN from the secret or parameter (aws_secretsmanager_secret.arn, aws_ssm_parameter.arn)',
    },
  ];
}

function kmsProblems(secret: ContainerSecret, where: string): Problem[] {
  const key = secret.options.kmsKeyArn;
  if (key === undefined || isUnresolved(key) || KMS_KEY_ARN.test(key)) return [];
  return [
    {
      code: 'SERVICE_SECRET_KMS_KEY_INVALID',
      path: `${where}.kmsKeyArn`,
      received: describeValue(key),
      allowed: 'a KMS key ARN, arn:<partition>:kms:<region>:<account>:key/<key id> (IAM does not match aliases)',
      fix: 'pass aws_kms_key.arn',
    },
  ];
}

/** Problems of the secrets: references, names (once each, never also a plain variable). */
export function checkSecrets(c: ContainerSpec, at: string): Problem[] {
  const out: Problem[] = [];
  const plain = new Set((environmentList(c) ?? []).map((e) => e.name));
  const seen = new Set<string>();
  for (const e of secretEntries(c)) {
    const where = `${at}.${e.where}`;
    if (e.typed) {
      out.push(
        ...(e.typed.source === SecretSource.SECRETS_MANAGER
          ? secretsManagerProblems(e.typed, where)
          : ssmProblems(e.typed, where)),
        ...kmsProblems(e.typed, where),
      );
    } else {
      const listForm = Array.isArray(c.secrets);
      out.push(...listFormProblems(e.raw, listForm ? `${where}.valueFrom` : where, !listForm));
    }
    if (typeof e.name !== 'string' || (!isUnresolved(e.name) && !VARIABLE_NAME.test(e.name))) {
      out.push({
        code: 'SERVICE_SECRET_NAME_INVALID',
        path: Array.isArray(c.secrets) ? `${where}.name` : where,
        received: describeValue(e.name),
        allowed: 'a non-empty environment variable name without "=" or white space',
        fix: 'name the variable the application reads the secret from',
      });
      continue;
    }
    if (plain.has(e.name)) {
      out.push({
        code: 'SERVICE_SECRET_ENVIRONMENT_CONFLICT',
        path: where,
        received: describeValue(e.name),
        allowed: 'a name that is either a secret or a plain environment variable, not both',
        fix: `remove ${e.name} from environment: the secret sets it`,
      });
    }
    if (seen.has(e.name)) {
      out.push({
        code: 'SERVICE_SECRET_NAME_DUPLICATE',
        path: where,
        received: describeValue(e.name),
        allowed: 'each secret name once per container',
        fix: 'remove the repeated entry',
      });
    }
    seen.add(e.name);
  }
  return out;
}

/** Problems of the environment files: at most ten, each an S3 object ARN ending in `.env`, type `s3`. */
export function checkEnvironmentFiles(c: ContainerSpec, at: string): Problem[] {
  const files = c.environmentFiles ?? [];
  const out: Problem[] = [];
  if (files.length > MAX_ENVIRONMENT_FILES) {
    out.push({
      code: 'SERVICE_ENVIRONMENT_FILES_TOO_MANY',
      path: `${at}.environmentFiles`,
      received: `${files.length} files`,
      allowed: `at most ${MAX_ENVIRONMENT_FILES} environment files per container`,
      fix: 'merge the files',
    });
  }
  files.forEach((f, i) => {
    const where = `${at}.environmentFiles[${i}]`;
    if (typeof f.value !== 'string' || (!isUnresolved(f.value) && !S3_ENV_FILE_ARN.test(f.value))) {
      out.push({
        code: 'SERVICE_ENVIRONMENT_FILE_INVALID',
        path: `${where}.value`,
        received: describeValue(f.value),
        allowed: 'an S3 object ARN ending in .env, e.g. arn:aws:s3:::my-bucket/web/app.env',
        fix: 'pass aws_s3_object.arn, or write arn:<partition>:s3:::<bucket>/<key>.env',
      });
    }
    if (f.type !== undefined && f.type !== 's3') {
      out.push({
        code: 'SERVICE_ENVIRONMENT_FILE_INVALID',
        path: `${where}.type`,
        received: describeValue(f.type),
        allowed: '"s3" (the only type ECS knows), or nothing',
        fix: 'write type: "s3" or leave it out',
      });
    }
  });
  return out;
}

/** What the execution role must read for the containers' environment. */
export interface EnvironmentReads {
  /** The typed secrets (their service is known). */
  readonly secrets: readonly ContainerSecret[];
  /** `valueFrom` of the API-list secrets and of log `secretOptions` (the service read from the ARN). */
  readonly secretReferences: readonly string[];
  /** S3 object ARNs of the environment files. */
  readonly environmentFiles: readonly string[];
}

/** What the execution role must read for `containers`. */
export function environmentReads(containers: readonly ContainerSpec[]): EnvironmentReads {
  const secrets: ContainerSecret[] = [];
  const secretReferences: string[] = [];
  for (const c of containers) {
    for (const e of secretEntries(c)) {
      if (e.typed) secrets.push(e.typed);
      else if (typeof e.raw === 'string') secretReferences.push(e.raw);
    }
    for (const s of c.logConfiguration?.secretOptions ?? []) {
      if (typeof s.valueFrom === 'string') secretReferences.push(s.valueFrom);
    }
  }
  const environmentFiles = containers
    .flatMap((c) => c.environmentFiles ?? [])
    .map((f) => f.value)
    .filter((v): v is string => typeof v === 'string');
  return { secrets, secretReferences, environmentFiles };
}

// ---------------------------------------------------------------------------------------------------
// Environment variables that look like secrets

/** Names that usually carry a secret: `*_PASSWORD`, `*_SECRET*`, `*_TOKEN`, `*_API_KEY`, `*_PRIVATE_KEY`, AWS keys. */
const SECRET_NAMES = [
  /(^|_)SECRET/i,
  /(^|_)(PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i,
  /^AWS_ACCESS_KEY_ID$/i,
];
/** An AWS access key id (long-term `AKIA`, temporary `ASIA`). */
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;

/** A plain environment variable that looks like a secret. */
export interface SecretLikeVariable {
  readonly containerName: string;
  readonly name: string;
  /** Why it looks like a secret. */
  readonly because: string;
}

/**
 * The `environment` entries whose name (or value: an AWS access key id) looks like a secret. Their
 * values are written in plain text into the task definition (readable with ecs:DescribeTaskDefinition)
 * and the Terraform state; `secrets` (Secrets Manager, SSM Parameter Store) is the place for them.
 */
export function secretLikeEnvironment(containers: readonly ContainerSpec[]): SecretLikeVariable[] {
  const out: SecretLikeVariable[] = [];
  for (const c of containers) {
    for (const e of environmentList(c) ?? []) {
      const name = e.name;
      if (typeof name !== 'string' || isUnresolved(name)) continue;
      if (SECRET_NAMES.some((r) => r.test(name))) {
        out.push({ containerName: c.name, name, because: 'its name looks like a secret' });
      } else if (typeof e.value === 'string' && !isUnresolved(e.value) && ACCESS_KEY_ID.test(e.value)) {
        out.push({ containerName: c.name, name, because: 'its value is an AWS access key id' });
      }
    }
  }
  return out;
}
