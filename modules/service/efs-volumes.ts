/**
 * Amazon EFS volumes of a task: their types (the ECS API's names, with our secure defaults: transit
 * encryption and IAM authorization on) and their checks. Pure: creates no constructs.
 */
import type { EFSAuthorizationConfigIAM, EFSTransitEncryption } from './ecs-api.generated';
import { describeValue, isUnresolved, isWindows, type Problem, type TaskOsFamily } from '../core';

/** How the task authenticates to the file system (the API's `EFSAuthorizationConfig`). */
export interface TaskEfsAuthorization {
  /**
   * EFS access point id (`fsap-...`): the mount sees the access point's root directory and POSIX
   * user. Needs transit encryption.
   * @default - no access point
   */
  readonly accessPointId?: string;
  /**
   * Mount with the task role's identity (EFS IAM authorization): the task role is granted
   * `elasticfilesystem:ClientMount` (and `ClientWrite` when a container mounts the volume writable).
   * Needs transit encryption. `DISABLED` requires `iamDisabledReason`.
   * @default 'ENABLED'
   */
  readonly iam?: EFSAuthorizationConfigIAM;
  /** Why IAM authorization is off (a file system policy then cannot tell tasks apart). @default - none */
  readonly iamDisabledReason?: string;
}

/** An Amazon EFS file system (the API's `EFSVolumeConfiguration`). Linux only. */
export interface TaskEfsVolume {
  /** File system id (`fs-...`), e.g. `aws_efs_file_system.id`. */
  readonly fileSystemId: string;
  /**
   * Directory of the file system mounted as the volume's root. Must be `/` (or left out) with an
   * access point, whose own root directory applies.
   * @default '/'
   */
  readonly rootDirectory?: string;
  /**
   * TLS between the instance and EFS (the EFS mount helper's `tls` option). `DISABLED` requires
   * `transitEncryptionDisabledReason` and IAM authorization off, and allows no access point.
   * @default 'ENABLED'
   */
  readonly transitEncryption?: EFSTransitEncryption;
  /**
   * Port of the TLS tunnel between the instance and EFS.
   * @default - the EFS mount helper's choice
   */
  readonly transitEncryptionPort?: number;
  /** Why data may travel unencrypted to EFS. @default - none */
  readonly transitEncryptionDisabledReason?: string;
  /**
   * Access point and IAM authorization.
   * @default - IAM authorization on, no access point
   */
  readonly authorizationConfig?: TaskEfsAuthorization;
}

const FILE_SYSTEM_ID = /^fs-[0-9a-f]{8,40}$/;
const ACCESS_POINT_ID = /^fsap-[0-9a-f]{8,40}$/;

function literal(v: unknown): v is string {
  return typeof v === 'string' && !isUnresolved(v);
}

/** The effective EFS settings (our defaults: transit encryption and IAM authorization on). */
export function efsSettings(efs: TaskEfsVolume): {
  readonly transitEncryption: string;
  readonly iam: string;
  readonly rootDirectory?: string;
} {
  return {
    transitEncryption: efs.transitEncryption ?? 'ENABLED',
    iam: efs.authorizationConfig?.iam ?? 'ENABLED',
    rootDirectory: efs.rootDirectory,
  };
}

/** Problems of an EFS volume: ids, Linux only, and the API's rules between encryption, IAM and access point. */
export function checkEfsVolume(efs: TaskEfsVolume, at: string, ctx: { readonly osFamily: TaskOsFamily }): Problem[] {
  const out: Problem[] = [];
  const { transitEncryption, iam, rootDirectory } = efsSettings(efs);
  const accessPoint = efs.authorizationConfig?.accessPointId;
  if (isWindows(ctx.osFamily)) {
    out.push({
      code: 'SERVICE_EFS_UNSUPPORTED_ON_WINDOWS',
      path: at,
      received: `an EFS volume in a ${ctx.osFamily} task`,
      allowed: 'EFS volumes in Linux tasks only',
      fix: 'use FSx for Windows File Server from a Windows task, or run the task on Linux',
    });
  }
  if (typeof efs.fileSystemId !== 'string' || (literal(efs.fileSystemId) && !FILE_SYSTEM_ID.test(efs.fileSystemId))) {
    out.push({
      code: 'SERVICE_EFS_FILE_SYSTEM_ID_INVALID',
      path: `${at}.fileSystemId`,
      received: describeValue(efs.fileSystemId),
      allowed: 'a file system id, fs- and 8 to 40 hexadecimal digits',
      fix: 'pass aws_efs_file_system.id (not its ARN or DNS name)',
    });
  }
  if (accessPoint !== undefined && literal(accessPoint) && !ACCESS_POINT_ID.test(accessPoint)) {
    out.push({
      code: 'SERVICE_EFS_ACCESS_POINT_ID_INVALID',
      path: `${at}.authorizationConfig.accessPointId`,
      received: describeValue(accessPoint),
      allowed: 'an access point id, fsap- and 8 to 40 hexadecimal digits',
      fix: 'pass aws_efs_access_point.id (not its ARN)',
    });
  }
  for (const [key, value] of [
    ['transitEncryption', transitEncryption],
    ['authorizationConfig.iam', iam],
  ] as const) {
    if (literal(value) && value !== 'ENABLED' && value !== 'DISABLED') {
      out.push({
        code: 'SERVICE_EFS_SETTING_INVALID',
        path: `${at}.${key}`,
        received: describeValue(value),
        allowed: '"ENABLED" or "DISABLED"',
        fix: 'write the value in capitals, or leave it out (ENABLED)',
      });
    }
  }
  out.push(...checkEfsEncryption(efs, at, { transitEncryption, iam, accessPoint }));
  if (accessPoint !== undefined && rootDirectory !== undefined && literal(rootDirectory) && rootDirectory !== '/') {
    out.push({
      code: 'SERVICE_EFS_ROOT_DIRECTORY_WITH_ACCESS_POINT',
      path: `${at}.rootDirectory`,
      received: describeValue(rootDirectory),
      allowed: '"/" or nothing with an access point (the access point sets the root directory)',
      fix: "remove rootDirectory and set the directory in the access point's root_directory",
    });
  } else if (rootDirectory !== undefined && literal(rootDirectory) && !rootDirectory.startsWith('/')) {
    out.push({
      code: 'SERVICE_EFS_ROOT_DIRECTORY_INVALID',
      path: `${at}.rootDirectory`,
      received: describeValue(rootDirectory),
      allowed: 'an absolute path in the file system, e.g. "/data"',
      fix: 'start the path with "/"',
    });
  }
  return out;
}

/** The API's rules between transit encryption, IAM authorization and the access point, and our reasons. */
function checkEfsEncryption(
  efs: TaskEfsVolume,
  at: string,
  s: { transitEncryption: string; iam: string; accessPoint?: string },
): Problem[] {
  const out: Problem[] = [];
  const off = s.transitEncryption === 'DISABLED';
  if (off && s.iam === 'ENABLED') {
    out.push({
      code: 'SERVICE_EFS_IAM_WITHOUT_TRANSIT_ENCRYPTION',
      path: `${at}.transitEncryption`,
      received: `DISABLED with authorizationConfig.iam ENABLED${efs.authorizationConfig?.iam === undefined ? ' (the default)' : ''}`,
      allowed: 'transit encryption ENABLED whenever IAM authorization is (the mount helper signs over TLS)',
      fix: 'leave transitEncryption out (ENABLED), or also set authorizationConfig.iam to DISABLED with iamDisabledReason',
    });
  }
  if (off && s.accessPoint !== undefined) {
    out.push({
      code: 'SERVICE_EFS_ACCESS_POINT_WITHOUT_TRANSIT_ENCRYPTION',
      path: `${at}.transitEncryption`,
      received: 'DISABLED with an access point',
      allowed: 'transit encryption ENABLED with an access point',
      fix: 'leave transitEncryption out (ENABLED)',
    });
  }
  if (off && !efs.transitEncryptionDisabledReason?.trim()) {
    out.push({
      code: 'SERVICE_EFS_TRANSIT_ENCRYPTION_OFF_WITHOUT_REASON',
      path: `${at}.transitEncryptionDisabledReason`,
      received: describeValue(efs.transitEncryptionDisabledReason),
      allowed: 'a written reason whenever transit encryption is turned off (our default is on)',
      fix: 'leave transitEncryption out, or say why the data may travel in clear in transitEncryptionDisabledReason',
    });
  }
  if (s.iam === 'DISABLED' && !efs.authorizationConfig?.iamDisabledReason?.trim()) {
    out.push({
      code: 'SERVICE_EFS_IAM_OFF_WITHOUT_REASON',
      path: `${at}.authorizationConfig.iamDisabledReason`,
      received: describeValue(efs.authorizationConfig?.iamDisabledReason),
      allowed: 'a written reason whenever IAM authorization is turned off (our default is on)',
      fix: 'leave authorizationConfig.iam out, or say why any client in the network may mount, in iamDisabledReason',
    });
  }
  const port = efs.transitEncryptionPort;
  if (port !== undefined && !isUnresolved(port) && (off || !Number.isInteger(port) || port < 1 || port > 65535)) {
    out.push({
      code: 'SERVICE_EFS_TRANSIT_ENCRYPTION_PORT_INVALID',
      path: `${at}.transitEncryptionPort`,
      received: `${describeValue(port)}${off ? ' with transit encryption DISABLED' : ''}`,
      allowed: 'an integer from 1 to 65535, with transit encryption ENABLED',
      fix: 'remove transitEncryptionPort (the mount helper picks one), or give a free port',
    });
  }
  return out;
}
