/**
 * examples/network-modes: the seeds' nginx task in awsvpc, host and bridge mode on one cluster.
 */
import { build, NetworkModesStack } from '../../examples/network-modes/main';
import { NetworkMode } from '../../modules/service';
import { blockArg, resourcesOfType } from '../support/synth';
import { annotations, appliedSuppressions, documentedSuppressions, synthesizeApp, SynthesizedApp } from './support';

describe('examples/network-modes', () => {
  let stack: NetworkModesStack;
  let out: SynthesizedApp;
  beforeAll(() => {
    out = synthesizeApp((app) => {
      stack = build(app);
    });
  });

  test('defines one task definition and one service per network mode, on one cluster', () => {
    const json = out.json('network-modes');
    const modes = Object.values(resourcesOfType(json, 'aws_ecs_task_definition'))
      .map((t) => t.network_mode)
      .sort();
    expect(modes).toEqual(['awsvpc', 'bridge', 'host']);
    expect(Object.keys(resourcesOfType(json, 'aws_ecs_cluster'))).toHaveLength(1);
    const services = Object.values(resourcesOfType(json, 'aws_ecs_service'));
    expect(services.map((s) => s.name).sort()).toEqual(['nginx-awsvpc', 'nginx-bridge', 'nginx-host']);
    expect(services.filter((s) => s.network_configuration).map((s) => s.name)).toEqual(['nginx-awsvpc']);
  });

  test("runs the same container in each mode; only the host port, and ECS Exec's writable root, differ", () => {
    const containers = [...stack.services.values()].map((s) => s.taskDefinition.renderContainers()[0]!);
    const { portMappings, ...rest } = containers[0]!;
    const differing = {
      portMappings: undefined,
      logConfiguration: undefined,
      readonlyRootFilesystem: undefined,
      linuxParameters: undefined,
    };
    for (const c of containers) expect({ ...c, ...differing }).toEqual({ ...rest, ...differing });
    expect(containers.map((c) => c.portMappings![0]!.hostPort)).toEqual([80, 80, 0]);
    expect(containers.map((c) => c.readonlyRootFilesystem)).toEqual([false, false, true]);
    expect(portMappings).toEqual([{ containerPort: 80, hostPort: 80, protocol: 'tcp' }]);
    expect(rest.image).toBe('public.ecr.aws/nginx/nginx:1.27-alpine');
  });

  test('reproduces the host-mode lab: ECS Exec into the host-mode task, on instances that allow its task role', () => {
    const host = stack.services.get(NetworkMode.HOST)!;
    expect(host.taskDefinition.executeCommandEnabled).toBe(true);
    expect(host.taskDefinition.hasTaskRole).toBe(true);
    expect(host.capacityProvider).toBe(stack.capacityProvider);
    expect(stack.capacityProvider.taskIamRoleNetworkHost).toBe(true);
    expect(stack.capacityProvider.taskIamRoleNetworkHostReason).toMatch(
      /ECS Exec needs a task role.*instance metadata included/,
    );
    expect(stack.capacityProvider.userDataScript).toContain('ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true');
    expect(stack.capacityProvider.userDataScript).toContain('ECS_AWSVPC_BLOCK_IMDS=true');
  });

  test("outputs the labs' commands: run, exec into and stop the awsvpc and host tasks, find the instance", () => {
    const outputs = out.json('network-modes').output as Record<string, { value: string }>;
    expect(outputs.HostRunTaskCommand!.value).toMatch(
      /^aws ecs run-task .*--task-definition nginx-host .*--enable-execute-command$/,
    );
    expect(outputs.HostRunTaskCommand!.value).not.toContain('--network-configuration');
    expect(outputs.AwsvpcRunTaskCommand!.value).toContain('--network-configuration');
    expect(outputs.HostExecuteCommandCommand!.value).toMatch(
      /^aws ecs execute-command .*--container nginx --interactive --command "\/bin\/sh"$/,
    );
    expect(outputs.StopTaskCommand!.value).toMatch(/^aws ecs stop-task /);
    expect(outputs.StartSessionCommand!.value).toMatch(
      /^aws ssm start-session .*--target \$\(aws ecs describe-container-instances /,
    );
    expect(outputs.ContainerInstanceIdsCommand!.value).toContain('aws ecs list-container-instances');
  });

  test("opens port 80 on the tasks' group in awsvpc mode, on the instances' group in host and bridge mode", () => {
    const json = out.json('network-modes');
    const rules = Object.entries(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).map(([, r]) => [
      blockArg(blockArg(r, '//'), 'metadata').path,
      r.security_group_id,
      r.from_port,
      r.to_port,
    ]);
    const instanceGroup = `\${aws_security_group.${Object.keys(resourcesOfType(json, 'aws_security_group')).find((k) => k.includes('instance-sg'))}.id}`;
    expect(rules).toEqual(
      expect.arrayContaining([
        ['network-modes/service-host/from-vpc', instanceGroup, 80, 80],
        ['network-modes/service-bridge/from-vpc', instanceGroup, 32768, 65535],
      ]),
    );
    const awsvpc = rules.find(([p]) => p === 'network-modes/service-awsvpc/from-vpc')!;
    expect(awsvpc[1]).not.toBe(instanceGroup);
    expect(awsvpc[2]).toBe(80);
  });

  test('places all services within the capacity, with no warnings', () => {
    // Only the awsvpc tasks take ENIs (trunk branches): 2 tasks x 200% during deployments.
    const [budget] = stack.cluster.capacityReport().capacityProviders;
    expect(budget).toMatchObject({ tasksPerInstance: 10, capacity: 30, demand: 4 });
    expect(stack.cluster.capacityReport().diagnostics).toEqual([]);
    expect(annotations(out.app, 'warn')).toEqual([]);
    expect(stack.services.get(NetworkMode.HOST)!.demand.desiredCount).toBeLessThanOrEqual(
      stack.capacityProvider.maxSize,
    );
  });

  test('passes the policy pack with only the suppressions docs/examples.md lists', () => {
    expect(stack.policyPack.violations).toEqual([]);
    expect(stack.policyPack.warnings).toEqual([]);
    expect(appliedSuppressions(stack.policyPack)).toEqual(documentedSuppressions('network-modes'));
  });
});
