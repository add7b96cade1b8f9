import { Fn, TerraformStack } from 'cdktf';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition, EcsTaskDefinitionConfig } from '@cdktf/provider-aws/lib/ecs-task-definition';
import {
  ecsContainerNoAddedCapabilities,
  ecsContainerNonRootUser,
  ecsContainerNotPrivileged,
  ecsContainerReadOnlyRoot,
  ecsImageTagPinned,
  ecsServiceNoPublicIp,
  FindingLevel,
} from '../../../modules/policy';
import { webContainer } from '../fixtures';
import { findingsOf, messages } from '../support';

function taskDefinition(
  stack: TerraformStack,
  containers: Record<string, unknown>[],
  props: Partial<EcsTaskDefinitionConfig> = {},
  id = 'task',
): EcsTaskDefinition {
  return new EcsTaskDefinition(stack, id, {
    family: id,
    networkMode: 'awsvpc',
    containerDefinitions: JSON.stringify(containers),
    ...props,
  });
}

const WINDOWS = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } };

describe('AWSVPC-ECS-001 no public IPs on tasks', () => {
  test('accepts services that do not assign public IPs', () => {
    expect(
      findingsOf(ecsServiceNoPublicIp, (s) => {
        new EcsService(s, 'web', {
          name: 'web',
          networkConfiguration: { subnets: ['subnet-1'], assignPublicIp: false },
        });
      }),
    ).toEqual([]);
  });

  test('fails a service that assigns public IPs', () => {
    expect(
      messages(
        findingsOf(ecsServiceNoPublicIp, (s) => {
          new EcsService(s, 'web', {
            name: 'web',
            networkConfiguration: { subnets: ['subnet-1'], assignPublicIp: true },
          });
        }),
      ),
    ).toEqual(['aws_ecs_service.web: network_configuration.assign_public_ip is true']);
  });
});

describe('AWSVPC-ECS-002 containers not privileged', () => {
  test('accepts unprivileged containers, and Windows task definitions', () => {
    expect(
      findingsOf(ecsContainerNotPrivileged, (s) => {
        taskDefinition(s, [webContainer(), webContainer({ name: 'sidecar', privileged: false })]);
        taskDefinition(s, [webContainer({ privileged: true })], WINDOWS, 'windows');
      }),
    ).toEqual([]);
  });

  test('fails a privileged container, naming it', () => {
    expect(
      messages(
        findingsOf(ecsContainerNotPrivileged, (s) => {
          taskDefinition(s, [webContainer(), webContainer({ name: 'agent', privileged: true })]);
        }),
      ),
    ).toEqual(['aws_ecs_task_definition.task: container "agent" is privileged']);
  });

  test('warns when container_definitions is an expression', () => {
    const findings = findingsOf(ecsContainerNotPrivileged, (s) => {
      new EcsTaskDefinition(s, 'task', {
        family: 'task',
        containerDefinitions: Fn.jsonencode([{ name: 'web', image: 'nginx:1.27' }]),
      });
    });
    expect(messages(findings, FindingLevel.WARNING)).toEqual([
      'aws_ecs_task_definition.task: container_definitions is a Terraform expression, only known at apply time, so it cannot be checked at synth time',
    ]);
  });
});

describe('AWSVPC-ECS-003 no added Linux capabilities', () => {
  test('accepts containers that only drop capabilities', () => {
    expect(
      findingsOf(ecsContainerNoAddedCapabilities, (s) => {
        taskDefinition(s, [webContainer({ linuxParameters: { capabilities: { drop: ['ALL'] } } })]);
      }),
    ).toEqual([]);
  });

  test('fails a container that adds capabilities, naming them', () => {
    expect(
      messages(
        findingsOf(ecsContainerNoAddedCapabilities, (s) => {
          taskDefinition(s, [
            webContainer({ linuxParameters: { capabilities: { add: ['NET_ADMIN', 'SYS_PTRACE'] } } }),
          ]);
        }),
      ),
    ).toEqual(['aws_ecs_task_definition.task: container "web" adds Linux capabilities NET_ADMIN, SYS_PTRACE']);
  });
});

describe('AWSVPC-ECS-004 non-root user', () => {
  test('accepts non-root users by UID or name', () => {
    expect(
      findingsOf(ecsContainerNonRootUser, (s) => {
        taskDefinition(s, [
          webContainer({ user: '1000:1000' }),
          webContainer({ name: 'b', user: 'nginx' }),
          webContainer({ name: 'c', user: '101' }),
        ]);
        taskDefinition(s, [webContainer({ user: undefined })], WINDOWS, 'windows');
      }),
    ).toEqual([]);
  });

  test('fails containers that say they run as root, by name or by UID 0', () => {
    const findings = findingsOf(ecsContainerNonRootUser, (s) => {
      taskDefinition(s, [
        webContainer({ user: '1000' }),
        webContainer({ name: 'root', user: 'root' }),
        webContainer({ name: 'uid0', user: '0:1000' }),
      ]);
    });
    expect(messages(findings)).toEqual([
      'aws_ecs_task_definition.task: container "root" runs as user "root"',
      'aws_ecs_task_definition.task: container "uid0" runs as user "0:1000"',
    ]);
    expect(messages(findings, FindingLevel.WARNING)).toEqual([]);
  });

  test('warns, without failing, of containers that set no user (the image decides), whatever the image', () => {
    const findings = findingsOf(ecsContainerNonRootUser, (s) => {
      taskDefinition(s, [
        webContainer({ user: undefined, image: 'public.ecr.aws/nginx/nginx:1.27' }),
        webContainer({ name: 'app', user: '', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2' }),
      ]);
    });
    expect(messages(findings)).toEqual([]);
    expect(messages(findings, FindingLevel.WARNING)).toEqual([
      'aws_ecs_task_definition.task: container "web" sets no user, so it runs as its image\'s USER, which the stack does not show (root for most public images)',
      'aws_ecs_task_definition.task: container "app" sets no user, so it runs as its image\'s USER, which the stack does not show (root for most public images)',
    ]);
  });

  test('accepts a user given as a Terraform expression (only known at apply time)', () => {
    expect(
      findingsOf(ecsContainerNonRootUser, (s) => {
        taskDefinition(s, [webContainer({ user: '${var.user}' })]);
      }),
    ).toEqual([]);
  });
});

describe('AWSVPC-ECS-005 read-only root filesystem', () => {
  test('accepts read-only root filesystems', () => {
    expect(
      findingsOf(ecsContainerReadOnlyRoot, (s) => {
        taskDefinition(s, [webContainer()]);
      }),
    ).toEqual([]);
  });

  test('fails a writable root filesystem, and names the services that enable ECS Exec', () => {
    expect(
      messages(
        findingsOf(ecsContainerReadOnlyRoot, (s) => {
          const plain = taskDefinition(s, [webContainer({ readonlyRootFilesystem: false })], {}, 'plain');
          const task = taskDefinition(s, [webContainer({ readonlyRootFilesystem: undefined })]);
          new EcsService(s, 'web', { name: 'web', taskDefinition: task.arn, enableExecuteCommand: true });
          new EcsService(s, 'other', { name: 'other', taskDefinition: plain.arn });
        }),
      ),
    ).toEqual([
      'aws_ecs_task_definition.plain: container "web" has a writable root filesystem (readonlyRootFilesystem is not true)',
      'aws_ecs_task_definition.task: container "web" has a writable root filesystem (readonlyRootFilesystem is not true) (aws_ecs_service.web enables ECS Exec, which needs a writable root filesystem: suppress this rule with that reason)',
    ]);
  });
});

describe('AWSVPC-ECS-006 images not tagged latest (warning)', () => {
  test('accepts version tags, digests and images only known at apply time', () => {
    expect(
      findingsOf(ecsImageTagPinned, (s) => {
        taskDefinition(s, [
          webContainer({ name: 'a', image: 'public.ecr.aws/nginx/nginx:1.27' }),
          webContainer({
            name: 'b',
            image: 'nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
          }),
          webContainer({ name: 'c', image: '${aws_ecr_repository.app.repository_url}:1.4.2' }),
          webContainer({ name: 'd', image: '${var.image}' }),
        ]);
      }),
    ).toEqual([]);
  });

  test('warns (does not fail) for latest and untagged images', () => {
    const findings = findingsOf(ecsImageTagPinned, (s) => {
      taskDefinition(s, [
        webContainer({ name: 'a', image: 'nginx:latest' }),
        webContainer({ name: 'b', image: 'localhost:5000/team/app' }),
      ]);
    });
    expect(messages(findings)).toEqual([]);
    expect(messages(findings, FindingLevel.WARNING)).toEqual([
      'aws_ecs_task_definition.task: container "a" uses image "nginx:latest", tagged latest',
      'aws_ecs_task_definition.task: container "b" uses image "localhost:5000/team/app" without a tag, which pulls latest',
    ]);
  });
});
