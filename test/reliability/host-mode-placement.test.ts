/**
 * Issue 18's guarantee, over the synthesized JSON of every stack the default app (default, dev and
 * prod configurations, and one with a host-mode service) and the examples synthesize: a host-mode
 * task definition with a task role runs only on capacity whose ECS agent configuration enables task
 * roles for host mode. The walk (test/support/host-mode-placement.ts) reads only the JSON, as
 * Terraform and ECS would; a stack built past the constructs' checks shows that it can fail.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { EcsCapacityProvider } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { build as buildNetworkModes } from '../../examples/network-modes/main';
import { build as buildPlatform } from '../../examples/platform-and-service-team/platform/main';
import { build as buildService } from '../../examples/platform-and-service-team/service/main';
import { build as buildWindows } from '../../examples/windows-iis/main';
import { renderLinuxUserData } from '../../modules/compute/user-data';
import { synthesizeApp } from '../examples/support';
import { hostModeTaskRolePlacements, type HostModeTaskRolePlacement } from '../support/host-mode-placement';
import { readStacks, synthDefaultApp } from './support/default-app';

const REPO = path.resolve(__dirname, '..', '..');
const configFile = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'config', `${name}.json`), 'utf8'));

/** A default-app configuration with the host-mode lab: a host-mode service with ECS Exec on its own capacity. */
const HOST_MODE_LAB = {
  capacityProviders: [
    { name: 'linux' },
    {
      name: 'host',
      taskIamRoleNetworkHost: true,
      taskIamRoleNetworkHostReason: 'The host-mode lab execs into the host-mode task.',
    },
  ],
  services: [
    { name: 'nginx', enableExecuteCommand: true },
    {
      name: 'nginx-host',
      networkMode: 'host',
      hostNetworkModeReason: 'the host-mode lab, side by side with awsvpc',
      capacityProvider: 'host',
      enableExecuteCommand: true,
      desiredCount: 1,
    },
    {
      name: 'nginx-host-plain',
      networkMode: 'host',
      hostNetworkModeReason: 'the host-mode lab, side by side with awsvpc',
      capacityProvider: 'linux',
      desiredCount: 1,
      containerPort: 8080,
    },
  ],
};

function exampleStacks(build: (app: App) => unknown) {
  let outdir = '';
  synthesizeApp((app) => {
    outdir = app.outdir;
    build(app);
  });
  return readStacks(outdir);
}

const APPS: [string, () => ReturnType<typeof readStacks>][] = [
  ['the default app', () => synthDefaultApp({}).stacks],
  ['the default app with examples/config/dev.json', () => synthDefaultApp(configFile('dev')).stacks],
  ['the default app with examples/config/prod.json', () => synthDefaultApp(configFile('prod')).stacks],
  ['the default app with a host-mode service', () => synthDefaultApp(HOST_MODE_LAB).stacks],
  ['examples/network-modes', () => exampleStacks((app) => buildNetworkModes(app))],
  ['examples/windows-iis', () => exampleStacks((app) => buildWindows(app))],
  ['examples/platform-and-service-team (platform)', () => exampleStacks((app) => buildPlatform(app))],
  [
    'examples/platform-and-service-team (service)',
    () => exampleStacks((app) => buildService(app, { platformStatePath: '../acme-platform/terraform.tfstate' })),
  ],
];

describe('host-mode task definitions with a task role', () => {
  const seen: HostModeTaskRolePlacement[] = [];

  test.each(APPS)(
    '%s: run only on capacity whose agent enables task roles for host mode',
    (_name, stacks) => {
      const placements = hostModeTaskRolePlacements(stacks());
      expect(placements.filter((p) => p.problems.length > 0)).toEqual([]);
      seen.push(...placements);
    },
    60_000,
  );

  test("the walk met the host-mode labs: network-modes and the default app's host-mode service", () => {
    expect(seen.map((p) => `${p.stack} ${p.service} on ${p.capacityProviders.join(',')}`)).toEqual([
      expect.stringMatching(
        /^lab-platform service-nginx-host_service_\w+ on cluster_capacity-host_capacity-provider_\w+$/,
      ),
      expect.stringMatching(/^network-modes service-host_service_\w+ on cluster_linux_capacity-provider_\w+$/),
    ]);
  });

  test('the walk reports a host-mode task with a role on capacity without the setting (built past the constructs)', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-host-walk-')) });
    const stack = new TerraformStack(app, 'raw');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const lt = new LaunchTemplate(stack, 'lt', {
      userData: Buffer.from(renderLinuxUserData({ clusterName: 'c', trunking: false })).toString('base64'),
    });
    const asg = new AutoscalingGroup(stack, 'asg', { maxSize: 1, minSize: 0, launchTemplate: { name: lt.name } });
    const cp = new EcsCapacityProvider(stack, 'cp', {
      name: 'raw-linux',
      autoScalingGroupProvider: { autoScalingGroupArn: asg.arn },
    });
    const td = new EcsTaskDefinition(stack, 'td', {
      family: 'host',
      networkMode: 'host',
      taskRoleArn: 'arn:aws:iam::123456789012:role/task',
      containerDefinitions: '[]',
    });
    new EcsService(stack, 'svc', {
      name: 'host',
      taskDefinition: td.arn,
      capacityProviderStrategy: [{ capacityProvider: cp.name, weight: 1 }],
    });
    app.synth();
    const placements = hostModeTaskRolePlacements(readStacks(app.outdir));
    expect(placements).toEqual([
      {
        stack: 'raw',
        service: 'svc',
        capacityProviders: ['cp'],
        problems: [
          'capacity provider cp: the agent configuration does not set ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true',
        ],
      },
    ]);
  });
});
