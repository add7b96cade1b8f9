import { Lazy } from 'cdktf';
import type { Problem } from '../../modules/core';
import {
  checkEnvironment,
  checkEnvironmentFiles,
  checkSecrets,
  ContainerSecret,
  environmentReads,
  executionRoleStatements,
  NetworkMode,
  renderContainerDefinitions,
  s3BucketArnOf,
  secretLikeEnvironment,
  TaskOsFamily,
  type ContainerSpec,
} from '../../modules/service';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf';
const PARAM = 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/api-key';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ENV_FILE = 'arn:aws:s3:::config-bucket/web/app.env';
const ACCOUNT = { accountId: '123456789012', region: 'eu-west-1', partition: 'aws' };

function web(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name: 'web', image: 'nginx', memory: 512, ...overrides };
}

function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

describe('ContainerSecret', () => {
  test('writes valueFrom as ECS reads it: the ARN, or ARN:json-key:version-stage:version-id', () => {
    expect(ContainerSecret.fromSecretsManager(SECRET).valueFrom).toBe(SECRET);
    expect(ContainerSecret.fromSecretsManager(SECRET, { jsonKey: 'password' }).valueFrom).toBe(`${SECRET}:password::`);
    expect(ContainerSecret.fromSecretsManager(SECRET, { versionStage: 'AWSPREVIOUS' }).valueFrom).toBe(
      `${SECRET}::AWSPREVIOUS:`,
    );
    expect(ContainerSecret.fromSsmParameter('/app/api-key').valueFrom).toBe('/app/api-key');
  });
});

describe('checkEnvironment', () => {
  test('accepts a map and the API list', () => {
    expect(checkEnvironment(web({ environment: { LOG_LEVEL: 'info' } }), 'c')).toEqual([]);
    expect(checkEnvironment(web({ environment: [{ name: 'LOG_LEVEL', value: 'info' }] }), 'c')).toEqual([]);
  });

  test('fails on names with "=" or spaces, repeated names and values that are not strings', () => {
    const problems = checkEnvironment(
      web({
        environment: [
          { name: 'A=B', value: 'x' },
          { name: 'PORT', value: 8080 as unknown as string },
          { name: 'PORT', value: '80' },
        ],
      }),
      'c',
    );
    expect(codes(problems)).toEqual([
      'SERVICE_ENVIRONMENT_NAME_INVALID',
      'SERVICE_ENVIRONMENT_VALUE_INVALID',
      'SERVICE_ENVIRONMENT_NAME_DUPLICATE',
    ]);
    expect(problems.map((p) => p.path)).toEqual([
      'c.environment[0].name',
      'c.environment[1].value',
      'c.environment[2].name',
    ]);
  });

  test('locates map entries by name', () => {
    const [p] = checkEnvironment(web({ environment: { PORT: 8080 as unknown as string } }), 'c');
    expect(p).toMatchObject({ code: 'SERVICE_ENVIRONMENT_VALUE_INVALID', path: 'c.environment.PORT' });
  });
});

describe('checkSecrets', () => {
  test('accepts typed secrets, list secrets, parameter names and references only known at apply time', () => {
    const token = Lazy.stringValue({ produce: () => SECRET });
    const c = web({
      secrets: {
        DB: ContainerSecret.fromSecretsManager(SECRET, { jsonKey: 'password', kmsKeyArn: KEY }),
        API_KEY: ContainerSecret.fromSsmParameter('/app/api-key'),
        TOKEN: ContainerSecret.fromSecretsManager(token),
      },
    });
    expect(checkSecrets(c, 'c')).toEqual([]);
    const list = web({
      secrets: [
        { name: 'DB', valueFrom: `${SECRET}:password::` },
        { name: 'K', valueFrom: PARAM },
      ],
    });
    expect(checkSecrets(list, 'c')).toEqual([]);
  });

  test('fails when a secret is also a plain environment variable', () => {
    const problems = checkSecrets(
      web({ environment: { DB: 'x' }, secrets: { DB: ContainerSecret.fromSecretsManager(SECRET) } }),
      'c',
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'SERVICE_SECRET_ENVIRONMENT_CONFLICT', path: 'c.secrets.DB' }),
    ]);
  });

  test('fails on ARNs of the wrong shape or service', () => {
    const problems = checkSecrets(
      web({
        secrets: {
          A: ContainerSecret.fromSecretsManager('db-password'),
          B: ContainerSecret.fromSsmParameter('arn:aws:ssm:eu-west-1:123:parameter/x'),
          C: ContainerSecret.fromSecretsManager(SECRET, { kmsKeyArn: 'alias/app' }),
          D: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x' as unknown as ContainerSecret,
        },
      }),
      'c',
    );
    expect(codes(problems)).toEqual([
      'SERVICE_SECRET_ARN_INVALID',
      'SERVICE_SECRET_ARN_INVALID',
      'SERVICE_SECRET_KMS_KEY_INVALID',
      'SERVICE_SECRET_ARN_INVALID',
    ]);
    const list = checkSecrets(web({ secrets: [{ name: 'X', valueFrom: 'arn:aws:s3:::bucket/secret' }] }), 'c');
    expect(list).toEqual([
      expect.objectContaining({ code: 'SERVICE_SECRET_ARN_INVALID', path: 'c.secrets[0].valueFrom' }),
    ]);
  });

  test('fails on a JSON key (or version) on an SSM parameter, typed or in the list', () => {
    const typed = ContainerSecret.fromSsmParameter(PARAM, { jsonKey: 'k' } as never);
    expect(codes(checkSecrets(web({ secrets: { K: typed } }), 'c'))).toEqual(['SERVICE_SECRET_JSON_KEY_ON_SSM']);
    const list = checkSecrets(web({ secrets: [{ name: 'K', valueFrom: `${PARAM}:k::` }] }), 'c');
    expect(codes(list)).toEqual(['SERVICE_SECRET_JSON_KEY_ON_SSM']);
  });

  test('fails on a version id that is not one, repeated names and invalid names', () => {
    const problems = checkSecrets(
      web({
        secrets: [
          { name: 'A', valueFrom: SECRET },
          { name: 'A', valueFrom: PARAM },
          { name: '', valueFrom: PARAM },
        ],
      }),
      'c',
    );
    expect(codes(problems)).toEqual(['SERVICE_SECRET_NAME_DUPLICATE', 'SERVICE_SECRET_NAME_INVALID']);
    const version = ContainerSecret.fromSecretsManager(SECRET, { versionId: 'v1' });
    expect(codes(checkSecrets(web({ secrets: { V: version } }), 'c'))).toEqual(['SERVICE_SECRET_VERSION_INVALID']);
  });
});

describe('checkEnvironmentFiles', () => {
  test('accepts S3 object ARNs ending in .env, with or without type', () => {
    expect(checkEnvironmentFiles(web({ environmentFiles: [{ value: ENV_FILE, type: 's3' }] }), 'c')).toEqual([]);
    expect(checkEnvironmentFiles(web({ environmentFiles: [{ value: ENV_FILE }] }), 'c')).toEqual([]);
  });

  test('fails on other ARNs, other types and more than ten files', () => {
    const problems = checkEnvironmentFiles(
      web({
        environmentFiles: [
          { value: 's3://config-bucket/web/app.env', type: 's3' },
          { value: 'arn:aws:s3:::config-bucket/web/app.txt', type: 's3' },
          { value: ENV_FILE, type: 'S3' as 's3' },
        ],
      }),
      'c',
    );
    expect(codes(problems)).toEqual(Array(3).fill('SERVICE_ENVIRONMENT_FILE_INVALID'));
    const many = web({
      environmentFiles: Array.from({ length: 11 }, () => ({ value: ENV_FILE, type: 's3' as const })),
    });
    expect(codes(checkEnvironmentFiles(many, 'c'))).toEqual(['SERVICE_ENVIRONMENT_FILES_TOO_MANY']);
  });
});

describe('environment rendering and grants', () => {
  const c = web({
    environment: { Z_LAST: 'z', A_FIRST: 'a' },
    secrets: {
      DB_PASSWORD: ContainerSecret.fromSecretsManager(SECRET, { jsonKey: 'password', kmsKeyArn: KEY }),
      API_KEY: ContainerSecret.fromSsmParameter('/app/api-key'),
    },
    environmentFiles: [{ value: ENV_FILE }],
  });

  test('renders maps as the API lists, sorted by name, and environment files with type s3', () => {
    const [out] = renderContainerDefinitions([c], { networkMode: NetworkMode.AWSVPC, osFamily: TaskOsFamily.LINUX });
    expect(out!.environment).toEqual([
      { name: 'A_FIRST', value: 'a' },
      { name: 'Z_LAST', value: 'z' },
    ]);
    expect(out!.secrets).toEqual([
      { name: 'API_KEY', valueFrom: '/app/api-key' },
      { name: 'DB_PASSWORD', valueFrom: `${SECRET}:password::` },
    ]);
    expect(out!.environmentFiles).toEqual([{ value: ENV_FILE, type: 's3' }]);
  });

  test('grants the execution role exactly each secret, parameter, key and file', () => {
    const reads = environmentReads([c]);
    const environmentFiles = reads.environmentFiles.map((objectArn) => ({
      objectArn,
      bucketArn: s3BucketArnOf(objectArn),
    }));
    const statements = executionRoleStatements(
      {
        images: ['nginx'],
        logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web',
        registryCredentials: [],
        ...reads,
        environmentFiles,
      },
      ACCOUNT,
    ).filter((s) => s.sid !== 'ServiceLogs');
    expect(statements).toEqual([
      { sid: 'ReadSecrets', actions: ['secretsmanager:GetSecretValue'], resources: [SECRET] },
      { sid: 'ReadParameters', actions: ['ssm:GetParameters'], resources: [PARAM] },
      {
        sid: 'DecryptSecrets',
        actions: ['kms:Decrypt'],
        resources: [KEY],
        conditions: [
          { test: 'StringEquals', variable: 'kms:ViaService', values: ['secretsmanager.eu-west-1.amazonaws.com'] },
        ],
      },
      { sid: 'ReadEnvironmentFiles', actions: ['s3:GetObject'], resources: [ENV_FILE] },
      {
        sid: 'LocateEnvironmentFileBuckets',
        actions: ['s3:GetBucketLocation'],
        resources: ['arn:aws:s3:::config-bucket'],
      },
    ]);
  });

  test('warns about secret-like names in the map form too', () => {
    expect(secretLikeEnvironment([web({ environment: { DB_PASSWORD: 'x' } })])).toEqual([
      { containerName: 'web', name: 'DB_PASSWORD', because: 'its name looks like a secret' },
    ]);
  });
});
