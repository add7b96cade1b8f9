import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { AccountSettings } from '../../modules/account';
import { EcsOptimizedAmi } from '../../modules/compute';
import { newTestStack, synthToDir } from '../support/synth';
import { addressOf, dependencyGraph, dependsOn, destroyOrder } from './dependency-graph';
import { newCluster } from './fixtures';

/**
 * One `terraform destroy` must work: services go first, then the cluster's capacity-provider
 * association, then the capacity provider, then the Auto Scaling group (force-deleted), and only
 * then the cluster (it cannot be deleted while instances are registered) and what the instances
 * need while they drain (role policies, egress rules).
 */
describe('destroy ordering', () => {
  function build() {
    const { app, stack } = newTestStack();
    const account = new AccountSettings(stack, 'account');
    const cluster = newCluster(stack, { trunkingOptIn: account });
    const linux = cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 4 });
    const windows = cluster.addCapacityProvider('windows', {
      instanceType: 'm5.large',
      maxSize: 2,
      machineImage: EcsOptimizedAmi.windowsServer2022(),
    });
    // What the service layer does: name the provider, depend on the association.
    const service = new EcsService(stack, 'service', {
      name: 'api',
      cluster: cluster.clusterArn,
      taskDefinition: 'api:1',
      capacityProviderStrategy: [{ capacityProvider: linux.capacityProviderName, weight: 1 }],
      dependsOn: [cluster.capacityProvidersAssociation],
    });
    const { json } = synthToDir(app);
    return { graph: dependencyGraph(json), account, cluster, linux, windows, service };
  }

  test('takes services down before the association, the association before the capacity providers, those before their Auto Scaling groups', () => {
    const { graph, cluster, linux, windows, service } = build();
    const assoc = addressOf(cluster.capacityProvidersAssociation);
    for (const cp of [linux, windows]) {
      const chain = [
        addressOf(service),
        assoc,
        addressOf(cp.resource),
        addressOf(cp.autoScalingGroup),
        addressOf(cluster.resource),
      ];
      for (let i = 0; i + 1 < chain.length; i++) {
        expect({ from: chain[i], dependsOn: chain[i + 1], holds: dependsOn(graph, chain[i]!, chain[i + 1]!) }).toEqual({
          from: chain[i],
          dependsOn: chain[i + 1],
          holds: true,
        });
      }
      const order = destroyOrder(graph);
      const positions = chain.map((a) => order.indexOf(a));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  test('keeps the role policies, egress rules and the trunking opt-in until the instances are gone', () => {
    const { graph, account, linux } = build();
    const asg = addressOf(linux.autoScalingGroup);
    for (const r of [...linux.instanceEgressRules, account.trunkingSetting!]) {
      expect(dependsOn(graph, asg, addressOf(r))).toBe(true);
    }
    const attachments = Object.keys(Object.fromEntries(graph)).filter((a) =>
      a.startsWith('aws_iam_role_policy_attachment.cluster_linux'),
    );
    expect(attachments).toHaveLength(2);
    for (const a of attachments) expect(dependsOn(graph, asg, a)).toBe(true);
  });

  test('has no edge back from the instances to the capacity provider or the association', () => {
    const { graph, cluster, linux } = build();
    expect(dependsOn(graph, addressOf(linux.autoScalingGroup), addressOf(linux.resource))).toBe(false);
    expect(dependsOn(graph, addressOf(linux.resource), addressOf(cluster.capacityProvidersAssociation))).toBe(false);
    expect(dependsOn(graph, addressOf(cluster.resource), addressOf(linux.autoScalingGroup))).toBe(false);
  });
});
