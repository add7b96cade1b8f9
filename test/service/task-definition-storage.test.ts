/** TaskDefinition with volumes, secrets and environment files: the Terraform it writes and the mistakes it refuses. */
import { TerraformVariable } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { NetworkMode, TaskDefinition, ContainerSecret, type TaskDefinitionProps } from '../../modules/service';
import { newTestStack, resourcesOfType, stringArg, synthToDir } from '../support/synth';
import { single, warningsOf } from './fixtures';

const FS = 'fs-0123456789abcdef0';
const AP = 'fsap-0123456789abcdef0';
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';
const PARAM = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/api-key';
const ENV_FILE = 'arn:aws:s3:::config-bucket/web/app.env';

const STORAGE: Partial<TaskDefinitionProps> = {
  volumes: [
    { name: 'uploads', efsVolumeConfiguration: { fileSystemId: FS, authorizationConfig: { accessPointId: AP } } },
    { name: 'logs', host: { sourcePath: '/var/log/web' } },
    { name: 'cache', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, labels: { app: 'web' } } },
  ],
  containers: [
    {
      name: 'web',
      image: 'nginx',
      memory: 512,
      mountPoints: [
        { sourceVolume: 'uploads', containerPath: '/srv/uploads' },
        { sourceVolume: 'logs', containerPath: '/var/log/nginx' },
        { sourceVolume: 'cache', containerPath: '/var/cache/nginx', readOnly: true },
      ],
      environment: { LOG_LEVEL: 'info' },
      environmentFiles: [{ value: ENV_FILE, type: 's3' }],
      secrets: {
        DB_PASSWORD: ContainerSecret.fromSecretsManager(SECRET, { jsonKey: 'password' }),
        API_KEY: ContainerSecret.fromSsmParameter(PARAM),
      },
    },
  ],
};

function synth(props: Partial<TaskDefinitionProps> = {}) {
  const { app, stack } = newTestStack();
  const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [], ...STORAGE, ...props });
  return { td, stack, json: synthToDir(app).json };
}

function policies(json: ReturnType<typeof synth>['json']): Record<string, { Statement: Record<string, unknown>[] }> {
  return Object.fromEntries(
    Object.values(resourcesOfType(json, 'aws_iam_role_policy')).map((p) => [
      p.name,
      JSON.parse(stringArg(p, 'policy')),
    ]),
  );
}

describe('TaskDefinition: volumes', () => {
  test('writes a volume block per volume, EFS with TLS and IAM authorization on', () => {
    const td = single(synth().json, 'aws_ecs_task_definition');
    expect(td.volume).toEqual([
      {
        name: 'uploads',
        efs_volume_configuration: {
          file_system_id: FS,
          root_directory: '/',
          transit_encryption: 'ENABLED',
          authorization_config: { access_point_id: AP, iam: 'ENABLED' },
        },
      },
      { name: 'logs', host_path: '/var/log/web' },
      {
        name: 'cache',
        docker_volume_configuration: { scope: 'shared', autoprovision: true, labels: { app: 'web' } },
      },
    ]);
  });

  test('grants the task role the mount (and writes) on the file system through the access point', () => {
    const efs = policies(synth().json)['efs-volumes']!;
    expect(efs.Statement).toEqual([
      {
        Sid: 'EfsVolume0',
        Effect: 'Allow',
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Resource: [expect.stringMatching(new RegExp(`:elasticfilesystem:.*:file-system/${FS}$`))],
        Condition: {
          Bool: { 'elasticfilesystem:AccessedViaMountTarget': ['true'] },
          StringEquals: {
            'elasticfilesystem:AccessPointArn': [expect.stringMatching(new RegExp(`access-point/${AP}$`))],
          },
        },
      },
    ]);
  });

  test('creates a task role for a host-mode task only to mount EFS with IAM', () => {
    const { td } = synth({ networkMode: NetworkMode.HOST });
    expect(td.hasTaskRole).toBe(true);
    const without = synth({
      networkMode: NetworkMode.HOST,
      volumes: [],
      containers: [{ name: 'w', image: 'nginx', memory: 64 }],
    });
    expect(without.td.hasTaskRole).toBe(false);
  });

  test('warns about a volume no container mounts', () => {
    const { stack } = synth({ volumes: [...STORAGE.volumes!, { name: 'spare' }] });
    expect(warningsOf(stack)).toContainEqual(
      expect.stringContaining('[SERVICE_VOLUME_UNUSED] web: no container mounts the volume "spare"'),
    );
  });

  test('fails when a mount point names a volume the task does not declare', () => {
    expect(() =>
      synth({
        volumes: [],
        containers: [
          { name: 'web', image: 'nginx', memory: 64, mountPoints: [{ sourceVolume: 'data', containerPath: '/d' }] },
        ],
      }),
    ).toThrowProblem(
      'SERVICE_MOUNT_POINT_VOLUME_UNKNOWN',
      'TaskDefinition.containers[0].mountPoints[0].sourceVolume',
      '(at test/task)',
    );
  });

  test('fails on EFS with transit encryption off while IAM authorization is on, and on duplicate names', () => {
    const volumes = [
      {
        name: 'uploads',
        efsVolumeConfiguration: {
          fileSystemId: FS,
          transitEncryption: 'DISABLED' as const,
          transitEncryptionDisabledReason: 'r',
        },
      },
      { name: 'uploads' },
    ];
    expect(() => synth({ volumes })).toThrowProblem(
      'SERVICE_EFS_IAM_WITHOUT_TRANSIT_ENCRYPTION',
      'TaskDefinition.volumes[0].efsVolumeConfiguration',
    );
    expect(() => synth({ volumes })).toThrowProblem('SERVICE_VOLUME_NAME_DUPLICATE', 'TaskDefinition.volumes[1].name');
  });

  test('fails on a task-scoped Docker volume with autoprovision and on an access point with a root directory', () => {
    expect(() =>
      synth({
        volumes: [{ name: 'cache', dockerVolumeConfiguration: { autoprovision: true } }],
        containers: [{ name: 'w', image: 'nginx', memory: 64 }],
      }),
    ).toThrowProblem('SERVICE_DOCKER_VOLUME_AUTOPROVISION_TASK_SCOPE', 'scope "task" (the default)');
    expect(() =>
      synth({
        volumes: [
          {
            name: 'u',
            efsVolumeConfiguration: {
              fileSystemId: FS,
              rootDirectory: '/data',
              authorizationConfig: { accessPointId: AP },
            },
          },
        ],
        containers: [
          { name: 'w', image: 'nginx', memory: 64, mountPoints: [{ sourceVolume: 'u', containerPath: '/u' }] },
        ],
      }),
    ).toThrowProblem('SERVICE_EFS_ROOT_DIRECTORY_WITH_ACCESS_POINT', '"/data"');
  });

  test('fails when volumesFrom names a container the task does not have', () => {
    expect(() =>
      synth({
        volumes: [],
        containers: [{ name: 'w', image: 'nginx', memory: 64, volumesFrom: [{ sourceContainer: 'app' }] }],
      }),
    ).toThrowProblem('SERVICE_VOLUMES_FROM_UNKNOWN_CONTAINER', '"app"', 'a container of this task: "w"');
  });
});

describe('TaskDefinition: environment and secrets', () => {
  test('sends the environment map, the secrets and the environment files as the API lists', () => {
    const [web] = JSON.parse(stringArg(single(synth().json, 'aws_ecs_task_definition'), 'container_definitions'));
    expect(web.environment).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(web.secrets).toEqual([
      { name: 'API_KEY', valueFrom: PARAM },
      { name: 'DB_PASSWORD', valueFrom: `${SECRET}:password::` },
    ]);
    expect(web.environmentFiles).toEqual([{ value: ENV_FILE, type: 's3' }]);
  });

  test('grants the execution role each secret, parameter and file, and nothing more', () => {
    const execution = policies(synth().json).execution!.Statement;
    const bySid = Object.fromEntries(execution.map((s) => [s.Sid as string, s]));
    expect(Object.keys(bySid)).toEqual([
      'ServiceLogs',
      'ReadSecrets',
      'ReadParameters',
      'ReadEnvironmentFiles',
      'LocateEnvironmentFileBuckets',
    ]);
    expect(bySid.ReadSecrets).toMatchObject({ Action: ['secretsmanager:GetSecretValue'], Resource: [SECRET] });
    expect(bySid.ReadParameters).toMatchObject({ Action: ['ssm:GetParameters'], Resource: [PARAM] });
    expect(bySid.ReadEnvironmentFiles).toMatchObject({ Action: ['s3:GetObject'], Resource: [ENV_FILE] });
    expect(bySid.LocateEnvironmentFileBuckets).toMatchObject({ Resource: ['arn:aws:s3:::config-bucket'] });
  });

  test('computes the bucket of an environment file known only at apply time in a Terraform local', () => {
    const { app, stack } = newTestStack();
    const value = new TerraformVariable(stack, 'env_file', { type: 'string' }).stringValue;
    const containers = [
      { name: 'web', image: 'nginx', memory: 64, environmentFiles: [{ value, type: 's3' as const }] },
    ];
    new TaskDefinition(stack, 'task', { family: 'web', containers });
    const { json } = synthToDir(app);
    const locals = Object.entries((json as { locals?: Record<string, string> }).locals ?? {});
    expect(locals).toEqual([
      [expect.stringMatching(/^task_environment-file-bucket-0_/), '${element(split("/", var.env_file), 0)}'],
    ]);
    const bySid = Object.fromEntries(policies(json).execution!.Statement.map((st) => [st.Sid as string, st]));
    expect(bySid.LocateEnvironmentFileBuckets!.Resource).toEqual([`\${local.${locals[0]![0]}}`]);
  });

  test('grants a secret read twice (two tokens of one attribute) once', () => {
    const { app, stack } = newTestStack();
    const secret = new SecretsmanagerSecret(stack, 'db', { name: 'db' });
    const secrets = {
      WHOLE: ContainerSecret.fromSecretsManager(secret.arn),
      PASSWORD: ContainerSecret.fromSecretsManager(secret.arn, { jsonKey: 'password' }),
    };
    new TaskDefinition(stack, 'task', {
      family: 'web',
      containers: [{ name: 'web', image: 'nginx', memory: 64, secrets }],
    });
    const read = policies(synthToDir(app).json).execution!.Statement.find((st) => st.Sid === 'ReadSecrets')!;
    expect(read.Resource).toEqual([expect.stringMatching(/^\$\{aws_secretsmanager_secret\.db\.arn\}$/)]);
  });

  test('fails when a secret is also an environment variable', () => {
    const containers = [
      {
        name: 'web',
        image: 'nginx',
        memory: 64,
        environment: { DB: 'x' },
        secrets: { DB: ContainerSecret.fromSsmParameter('/db') },
      },
    ];
    expect(() => synth({ volumes: [], containers })).toThrowProblem(
      'SERVICE_SECRET_ENVIRONMENT_CONFLICT',
      'TaskDefinition.containers[0].secrets.DB',
    );
  });

  test('fails on a JSON key on an SSM parameter and on an invalid ARN', () => {
    const containers = [
      {
        name: 'web',
        image: 'nginx',
        memory: 64,
        secrets: [
          { name: 'K', valueFrom: `${PARAM}:key::` },
          { name: 'S', valueFrom: 'arn:aws:secretsmanager:us-east-1:1:secret:x' },
        ],
      },
    ];
    expect(() => synth({ volumes: [], containers })).toThrowProblem(
      'SERVICE_SECRET_JSON_KEY_ON_SSM',
      'secrets[0].valueFrom',
    );
    expect(() => synth({ volumes: [], containers })).toThrowProblem(
      'SERVICE_SECRET_ARN_INVALID',
      'secrets[1].valueFrom',
    );
  });
});
