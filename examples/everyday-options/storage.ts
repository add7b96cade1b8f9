/**
 * Everyday options, storage and configuration: a service whose tasks share an Amazon EFS file
 * system, and a service that reads its configuration from an environment map, an environment file
 * in S3 and secrets (Secrets Manager, whole and one JSON key; an SSM parameter).
 *
 * - files: nginx serving an EFS access point. The file system, its mount targets in the private
 *   subnets, its security group and the access point are created here, as a platform team would;
 *   the task mounts over TLS with the task role's identity (the library's defaults), and the task
 *   role is granted ClientMount and ClientWrite on that file system through that access point only.
 *   The tasks' security group may reach the file system's group on NFS (2049/tcp), and nothing else
 *   may: an awsvpc task mounts EFS from its own ENI.
 * - settings: its execution role is granted exactly the secret, the parameter, the KMS key (through
 *   Secrets Manager only) and the environment file (and its bucket's location), nothing else.
 */
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsFileSystemPolicy } from '@cdktf/provider-aws/lib/efs-file-system-policy';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { ExternalSecurityGroup, Port } from '../../modules/security';
import { ContainerSecret, Ec2Service, TaskDefinition, type ContainerSpec } from '../../modules/service';
import type { EverydayPlatform } from './platform';

/** nginx as an unprivileged user (101) on port 8080, writing only to /tmp and the volumes it mounts. */
export const STORAGE_IMAGE = 'public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine';

/** The SSM SecureString parameter the API team puts outside Terraform (`aws ssm put-parameter`). */
export const API_KEY_PARAMETER = '/everyday/settings/api-key';

/** What the storage part adds (the example's tests read it). */
export interface StorageParts {
  /** The service whose tasks mount the EFS access point. */
  readonly files: Ec2Service;
  readonly fileSystem: EfsFileSystem;
  readonly accessPoint: EfsAccessPoint;
  /** The service configured by an environment map, an environment file and secrets. */
  readonly settings: Ec2Service;
}

/** The unprivileged nginx container both services run, with what each adds. */
function nginx(name: string, more: Partial<ContainerSpec>): ContainerSpec {
  return {
    name,
    image: STORAGE_IMAGE,
    user: '101',
    readonlyRootFilesystem: true,
    linuxParameters: { tmpfs: [{ containerPath: '/tmp', size: 64 }] },
    portMappings: [{ containerPort: 8080 }],
    ...more,
  };
}

/** An encrypted EFS file system with a mount target in each private subnet and an access point for the files service. */
function createFileSystem(scope: Construct, platform: EverydayPlatform) {
  const { network } = platform;
  const group = new SecurityGroup(scope, 'efs-security-group', {
    name: 'everyday-files-efs',
    description: 'EFS mount targets of the files service: NFS from the files tasks only',
    vpcId: network.vpcId,
  });
  const fileSystem = new EfsFileSystem(scope, 'file-system', {
    creationToken: 'everyday-files',
    encrypted: true,
    tags: { Name: 'everyday-files' },
  });
  // Clients must use TLS, whatever their identity policy says.
  new EfsFileSystemPolicy(scope, 'file-system-policy', {
    fileSystemId: fileSystem.id,
    policy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyUnencryptedTransport',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: '*',
          Resource: fileSystem.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    }),
  });
  network.privateSubnets.forEach(
    (subnet, i) =>
      new EfsMountTarget(scope, `mount-target-${i}`, {
        fileSystemId: fileSystem.id,
        subnetId: subnet.subnetId,
        securityGroups: [group.id],
      }),
  );
  // Every task sees /uploads as the root of the volume, as user and group 101 (nginx-unprivileged).
  const accessPoint = new EfsAccessPoint(scope, 'access-point', {
    fileSystemId: fileSystem.id,
    posixUser: { uid: 101, gid: 101 },
    rootDirectory: { path: '/uploads', creationInfo: { ownerUid: 101, ownerGid: 101, permissions: '750' } },
    tags: { Name: 'everyday-files-uploads' },
  });
  const efsSide = new ExternalSecurityGroup(scope, 'efs-group', {
    securityGroupId: group.id,
    name: 'files-efs',
    vpcId: network.vpcId,
  });
  return { fileSystem, accessPoint, efsSide };
}

function addFilesService(scope: Construct, platform: EverydayPlatform) {
  const { fileSystem, accessPoint, efsSide } = createFileSystem(scope, platform);
  const task = new TaskDefinition(scope, 'files-task', {
    family: 'files',
    cpu: 256,
    memoryMiB: 512,
    // Transit encryption and IAM authorization are on by default; the access point sets the root.
    volumes: [
      {
        name: 'uploads',
        efsVolumeConfiguration: { fileSystemId: fileSystem.id, authorizationConfig: { accessPointId: accessPoint.id } },
      },
    ],
    containers: [nginx('files', { mountPoints: [{ sourceVolume: 'uploads', containerPath: '/srv/uploads' }] })],
  });
  const files = new Ec2Service(scope, 'files', {
    cluster: platform.cluster,
    taskDefinition: task,
    serviceName: 'files',
    desiredCount: 2,
  });
  // Egress 2049 on the tasks' group, ingress 2049 from it on the file system's group.
  files.connections.allowTo(efsSide, Port.tcp(2049), 'NFS to the files EFS mount targets');
  return { files, fileSystem, accessPoint };
}

function addSettingsService(scope: Construct, platform: EverydayPlatform): Ec2Service {
  // The database team's credentials: a JSON secret ({"username": ..., "password": ...}) they fill in.
  const key = new KmsKey(scope, 'secrets-key', {
    description: 'everyday settings service secrets',
    enableKeyRotation: true,
  });
  const database = new SecretsmanagerSecret(scope, 'database-secret', {
    name: 'everyday/settings/database',
    kmsKeyId: key.arn,
  });
  // Non-secret configuration shared by several services, as a .env file in a private bucket.
  const bucket = new S3Bucket(scope, 'config-bucket', { bucketPrefix: 'everyday-config-' });
  new S3BucketPublicAccessBlock(scope, 'config-bucket-private', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const envFile = new S3Object(scope, 'settings-env', {
    bucket: bucket.id,
    key: 'settings/app.env',
    content: 'FEATURE_FLAGS=search,uploads\nCACHE_TTL_SECONDS=60\n',
    contentType: 'text/plain',
  });
  const task = new TaskDefinition(scope, 'settings-task', {
    family: 'settings',
    cpu: 256,
    memoryMiB: 512,
    containers: [
      nginx('settings', {
        environment: { LOG_LEVEL: 'info', UPSTREAM_URL: 'http://files.everyday.internal:8080' },
        environmentFiles: [{ value: envFile.arn, type: 's3' }],
        secrets: {
          DB_CREDENTIALS: ContainerSecret.fromSecretsManager(database.arn, { kmsKeyArn: key.arn }),
          DB_PASSWORD: ContainerSecret.fromSecretsManager(database.arn, { jsonKey: 'password', kmsKeyArn: key.arn }),
          API_KEY: ContainerSecret.fromSsmParameter(API_KEY_PARAMETER),
        },
      }),
    ],
  });
  return new Ec2Service(scope, 'settings', {
    cluster: platform.cluster,
    taskDefinition: task,
    serviceName: 'settings',
    desiredCount: 1,
  });
}

/** Adds the EFS-backed files service and the settings service to the platform. */
export function addStorage(platform: EverydayPlatform): StorageParts {
  const scope = new Construct(platform.stack, 'storage');
  const { files, fileSystem, accessPoint } = addFilesService(scope, platform);
  const settings = addSettingsService(scope, platform);
  return { files, fileSystem, accessPoint, settings };
}
