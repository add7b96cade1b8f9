/**
 * examples/network-modes: the seeds' nginx task in awsvpc, host and bridge mode on one cluster.
 */
import { build, NetworkModesStack } from '../../examples/network-modes/main';
import { NetworkMode } from '../../modules/service';
import { expectStackPasses } from '../engine/terraform';
import { resourcesOfType } from '../support/synth';
import { annotations, appliedSuppressions, documentedSuppressions, synthesizeApp, SynthesizedApp, tftest } from './support';

describe('examples/network-modes', () => {
  let stack: NetworkModesStack;
  let out: SynthesizedApp;
  beforeAll(() => {
    out = synthesizeApp((app) => { stack = build(app); });
  });

  test('defines one task definition and one service per network mode, on one cluster', () => {
    const json = out.json('network-modes');
    const modes = Object.values(resourcesOfType(json, 'aws_ecs_task_definition')).map((t) => t.network_mode).sort();
    expect(modes).toEqual(['awsvpc', 'bridge', 'host']);
    expect(Object.keys(resourcesOfType(json, 'aws_ecs_cluster'))).toHaveLength(1);
    const services = Object.values(resourcesOfType(json, 'aws_ecs_service'));
    expect(services.map((s) => s.name).sort()).toEqual(['nginx-awsvpc', 'nginx-bridge', 'nginx-host']);
    expect(services.filter((s) => s.network_configuration).map((s) => s.name)).toEqual(['nginx-awsvpc']);
  });

  test('runs the same container in each mode; only the host port differs', () => {
    const containers = [...stack.services.values()].map((s) => s.taskDefinition.renderContainers()[0]!);
    const { portMappings, ...rest } = containers[0]!;
    for (const c of containers) expect({ ...c, portMappings: undefined, logConfiguration: undefined }).toEqual({ ...rest, portMappings: undefined, logConfiguration: undefined });
    expect(containers.map((c) => c.portMappings![0]!.hostPort)).toEqual([80, 80, 0]);
    expect(portMappings).toEqual([{ containerPort: 80, hostPort: 80, protocol: 'tcp' }]);
  });

  test('opens port 80 on the tasks\' group in awsvpc mode, on the instances\' group in host and bridge mode', () => {
    const json = out.json('network-modes');
    const rules = Object.entries(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'))
      .map(([, r]) => [r['//'].metadata.path, r.security_group_id, r.from_port, r.to_port]);
    const instanceGroup = `\${aws_security_group.${Object.keys(resourcesOfType(json, 'aws_security_group')).find((k) => k.includes('instance-sg'))}.id}`;
    expect(rules).toEqual(expect.arrayContaining([
      ['network-modes/service-host/from-vpc', instanceGroup, 80, 80],
      ['network-modes/service-bridge/from-vpc', instanceGroup, 32768, 65535],
    ]));
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
    expect(stack.services.get(NetworkMode.HOST)!.demand.desiredCount).toBeLessThanOrEqual(stack.capacityProvider.maxSize);
  });

  test('passes the policy pack with only the suppressions docs/examples.md lists', () => {
    expect(stack.policyPack.violations).toEqual([]);
    expect(stack.policyPack.warnings).toEqual([]);
    expect(appliedSuppressions(stack.policyPack)).toEqual(documentedSuppressions('network-modes'));
  });

  test('passes terraform validate, and terraform test applies and destroys it', () => {
    expectStackPasses(out.dir('network-modes'), [tftest('network-modes')], { validate: false });
  }, 120_000);
});
