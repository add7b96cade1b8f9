/**
 * examples/windows-iis: the seeds' IIS task in awsvpc mode on Windows Server 2022 capacity.
 */
import { build, IIS_IMAGE, WindowsIisStack } from '../../examples/windows-iis/main';
import { OsFamily } from '../../modules/compute';
import { resourcesOfType, stringArg } from '../support/synth';
import { annotations, appliedSuppressions, documentedSuppressions, synthesizeApp, SynthesizedApp } from './support';

describe('examples/windows-iis', () => {
  let stack: WindowsIisStack;
  let out: SynthesizedApp;
  beforeAll(() => {
    out = synthesizeApp((app) => {
      stack = build(app);
    });
  });

  test('runs the IIS task in awsvpc mode on Windows Server 2022 instances without trunking', () => {
    expect(stack.capacityProvider.osFamily).toBe(OsFamily.WINDOWS);
    expect(stack.capacityProvider.trunking).toBe(false);
    expect(stack.capacityProvider.ami.ssmParameterName).toBe(
      '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id',
    );
    const json = out.json('windows-iis');
    const td = Object.values(resourcesOfType(json, 'aws_ecs_task_definition'))[0]!;
    expect(td.network_mode).toBe('awsvpc');
    expect(td.runtime_platform).toEqual({
      operating_system_family: 'WINDOWS_SERVER_2022_FULL',
      cpu_architecture: 'X86_64',
    });
    expect(JSON.parse(stringArg(td, 'container_definitions'))[0]).toMatchObject({
      image: IIS_IMAGE,
      portMappings: [{ containerPort: 80 }],
    });
  });

  test('budgets one ENI per task: two IIS tasks per m5.large', () => {
    const [provider] = stack.cluster.capacityReport().capacityProviders;
    expect(provider).toMatchObject({ windows: true, trunkingEffective: false, tasksPerInstance: 2 });
  });

  test('synthesizes without warnings', () => {
    expect(stack.cluster.capacityReport().diagnostics).toEqual([]);
    expect(annotations(out.app, 'warn')).toEqual([]);
  });

  test('passes the policy pack with only the suppressions docs/examples.md lists', () => {
    expect(stack.policyPack.violations).toEqual([]);
    expect(stack.policyPack.warnings).toEqual([]);
    expect(appliedSuppressions(stack.policyPack)).toEqual(documentedSuppressions('windows-iis'));
  });
});
