/**
 * IAM documents of task definitions (pure: creates no constructs): the statements users grant to
 * the task role, the execution role's least-privilege statements, and the trust policies.
 *
 * No statement anywhere has a wildcard action. `ecr:GetAuthorizationToken` has resource `*` because
 * the action supports no resource-level permissions (it returns a registry-wide token); the
 * ssmmessages actions of ECS Exec are the same.
 */
import { Fn } from 'cdktf';
import { describeValue, isUnresolved, type Problem } from '../core';
import { SecretSource, secretArnOf, ssmParameterArn, type ContainerSecret } from './container-secret';

/** Effect of a statement. */
export enum PolicyEffect {
  ALLOW = 'Allow',
  DENY = 'Deny',
}

/** One condition of a statement, e.g. `{ test: 'StringEquals', variable: 'aws:SourceVpc', values: ['vpc-1'] }`. */
export interface PolicyCondition {
  /** Condition operator (`StringEquals`, `ArnLike`, ...). */
  readonly test: string;
  /** Condition key (`aws:SourceAccount`, `s3:prefix`, ...). */
  readonly variable: string;
  /** Values; any of them matches. */
  readonly values: readonly string[];
}

/** A statement granted to a role. Actions are named one by one: wildcards are refused. */
export interface PolicyStatement {
  /** Statement id (letters and digits). @default - none */
  readonly sid?: string;
  /** @default PolicyEffect.ALLOW */
  readonly effect?: PolicyEffect;
  /** Actions, each `service:Action` with no `*` or `?`. */
  readonly actions: readonly string[];
  /** Resource ARNs (or `*` where the actions support no resource-level permissions). */
  readonly resources: readonly string[];
  /** @default - none */
  readonly conditions?: readonly PolicyCondition[];
}

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const SID = /^[A-Za-z0-9]*$/;

/** Every problem of a list of statements (`path` locates the list). */
export function checkPolicyStatements(statements: readonly PolicyStatement[], path: string): Problem[] {
  const out: Problem[] = [];
  statements.forEach((s, i) => {
    const at = `${path}[${i}]`;
    if (s.actions.length === 0) {
      out.push({
        code: 'SERVICE_POLICY_ACTIONS_EMPTY',
        path: `${at}.actions`,
        received: '[]',
        allowed: 'at least one action',
        fix: 'name the actions the task needs, e.g. ["s3:GetObject"]',
      });
    }
    s.actions.forEach((a, j) => {
      if (isUnresolved(a)) return;
      if (a.includes('*') || a.includes('?')) {
        out.push({
          code: 'SERVICE_POLICY_WILDCARD_ACTION',
          path: `${at}.actions[${j}]`,
          received: describeValue(a),
          allowed: 'actions named one by one (least privilege): no "*" or "?"',
          fix: 'list the exact actions the task calls, e.g. "s3:GetObject" instead of "s3:*" or "s3:Get*"',
        });
      } else if (!ACTION.test(a)) {
        out.push({
          code: 'SERVICE_POLICY_ACTION_INVALID',
          path: `${at}.actions[${j}]`,
          received: describeValue(a),
          allowed: '"service:Action", e.g. "s3:GetObject"',
          fix: 'prefix the action with its service namespace',
        });
      }
    });
    if (s.resources.length === 0) {
      out.push({
        code: 'SERVICE_POLICY_RESOURCES_EMPTY',
        path: `${at}.resources`,
        received: '[]',
        allowed: 'at least one resource ARN',
        fix: 'name the resources the actions apply to (their ARNs)',
      });
    }
    if (s.sid !== undefined && !SID.test(s.sid)) {
      out.push({
        code: 'SERVICE_POLICY_SID_INVALID',
        path: `${at}.sid`,
        received: describeValue(s.sid),
        allowed: 'letters and digits only',
        fix: 'remove spaces and punctuation from the sid',
      });
    }
  });
  return out;
}

/** The IAM JSON of a statement (to pass to `Fn.jsonencode`). */
export function statementJson(s: PolicyStatement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.sid) out.Sid = s.sid;
  out.Effect = s.effect ?? PolicyEffect.ALLOW;
  out.Action = [...s.actions];
  out.Resource = [...s.resources];
  if (s.conditions && s.conditions.length > 0) {
    const cond: Record<string, Record<string, string[]>> = {};
    for (const c of s.conditions) {
      cond[c.test] = { ...(cond[c.test] ?? {}), [c.variable]: [...c.values] };
    }
    out.Condition = cond;
  }
  return out;
}

/** A policy document (IAM JSON, for `Fn.jsonencode`). */
export function policyDocument(statements: readonly PolicyStatement[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements.map(statementJson) };
}

/** Account, region and partition, usually tokens from `aws_caller_identity`, `aws_region`, `aws_partition`. */
export interface AccountContext {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/**
 * Trust policy for `ecs-tasks.amazonaws.com`, limited to tasks of this account (`aws:SourceAccount`)
 * and, for the task role, to ECS resources of this account and region (`aws:SourceArn`), against
 * the confused deputy.
 */
export function ecsTasksTrustPolicy(ctx: AccountContext, withSourceArn: boolean): Record<string, unknown> {
  const conditions: PolicyCondition[] = [
    { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ctx.accountId] },
  ];
  if (withSourceArn) {
    conditions.push({
      test: 'ArnLike',
      variable: 'aws:SourceArn',
      values: [`arn:${ctx.partition}:ecs:${ctx.region}:${ctx.accountId}:*`],
    });
  }
  const { Resource: _noResource, ...statement } = statementJson({
    actions: ['sts:AssumeRole'],
    resources: [],
    conditions,
  });
  return { Version: '2012-10-17', Statement: [{ ...statement, Principal: { Service: 'ecs-tasks.amazonaws.com' } }] };
}

const TRUST_POLICY_JSON = new Map<string, string>();

/**
 * `ecsTasksTrustPolicy` as IAM JSON. Every task definition of a stack asks for the same two documents
 * (the context's values are the stack's shared tokens), so each is written once.
 */
export function ecsTasksTrustPolicyJson(ctx: AccountContext, withSourceArn: boolean): string {
  const key = `${ctx.accountId}\u0000${ctx.region}\u0000${ctx.partition}\u0000${withSourceArn}`;
  let json = TRUST_POLICY_JSON.get(key);
  if (json === undefined) {
    json = JSON.stringify(ecsTasksTrustPolicy(ctx, withSourceArn));
    TRUST_POLICY_JSON.set(key, json);
  }
  return json;
}

/** An ECR image reference, parsed. */
export interface EcrImage {
  readonly accountId: string;
  readonly region: string;
  readonly repositoryName: string;
}

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._\-/]*?)(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** The repository of a literal ECR image reference; undefined for other registries and tokens. */
export function parseEcrImage(image: string): EcrImage | undefined {
  if (isUnresolved(image)) return undefined;
  const m = ECR_IMAGE.exec(image);
  return m ? { accountId: m[1]!, region: m[2]!, repositoryName: m[3]! } : undefined;
}

/** What the execution role must be able to do. */
export interface ExecutionRoleNeeds {
  /** Container images (tokens allowed). */
  readonly images: readonly string[];
  /** Repositories the images come from, when known better than the images say. @default - from the images */
  readonly ecrRepositoryArns?: readonly string[];
  /** The service's log group ARN (without `:*`). */
  readonly logGroupArn: string;
  /** `valueFrom` of secrets and log secret options: Secrets Manager ARNs, SSM parameter ARNs or names. */
  readonly secretReferences: readonly string[];
  /** Typed secrets (their service, and their KMS key when they name one, are known). @default - none */
  readonly secrets?: readonly ContainerSecret[];
  /**
   * Tells two references to the same value apart from two different values: each read of a resource
   * attribute is a new token, so the stack's `resolve` is the right key.
   * @default - the string itself
   */
  readonly referenceKey?: (value: string) => string;
  /** Environment files: each S3 object's ARN and its bucket's (see `s3BucketArnOf`). @default - none */
  readonly environmentFiles?: readonly EnvironmentFileLocation[];
  /** Secrets Manager ARNs of private registry credentials. */
  readonly registryCredentials: readonly string[];
}

/**
 * The execution role's statements: pull from ECR (scoped to the repositories when they are known,
 * and only when some image may come from ECR), write the service's log group, read the secrets the
 * containers name. Unresolved secret references are granted to both Secrets Manager and SSM (the
 * service cannot be told at synth time).
 */
export function executionRoleStatements(needs: ExecutionRoleNeeds, ctx: AccountContext): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const unresolvedImage = needs.images.some((i) => isUnresolved(i));
  const derived = needs.images
    .map(parseEcrImage)
    .filter((e): e is EcrImage => e !== undefined)
    .map((e) => `arn:${ctx.partition}:ecr:${e.region}:${e.accountId}:repository/${e.repositoryName}`);
  const explicit = needs.ecrRepositoryArns ?? [];
  const repositories = [...new Set([...explicit, ...derived])];
  const mayUseEcr = repositories.length > 0 || unresolvedImage;
  if (mayUseEcr) {
    out.push({ sid: 'EcrAuthorization', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] });
    out.push({
      sid: 'EcrPull',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: unresolvedImage && explicit.length === 0 ? ['*'] : repositories,
    });
  }
  out.push({
    sid: 'ServiceLogs',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [`${needs.logGroupArn}:*`],
  });
  return [...out, ...secretStatements(needs, ctx), ...environmentFileStatements(needs.environmentFiles ?? [])];
}

/** Resources in the order added, each once (by `key`). */
class UniqueResources {
  private readonly byKey = new Map<string, string>();
  constructor(private readonly key: (value: string) => string = (v) => v) {}
  public add(value: string): void {
    const k = this.key(value);
    if (!this.byKey.has(k)) this.byKey.set(k, value);
  }
  public get size(): number {
    return this.byKey.size;
  }
  public get values(): string[] {
    return [...this.byKey.values()];
  }
}

/**
 * Read access to each secret: GetSecretValue on each Secrets Manager secret, GetParameters on each
 * parameter, and kms:Decrypt on the customer managed keys typed secrets name, through that service only.
 */
function secretStatements(needs: ExecutionRoleNeeds, ctx: AccountContext): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const unique = () => new UniqueResources(needs.referenceKey);
  const secretsManager = unique();
  needs.registryCredentials.forEach((v) => secretsManager.add(isUnresolved(v) ? v : secretArnOf(v)));
  const ssm = unique();
  for (const ref of needs.secretReferences) {
    if (isUnresolved(ref)) {
      secretsManager.add(ref);
      ssm.add(ref);
    } else if (/^arn:[^:]+:secretsmanager:/.test(ref)) {
      secretsManager.add(secretArnOf(ref));
    } else {
      ssm.add(ssmParameterArn(ref, ctx));
    }
  }
  const keys = { [SecretSource.SECRETS_MANAGER]: unique(), [SecretSource.SSM_PARAMETER]: unique() };
  for (const s of needs.secrets ?? []) {
    if (s.source === SecretSource.SECRETS_MANAGER) secretsManager.add(s.reference);
    else ssm.add(ssmParameterArn(s.reference, ctx));
    if (s.options.kmsKeyArn !== undefined) keys[s.source].add(s.options.kmsKeyArn);
  }
  if (secretsManager.size > 0) {
    out.push({ sid: 'ReadSecrets', actions: ['secretsmanager:GetSecretValue'], resources: secretsManager.values });
  }
  if (ssm.size > 0) {
    out.push({ sid: 'ReadParameters', actions: ['ssm:GetParameters'], resources: ssm.values });
  }
  for (const [source, sid] of [
    [SecretSource.SECRETS_MANAGER, 'DecryptSecrets'],
    [SecretSource.SSM_PARAMETER, 'DecryptParameters'],
  ] as const) {
    if (keys[source].size === 0) continue;
    out.push({
      sid,
      actions: ['kms:Decrypt'],
      resources: keys[source].values,
      conditions: [
        { test: 'StringEquals', variable: 'kms:ViaService', values: [`${source}.${ctx.region}.amazonaws.com`] },
      ],
    });
  }
  return out;
}

/** An environment file in S3. */
export interface EnvironmentFileLocation {
  /** The object's ARN, `arn:<partition>:s3:::<bucket>/<key>`. */
  readonly objectArn: string;
  /** Its bucket's ARN, `arn:<partition>:s3:::<bucket>`. */
  readonly bucketArn: string;
}

/**
 * The bucket ARN of an S3 object ARN (`arn:aws:s3:::bucket/key`). For an ARN only known at apply
 * time, the Terraform expression that computes it: put it in a `TerraformLocal` before using it in a
 * policy (its quoted "/" inside a JSON document would hide the document from the policy pack).
 */
export function s3BucketArnOf(objectArn: string): string {
  return isUnresolved(objectArn) ? Fn.element(Fn.split('/', objectArn), 0) : objectArn.split('/')[0]!;
}

/** Read access to each environment file: s3:GetObject on the object, s3:GetBucketLocation on its bucket. */
function environmentFileStatements(files: readonly EnvironmentFileLocation[]): PolicyStatement[] {
  if (files.length === 0) return [];
  return [
    { sid: 'ReadEnvironmentFiles', actions: ['s3:GetObject'], resources: [...new Set(files.map((f) => f.objectArn))] },
    {
      sid: 'LocateEnvironmentFileBuckets',
      actions: ['s3:GetBucketLocation'],
      resources: [...new Set(files.map((f) => f.bucketArn))],
    },
  ];
}

/** Statements ECS Exec needs in the task role (the SSM agent in the task opens the session channels). */
export function executeCommandStatements(
  logging: { logGroupArn?: string; kmsKeyArn?: string },
  ctx: AccountContext,
): PolicyStatement[] {
  const out: PolicyStatement[] = [
    {
      sid: 'EcsExecChannels',
      actions: [
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ],
      resources: ['*'],
    },
  ];
  if (logging.logGroupArn !== undefined) {
    out.push({
      sid: 'EcsExecFindLogGroup',
      actions: ['logs:DescribeLogGroups'],
      resources: [`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*`],
    });
    out.push({
      sid: 'EcsExecSessionLogs',
      actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resources: [`${logging.logGroupArn}:*`],
    });
  }
  if (logging.kmsKeyArn !== undefined) {
    out.push({ sid: 'EcsExecDecrypt', actions: ['kms:Decrypt'], resources: [logging.kmsKeyArn] });
  }
  return out;
}
