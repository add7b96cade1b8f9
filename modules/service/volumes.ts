/**
 * Task volumes: bind mounts of the container instance, Docker volumes and Amazon EFS file systems.
 * Their types (the ECS API's `Volume` names), their synth-time checks (with the containers'
 * `mountPoints` and `volumesFrom`), their rendering as the `volume` blocks of
 * `aws_ecs_task_definition`, and the task role's EFS statements. Pure: creates no constructs.
 *
 * Volumes change no ENI count, so the capacity model does not see them.
 */
import type { EcsTaskDefinitionVolume } from '@cdktf/provider-aws/lib/ecs-task-definition';
import type { Scope } from './ecs-api.generated';
import { describeValue, ECS_NAME_RULE, isEcsName, isUnresolved, isWindows, type Problem, TaskOsFamily } from '../core';
import { TASK_VOLUME_KEYS, unknownKeys } from './container-keys';
import { checkEfsVolume, efsSettings, type TaskEfsVolume } from './efs-volumes';
import type { ContainerSpec } from './container-spec';
import type { AccountContext, PolicyStatement } from './iam-policies';

/** A bind mount of the container instance (the API's `HostVolumeProperties`). */
export interface TaskVolumeHost {
  /**
   * Path on the container instance presented to the containers; created by Docker when missing, and
   * kept on the instance after the task stops.
   * @default - a path Docker chooses, kept only while the task's containers run
   */
  readonly sourcePath?: string;
}

/** A Docker volume (the API's `DockerVolumeConfiguration`). Linux and Windows (local driver only). */
export interface TaskDockerVolume {
  /**
   * Lifecycle: `task` volumes are created when the task starts and removed when it stops; `shared`
   * volumes outlive the task and are shared by the tasks of the instance that name them.
   * @default 'task'
   */
  readonly scope?: Scope;
  /**
   * Create the volume when it does not exist yet. Only for `shared` volumes (a `task` volume is
   * always created).
   * @default false
   */
  readonly autoprovision?: boolean;
  /**
   * Volume driver, as `docker plugin ls` names it (ECS places the task only where it is installed).
   * @default 'local'
   */
  readonly driver?: string;
  /** Options passed to the driver (`docker volume create --opt`). @default - none */
  readonly driverOpts?: { readonly [key: string]: string };
  /** Labels of the volume (`docker volume create --label`). @default - none */
  readonly labels?: { readonly [key: string]: string };
}

/**
 * A data volume of a task definition (the API's `Volume`), mounted into containers by their
 * `mountPoints` (`sourceVolume` is this name). At most one of `host`, `dockerVolumeConfiguration`
 * and `efsVolumeConfiguration`; none is a bind mount at a path Docker chooses.
 */
export interface TaskVolume {
  /** Volume name: 1-255 letters, digits, hyphens and underscores, unique in the task. */
  readonly name: string;
  /** A bind mount of the container instance. @default - none */
  readonly host?: TaskVolumeHost;
  /** A Docker volume. @default - none */
  readonly dockerVolumeConfiguration?: TaskDockerVolume;
  /** An Amazon EFS file system. @default - none */
  readonly efsVolumeConfiguration?: TaskEfsVolume;
}

/** What the volume checks need to know about the task definition. */
export interface VolumeCheckContext {
  readonly osFamily: TaskOsFamily;
  /** Path of the volumes list in messages. @default 'TaskDefinition.volumes' */
  readonly path?: string;
  /** Path of the containers list in messages. @default 'TaskDefinition.containers' */
  readonly containersPath?: string;
}

function literal(v: unknown): v is string {
  return typeof v === 'string' && !isUnresolved(v);
}

/** Problems of one volume's kind: exactly one kind, and that kind's own rules. */
function checkVolumeKind(v: TaskVolume, at: string, ctx: VolumeCheckContext): Problem[] {
  const kinds = (['host', 'dockerVolumeConfiguration', 'efsVolumeConfiguration'] as const).filter(
    (k) => v[k] !== undefined,
  );
  if (kinds.length > 1) {
    return [
      {
        code: 'SERVICE_VOLUME_TYPE_CONFLICT',
        path: at,
        received: kinds.join(' and '),
        allowed: 'at most one of host, dockerVolumeConfiguration and efsVolumeConfiguration',
        fix: 'declare one volume per kind, each with its own name',
      },
    ];
  }
  if (v.dockerVolumeConfiguration)
    return checkDockerVolume(v.dockerVolumeConfiguration, `${at}.dockerVolumeConfiguration`, ctx);
  if (v.efsVolumeConfiguration) return checkEfsVolume(v.efsVolumeConfiguration, `${at}.efsVolumeConfiguration`, ctx);
  if (v.host?.sourcePath !== undefined && literal(v.host.sourcePath) && v.host.sourcePath.trim() === '') {
    return [
      {
        code: 'SERVICE_VOLUME_HOST_PATH_INVALID',
        path: `${at}.host.sourcePath`,
        received: describeValue(v.host.sourcePath),
        allowed: 'an absolute path on the container instance, or no sourcePath',
        fix: 'give the path, e.g. /var/log, or leave sourcePath out for a path Docker chooses',
      },
    ];
  }
  return [];
}

/** Problems of a Docker volume: scope, autoprovision only when shared, the local driver on Windows. */
export function checkDockerVolume(d: TaskDockerVolume, at: string, ctx: VolumeCheckContext): Problem[] {
  const out: Problem[] = [];
  const scope = d.scope ?? 'task';
  if (literal(scope) && scope !== 'task' && scope !== 'shared') {
    out.push({
      code: 'SERVICE_DOCKER_VOLUME_SCOPE_INVALID',
      path: `${at}.scope`,
      received: describeValue(d.scope),
      allowed: '"task" or "shared"',
      fix: 'use "task" for a volume that lives with the task, "shared" for one that outlives it',
    });
  }
  if (d.autoprovision === true && scope === 'task') {
    out.push({
      code: 'SERVICE_DOCKER_VOLUME_AUTOPROVISION_TASK_SCOPE',
      path: `${at}.autoprovision`,
      received: `true with scope ${describeValue(scope)}${d.scope === undefined ? ' (the default)' : ''}`,
      allowed: 'autoprovision only with scope "shared" (a task-scoped volume is always created)',
      fix: 'set scope: "shared", or remove autoprovision',
    });
  }
  if (isWindows(ctx.osFamily) && d.driver !== undefined && literal(d.driver) && d.driver !== 'local') {
    out.push({
      code: 'SERVICE_DOCKER_VOLUME_DRIVER_UNSUPPORTED_ON_WINDOWS',
      path: `${at}.driver`,
      received: describeValue(d.driver),
      allowed: '"local" (Windows containers support only the local driver)',
      fix: 'remove driver, or run the task on Linux',
    });
  }
  return out;
}

/** Every problem of a task's volumes, with its containers' `mountPoints` and `volumesFrom`. */
export function checkVolumes(
  volumes: readonly TaskVolume[],
  containers: readonly ContainerSpec[],
  ctx: VolumeCheckContext,
): Problem[] {
  const base = ctx.path ?? 'TaskDefinition.volumes';
  const out: Problem[] = [];
  const names = new Map<string, number>();
  volumes.forEach((v, i) => {
    const at = `${base}[${i}]`;
    unknownKeys(v, TASK_VOLUME_KEYS, at, out, 'SERVICE_VOLUME_UNKNOWN_KEY');
    if (typeof v.name !== 'string' || (literal(v.name) && !isEcsName(v.name))) {
      out.push({
        code: 'SERVICE_VOLUME_NAME_INVALID',
        path: `${at}.name`,
        received: describeValue(v.name),
        allowed: ECS_NAME_RULE,
        fix: 'name the volume after its content, e.g. "uploads"',
      });
    } else if (names.has(v.name)) {
      out.push({
        code: 'SERVICE_VOLUME_NAME_DUPLICATE',
        path: `${at}.name`,
        received: describeValue(v.name),
        allowed: `names unique in the task (${base}[${names.get(v.name)}] is already "${v.name}")`,
        fix: 'give each volume its own name',
      });
    } else {
      names.set(v.name, i);
    }
    out.push(...checkVolumeKind(v, at, ctx));
  });
  out.push(
    ...checkMountPoints(containers, names, base, ctx.containersPath ?? 'TaskDefinition.containers', ctx.osFamily),
  );
  out.push(...checkVolumesFrom(containers, ctx.containersPath ?? 'TaskDefinition.containers'));
  return out;
}

/** `mountPoints` name declared volumes, at absolute container paths, each path once per container. */
export function checkMountPoints(
  containers: readonly ContainerSpec[],
  volumeNames: ReadonlyMap<string, number>,
  volumesPath: string,
  base: string,
  osFamily: TaskOsFamily = TaskOsFamily.LINUX,
): Problem[] {
  const out: Problem[] = [];
  const declared = [...volumeNames.keys()];
  const linux = !isWindows(osFamily);
  containers.forEach((c, i) => {
    const paths = new Map<string, number>();
    (c.mountPoints ?? []).forEach((m, j) => {
      const at = `${base}[${i}].mountPoints[${j}]`;
      if (typeof m.sourceVolume !== 'string' || (literal(m.sourceVolume) && !volumeNames.has(m.sourceVolume))) {
        out.push({
          code: 'SERVICE_MOUNT_POINT_VOLUME_UNKNOWN',
          path: `${at}.sourceVolume`,
          received: describeValue(m.sourceVolume),
          allowed:
            declared.length > 0
              ? `a volume of this task: ${declared.map((n) => JSON.stringify(n)).join(', ')}`
              : `a volume of this task (${volumesPath} declares none)`,
          fix: `declare the volume in ${volumesPath}, or name a declared one`,
        });
      }
      const p = m.containerPath;
      if (typeof p !== 'string' || p.trim() === '' || (linux && literal(p) && !p.startsWith('/'))) {
        out.push({
          code: 'SERVICE_MOUNT_POINT_PATH_INVALID',
          path: `${at}.containerPath`,
          received: describeValue(p),
          allowed: linux
            ? 'the absolute path in the container where the volume appears, e.g. /data'
            : 'the path in the container where the volume appears, e.g. C:\\data',
          fix: typeof p === 'string' && p.trim() !== '' ? `start the path with "/": "/${p}"` : 'set containerPath',
        });
      } else if (literal(m.containerPath)) {
        const first = paths.get(m.containerPath);
        if (first !== undefined) {
          out.push({
            code: 'SERVICE_MOUNT_POINT_PATH_DUPLICATE',
            path: `${at}.containerPath`,
            received: describeValue(m.containerPath),
            allowed: `each container path once per container (mountPoints[${first}] already mounts there)`,
            fix: 'mount the second volume at another path',
          });
        } else {
          paths.set(m.containerPath, j);
        }
      }
    });
  });
  return out;
}

/** `volumesFrom` names another container of the task. */
export function checkVolumesFrom(containers: readonly ContainerSpec[], base: string): Problem[] {
  const out: Problem[] = [];
  const names = containers.map((c) => c.name).filter((n): n is string => typeof n === 'string');
  containers.forEach((c, i) =>
    (c.volumesFrom ?? []).forEach((v, j) => {
      const at = `${base}[${i}].volumesFrom[${j}].sourceContainer`;
      if (typeof v.sourceContainer === 'string' && isUnresolved(v.sourceContainer)) return;
      if (typeof v.sourceContainer !== 'string' || !names.includes(v.sourceContainer)) {
        out.push({
          code: 'SERVICE_VOLUMES_FROM_UNKNOWN_CONTAINER',
          path: at,
          received: describeValue(v.sourceContainer),
          allowed: `a container of this task: ${names.map((n) => JSON.stringify(n)).join(', ')}`,
          fix: 'name a container of the same task definition',
        });
      } else if (v.sourceContainer === c.name) {
        out.push({
          code: 'SERVICE_VOLUMES_FROM_SELF',
          path: at,
          received: describeValue(v.sourceContainer),
          allowed: 'another container of the task (a container already has its own volumes)',
          fix: 'name the container whose volumes this one needs',
        });
      }
    }),
  );
  return out;
}

/** Names of the volumes no container mounts (worth a warning: likely a typo or a leftover). */
export function unusedVolumes(volumes: readonly TaskVolume[], containers: readonly ContainerSpec[]): string[] {
  const mounted = new Set(containers.flatMap((c) => (c.mountPoints ?? []).map((m) => m.sourceVolume)));
  return volumes.map((v) => v.name).filter((n) => literal(n) && !mounted.has(n));
}

/** The `volume` blocks of `aws_ecs_task_definition`, with the defaults spelled out (ours, and ECS's root directory `/`). */
export function renderVolumes(volumes: readonly TaskVolume[]): EcsTaskDefinitionVolume[] {
  return volumes.map((v) => {
    const d = v.dockerVolumeConfiguration;
    const efs = v.efsVolumeConfiguration;
    const settings = efs ? efsSettings(efs) : undefined;
    return {
      name: v.name,
      hostPath: v.host?.sourcePath,
      dockerVolumeConfiguration: d && {
        scope: d.scope ?? 'task',
        autoprovision: d.autoprovision,
        driver: d.driver,
        driverOpts: d.driverOpts,
        labels: d.labels,
      },
      efsVolumeConfiguration: efs && {
        fileSystemId: efs.fileSystemId,
        // What ECS echoes back when none is given: spelled out, Terraform sees no drift (a replacement).
        rootDirectory: efs.rootDirectory ?? '/',
        transitEncryption: settings!.transitEncryption,
        transitEncryptionPort: efs.transitEncryptionPort,
        authorizationConfig: { accessPointId: efs.authorizationConfig?.accessPointId, iam: settings!.iam },
      },
    };
  });
}

/**
 * The task role's statements for its EFS volumes with IAM authorization: `ClientMount` on the file
 * system, `ClientWrite` too when some container mounts the volume writable (none mounting it: read
 * only), only through a mount
 * target, and only through the access point when one is given. One statement per volume.
 */
export function efsTaskRoleStatements(
  volumes: readonly TaskVolume[],
  containers: readonly ContainerSpec[],
  ctx: AccountContext,
): PolicyStatement[] {
  return volumes.flatMap((v, i) => {
    const efs = v.efsVolumeConfiguration;
    if (!efs || efsSettings(efs).iam !== 'ENABLED') return [];
    const mounts = containers.flatMap((c) => (c.mountPoints ?? []).filter((m) => m.sourceVolume === v.name));
    const writable = mounts.some((m) => m.readOnly !== true);
    const arn = (kind: string, id: string) =>
      `arn:${ctx.partition}:elasticfilesystem:${ctx.region}:${ctx.accountId}:${kind}/${id}`;
    const accessPoint = efs.authorizationConfig?.accessPointId;
    return [
      {
        sid: `EfsVolume${i}`,
        actions: ['elasticfilesystem:ClientMount', ...(writable ? ['elasticfilesystem:ClientWrite'] : [])],
        resources: [arn('file-system', efs.fileSystemId)],
        conditions: [
          { test: 'Bool', variable: 'elasticfilesystem:AccessedViaMountTarget', values: ['true'] },
          ...(accessPoint !== undefined
            ? [
                {
                  test: 'StringEquals',
                  variable: 'elasticfilesystem:AccessPointArn',
                  values: [arn('access-point', accessPoint)],
                },
              ]
            : []),
        ],
      },
    ];
  });
}
