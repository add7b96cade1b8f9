/**
 * The platform stack's outputs, from the real entry point: the seeds' lab names (ClusterName, VpcId,
 * PrivateSubnetOne, PrivateSubnetTwo, ContainerSecurityGroup) and the ready-to-paste commands in the
 * seeds' CLI forms, read back as a shell splits them and checked against the resources they name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runApp } from '../support/app-runner';
import { type TerraformBlock, type TerraformJson, valueAt } from '../support/synth';
import { parseAwsvpcConfiguration, parseCliCommand, substitutedCommand, type ParsedCommand } from './cli-command';

/** Synthesizes the default app with `config` and returns the platform stack's JSON. */
function synthPlatform(config?: unknown, stack = 'lab-platform'): TerraformJson {
  const run = runApp({ config, args: ['--synth-only'] });
  try {
    if (run.code !== 0) throw new Error(`the app failed (${run.code}):\n${run.stderr}`);
    return JSON.parse(fs.readFileSync(path.join(run.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  } finally {
    fs.rmSync(run.cwd, { recursive: true, force: true });
  }
}

function outputValue(json: TerraformJson, name: string): string {
  const value = json.output?.[name]?.value as unknown;
  if (typeof value !== 'string') throw new Error(`output ${name} is missing or not a string: ${JSON.stringify(value)}`);
  return value;
}

function command(json: TerraformJson, name: string): ParsedCommand {
  return parseCliCommand(outputValue(json, name));
}

/** The single resource of `type` (its logical name and body). */
function only(json: TerraformJson, type: string): [string, TerraformBlock] {
  const entries = Object.entries(json.resource?.[type] ?? {});
  if (entries.length !== 1) throw new Error(`expected one ${type}, found ${entries.length}`);
  return entries[0]!;
}

/** `${aws_subnet.<name>.id}` for each private subnet, in AZ order (found by their CIDR blocks). */
function privateSubnetRefs(json: TerraformJson, cidrs: readonly string[]): string[] {
  const subnets = Object.entries(json.resource?.aws_subnet ?? {});
  return cidrs.map((cidr) => {
    const found = subnets.find(([, s]) => s.cidr_block === cidr);
    if (!found) throw new Error(`no subnet ${cidr}`);
    expect(found[1].map_public_ip_on_launch).toBe(false);
    return `\${aws_subnet.${found[0]}.id}`;
  });
}

const SEED_OUTPUTS = ['ClusterName', 'VpcId', 'PrivateSubnetOne', 'PrivateSubnetTwo', 'ContainerSecurityGroup'];
const COMMAND_OUTPUTS = [
  'RunTaskCommand',
  'ListTasksCommand',
  'StopTaskCommand',
  'DescribeTaskIpCommand',
  'ExecuteCommandCommand',
  'ListTrunkAttributesCommand',
  'ContainerInstanceIdsCommand',
  'StartSessionCommand',
];

describe("the default app's outputs", () => {
  let lab: TerraformJson;
  beforeAll(() => {
    lab = synthPlatform();
  }, 30_000);

  test('put no double quote in a value that holds a Terraform reference (cdktf synth --hcl leaves it unescaped)', () => {
    const withReferences = Object.entries(lab.output ?? {}).filter(
      ([, o]) => typeof o.value === 'string' && o.value.includes('${'),
    );
    expect(withReferences.map(([name]) => name)).toContain('RunTaskCommand');
    expect(withReferences.filter(([, o]) => (o.value as string).includes('"')).map(([name]) => name)).toEqual([]);
  });

  test("exist under the seeds' lab names, each with a description, plus the commands", () => {
    expect(Object.keys(lab.output ?? {}).sort()).toEqual([...SEED_OUTPUTS, ...COMMAND_OUTPUTS].sort());
    for (const o of Object.values(lab.output ?? {})) expect(o.description).toEqual(expect.any(String));
  });

  test("name the cluster, the VPC, the private subnets and the tasks' security group", () => {
    expect(outputValue(lab, 'ClusterName')).toBe(only(lab, 'aws_ecs_cluster')[1].name);
    expect(outputValue(lab, 'ClusterName')).toBe('lab-cluster');
    expect(outputValue(lab, 'VpcId')).toBe(`\${aws_vpc.${only(lab, 'aws_vpc')[0]}.id}`);
    expect([outputValue(lab, 'PrivateSubnetOne'), outputValue(lab, 'PrivateSubnetTwo')]).toEqual(
      privateSubnetRefs(lab, ['10.0.100.0/24', '10.0.101.0/24']),
    );
    const service = only(lab, 'aws_ecs_service')[1];
    expect(service).toHaveProperty('network_configuration.security_groups', [
      outputValue(lab, 'ContainerSecurityGroup'),
    ]);
  });

  test("RunTaskCommand: aws ecs run-task with the seeds' awsvpcConfiguration on the private subnets", () => {
    const cmd = command(lab, 'RunTaskCommand');
    expect(cmd.words).toEqual(['aws', 'ecs', 'run-task']);
    expect(cmd.options.get('--region')).toBe('us-east-1');
    expect(cmd.options.get('--cluster')).toBe(outputValue(lab, 'ClusterName'));
    expect(cmd.options.get('--task-definition')).toBe(only(lab, 'aws_ecs_task_definition')[1].family);
    expect(cmd.options.get('--capacity-provider-strategy')).toBe(
      `capacityProvider=${only(lab, 'aws_ecs_capacity_provider')[1].name},weight=1`,
    );
    expect(outputValue(lab, 'RunTaskCommand')).toContain("--network-configuration 'awsvpcConfiguration={");

    const network = parseAwsvpcConfiguration(cmd.options.get('--network-configuration') as string);
    expect(network).toBeDefined();
    expect(network!.assignPublicIp).toBe('DISABLED');
    // The subnet references point at the private subnets' ids: the same as the outputs and the service's.
    expect(network!.subnets).toEqual([outputValue(lab, 'PrivateSubnetOne'), outputValue(lab, 'PrivateSubnetTwo')]);
    expect(network!.subnets).toEqual(privateSubnetRefs(lab, ['10.0.100.0/24', '10.0.101.0/24']));
    expect(network!.subnets).toEqual(valueAt(only(lab, 'aws_ecs_service')[1], 'network_configuration', 'subnets'));
    expect(network!.securityGroups).toEqual([outputValue(lab, 'ContainerSecurityGroup')]);
  });

  test("DescribeTaskIpCommand: aws ecs describe-tasks querying the task's privateIPv4Address", () => {
    const cmd = command(lab, 'DescribeTaskIpCommand');
    expect(cmd.words).toEqual(['aws', 'ecs', 'describe-tasks']);
    expect(cmd.options.get('--cluster')).toBe('lab-cluster');
    expect(cmd.options.get('--tasks')).toBe('<TASK_ID>');
    expect(cmd.options.get('--query')).toMatch(
      /^tasks\[0\]\.attachments\[0\]\.details\[\?name=='privateIPv4Address'\]\.value$/,
    );
  });

  test("ExecuteCommandCommand: aws ecs execute-command --interactive --command into the service's container", () => {
    const cmd = command(lab, 'ExecuteCommandCommand');
    expect(cmd.words).toEqual(['aws', 'ecs', 'execute-command']);
    expect(cmd.options.get('--cluster')).toBe('lab-cluster');
    expect(cmd.options.get('--task')).toBe('<TASK_ID>');
    const containers = JSON.parse(only(lab, 'aws_ecs_task_definition')[1].container_definitions as string) as {
      name: string;
    }[];
    expect(cmd.options.get('--container')).toBe(containers[0]!.name);
    expect(cmd.options.get('--interactive')).toBe(true);
    expect(cmd.options.get('--command')).toBe('/bin/sh');
    // The demonstration service has ECS Exec on, so the command can work.
    expect(only(lab, 'aws_ecs_service')[1].enable_execute_command).toBe(true);
  });

  test('ListTrunkAttributesCommand: aws ecs list-attributes --attribute-name ecs.awsvpc-trunk-id', () => {
    const cmd = command(lab, 'ListTrunkAttributesCommand');
    expect(cmd.words).toEqual(['aws', 'ecs', 'list-attributes']);
    expect(cmd.options.get('--cluster')).toBe('lab-cluster');
    expect(cmd.options.get('--target-type')).toBe('container-instance');
    expect(cmd.options.get('--attribute-name')).toBe('ecs.awsvpc-trunk-id');
  });

  test('StartSessionCommand: aws ssm start-session --target the instance id that describe-container-instances finds', () => {
    const cmd = command(lab, 'StartSessionCommand');
    expect(cmd.words).toEqual(['aws', 'ssm', 'start-session']);
    expect(cmd.options.get('--region')).toBe('us-east-1');
    const describe = parseCliCommand(substitutedCommand(cmd.options.get('--target'))!);
    expect(describe.words).toEqual(['aws', 'ecs', 'describe-container-instances']);
    expect(describe.options.get('--cluster')).toBe('lab-cluster');
    const list = parseCliCommand(substitutedCommand(describe.options.get('--container-instances'))!);
    expect(list.words).toEqual(['aws', 'ecs', 'list-container-instances']);
    expect(list.options.get('--cluster')).toBe('lab-cluster');
  });

  test("ContainerInstanceIdsCommand: every container instance's EC2 instance id", () => {
    const cmd = command(lab, 'ContainerInstanceIdsCommand');
    expect(cmd.words).toEqual(['aws', 'ecs', 'describe-container-instances']);
    expect(cmd.options.get('--query')).toBe('containerInstances[].ec2InstanceId');
    expect(parseCliCommand(substitutedCommand(cmd.options.get('--container-instances'))!).words).toEqual([
      'aws',
      'ecs',
      'list-container-instances',
    ]);
  });

  test('StopTaskCommand and ListTasksCommand: aws ecs stop-task and list-tasks on the cluster', () => {
    const stop = command(lab, 'StopTaskCommand');
    expect(stop.words).toEqual(['aws', 'ecs', 'stop-task']);
    expect(stop.options.get('--cluster')).toBe('lab-cluster');
    expect(stop.options.get('--task')).toBe('<TASK_ID>');
    const list = command(lab, 'ListTasksCommand');
    expect(list.words).toEqual(['aws', 'ecs', 'list-tasks']);
    expect(list.options.get('--family')).toBe(only(lab, 'aws_ecs_task_definition')[1].family);
  });
});

describe('the outputs follow the configuration', () => {
  test('region, cluster name, prefix and a third AZ reach every command and output', () => {
    const json = synthPlatform(
      { region: 'eu-west-1', namePrefix: 'dev', clusterName: 'DevCluster', network: { availabilityZoneCount: 3 } },
      'dev-platform',
    );
    const refs = privateSubnetRefs(json, ['10.0.100.0/24', '10.0.101.0/24', '10.0.102.0/24']);
    expect(['PrivateSubnetOne', 'PrivateSubnetTwo', 'PrivateSubnetThree'].map((n) => outputValue(json, n))).toEqual(
      refs,
    );
    expect(outputValue(json, 'ClusterName')).toBe('DevCluster');
    for (const name of COMMAND_OUTPUTS) {
      const cmd = command(json, name);
      expect({ name, region: cmd.options.get('--region') }).toEqual({ name, region: 'eu-west-1' });
      const cluster =
        name === 'StartSessionCommand'
          ? parseCliCommand(substitutedCommand(cmd.options.get('--target'))!).options.get('--cluster')
          : cmd.options.get('--cluster');
      expect({ name, cluster }).toEqual({ name, cluster: 'DevCluster' });
    }
    const run = command(json, 'RunTaskCommand');
    expect(run.options.get('--task-definition')).toBe('dev-nginx');
    expect(run.options.get('--capacity-provider-strategy')).toBe('capacityProvider=dev-linux,weight=1');
    expect(parseAwsvpcConfiguration(run.options.get('--network-configuration') as string)?.subnets).toEqual(refs);
  });

  test('without an awsvpc service there is no container security group and no task command', () => {
    const json = synthPlatform({ services: [] });
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'ClusterName',
      'PrivateSubnetOne',
      'PrivateSubnetTwo',
      'VpcId',
    ]);
  });
});
