/**
 * An awsvpc Windows service: the seeds' IIS task (mcr.microsoft.com/windows/servercore/iis, port 80)
 * on Windows Server 2022 container instances (the ECS-optimized AMI from its public SSM parameter),
 * behind an internal Application Load Balancer with IP targets.
 *
 * Windows differs from Linux in what the library checks and renders for you:
 * - no ENI trunking: every awsvpc task takes a whole ENI of its instance, so an m5.large (3 ENIs, one
 *   for the instance itself) runs 2 tasks; the cluster's capacity checks count that;
 * - task-level cpu and memory are ignored: the container reserves them;
 * - awsvpc is the only network mode; the user data initializes the agent with `-EnableTaskENI` and
 *   `-AwsvpcBlockIMDS` (tasks cannot read the instance's credentials).
 *
 *   AWSVPC_APP_ENTRY=examples/windows-iis/main.ts node scripts/app.cjs
 */
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TrunkingAccountSetting } from '../../modules/capacity';
import { CpuArchitecture, Ec2CapacityProvider, EcsCluster, EcsOptimizedAmi } from '../../modules/compute';
import { Network } from '../../modules/network';
import { PolicyPack } from '../../modules/policy';
import { Ec2Service, LoadBalancerScheme, TaskDefinition, TaskOsFamily } from '../../modules/service';
import { startedAsApp, synthesizeExample } from '../shared/run-example';

/** The IIS image of the seeds, pinned to the Windows Server 2022 (LTSC 2022) build of the instances. */
export const IIS_IMAGE = 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022';

export interface WindowsIisStackProps {
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * IIS tasks.
   * @default 2
   */
  readonly desiredCount?: number;
}

export class WindowsIisStack extends TerraformStack {
  public readonly network: Network;
  public readonly cluster: EcsCluster;
  public readonly capacityProvider: Ec2CapacityProvider;
  public readonly service: Ec2Service;
  public readonly policyPack: PolicyPack;

  constructor(scope: Construct, id: string, props: WindowsIisStackProps = {}) {
    super(scope, id);
    new AwsProvider(this, 'aws', {
      region: props.region ?? 'us-east-1',
      defaultTags: [{ tags: { Example: 'windows-iis' } }],
    });
    new LocalBackend(this, {});

    this.network = new Network(this, 'network', { namePrefix: 'iis', availabilityZoneCount: 2 });
    this.cluster = new EcsCluster(this, 'cluster', {
      clusterName: 'windows-iis',
      network: this.network,
      capacityChecks: { trunkingAccountSetting: TrunkingAccountSetting.NOT_DECLARED },
    });
    this.capacityProvider = this.cluster.addCapacityProvider('windows', {
      capacityProviderName: 'windows-iis-2022',
      instanceType: 'm5.large',
      // /aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id
      machineImage: EcsOptimizedAmi.windowsServer2022(),
      minSize: 1,
      maxSize: 3,
      // Windows does not support ENI trunking (this is also the default for Windows AMIs).
      trunking: false,
    });

    const task = new TaskDefinition(this, 'task', {
      family: 'iis',
      // The task runs only on Windows Server 2022 Full instances (runtime_platform).
      osFamily: TaskOsFamily.WINDOWS_SERVER_2022_FULL,
      cpuArchitecture: CpuArchitecture.X86_64,
      containers: [
        {
          name: 'iis',
          image: IIS_IMAGE,
          essential: true,
          // Windows ignores task-level cpu and memory: the container reserves them.
          cpu: 512,
          memory: 2048,
          portMappings: [{ containerPort: 80 }],
        },
      ],
    });
    this.service = new Ec2Service(this, 'service', {
      cluster: this.cluster,
      taskDefinition: task,
      serviceName: 'iis',
      desiredCount: props.desiredCount ?? 2,
      // Windows images are large; give a new task time to pull and start before health checks count.
      healthCheckGracePeriodSeconds: 300,
      loadBalancer: { scheme: LoadBalancerScheme.INTERNAL, healthCheck: { path: '/' } },
    });

    this.policyPack = PolicyPack.applyTo(this, { printReport: false });

    new TerraformOutput(this, 'ClusterName', { value: this.cluster.clusterName });
    new TerraformOutput(this, 'LoadBalancerDnsName', {
      value: this.service.loadBalancer!.dnsName,
      description: 'IIS behind the internal load balancer (from inside the VPC)',
    });
    new TerraformOutput(this, 'ContainerSecurityGroup', { value: this.service.securityGroup!.securityGroupId });
  }
}

/** Adds the example's one stack to `app`. */
export function build(app: App, props: WindowsIisStackProps = {}): WindowsIisStack {
  return new WindowsIisStack(app, 'windows-iis', props);
}

if (startedAsApp(module)) synthesizeExample(build);
