/**
 * The container of a task definition as users write it (the ECS API's `ContainerDefinition`, with
 * `environment` also as a map and `secrets` also as typed references) and what the container checks
 * know of the task. Types only: the files that check, render and grant import them from here.
 */
import type { ContainerDefinition, EnvironmentFileType, KeyValuePair, Secret } from './ecs-api.generated';
import type { ContainerSecret } from './container-secret';
import type { NetworkMode, TaskOsFamily } from '../core';

/** Environment variables by name, e.g. `{ LOG_LEVEL: 'info' }`. */
export interface EnvironmentVariables {
  readonly [name: string]: string;
}

/** Secrets by environment variable name, e.g. `{ DB_PASSWORD: ContainerSecret.fromSecretsManager(arn, { jsonKey: 'password' }) }`. */
export interface ContainerSecrets {
  readonly [name: string]: ContainerSecret;
}

/**
 * A container of a task definition: the ECS API's `ContainerDefinition`, with `name` and `image`
 * required. Keys and values are exactly the API's (camelCase), e.g.
 * `{ name: 'web', image: 'nginx', memory: 512, portMappings: [{ containerPort: 80 }] }`.
 * `environment` and `secrets` also take maps (rendered as the API's lists, sorted by name).
 */
/** An environment file: the API's `EnvironmentFile`, with `type` optional (`s3` is the only type). */
export interface ContainerEnvironmentFile {
  /** ARN of the S3 object, ending in `.env`, e.g. `aws_s3_object.arn` or `arn:aws:s3:::config/web/app.env`. */
  readonly value: string;
  /**
   * The file type.
   * @default 's3'
   */
  readonly type?: EnvironmentFileType;
}

export interface ContainerSpec extends Omit<ContainerDefinition, 'environment' | 'secrets' | 'environmentFiles'> {
  /** Container name: 1-255 letters, digits, hyphens and underscores, unique in the task. */
  readonly name: string;
  /** Image reference, e.g. `nginx:1.27` or `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`. */
  readonly image: string;
  /**
   * Plain environment variables: a map `{ NAME: 'value' }` or the API's list `[{ name, value }]`.
   * Values are stored in the task definition and the Terraform state in clear: secrets go in `secrets`.
   * A name may not also be a secret's name.
   * @default - none
   */
  readonly environment?: EnvironmentVariables | readonly KeyValuePair[];
  /**
   * Secrets injected as environment variables when the task starts: a map of typed references
   * (`ContainerSecret.fromSecretsManager(...)`, `ContainerSecret.fromSsmParameter(...)`) or the API's
   * list `[{ name, valueFrom }]`. The task's execution role is granted read access to each (and
   * kms:Decrypt on the key a typed reference names).
   * @default - none
   */
  readonly secrets?: ContainerSecrets | readonly Secret[];
  /**
   * Files of `NAME=value` lines in S3 (at most ten), read when the container starts; `environment`
   * wins over them. The execution role is granted `s3:GetObject` on each object and
   * `s3:GetBucketLocation` on its bucket.
   * @default - none
   */
  readonly environmentFiles?: readonly ContainerEnvironmentFile[];
}

/** What the container checks need to know about the task definition. */
export interface ContainerCheckContext {
  readonly networkMode: NetworkMode;
  readonly osFamily: TaskOsFamily;
  /** Task-level memory (MiB), when set. */
  readonly taskMemoryMiB?: number;
  /** Task-level CPU units, when set. */
  readonly taskCpu?: number;
  /** Path of the containers list in messages. @default 'TaskDefinition.containers' */
  readonly path?: string;
}
