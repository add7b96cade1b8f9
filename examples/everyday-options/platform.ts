/**
 * The everyday-options example's shared platform: what a platform team sets up once and hands to
 * the service teams (a network, a cluster with on-demand capacity, the cluster's default strategy).
 * Each group of options lives in its own file of this folder (`storage.ts`, `traffic.ts`, `workers.ts`),
 * exporting an `add...(platform)` function that main.ts calls; each file shows one group of the options
 * a team compares with AWS CDK's aws-ecs and terraform-aws-modules/ecs (README, "Everyday ECS options, compared").
 */
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TrunkingAccountSetting } from '../../modules/capacity';
import { Ec2CapacityProvider, EcsCluster, EcsOptimizedAmi } from '../../modules/compute';
import { NatGatewayMode, Network } from '../../modules/network';
import type { PolicyPack } from '../../modules/policy';

/**
 * The example's one stack (one `terraform apply`). It carries its cluster and, once main.ts applied it,
 * its policy pack, so the example runner prints both reports (capacity table and policy findings).
 */
export class EverydayStack extends TerraformStack {
  public cluster?: EcsCluster;
  public policyPack?: PolicyPack;
}

/** What every part of the example builds on. */
export interface EverydayPlatform {
  /** The stack every part adds its constructs to. */
  readonly stack: EverydayStack;
  readonly network: Network;
  readonly cluster: EcsCluster;
  /** On-demand c5.large capacity with trunking: the cluster's default capacity provider. */
  readonly onDemand: Ec2CapacityProvider;
}

export interface EverydayPlatformProps {
  /** @default 'us-east-1' */
  readonly region?: string;
}

/** Creates the stack, its provider and backend, and the platform the parts share. */
export function createPlatform(scope: Construct, id: string, props: EverydayPlatformProps = {}): EverydayPlatform {
  const stack = new EverydayStack(scope, id);
  new AwsProvider(stack, 'aws', {
    region: props.region ?? 'us-east-1',
    defaultTags: [{ tags: { Example: 'everyday-options' } }],
  });
  new LocalBackend(stack, {});
  const network = new Network(stack, 'network', {
    namePrefix: 'everyday',
    availabilityZoneCount: 2,
    natGatewayMode: NatGatewayMode.SINGLE,
  });
  const cluster = new EcsCluster(stack, 'cluster', {
    clusterName: 'everyday',
    network,
    capacityChecks: { trunkingAccountSetting: TrunkingAccountSetting.DECLARED_ELSEWHERE },
  });
  const onDemand = cluster.addCapacityProvider('on-demand', {
    capacityProviderName: 'everyday-on-demand',
    instanceType: 'c5.large',
    machineImage: EcsOptimizedAmi.amazonLinux2023(),
    minSize: 1,
    maxSize: 6,
  });
  stack.cluster = cluster;
  return { stack, network, cluster, onDemand };
}
