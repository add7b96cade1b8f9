/**
 * The everyday-options example's shared platform: what a platform team sets up once and hands to
 * the service teams (a network, a cluster with on-demand capacity, the cluster's default strategy).
 * Each option lives in its own file of this folder (`volumes.ts`, `scheduling.ts`, `traffic.ts`,
 * ...), exporting an `add...(platform)` function that main.ts calls; each file shows one group of the
 * options a team compares with AWS CDK's aws-ecs and terraform-aws-modules/ecs (README, "Everyday options").
 */
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TrunkingAccountSetting } from '../../modules/capacity';
import { Ec2CapacityProvider, EcsCluster, EcsOptimizedAmi } from '../../modules/compute';
import { NatGatewayMode, Network } from '../../modules/network';

/** What every part of the example builds on. */
export interface EverydayPlatform {
  /** The stack every part adds its constructs to (one stack: one `terraform apply`). */
  readonly stack: TerraformStack;
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
  const stack = new TerraformStack(scope, id);
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
    maxSize: 4,
  });
  return { stack, network, cluster, onDemand };
}
