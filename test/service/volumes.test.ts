import { Lazy } from 'cdktf';
import type { Problem } from '../../modules/core';
import {
  checkDockerVolume,
  checkEfsVolume,
  checkMountPoints,
  checkVolumes,
  checkVolumesFrom,
  efsTaskRoleStatements,
  renderVolumes,
  TaskOsFamily,
  unusedVolumes,
  type ContainerSpec,
  type TaskVolume,
} from '../../modules/service';

const LINUX = { osFamily: TaskOsFamily.LINUX };
const WINDOWS = { osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE };
const FS = 'fs-0123456789abcdef0';
const AP = 'fsap-0123456789abcdef0';
const ACCOUNT = { accountId: '123456789012', region: 'eu-west-1', partition: 'aws' };

function web(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name: 'web', image: 'nginx', memory: 512, ...overrides };
}

function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

function line(p: Problem | undefined): string {
  return p ? `${p.path} ${p.received} ${p.allowed} ${p.fix}` : 'no problem';
}

describe('checkVolumes: names, kinds and keys', () => {
  test('accepts a bind mount, a Docker volume and an EFS volume mounted by containers', () => {
    const volumes: TaskVolume[] = [
      { name: 'logs', host: { sourcePath: '/var/log/app' } },
      { name: 'scratch' },
      { name: 'cache', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, driver: 'local' } },
      { name: 'uploads', efsVolumeConfiguration: { fileSystemId: FS, authorizationConfig: { accessPointId: AP } } },
    ];
    const containers = [
      web({
        mountPoints: volumes.map((v) => ({ sourceVolume: v.name, containerPath: `/mnt/${v.name}` })),
      }),
      { name: 'sidecar', image: 'busybox', memory: 64, volumesFrom: [{ sourceContainer: 'web', readOnly: true }] },
    ];
    expect(checkVolumes(volumes, containers, LINUX)).toEqual([]);
  });

  test('fails when a volume name is invalid or repeated', () => {
    const problems = checkVolumes([{ name: 'a b' }, { name: 'data' }, { name: 'data' }], [web()], LINUX);
    expect(codes(problems)).toEqual(['SERVICE_VOLUME_NAME_INVALID', 'SERVICE_VOLUME_NAME_DUPLICATE']);
    expect(line(problems[1])).toContain('TaskDefinition.volumes[2].name "data" names unique in the task');
    expect(line(problems[1])).toContain('TaskDefinition.volumes[1] is already "data"');
  });

  test('fails when a volume has two kinds', () => {
    const problems = checkVolumes(
      [{ name: 'data', host: {}, efsVolumeConfiguration: { fileSystemId: FS } }],
      [web({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] })],
      LINUX,
    );
    expect(codes(problems)).toEqual(['SERVICE_VOLUME_TYPE_CONFLICT']);
    expect(line(problems[0])).toContain('host and efsVolumeConfiguration');
  });

  test('fails on keys ECS does not know (or this library does not render), with a suggestion', () => {
    const volume = {
      name: 'data',
      efsVolumeConfiguration: { fileSystemId: FS, transitEncrpytion: 'ENABLED' },
      fsxWindowsFileServerVolumeConfiguration: {},
    } as unknown as TaskVolume;
    const problems = checkVolumes([volume], [], LINUX).filter((p) => p.code === 'SERVICE_VOLUME_UNKNOWN_KEY');
    expect(problems.map((p) => p.path)).toEqual([
      'TaskDefinition.volumes[0].efsVolumeConfiguration.transitEncrpytion',
      'TaskDefinition.volumes[0].fsxWindowsFileServerVolumeConfiguration',
    ]);
    expect(problems[0]!.fix).toContain('did you mean "transitEncryption"?');
  });

  test('fails when a bind mount source path is blank', () => {
    expect(codes(checkVolumes([{ name: 'logs', host: { sourcePath: ' ' } }], [], LINUX))).toEqual([
      'SERVICE_VOLUME_HOST_PATH_INVALID',
    ]);
  });
});

describe('checkMountPoints and checkVolumesFrom', () => {
  const declared = new Map([['data', 0]]);

  test('fail when a mount point names a volume the task does not declare', () => {
    const problems = checkMountPoints(
      [web({ mountPoints: [{ sourceVolume: 'dta', containerPath: '/data' }] })],
      declared,
      'TaskDefinition.volumes',
      'TaskDefinition.containers',
    );
    expect(codes(problems)).toEqual(['SERVICE_MOUNT_POINT_VOLUME_UNKNOWN']);
    expect(line(problems[0])).toContain('TaskDefinition.containers[0].mountPoints[0].sourceVolume "dta"');
    expect(line(problems[0])).toContain('a volume of this task: "data"');
  });

  test('say so when the task declares no volume at all', () => {
    const problems = checkVolumes([], [web({ mountPoints: [{ sourceVolume: 'data', containerPath: '/d' }] })], LINUX);
    expect(line(problems[0])).toContain('TaskDefinition.volumes declares none');
  });

  test('fail when a container path is missing or mounted twice', () => {
    const problems = checkMountPoints(
      [
        web({
          mountPoints: [
            { sourceVolume: 'data', containerPath: '/data' },
            { sourceVolume: 'data', containerPath: '/data' },
            { sourceVolume: 'data' },
          ],
        }),
      ],
      declared,
      'TaskDefinition.volumes',
      'TaskDefinition.containers',
    );
    expect(codes(problems)).toEqual(['SERVICE_MOUNT_POINT_PATH_DUPLICATE', 'SERVICE_MOUNT_POINT_PATH_INVALID']);
  });

  test('fail when a Linux container path is relative (a Windows one is the instance drive path)', () => {
    const relative = [web({ mountPoints: [{ sourceVolume: 'data', containerPath: 'data' }] })];
    const [p] = checkMountPoints(relative, declared, 'v', 'c');
    expect(p).toMatchObject({ code: 'SERVICE_MOUNT_POINT_PATH_INVALID', fix: 'start the path with "/": "/data"' });
    const windows = [web({ mountPoints: [{ sourceVolume: 'data', containerPath: 'C:\\data' }] })];
    expect(checkMountPoints(windows, declared, 'v', 'c', TaskOsFamily.WINDOWS_SERVER_2022_CORE)).toEqual([]);
  });

  test('fail when volumesFrom names an unknown container or the container itself', () => {
    const problems = checkVolumesFrom(
      [web({ volumesFrom: [{ sourceContainer: 'app' }, { sourceContainer: 'web' }] })],
      'TaskDefinition.containers',
    );
    expect(codes(problems)).toEqual(['SERVICE_VOLUMES_FROM_UNKNOWN_CONTAINER', 'SERVICE_VOLUMES_FROM_SELF']);
    expect(line(problems[0])).toContain('TaskDefinition.containers[0].volumesFrom[0].sourceContainer "app"');
  });

  test('lists the volumes no container mounts', () => {
    expect(unusedVolumes([{ name: 'a' }, { name: 'b' }], [web({ mountPoints: [{ sourceVolume: 'a' }] })])).toEqual([
      'b',
    ]);
  });
});

describe('checkDockerVolume', () => {
  test('fails when autoprovision is asked of a task-scoped volume, given or by default', () => {
    const given = checkDockerVolume({ scope: 'task', autoprovision: true }, 'v', LINUX);
    expect(codes(given)).toEqual(['SERVICE_DOCKER_VOLUME_AUTOPROVISION_TASK_SCOPE']);
    expect(line(checkDockerVolume({ autoprovision: true }, 'v', LINUX)[0])).toContain('"task" (the default)');
    expect(checkDockerVolume({ scope: 'shared', autoprovision: true }, 'v', LINUX)).toEqual([]);
  });

  test('fails when the scope is not task or shared', () => {
    expect(codes(checkDockerVolume({ scope: 'Shared' as 'shared' }, 'v', LINUX))).toEqual([
      'SERVICE_DOCKER_VOLUME_SCOPE_INVALID',
    ]);
  });

  test('fails when a Windows task names a driver other than local', () => {
    expect(codes(checkDockerVolume({ driver: 'rexray/ebs' }, 'v', WINDOWS))).toEqual([
      'SERVICE_DOCKER_VOLUME_DRIVER_UNSUPPORTED_ON_WINDOWS',
    ]);
    expect(checkDockerVolume({ driver: 'local' }, 'v', WINDOWS)).toEqual([]);
    expect(checkDockerVolume({ driver: 'rexray/ebs' }, 'v', LINUX)).toEqual([]);
  });
});

describe('checkEfsVolume', () => {
  test('accepts a file system with the defaults (transit encryption and IAM on)', () => {
    expect(checkEfsVolume({ fileSystemId: FS }, 'v', LINUX)).toEqual([]);
    expect(checkEfsVolume({ fileSystemId: Lazy.stringValue({ produce: () => 'fs-1' }) }, 'v', LINUX)).toEqual([]);
  });

  test('fails when transit encryption is off while IAM authorization is on', () => {
    const problems = checkEfsVolume(
      { fileSystemId: FS, transitEncryption: 'DISABLED', transitEncryptionDisabledReason: 'legacy client' },
      'v',
      LINUX,
    );
    expect(codes(problems)).toEqual(['SERVICE_EFS_IAM_WITHOUT_TRANSIT_ENCRYPTION']);
    expect(line(problems[0])).toContain('DISABLED with authorizationConfig.iam ENABLED (the default)');
  });

  test('fails when an access point comes without transit encryption or with a root directory other than /', () => {
    const off = checkEfsVolume(
      {
        fileSystemId: FS,
        transitEncryption: 'DISABLED',
        transitEncryptionDisabledReason: 'r',
        authorizationConfig: { accessPointId: AP, iam: 'DISABLED', iamDisabledReason: 'r' },
      },
      'v',
      LINUX,
    );
    expect(codes(off)).toEqual(['SERVICE_EFS_ACCESS_POINT_WITHOUT_TRANSIT_ENCRYPTION']);
    const root = checkEfsVolume(
      { fileSystemId: FS, rootDirectory: '/data', authorizationConfig: { accessPointId: AP } },
      'v',
      LINUX,
    );
    expect(codes(root)).toEqual(['SERVICE_EFS_ROOT_DIRECTORY_WITH_ACCESS_POINT']);
    expect(
      checkEfsVolume({ fileSystemId: FS, rootDirectory: '/', authorizationConfig: { accessPointId: AP } }, 'v', LINUX),
    ).toEqual([]);
  });

  test('fails when a default is weakened without a written reason', () => {
    const problems = checkEfsVolume(
      { fileSystemId: FS, transitEncryption: 'DISABLED', authorizationConfig: { iam: 'DISABLED' } },
      'v',
      LINUX,
    );
    expect(codes(problems)).toEqual([
      'SERVICE_EFS_TRANSIT_ENCRYPTION_OFF_WITHOUT_REASON',
      'SERVICE_EFS_IAM_OFF_WITHOUT_REASON',
    ]);
  });

  test('fails on ids, settings, ports and root directories ECS refuses, and on Windows', () => {
    const problems = checkEfsVolume(
      {
        fileSystemId: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1',
        rootDirectory: 'data',
        transitEncryption: 'enabled' as 'ENABLED',
        transitEncryptionPort: 70000,
        authorizationConfig: { accessPointId: 'ap-1' },
      },
      'v',
      WINDOWS,
    );
    expect(codes(problems)).toEqual([
      'SERVICE_EFS_UNSUPPORTED_ON_WINDOWS',
      'SERVICE_EFS_FILE_SYSTEM_ID_INVALID',
      'SERVICE_EFS_ACCESS_POINT_ID_INVALID',
      'SERVICE_EFS_SETTING_INVALID',
      'SERVICE_EFS_TRANSIT_ENCRYPTION_PORT_INVALID',
      'SERVICE_EFS_ROOT_DIRECTORY_WITH_ACCESS_POINT',
    ]);
    expect(codes(checkEfsVolume({ fileSystemId: FS, rootDirectory: 'data' }, 'v', LINUX))).toEqual([
      'SERVICE_EFS_ROOT_DIRECTORY_INVALID',
    ]);
  });

  test('fails when a transit encryption port is given with transit encryption off', () => {
    const problems = checkEfsVolume(
      {
        fileSystemId: FS,
        transitEncryption: 'DISABLED',
        transitEncryptionDisabledReason: 'r',
        transitEncryptionPort: 2999,
        authorizationConfig: { iam: 'DISABLED', iamDisabledReason: 'r' },
      },
      'v',
      LINUX,
    );
    expect(codes(problems)).toEqual(['SERVICE_EFS_TRANSIT_ENCRYPTION_PORT_INVALID']);
  });
});

describe('renderVolumes and efsTaskRoleStatements', () => {
  test('render the volume blocks with the defaults spelled out (ours, and the root directory ECS echoes)', () => {
    expect(
      renderVolumes([
        { name: 'logs', host: { sourcePath: '/var/log' } },
        { name: 'cache', dockerVolumeConfiguration: { driverOpts: { type: 'tmpfs' } } },
        { name: 'uploads', efsVolumeConfiguration: { fileSystemId: FS, authorizationConfig: { accessPointId: AP } } },
      ]),
    ).toEqual(
      [
        { name: 'logs', hostPath: '/var/log' },
        { name: 'cache', dockerVolumeConfiguration: { scope: 'task', driverOpts: { type: 'tmpfs' } } },
        {
          name: 'uploads',
          efsVolumeConfiguration: expect.objectContaining({
            fileSystemId: FS,
            rootDirectory: '/',
            transitEncryption: 'ENABLED',
            authorizationConfig: { accessPointId: AP, iam: 'ENABLED' },
          }),
        },
      ].map((v) => expect.objectContaining(v)),
    );
  });

  test('grant ClientMount through a mount target and the access point, ClientWrite only to writers', () => {
    const volumes: TaskVolume[] = [
      { name: 'ro', efsVolumeConfiguration: { fileSystemId: FS, authorizationConfig: { accessPointId: AP } } },
      { name: 'rw', efsVolumeConfiguration: { fileSystemId: FS } },
      {
        name: 'open',
        efsVolumeConfiguration: { fileSystemId: FS, authorizationConfig: { iam: 'DISABLED', iamDisabledReason: 'r' } },
      },
    ];
    const containers = [
      web({
        mountPoints: [
          { sourceVolume: 'ro', containerPath: '/ro', readOnly: true },
          { sourceVolume: 'rw', containerPath: '/rw' },
          { sourceVolume: 'open', containerPath: '/open' },
        ],
      }),
    ];
    const fsArn = `arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/${FS}`;
    expect(efsTaskRoleStatements(volumes, containers, ACCOUNT)).toEqual([
      {
        sid: 'EfsVolume0',
        actions: ['elasticfilesystem:ClientMount'],
        resources: [fsArn],
        conditions: [
          { test: 'Bool', variable: 'elasticfilesystem:AccessedViaMountTarget', values: ['true'] },
          {
            test: 'StringEquals',
            variable: 'elasticfilesystem:AccessPointArn',
            values: [`arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/${AP}`],
          },
        ],
      },
      {
        sid: 'EfsVolume1',
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: [fsArn],
        conditions: [{ test: 'Bool', variable: 'elasticfilesystem:AccessedViaMountTarget', values: ['true'] }],
      },
    ]);
  });
});
