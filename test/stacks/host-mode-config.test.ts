/**
 * The default app's configuration for host-mode services with task roles: a capacity provider's
 * `taskIamRoleNetworkHost` needs a reason (which becomes the policy suppression's reason), and a
 * host-mode service with ECS Exec on capacity without it is refused, naming the configuration key.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildAwsvpcApp, parseConfig } from '../../modules/stacks';

const REASON = 'The host-mode lab execs into the host-mode task.';
const HOST_MODE = "the seeds' host-mode lab, side by side with awsvpc";
/** A host-mode service with ECS Exec: its task needs a role, which host mode gets only with the setting. */
const EXEC_HOST_SERVICE = {
  name: 'web',
  networkMode: 'host',
  hostNetworkModeReason: HOST_MODE,
  enableExecuteCommand: true,
  desiredCount: 1,
};

function build(document: unknown) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-host-config-')) });
  return buildAwsvpcApp(app, parseConfig(document));
}

describe('host-mode services in the configuration', () => {
  test('taskIamRoleNetworkHost without a reason is refused', () => {
    expect(() => parseConfig({ capacityProviders: [{ name: 'linux', taskIamRoleNetworkHost: true }] })).toThrowProblem(
      'CONFIG_TASK_ROLE_HOST_NETWORK_UNJUSTIFIED',
      'capacityProviders[0].taskIamRoleNetworkHost',
      'taskIamRoleNetworkHostReason',
    );
  });

  test('a host-mode service with ECS Exec on capacity without taskIamRoleNetworkHost is refused with the fix', () => {
    expect(() =>
      build({
        services: [EXEC_HOST_SERVICE],
      }),
    ).toThrowProblem(
      'SERVICE_HOST_MODE_TASK_ROLE_NOT_ENABLED',
      'services[0]',
      'ECS Exec needs one',
      'taskIamRoleNetworkHost',
    );
  });

  test('a host-mode service without ECS Exec needs no setting: its task has no role', () => {
    const { platform } = build({
      services: [{ name: 'web', networkMode: 'host', hostNetworkModeReason: HOST_MODE, desiredCount: 1 }],
    });
    expect(platform.services.get('web')!.taskDefinition.hasTaskRole).toBe(false);
  });

  test('with the setting and its reason, the host-mode service with ECS Exec is placed on it', () => {
    const { platform } = build({
      capacityProviders: [{ name: 'linux', taskIamRoleNetworkHost: true, taskIamRoleNetworkHostReason: REASON }],
      services: [EXEC_HOST_SERVICE],
    });
    const provider = platform.capacityProviders.get('linux')!;
    expect(provider.taskIamRoleNetworkHost).toBe(true);
    expect(provider.userDataScript).toContain('ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true');
    expect(platform.services.get('web')!.taskDefinition.hasTaskRole).toBe(true);
  });
});
