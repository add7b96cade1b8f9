/**
 * An ECS task definition for EC2 capacity: awsvpc by default (host and bridge for comparison),
 * typed container definitions, a log group per service, and least-privilege task and execution roles.
 */
import { Annotations, DefaultTokenResolver, Lazy, StringConcat, TerraformLocal, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ContainerDefinition } from './ecs-api.generated';
import {
  checkTags,
  CLOUDWATCH_LOG_RETENTION_DAYS,
  type CpuArchitecture,
  declarePolicySuppression,
  describeValue,
  ECS_NAME_RULE,
  isEcsName,
  isUnresolved,
  isWindows,
  NetworkMode,
  type Problem,
  ProblemCollector,
  stackAccountId,
  stackPartition,
  stackRegion,
  TaskOsFamily,
  validHcl,
} from '../core';
import {
  checkContainerDefinitions,
  containerDefinitionsJson,
  renderContainerDefinitions,
  taskPortRanges,
  taskPorts,
  type ContainerSpec,
  type TaskPort,
} from './container-definitions';
import { environmentReads, secretLikeEnvironment } from './container-environment';
import { checkVolumes, efsTaskRoleStatements, renderVolumes, unusedVolumes, type TaskVolume } from './volumes';
import {
  checkPolicyStatements,
  ecsTasksTrustPolicyJson,
  executeCommandStatements,
  executionRoleStatements,
  policyDocument,
  s3BucketArnOf,
  type AccountContext,
  type EnvironmentFileLocation,
  type PolicyStatement,
} from './iam-policies';

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = CLOUDWATCH_LOG_RETENTION_DAYS;

/**
 * Why a task with ECS Exec has a writable root filesystem: the reason of the policy suppression
 * (AWSVPC-ECS-005) a Linux task definition declares on itself when ECS Exec is turned on.
 */
export const EXEC_WRITABLE_ROOT_REASON =
  'ECS Exec is on for this task: the SSM agent it injects into each container writes ' +
  "to the container's root filesystem, which therefore cannot be read-only.";

/** Every problem of a task definition's props (its containers and volumes included). */
function checkTaskDefinitionProps(
  props: TaskDefinitionProps,
  networkMode: NetworkMode,
  osFamily: TaskOsFamily,
): readonly Problem[] {
  const problems = new ProblemCollector();
  problems.check(isUnresolved(props.family) || isEcsName(props.family), () => ({
    code: 'SERVICE_FAMILY_INVALID',
    path: 'TaskDefinition.family',
    received: describeValue(props.family),
    allowed: ECS_NAME_RULE,
    fix: 'use the service name, e.g. "web"',
  }));
  problems.check((Object.values(NetworkMode) as string[]).includes(networkMode), () => ({
    code: 'SERVICE_NETWORK_MODE_INVALID',
    path: 'TaskDefinition.networkMode',
    received: describeValue(networkMode),
    allowed: 'NetworkMode.AWSVPC, NetworkMode.HOST or NetworkMode.BRIDGE',
    fix: 'use a NetworkMode member (ECS on EC2 also knows "none", which this library does not support)',
  }));
  problems.check(!(isWindows(osFamily) && networkMode !== NetworkMode.AWSVPC), () => ({
    code: 'SERVICE_NETWORK_MODE_UNSUPPORTED_ON_WINDOWS',
    path: 'TaskDefinition.networkMode',
    received: describeValue(networkMode),
    allowed: 'NetworkMode.AWSVPC for Windows tasks (Windows containers have no host or bridge mode)',
    fix: 'use NetworkMode.AWSVPC, or run the task on Linux',
  }));
  if (props.cpu !== undefined && !isUnresolved(props.cpu)) {
    problems.check(Number.isInteger(props.cpu) && props.cpu >= 128 && props.cpu <= 196608, () => ({
      code: 'SERVICE_TASK_CPU_INVALID',
      path: 'TaskDefinition.cpu',
      received: describeValue(props.cpu),
      allowed: 'an integer number of CPU units from 128 to 196608 (1024 = one vCPU)',
      fix: 'give CPU units, e.g. 256 for a quarter vCPU',
    }));
  }
  if (props.memoryMiB !== undefined && !isUnresolved(props.memoryMiB)) {
    problems.check(Number.isInteger(props.memoryMiB) && props.memoryMiB >= 6, () => ({
      code: 'SERVICE_TASK_MEMORY_INVALID',
      path: 'TaskDefinition.memoryMiB',
      received: describeValue(props.memoryMiB),
      allowed: 'an integer number of MiB, at least 6',
      fix: 'give the memory in MiB, e.g. 512',
    }));
  }
  const retention = props.logRetentionDays ?? 30;
  problems.check(LOG_RETENTION_DAYS.includes(retention), () => ({
    code: 'SERVICE_LOG_RETENTION_INVALID',
    path: 'TaskDefinition.logRetentionDays',
    received: describeValue(retention),
    allowed: LOG_RETENTION_DAYS.join(', '),
    fix: 'pick a retention CloudWatch Logs accepts, e.g. 30',
  }));
  checkContainerDefinitions(props.containers, {
    networkMode,
    osFamily,
    taskMemoryMiB: props.memoryMiB,
    taskCpu: props.cpu,
  }).forEach((p) => problems.add(p));
  checkPolicyStatements(props.taskRolePolicyStatements ?? [], 'TaskDefinition.taskRolePolicyStatements').forEach((p) =>
    problems.add(p),
  );
  checkTags(props.tags, 'TaskDefinition.tags').forEach((p) => problems.add(p));
  checkVolumes(props.volumes ?? [], props.containers, { osFamily }).forEach((p) => problems.add(p));
  return problems.problems;
}

export interface TaskDefinitionProps {
  /** Task definition family (1-255 letters, digits, hyphens, underscores); usually the service name. */
  readonly family: string;
  /** The containers, typed as the ECS API's `ContainerDefinition` (name and image required). */
  readonly containers: readonly ContainerSpec[];
  /**
   * Network mode.
   * @default NetworkMode.AWSVPC
   */
  readonly networkMode?: NetworkMode;
  /**
   * Task-level CPU units (1024 = one vCPU). Windows ignores task-level CPU.
   * @default - none: containers share the instance's CPU by their `cpu` weights
   */
  readonly cpu?: number;
  /**
   * Task-level memory (MiB). Without it every container needs `memory` or `memoryReservation`.
   * Windows ignores task-level memory.
   * @default - none
   */
  readonly memoryMiB?: number;
  /**
   * Operating system. A Windows family places the task only on Windows capacity.
   * @default TaskOsFamily.LINUX
   */
  readonly osFamily?: TaskOsFamily;
  /**
   * CPU architecture the images are built for; checked against the capacity provider's.
   * @default - not stated (no `cpu_architecture` in `runtime_platform`)
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * Name of the log group created for the containers without a `logConfiguration`.
   * @default `/ecs/<family>`
   */
  readonly logGroupName?: string;
  /**
   * Log retention in days (a value CloudWatch Logs accepts).
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * Data volumes the containers mount (`mountPoints[].sourceVolume` names one): bind mounts of the
   * instance, Docker volumes, EFS file systems. An EFS volume mounts with the task role's identity
   * (IAM authorization) over TLS by default; the task role is then granted the mount.
   * @default - none
   */
  readonly volumes?: readonly TaskVolume[];
  /**
   * What the task role may do (the application's own AWS calls). Actions are named one by one.
   * @default - nothing
   */
  readonly taskRolePolicyStatements?: readonly PolicyStatement[];
  /**
   * ECR repositories (ARNs) the images come from, when the images are references that cannot be
   * parsed at synth time.
   * @default - derived from literal ECR image URIs; `*` when an image is only known at apply time
   */
  readonly ecrRepositoryArns?: readonly string[];
  /**
   * Prepare the task for ECS Exec (task role ssmmessages, `initProcessEnabled`). A service with
   * `enableExecuteCommand` turns this on by itself.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Tags for the task definition, its roles and log group.
   * @default - none
   */
  readonly tags?: { readonly [key: string]: string };
}

/** Where ECS Exec session logs go, so that the task role may write them. */
export interface ExecuteCommandLogging {
  /** ARN (without `:*`) of the log group that receives session logs. @default - no session log permissions */
  readonly logGroupArn?: string;
  /** KMS key that encrypts session data. @default - none */
  readonly kmsKeyArn?: string;
}

export class TaskDefinition extends Construct {
  public readonly family: string;
  public readonly networkMode: NetworkMode;
  public readonly osFamily: TaskOsFamily;
  public readonly cpuArchitecture?: CpuArchitecture;
  /** Task-level CPU units, when set. */
  public readonly cpu?: number;
  /** Task-level memory (MiB), when set. */
  public readonly memoryMiB?: number;
  /** The containers as given. */
  public readonly containers: readonly ContainerSpec[];
  /** The volumes as given. */
  public readonly volumes: readonly TaskVolume[];
  /** The `aws_ecs_task_definition` resource. */
  public readonly resource: EcsTaskDefinition;
  /** ARN with revision (a token). */
  public readonly taskDefinitionArn: string;
  /** The log group of the containers without their own `logConfiguration`. */
  public readonly logGroup: CloudwatchLogGroup;
  /** Name prefix and tags of the task role, for when it is created later (ECS Exec turned on). */
  private readonly taskRoleProps: { readonly namePrefix?: string; readonly tags?: { readonly [key: string]: string } };
  private role?: IamRole;
  /** The role the ECS agent uses to pull images, write logs and read secrets. */
  public readonly executionRole: IamRole;
  /** Account, region and partition (tokens). */
  public readonly account: AccountContext;

  private exec = false;
  private readonly execLogging: { logGroupArn?: string; kmsKeyArn?: string } = {};
  private execPolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: TaskDefinitionProps) {
    super(scope, id);
    const networkMode = props.networkMode ?? NetworkMode.AWSVPC;
    const osFamily = props.osFamily ?? TaskOsFamily.LINUX;
    const problems = new ProblemCollector();
    checkTaskDefinitionProps(props, networkMode, osFamily).forEach((p) => problems.add(p));
    problems.throwIfAny(this);

    this.family = props.family;
    this.cpu = props.cpu;
    this.memoryMiB = props.memoryMiB;
    this.networkMode = networkMode;
    this.osFamily = osFamily;
    this.cpuArchitecture = props.cpuArchitecture;
    this.containers = props.containers;
    this.volumes = props.volumes ?? [];

    this.warn(props);

    this.account = { accountId: stackAccountId(this), region: stackRegion(this), partition: stackPartition(this) };

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: props.logGroupName ?? `/ecs/${props.family}`,
      retentionInDays: props.logRetentionDays ?? 30,
      tags: props.tags,
    });

    const prefix = (role: string) => (isUnresolved(props.family) ? undefined : `${props.family.slice(0, 31)}-${role}-`);
    this.executionRole = validHcl(
      new IamRole(this, 'execution-role', {
        namePrefix: prefix('exec'),
        description: `ECS agent for ${props.family}: pull images, write logs, read secrets`,
        assumeRolePolicy: ecsTasksTrustPolicyJson(this.account, false),
        tags: props.tags,
      }),
    );
    const reads = environmentReads(props.containers);
    const registryCredentials = props.containers
      .map((c) => c.repositoryCredentials?.credentialsParameter)
      .filter((v): v is string => typeof v === 'string');
    validHcl(
      new IamRolePolicy(this, 'execution-policy', {
        role: this.executionRole.id,
        name: 'execution',
        policy: JSON.stringify(
          policyDocument(
            executionRoleStatements(
              {
                images: props.containers.map((c) => c.image),
                ecrRepositoryArns: props.ecrRepositoryArns,
                logGroupArn: this.logGroup.arn,
                secretReferences: reads.secretReferences,
                secrets: reads.secrets,
                environmentFiles: this.environmentFileLocations(reads.environmentFiles),
                referenceKey: (v) => this.referenceKey(v),
                registryCredentials,
              },
              this.account,
            ),
          ),
        ),
      }),
    );

    this.taskRoleProps = { namePrefix: prefix('task'), tags: props.tags };
    // A host-mode task with a task role runs only on instances whose agent enables task roles for
    // host mode (ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true, off by default), so a host-mode task gets
    // a role only when it needs one: application permissions, an EFS volume mounted with IAM
    // authorization, or ECS Exec.
    const statements = props.taskRolePolicyStatements ?? [];
    const efsStatements = efsTaskRoleStatements(this.volumes, props.containers, this.account);
    if (networkMode !== NetworkMode.HOST || statements.length > 0 || efsStatements.length > 0 || this.exec) {
      const role = this.ensureTaskRole();
      if (statements.length > 0) {
        validHcl(
          new IamRolePolicy(this, 'task-policy', {
            role: role.id,
            name: 'application',
            policy: JSON.stringify(policyDocument(statements)),
          }),
        );
      }
      if (efsStatements.length > 0) {
        validHcl(
          new IamRolePolicy(this, 'efs-policy', {
            role: role.id,
            name: 'efs-volumes',
            policy: JSON.stringify(policyDocument(efsStatements)),
          }),
        );
      }
    }
    if (props.enableExecuteCommand) this.enableExecuteCommand();

    const platform =
      isWindows(osFamily) || props.cpuArchitecture !== undefined
        ? { operatingSystemFamily: osFamily, cpuArchitecture: props.cpuArchitecture }
        : undefined;
    this.resource = validHcl(
      new EcsTaskDefinition(this, 'task-definition', {
        family: props.family,
        networkMode,
        requiresCompatibilities: ['EC2'],
        cpu: props.cpu !== undefined ? String(props.cpu) : undefined,
        memory: props.memoryMiB !== undefined ? String(props.memoryMiB) : undefined,
        runtimePlatform: platform,
        executionRoleArn: this.executionRole.arn,
        taskRoleArn: this.role?.arn,
        containerDefinitions: Lazy.stringValue({ produce: () => containerDefinitionsJson(this.renderContainers()) }),
        volume: this.volumes.length > 0 ? renderVolumes(this.volumes) : undefined,
        tags: props.tags,
      }),
    );
    this.taskDefinitionArn = this.resource.arn;
  }

  /** The same for two tokens of one value (each read of a resource attribute is a new token). */
  private referenceKey(value: string): string {
    if (!isUnresolved(value)) return value;
    const resolver = new DefaultTokenResolver(new StringConcat());
    return JSON.stringify(Tokenization.resolve(value, { scope: this, resolver, preparing: false }));
  }

  /**
   * Each environment file's object and bucket ARNs. The bucket of an ARN only known at apply time is
   * computed by a Terraform local (one per file), so the policy stays plain JSON with references.
   */
  private environmentFileLocations(objectArns: readonly string[]): EnvironmentFileLocation[] {
    return [...new Set(objectArns)].map((objectArn, i) => ({
      objectArn,
      bucketArn: isUnresolved(objectArn)
        ? (new TerraformLocal(this, `environment-file-bucket-${i}`, s3BucketArnOf(objectArn)).asString as string)
        : s3BucketArnOf(objectArn),
    }));
  }

  /** Prints what is allowed but probably not meant: ignored Windows resources, secrets in plain text, unused volumes. */
  private warn(props: TaskDefinitionProps): void {
    const osFamily = this.osFamily;
    if (isWindows(osFamily) && (props.cpu !== undefined || props.memoryMiB !== undefined)) {
      Annotations.of(this).addWarning(
        '[SERVICE_WINDOWS_TASK_RESOURCES_IGNORED] Windows ignores task-level cpu and memory; ' +
          'set cpu and memory on the containers so that placement reserves them.',
      );
    }
    for (const v of secretLikeEnvironment(props.containers)) {
      Annotations.of(this).addWarning(
        `[SERVICE_ENV_LOOKS_SECRET] ${props.family}: container "${v.containerName}" sets the ` +
          `environment variable ${v.name} in plain text (${v.because}); task definitions are readable with ` +
          "ecs:DescribeTaskDefinition and the value is stored in the Terraform state. Move it to the container's `secrets` " +
          '(a Secrets Manager secret or an SSM SecureString parameter), which the execution role reads at start.',
      );
    }
    for (const name of unusedVolumes(this.volumes, props.containers)) {
      Annotations.of(this).addWarning(
        `[SERVICE_VOLUME_UNUSED] ${props.family}: no container mounts the volume "${name}" ` +
          '(no mountPoints entry names it as sourceVolume); mount it or remove it.',
      );
    }
  }

  /**
   * The role the application's containers run with. Every awsvpc and bridge task has one; a host-mode
   * task has one only with `taskRolePolicyStatements` or ECS Exec (see `hasTaskRole`).
   */
  public get taskRole(): IamRole | undefined {
    return this.role;
  }

  /**
   * Whether the task definition has a task role. A host-mode task with a task role runs only on
   * capacity whose agent sets ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true (`taskIamRoleNetworkHost`).
   */
  public get hasTaskRole(): boolean {
    return this.role !== undefined;
  }

  private ensureTaskRole(): IamRole {
    if (this.role) return this.role;
    this.role = validHcl(
      new IamRole(this, 'task-role', {
        namePrefix: this.taskRoleProps.namePrefix,
        description: `Containers of ${this.family}`,
        assumeRolePolicy: ecsTasksTrustPolicyJson(this.account, true),
        tags: this.taskRoleProps.tags,
      }),
    );
    // Created after the task definition (ECS Exec turned on by a service): point the definition at it.
    if (this.resource) this.resource.taskRoleArn = this.role.arn;
    return this.role;
  }

  /** Whether the task is prepared for ECS Exec. */
  public get executeCommandEnabled(): boolean {
    return this.exec;
  }

  /**
   * Prepares the task for ECS Exec: ssmmessages permissions in the task role (and permission to
   * write session logs where `logging` says), and `initProcessEnabled` on Linux containers.
   * Idempotent; later calls add logging targets.
   */
  public enableExecuteCommand(logging: ExecuteCommandLogging = {}): void {
    if (!this.exec && !isWindows(this.osFamily)) {
      declarePolicySuppression(this, 'AWSVPC-ECS-005', EXEC_WRITABLE_ROOT_REASON);
    }
    this.exec = true;
    if (logging.logGroupArn !== undefined) this.execLogging.logGroupArn = logging.logGroupArn;
    if (logging.kmsKeyArn !== undefined) this.execLogging.kmsKeyArn = logging.kmsKeyArn;
    if (this.execPolicy) return;
    const role = this.ensureTaskRole();
    this.execPolicy = validHcl(
      new IamRolePolicy(this, 'exec-policy', {
        role: role.id,
        name: 'ecs-exec',
        policy: Lazy.stringValue({
          produce: () => JSON.stringify(policyDocument(executeCommandStatements(this.execLogging, this.account))),
        }),
      }),
    );
  }

  /** The container definitions as they are sent to ECS (see `renderContainerDefinitions`). */
  public renderContainers(): ContainerDefinition[] {
    return renderContainerDefinitions(this.containers, {
      networkMode: this.networkMode,
      osFamily: this.osFamily,
      initProcessEnabled: this.exec,
      defaultLogConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': this.logGroup.name,
          'awslogs-region': this.account.region,
          'awslogs-stream-prefix': 'ecs',
        },
      },
    });
  }

  /** The single ports the containers map. */
  public get ports(): readonly TaskPort[] {
    return taskPorts(this.containers, this.networkMode);
  }

  /** The port ranges the containers map. */
  public get portRanges(): readonly { containerName: string; from: number; to: number; protocol: string }[] {
    return taskPortRanges(this.containers);
  }

  /** The container named `name`, if any. */
  public findContainer(name: string): ContainerSpec | undefined {
    return this.containers.find((c) => c.name === name);
  }
}
