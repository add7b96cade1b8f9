/**
 * The representative stack of the real-engine tier: account settings, a cluster and three capacity
 * providers (Linux x86_64 on AL2023, Linux arm64 on AL2, Windows Server 2022), in one stack.
 *
 * The account settings are built with `preventDestroy: false` here only because `terraform test`
 * destroys what its apply runs created, and `prevent_destroy` refuses that.
 */
import { App, TerraformStack } from 'cdktf';
import { AccountSettings } from '../../modules/account';
import { EcsCluster, EcsOptimizedAmi } from '../../modules/compute';
import { newTestStack } from '../support/synth';
import { fakeNetwork } from './fixtures';

export interface EngineStack {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly account: AccountSettings;
  readonly cluster: EcsCluster;
}

export function buildEngineStack(): EngineStack {
  const { app, stack } = newTestStack('compute');
  const account = new AccountSettings(stack, 'account', { preventDestroy: false });
  const cluster = new EcsCluster(stack, 'cluster', {
    clusterName: 'seed',
    network: fakeNetwork(),
    trunkingOptIn: account,
  });
  cluster.addCapacityProvider('linux', {
    instanceType: 'c5.large',
    maxSize: 4,
    extraEcsConfig: ['ECS_IMAGE_PULL_BEHAVIOR=prefer-cached'],
  });
  cluster.addCapacityProvider('graviton', {
    instanceType: 'c7g.large',
    machineImage: EcsOptimizedAmi.amazonLinux2(),
    maxSize: 2,
    minSize: 0,
  });
  cluster.addCapacityProvider('windows', {
    instanceType: 'm5.large',
    machineImage: EcsOptimizedAmi.windowsServer2022(),
    maxSize: 2,
  });
  return { app, stack, account, cluster };
}
