/**
 * The platform team's app: the network, the shared ECS cluster and its capacity provider, and the
 * outputs other teams build on (examples/platform-and-service-team/contract.ts names them).
 *
 *   AWSVPC_APP_ENTRY=examples/platform-and-service-team/platform/main.ts node scripts/app.cjs
 */
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TrunkingAccountSetting } from '../../../modules/capacity';
import { Ec2CapacityProvider, EcsCluster, EcsOptimizedAmi } from '../../../modules/compute';
import { Network } from '../../../modules/network';
import { PolicyPack } from '../../../modules/policy';
import { startedAsApp, synthesizeExample } from '../../shared/run-example';
import { PLATFORM_FACTS, PLATFORM_OUTPUTS, PLATFORM_STACK } from '../contract';

export class PlatformTeamStack extends TerraformStack {
  public readonly network: Network;
  public readonly cluster: EcsCluster;
  public readonly capacityProvider: Ec2CapacityProvider;
  public readonly policyPack: PolicyPack;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: PLATFORM_FACTS.region, defaultTags: [{ tags: { Team: 'platform' } }] });
    // Local state: terraform.acme-platform.tfstate in the folder the app runs from, which the
    // service team's app reads by default. Teams on separate machines share state through S3:
    //   new S3Backend(this, { bucket: 'acme-terraform-state', key: 'platform/acme-platform.tfstate',
    //     region: 'us-east-1', encrypt: true }).addOverride('use_lockfile', true);
    new LocalBackend(this, {});

    this.network = new Network(this, 'network', {
      namePrefix: 'acme',
      availabilityZoneCount: PLATFORM_FACTS.availabilityZoneCount,
      natGatewayMode: PLATFORM_FACTS.natGatewayMode,
    });
    this.cluster = new EcsCluster(this, 'cluster', {
      clusterName: 'acme-shared',
      network: this.network,
      capacityChecks: { trunkingAccountSetting: TrunkingAccountSetting.DECLARED_ELSEWHERE },
    });
    const capacity = PLATFORM_FACTS.capacity;
    this.capacityProvider = this.cluster.addCapacityProvider('general', {
      capacityProviderName: 'acme-general',
      instanceType: capacity.instanceType,
      machineImage: EcsOptimizedAmi.amazonLinux2023(),
      minSize: 1,
      maxSize: capacity.maxSize,
      // The awsvpcTrunking opt-in belongs to whoever owns the account settings (for instance the
      // default app's account stack); the platform only launches trunk-capable instances.
      trunking: capacity.trunking,
    });
    // No services here: the cluster's capacity report says how many awsvpc tasks the capacity holds.

    this.policyPack = PolicyPack.applyTo(this, { printReport: false });

    // The outputs the service teams read (contract.ts).
    const outputs: Record<keyof typeof PLATFORM_OUTPUTS, { value: unknown; description: string }> = {
      vpcId: { value: this.network.vpcId, description: 'VPC id' },
      vpcCidrBlock: { value: this.network.vpcCidrBlock, description: 'VPC IPv4 block' },
      availabilityZones: { value: this.network.availabilityZones, description: 'AZ names, in subnet order' },
      publicSubnetIds: {
        value: this.network.publicSubnets.map((s) => s.subnetId),
        description: 'Public subnets, one per AZ',
      },
      privateSubnetIds: {
        value: this.network.privateSubnets.map((s) => s.subnetId),
        description: 'Private subnets, one per AZ (tasks and instances)',
      },
      privateSubnetCidrs: {
        value: this.network.privateSubnets.map((s) => s.cidrBlock),
        description: 'Private subnet blocks',
      },
      natGatewayMode: { value: this.network.natGatewayMode, description: 'How the private subnets reach the internet' },
      clusterName: { value: this.cluster.clusterName, description: 'ECS cluster name' },
      clusterArn: { value: this.cluster.clusterArn, description: 'ECS cluster ARN' },
      capacityProviderName: {
        value: this.capacityProvider.capacityProviderName,
        description: 'The shared capacity provider',
      },
      capacityProviderInstanceType: { value: this.capacityProvider.instanceType, description: 'Its instance type' },
      capacityProviderMaxSize: { value: this.capacityProvider.maxSize, description: 'Its Auto Scaling group maximum' },
      instanceSecurityGroupId: {
        value: this.capacityProvider.instanceSecurityGroupId,
        description: 'Security group of the container instances (not of tasks)',
      },
    };
    for (const [key, output] of Object.entries(outputs)) {
      new TerraformOutput(this, PLATFORM_OUTPUTS[key as keyof typeof PLATFORM_OUTPUTS], output);
    }
  }
}

/** Adds the platform stack to `app`. */
export function build(app: App): PlatformTeamStack {
  return new PlatformTeamStack(app, PLATFORM_STACK);
}

if (startedAsApp(module)) synthesizeExample(build);
