/**
 * Typed references to the secrets a container reads at start (Secrets Manager secrets, whole or one
 * JSON key, and SSM parameters), and the ARN grammar the checks and grants share. Pure: no constructs.
 */
import { isUnresolved } from '../core';

/** Where a container secret is stored. */
export enum SecretSource {
  /** An AWS Secrets Manager secret (`secretsmanager:GetSecretValue`). */
  SECRETS_MANAGER = 'secretsmanager',
  /** An SSM Parameter Store parameter, usually a SecureString (`ssm:GetParameters`). */
  SSM_PARAMETER = 'ssm',
}

/** Options of a Secrets Manager secret (the parts of `valueFrom` after the secret's ARN). */
export interface SecretsManagerSecretOptions {
  /**
   * A top-level key of the secret's JSON value: the variable receives that key's value only.
   * @default - the whole secret string
   */
  readonly jsonKey?: string;
  /**
   * Staging label of the version to read, e.g. `AWSPREVIOUS`.
   * @default - AWSCURRENT
   */
  readonly versionStage?: string;
  /**
   * Id (a UUID) of the version to read.
   * @default - the version `versionStage` names
   */
  readonly versionId?: string;
  /**
   * ARN of the customer managed KMS key that encrypts the secret: the execution role gets
   * `kms:Decrypt` on that key, through Secrets Manager only (`kms:ViaService`).
   * @default - the AWS managed key `aws/secretsmanager`: no KMS grant needed
   */
  readonly kmsKeyArn?: string;
}

/** Options of an SSM parameter. */
export interface SsmParameterSecretOptions {
  /**
   * ARN of the customer managed KMS key of a SecureString parameter: the execution role gets
   * `kms:Decrypt` on that key, through Systems Manager only (`kms:ViaService`).
   * @default - the AWS managed key `aws/ssm` (or a String parameter): no KMS grant needed
   */
  readonly kmsKeyArn?: string;
}

/** A secret a container reads as an environment variable when it starts. */
export class ContainerSecret {
  /**
   * A Secrets Manager secret, whole or one JSON key, by the secret's full ARN (with its
   * six-character suffix, e.g. `arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf`).
   */
  public static fromSecretsManager(secretArn: string, options: SecretsManagerSecretOptions = {}): ContainerSecret {
    return new ContainerSecret(SecretSource.SECRETS_MANAGER, secretArn, options);
  }

  /**
   * An SSM parameter, by ARN (`arn:aws:ssm:us-east-1:123456789012:parameter/app/db-password`) or, for
   * a parameter of the task's own account and region, by name (`/app/db-password`). A value only known
   * at apply time must be the ARN (`aws_ssm_parameter.arn`): the grant is written on it as it is.
   */
  public static fromSsmParameter(parameter: string, options: SsmParameterSecretOptions = {}): ContainerSecret {
    return new ContainerSecret(SecretSource.SSM_PARAMETER, parameter, options);
  }

  private constructor(
    /** Where the secret is stored. */
    public readonly source: SecretSource,
    /** The secret's ARN, or the parameter's ARN or name, as given. */
    public readonly reference: string,
    /** The options as given (an SSM parameter's are checked for Secrets Manager-only keys). */
    public readonly options: SecretsManagerSecretOptions,
  ) {}

  /** The `valueFrom` ECS receives: `<secret ARN>[:<json key>:<version stage>:<version id>]`, or the parameter. */
  public get valueFrom(): string {
    const { jsonKey, versionStage, versionId } = this.options;
    if (this.source === SecretSource.SSM_PARAMETER) return this.reference;
    if (jsonKey === undefined && versionStage === undefined && versionId === undefined) return this.reference;
    return `${this.reference}:${jsonKey ?? ''}:${versionStage ?? ''}:${versionId ?? ''}`;
  }
}

/** Whether `value` is a ContainerSecret (of any copy of the library). */
export function isContainerSecret(value: unknown): value is ContainerSecret {
  if (value instanceof ContainerSecret) return true;
  const v = value as { source?: unknown; reference?: unknown } | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (Object.values(SecretSource) as unknown[]).includes(v.source) &&
    typeof v.reference === 'string'
  );
}

/** A Secrets Manager secret ARN (no JSON key, stage or version after it). */
export const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
/** An SSM parameter ARN. Parameter names have no `:`, so anything after one is not a parameter. */
export const SSM_PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_.\-/]+$/;
/** An SSM parameter name (the task's own account and region). */
export const SSM_PARAMETER_NAME = /^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
/** A KMS key ARN (aliases do not work in IAM policies). */
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
/** An S3 object ARN ending in `.env` (ECS reads environment files only with that extension). */
export const S3_ENV_FILE_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*\.env$/;

/** The secret ARN of a Secrets Manager `valueFrom` (which may name a JSON key, stage or version after it). */
export function secretArnOf(valueFrom: string): string {
  return isUnresolved(valueFrom) ? valueFrom : valueFrom.split(':').slice(0, 7).join(':');
}

/** The ARN of an SSM parameter given by ARN or by name (a name is in `account`'s `region`). */
export function ssmParameterArn(
  parameter: string,
  ctx: { readonly partition: string; readonly region: string; readonly accountId: string },
): string {
  if (isUnresolved(parameter) || parameter.startsWith('arn:')) return parameter;
  return `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter/${parameter.replace(/^\//, '')}`;
}
