/** The ready-to-paste AWS CLI commands (modules/stacks/commands.ts), read back the way a shell splits them. */
import fc from 'fast-check';
import {
  awsvpcConfiguration,
  containerInstanceIdsCommand,
  describeTaskIpCommand,
  executeCommandCommand,
  listTasksCommand,
  listTrunkAttributesCommand,
  runTaskCommand,
  startSessionCommand,
  stopTaskCommand,
  type CommandInputs,
} from '../../modules/stacks/commands';
import { parseAwsvpcConfiguration, parseCliCommand, shellWords, substitutedCommand } from './cli-command';

const INPUTS: CommandInputs = {
  region: 'eu-west-1',
  clusterName: 'lab-cluster',
  taskDefinition: 'lab-nginx',
  capacityProviderName: 'lab-linux',
  subnetIds: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
  securityGroupIds: ['sg-0123456789abcdef0'],
  containerName: 'nginx',
  enableExecuteCommand: true,
};

/** What cdktf puts in an output when the inputs are Terraform references. */
const REFERENCES: CommandInputs = {
  ...INPUTS,
  subnetIds: ['${aws_subnet.network_private-0_A0649C48.id}', '${aws_subnet.network_private-1_4188AF2B.id}'],
  securityGroupIds: ['${aws_security_group.service-nginx_security-group_920E3E8D.id}'],
};

/** `text`, split as a shell would, is the command `words` with exactly the `options` (a flag alone: true). */
function expectCommand(text: string, words: string[], options: Record<string, string | true>): void {
  const cmd = parseCliCommand(text);
  expect({ words: cmd.words, options: Object.fromEntries(cmd.options) }).toEqual({ words, options });
}

describe('shellWords (the test helper)', () => {
  test('splits like a shell: double quotes keep blanks and single quotes, escapes are honoured', () => {
    expect(shellWords('aws ecs x --query "a[?n==\'v\'].b" --c  \'d e\' --f "g\\"h"')).toEqual([
      'aws',
      'ecs',
      'x',
      '--query',
      "a[?n=='v'].b",
      '--c',
      'd e',
      '--f',
      'g"h',
    ]);
  });

  test('rejects anything but one simple command', () => {
    expect(() => shellWords('aws ecs x; rm -rf /')).toThrow(/one simple command/);
    expect(() => shellWords('aws "ecs')).toThrow(/unterminated/);
  });
});

describe('awsvpcConfiguration', () => {
  test("renders the seeds' shorthand with public IPs disabled", () => {
    expect(awsvpcConfiguration(['subnet-a', 'subnet-b'], ['sg-1'])).toBe(
      'awsvpcConfiguration={subnets=[subnet-a,subnet-b],securityGroups=[sg-1],assignPublicIp=DISABLED}',
    );
  });

  test('reads back the subnets and security groups it was given, in order (any ids)', () => {
    const id = (prefix: string) => fc.stringMatching(/^[a-z0-9]{1,17}$/).map((s) => `${prefix}-${s}`);
    fc.assert(
      fc.property(
        fc.array(id('subnet'), { minLength: 1, maxLength: 16 }),
        fc.array(id('sg'), { minLength: 1, maxLength: 5 }),
        (subnets, groups) => {
          expect(parseAwsvpcConfiguration(awsvpcConfiguration(subnets, groups))).toEqual({
            subnets,
            securityGroups: groups,
            assignPublicIp: 'DISABLED',
          });
        },
      ),
    );
  });
});

describe('runTaskCommand', () => {
  test('asks for ECS Exec on the new task only when the service has it on', () => {
    expect(
      parseCliCommand(runTaskCommand({ ...INPUTS, enableExecuteCommand: false })).options.has(
        '--enable-execute-command',
      ),
    ).toBe(false);
    expect(
      parseCliCommand(runTaskCommand({ ...INPUTS, enableExecuteCommand: undefined })).options.has(
        '--enable-execute-command',
      ),
    ).toBe(false);
  });

  test("runs the task definition on the cluster's capacity provider with the awsvpc network configuration", () => {
    expectCommand(runTaskCommand(INPUTS), ['aws', 'ecs', 'run-task'], {
      '--region': 'eu-west-1',
      '--cluster': 'lab-cluster',
      '--task-definition': 'lab-nginx',
      '--capacity-provider-strategy': 'capacityProvider=lab-linux,weight=1',
      '--network-configuration':
        'awsvpcConfiguration={subnets=[subnet-0a1b2c3d,subnet-0e1f2a3b],securityGroups=[sg-0123456789abcdef0],assignPublicIp=DISABLED}',
      '--enable-execute-command': true,
    });
  });

  test('quotes the network configuration, so that a shell does not expand its braces', () => {
    expect(runTaskCommand(INPUTS)).toContain("--network-configuration 'awsvpcConfiguration={");
  });

  test('uses no double quote around Terraform references (cdktf synth --hcl would leave it unescaped)', () => {
    expect(runTaskCommand(REFERENCES)).toContain('${');
    expect(runTaskCommand(REFERENCES)).not.toContain('"');
  });

  test('keeps Terraform references whole inside the network configuration', () => {
    const value = parseCliCommand(runTaskCommand(REFERENCES)).options.get('--network-configuration');
    expect(parseAwsvpcConfiguration(value as string)).toEqual({
      subnets: REFERENCES.subnetIds,
      securityGroups: REFERENCES.securityGroupIds,
      assignPublicIp: 'DISABLED',
    });
  });
});

describe('the other commands', () => {
  test("describeTaskIpCommand queries the task ENI's private IPv4 address", () => {
    const cmd = parseCliCommand(describeTaskIpCommand(INPUTS));
    expect(cmd.words).toEqual(['aws', 'ecs', 'describe-tasks']);
    expect(cmd.options.get('--cluster')).toBe('lab-cluster');
    expect(cmd.options.get('--region')).toBe('eu-west-1');
    expect(cmd.options.get('--tasks')).toBe('<TASK_ID>');
    expect(cmd.options.get('--query')).toBe("tasks[0].attachments[0].details[?name=='privateIPv4Address'].value");
    expect(cmd.options.get('--output')).toBe('text');
  });

  test('executeCommandCommand opens an interactive shell in the container', () => {
    expectCommand(executeCommandCommand(INPUTS), ['aws', 'ecs', 'execute-command'], {
      '--region': 'eu-west-1',
      '--cluster': 'lab-cluster',
      '--task': '<TASK_ID>',
      '--container': 'nginx',
      '--interactive': true,
      '--command': '/bin/sh',
    });
  });

  test("listTrunkAttributesCommand lists the container instances' ecs.awsvpc-trunk-id attribute", () => {
    expectCommand(listTrunkAttributesCommand(INPUTS), ['aws', 'ecs', 'list-attributes'], {
      '--region': 'eu-west-1',
      '--cluster': 'lab-cluster',
      '--target-type': 'container-instance',
      '--attribute-name': 'ecs.awsvpc-trunk-id',
    });
  });

  test('startSessionCommand reaches the first container instance through SSM Session Manager, its id looked up', () => {
    const cmd = parseCliCommand(startSessionCommand(INPUTS));
    expect(cmd.words).toEqual(['aws', 'ssm', 'start-session']);
    expect(cmd.options.get('--region')).toBe('eu-west-1');
    // --target $(aws ecs describe-container-instances ... --container-instances $(aws ecs list-container-instances ...))
    const describe = parseCliCommand(substitutedCommand(cmd.options.get('--target'))!);
    expect(describe.words).toEqual(['aws', 'ecs', 'describe-container-instances']);
    expect(Object.fromEntries([...describe.options].filter(([k]) => k !== '--container-instances'))).toEqual({
      '--region': 'eu-west-1',
      '--cluster': 'lab-cluster',
      '--query': 'containerInstances[0].ec2InstanceId',
      '--output': 'text',
    });
    expectCommand(
      substitutedCommand(describe.options.get('--container-instances'))!,
      ['aws', 'ecs', 'list-container-instances'],
      {
        '--region': 'eu-west-1',
        '--cluster': 'lab-cluster',
        '--query': 'containerInstanceArns[0]',
        '--output': 'text',
      },
    );
    expect(startSessionCommand(INPUTS)).not.toContain('<INSTANCE_ID>');
  });

  test("containerInstanceIdsCommand lists every container instance's EC2 instance id", () => {
    const cmd = parseCliCommand(containerInstanceIdsCommand(INPUTS));
    expect(cmd.words).toEqual(['aws', 'ecs', 'describe-container-instances']);
    expect(cmd.options.get('--query')).toBe('containerInstances[].ec2InstanceId');
    const list = parseCliCommand(substitutedCommand(cmd.options.get('--container-instances'))!);
    expect(list.words).toEqual(['aws', 'ecs', 'list-container-instances']);
    expect(list.options.get('--query')).toBe('containerInstanceArns[]');
    expect(list.options.get('--cluster')).toBe('lab-cluster');
  });

  test('stopTaskCommand stops a task of the cluster, with a reason', () => {
    expectCommand(stopTaskCommand(INPUTS), ['aws', 'ecs', 'stop-task'], {
      '--region': 'eu-west-1',
      '--cluster': 'lab-cluster',
      '--task': '<TASK_ID>',
      '--reason': 'awsvpc lab',
    });
  });

  test('listTasksCommand lists the task ids of the family', () => {
    const cmd = parseCliCommand(listTasksCommand(INPUTS));
    expect(cmd.words).toEqual(['aws', 'ecs', 'list-tasks']);
    expect(cmd.options.get('--family')).toBe(INPUTS.taskDefinition);
    expect(cmd.options.get('--query')).toBe('taskArns[]');
  });

  test('every command is one simple command line that starts with aws', () => {
    for (const line of [
      runTaskCommand(REFERENCES),
      describeTaskIpCommand(INPUTS),
      executeCommandCommand(INPUTS),
      listTrunkAttributesCommand(INPUTS),
      startSessionCommand(INPUTS),
      containerInstanceIdsCommand(INPUTS),
      stopTaskCommand(INPUTS),
      listTasksCommand(INPUTS),
    ]) {
      expect(line).not.toMatch(/\n/);
      expect(shellWords(line)[0]).toBe('aws');
    }
  });
});
