/**
 * examples/everyday-options, storage part (storage.ts): an EFS-backed service and a service configured
 * by an environment map, an environment file and secrets. (terraform validate and terraform test of the
 * stack, with terraform/everyday-options.storage.tftest.hcl: synth-examples.test.ts.)
 */
import { Aspects } from 'cdktf';
import { build } from '../../examples/everyday-options/main';
import type { EverydayPlatform } from '../../examples/everyday-options/platform';
import { API_KEY_PARAMETER } from '../../examples/everyday-options/storage';
import { PolicyPack } from '../../modules/policy';
import { listArg, resourcesOfType, stringArg, type TerraformJson } from '../support/synth';
import { annotations, synthesizeApp, type SynthesizedApp } from './support';

type Statement = { Sid: string; Action: string[]; Resource: string[]; Condition?: unknown };

function taskDefinition(json: TerraformJson, family: string): ReturnType<typeof resourcesOfType>[string] {
  return Object.values(resourcesOfType(json, 'aws_ecs_task_definition')).find((t) => t.family === family)!;
}

function rolePolicy(json: TerraformJson, roleFragment: string, name: string): Statement[] {
  const policy = Object.values(resourcesOfType(json, 'aws_iam_role_policy')).find(
    (p) => p.name === name && String(p.role).includes(roleFragment),
  )!;
  return JSON.parse(stringArg(policy, 'policy')).Statement as Statement[];
}

describe('examples/everyday-options: storage', () => {
  let platform: EverydayPlatform;
  let out: SynthesizedApp;
  let json: TerraformJson;
  beforeAll(() => {
    out = synthesizeApp((app) => {
      platform = build(app);
    });
    json = out.json('everyday-options');
  });

  test('mounts the EFS access point over TLS with the task role, one mount target per private subnet', () => {
    const [volume] = listArg(taskDefinition(json, 'files'), 'volume');
    expect(volume).toEqual({
      name: 'uploads',
      efs_volume_configuration: {
        file_system_id: expect.stringMatching(/^\$\{aws_efs_file_system\.storage_file-system_.*\.id\}$/),
        root_directory: '/',
        transit_encryption: 'ENABLED',
        authorization_config: {
          access_point_id: expect.stringMatching(/^\$\{aws_efs_access_point\.storage_access-point_.*\.id\}$/),
          iam: 'ENABLED',
        },
      },
    });
    const targets = Object.values(resourcesOfType(json, 'aws_efs_mount_target'));
    expect(targets).toHaveLength(platform.network.privateSubnets.length);
    const efs = rolePolicy(json, 'storage_files-task_task-role', 'efs-volumes');
    expect(efs).toEqual([
      expect.objectContaining({
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Condition: expect.objectContaining({ StringEquals: expect.anything() }),
      }),
    ]);
  });

  test('lets only the files tasks reach the file system, on NFS', () => {
    const ingress = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).filter((r) =>
      String(r.security_group_id).includes('storage_efs-security-group'),
    );
    expect(ingress).toEqual([
      expect.objectContaining({
        from_port: 2049,
        to_port: 2049,
        ip_protocol: 'tcp',
        referenced_security_group_id: expect.stringContaining('storage_files'),
      }),
    ]);
  });

  test('sends the settings container its environment, environment file and secrets', () => {
    const [settings] = JSON.parse(stringArg(taskDefinition(json, 'settings'), 'container_definitions'));
    expect(settings.environment.map((e: { name: string }) => e.name)).toEqual(['LOG_LEVEL', 'UPSTREAM_URL']);
    expect(settings.environmentFiles).toEqual([{ value: expect.stringContaining('aws_s3_object'), type: 's3' }]);
    expect(settings.secrets).toEqual([
      { name: 'API_KEY', valueFrom: API_KEY_PARAMETER },
      { name: 'DB_CREDENTIALS', valueFrom: expect.stringMatching(/secretsmanager_secret.*\.arn\}$/) },
      { name: 'DB_PASSWORD', valueFrom: expect.stringMatching(/secretsmanager_secret.*\.arn\}:password::$/) },
    ]);
  });

  test("grants the settings execution role exactly what the container's configuration needs", () => {
    const statements = rolePolicy(json, 'storage_settings-task_execution-role', 'execution');
    expect(statements.map((s) => [s.Sid, s.Action])).toEqual([
      ['ServiceLogs', ['logs:CreateLogStream', 'logs:PutLogEvents']],
      ['ReadSecrets', ['secretsmanager:GetSecretValue']],
      ['ReadParameters', ['ssm:GetParameters']],
      ['DecryptSecrets', ['kms:Decrypt']],
      ['ReadEnvironmentFiles', ['s3:GetObject']],
      ['LocateEnvironmentFileBuckets', ['s3:GetBucketLocation']],
    ]);
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.ReadSecrets!.Resource).toEqual([expect.stringMatching(/secretsmanager_secret.*\.arn\}$/)]);
    expect(bySid.ReadParameters!.Resource).toEqual([expect.stringMatching(/:parameter\/everyday\/settings\/api-key$/)]);
  });

  test('passes the policy pack without findings', () => {
    const pack = Aspects.of(platform.stack).all.find((a): a is PolicyPack => a instanceof PolicyPack)!;
    const storage = (f: { constructPath?: string; path?: string }) => JSON.stringify(f).includes('/storage/');
    expect(pack.violations).toEqual([]);
    expect(pack.warnings.filter(storage)).toEqual([]);
    expect(annotations(platform.stack.node.findChild('storage'), 'warn')).toEqual([]);
  });
});
