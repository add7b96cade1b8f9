/**
 * `taskIamRoleNetworkHost`: the capacity provider setting that lets host-mode tasks with a task IAM
 * role run on its instances (ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true). Off by default; on only
 * with a written reason, and only for Linux.
 */
import { EcsOptimizedAmi, type Ec2CapacityProviderOptions } from '../../modules/compute';
import { linuxEcsConfigLines, renderLinuxUserData } from '../../modules/compute/user-data';
import { newTestStack, resourcesOfType, synthToDir } from '../support/synth';
import { newCluster, only } from './fixtures';
import { thrownValidationError } from '../support/problem-matcher';

const REASON = "The host-mode lab opens ECS Exec sessions; this cluster runs only the lab's nginx.";

function provider(options: Partial<Ec2CapacityProviderOptions> = {}) {
  const { app, stack } = newTestStack();
  const cluster = newCluster(stack);
  const p = cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 2, ...options });
  const lt = only(resourcesOfType(synthToDir(app).json, 'aws_launch_template'));
  return { provider: p, userData: Buffer.from(lt.user_data as string, 'base64').toString('utf8') };
}

describe('Ec2CapacityProvider taskIamRoleNetworkHost', () => {
  test('is off by default: the agent refuses task roles to host-mode tasks', () => {
    const { provider: p, userData } = provider();
    expect(p.taskIamRoleNetworkHost).toBe(false);
    expect(userData).toContain('\nECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false\n');
    expect(userData).not.toContain('ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true');
  });

  test('with a reason, writes ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true and keeps the IMDS block of awsvpc tasks', () => {
    const { provider: p, userData } = provider({ taskIamRoleNetworkHost: true, taskIamRoleNetworkHostReason: REASON });
    expect(p.taskIamRoleNetworkHost).toBe(true);
    expect(p.taskIamRoleNetworkHostReason).toBe(REASON);
    expect(userData).toContain('\nECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true\n');
    expect(userData).not.toContain('ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false');
    expect(userData).toContain('\nECS_AWSVPC_BLOCK_IMDS=true\n');
    expect(userData).toContain('\nECS_ENABLE_TASK_IAM_ROLE=true\n');
  });

  test('the user data renders the setting once, in the place of the default line', () => {
    const off = linuxEcsConfigLines({ clusterName: 'c', trunking: true });
    const on = linuxEcsConfigLines({ clusterName: 'c', trunking: true, taskIamRoleNetworkHost: true });
    expect(on).toEqual(
      off.map((l) =>
        l === 'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false' ? 'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true' : l,
      ),
    );
    expect(
      renderLinuxUserData({ clusterName: 'c', trunking: false, taskIamRoleNetworkHost: true }).match(
        /ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=/g,
      ),
    ).toHaveLength(1);
  });

  test('fails without a written reason', () => {
    const { stack } = newTestStack();
    const cluster = newCluster(stack);
    for (const reason of [undefined, '', 'because']) {
      const e = thrownValidationError(() =>
        cluster.addCapacityProvider(`linux${reason?.length ?? 'u'}`, {
          instanceType: 'c5.large',
          maxSize: 2,
          taskIamRoleNetworkHost: true,
          taskIamRoleNetworkHostReason: reason,
        }),
      );
      expect(e.code).toBe('COMPUTE_TASK_ROLE_HOST_NETWORK_REASON_MISSING');
      expect(e.path).toMatch(/^Ec2CapacityProvider\(linux.*\)\.taskIamRoleNetworkHostReason$/);
      expect(e.fix).toContain('instance metadata included');
    }
  });

  test('fails on Windows capacity (Windows has no host mode)', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      newCluster(stack).addCapacityProvider('windows', {
        instanceType: 'm5.large',
        maxSize: 2,
        machineImage: EcsOptimizedAmi.windowsServer2022(),
        taskIamRoleNetworkHost: true,
        taskIamRoleNetworkHostReason: REASON,
      }),
    );
    expect(e.code).toBe('COMPUTE_TASK_ROLE_HOST_NETWORK_WINDOWS');
  });

  test('cannot be set through extraEcsConfig', () => {
    const { stack } = newTestStack();
    const e = thrownValidationError(() =>
      newCluster(stack).addCapacityProvider('linux', {
        instanceType: 'c5.large',
        maxSize: 2,
        extraEcsConfig: ['ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true'],
      }),
    );
    expect(e.code).toBe('COMPUTE_ECS_CONFIG_KEY_RESERVED');
  });
});
