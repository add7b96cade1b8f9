/**
 * A service team's app: the "orders" service, awsvpc tasks behind an internal load balancer, on the
 * platform team's cluster. Nothing of the platform is created here: its network, cluster and capacity
 * provider come in through `fromAttributes` importers, fed by the platform stack's outputs read from
 * its Terraform state (`DataTerraformRemoteState`), and by the facts contract.ts publishes.
 *
 *   AWSVPC_APP_ENTRY=examples/platform-and-service-team/service/main.ts node scripts/app.cjs
 */
import * as path from 'path';
import { App, DataTerraformRemoteStateLocal, Fn, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TrunkingAccountSetting } from '../../../modules/capacity';
import { Ec2CapacityProvider, EcsCluster, type ICluster } from '../../../modules/compute';
import { Network } from '../../../modules/network';
import { PolicyPack } from '../../../modules/policy';
import { Ec2Service, LoadBalancerScheme, TaskDefinition } from '../../../modules/service';
import { startedAsApp, synthesizeExample } from '../../shared/run-example';
import { PLATFORM_FACTS, PLATFORM_OUTPUTS, PLATFORM_STACK } from '../contract';

/** nginx that runs as an unprivileged user (101) on port 8080, and writes only to /tmp. */
export const ORDERS_IMAGE = 'public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine';

export interface OrdersServiceStackProps {
  /**
   * The platform's state file.
   * @default - terraform.acme-platform.tfstate in the current folder, where the platform app's local
   * backend writes it when both apps run from the same folder
   */
  readonly platformStatePath?: string;
  /**
   * Orders tasks.
   * @default 2
   */
  readonly desiredCount?: number;
}

export class OrdersServiceStack extends TerraformStack {
  /** The platform stack's state, through which its outputs arrive. */
  public readonly platform: DataTerraformRemoteStateLocal;
  public readonly service: Ec2Service;
  /** The platform's cluster, imported: it checks this app's services against the platform's capacity. */
  public readonly cluster: ICluster;
  public readonly policyPack: PolicyPack;

  constructor(scope: Construct, id: string, props: OrdersServiceStackProps = {}) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: PLATFORM_FACTS.region, defaultTags: [{ tags: { Team: 'orders' } }] });
    new LocalBackend(this, {});

    // The platform's outputs. With the platform's state in S3 (see platform/main.ts), read it there:
    //   this.platform = new DataTerraformRemoteStateS3(this, 'platform', {
    //     bucket: 'acme-terraform-state', key: 'platform/acme-platform.tfstate', region: 'us-east-1',
    //   });
    this.platform = new DataTerraformRemoteStateLocal(this, 'platform', {
      path: props.platformStatePath ?? path.resolve(`terraform.${PLATFORM_STACK}.tfstate`),
    });
    const output = (key: keyof typeof PLATFORM_OUTPUTS) => this.platform.getString(PLATFORM_OUTPUTS[key]);
    // One element per AZ: the lists' length is part of the contract, so it is known at synth time.
    const perAz = (key: keyof typeof PLATFORM_OUTPUTS) =>
      Array.from(
        { length: PLATFORM_FACTS.availabilityZoneCount },
        (_, i) => Fn.element(this.platform.getList(PLATFORM_OUTPUTS[key]), i) as string,
      );

    const network = Network.fromAttributes(this, 'network', {
      vpcId: output('vpcId'),
      vpcCidrBlock: output('vpcCidrBlock'),
      availabilityZones: perAz('availabilityZones'),
      publicSubnetIds: perAz('publicSubnetIds'),
      privateSubnetIds: perAz('privateSubnetIds'),
      privateSubnetCidrs: perAz('privateSubnetCidrs'),
      natGatewayMode: PLATFORM_FACTS.natGatewayMode,
    });
    const capacityProvider = Ec2CapacityProvider.fromAttributes(this, 'capacity', {
      capacityProviderName: output('capacityProviderName'),
      ...PLATFORM_FACTS.capacity,
      subnets: network.privateSubnets,
      instanceSecurityGroupId: output('instanceSecurityGroupId'),
    });
    const cluster = EcsCluster.fromAttributes(this, 'cluster', {
      clusterName: output('clusterName'),
      clusterArn: output('clusterArn'),
      network,
      capacityProviders: [capacityProvider],
      // Does the service fit the platform's capacity? Checked at synth time from the contract's facts.
      capacityChecks: { trunkingAccountSetting: TrunkingAccountSetting.DECLARED_ELSEWHERE },
    });
    this.cluster = cluster;

    const task = new TaskDefinition(this, 'task', {
      family: 'orders',
      cpu: 256,
      memoryMiB: 512,
      containers: [
        {
          name: 'orders',
          image: ORDERS_IMAGE,
          essential: true,
          user: '101',
          readonlyRootFilesystem: true,
          // nginx-unprivileged keeps its pid file and temporary files in /tmp.
          linuxParameters: { tmpfs: [{ containerPath: '/tmp', size: 64 }] },
          portMappings: [{ containerPort: 8080 }],
        },
      ],
    });
    this.service = new Ec2Service(this, 'service', {
      cluster,
      taskDefinition: task,
      serviceName: 'orders',
      desiredCount: props.desiredCount ?? 2,
      loadBalancer: { scheme: LoadBalancerScheme.INTERNAL, listenerPort: 80 },
    });

    this.policyPack = PolicyPack.applyTo(this, { printReport: false });

    new TerraformOutput(this, 'ServiceName', { value: this.service.resource.name });
    new TerraformOutput(this, 'LoadBalancerDnsName', {
      value: this.service.loadBalancer!.dnsName,
      description: 'The orders service, from inside the VPC',
    });
  }
}

/** Adds the orders stack to `app`. */
export function build(app: App, props: OrdersServiceStackProps = {}): OrdersServiceStack {
  return new OrdersServiceStack(app, 'acme-orders', props);
}

if (startedAsApp(module)) synthesizeExample(build);
