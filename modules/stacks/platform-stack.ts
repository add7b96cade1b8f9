/**
 * The platform-and-services stack of the default app: the network, the cluster with its capacity
 * providers (and its built-in capacity checks), the services, the policy pack and the outputs the
 * seeds' lab uses.
 *
 * Construct ids are derived only from names the user chose (capacity provider and service names),
 * never from counts or sizes, so changing a desired count, an instance type or an ASG size, or adding a
 * service, changes no Terraform address of what was there before.
 */
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerInsights, ITrunkingOptIn } from '../account';
import { CapacityReport, TrunkingAccountSetting } from '../capacity';
import { AmiFamily, Ec2CapacityProvider, EcsCluster, EcsOptimizedAmi, OsFamily } from '../compute';
import type { TopologyFacts } from '../diagram/topology';
import { NatGatewayMode, Network, VpcEndpointService } from '../network';
import { PolicyFinding, PolicyPack } from '../policy';
import { Peer } from '../security';
import {
  Ec2Service,
  LoadBalancerScheme,
  LoadBalancerType,
  NetworkMode,
  PrivateDnsNamespace,
  TaskDefinition,
  TaskOsFamily,
} from '../service';
import { AwsStack } from './aws-stack';
import {
  containerInstanceIdsCommand,
  describeTaskIpCommand,
  executeCommandCommand,
  listTasksCommand,
  listTrunkAttributesCommand,
  runTaskCommand,
  startSessionCommand,
  stopTaskCommand,
} from './commands';
import { atConfigPath, readonlyRootFilesystem } from './config';
import type { AwsvpcConfig, ServiceConfig } from './config-schema';
import { suppressFlowLogsOff, suppressWritableRoot } from './suppressions';

export interface PlatformStackProps {
  readonly config: AwsvpcConfig;
  /**
   * The awsvpcTrunking opt-in the instances depend on (the account stack's settings).
   * @default - none: the opt-in is made outside this app
   */
  readonly trunkingOptIn?: ITrunkingOptIn;
}

const NAT_MODES: Record<AwsvpcConfig['network']['natGatewayMode'], NatGatewayMode> = {
  'per-az': NatGatewayMode.PER_AZ,
  single: NatGatewayMode.SINGLE,
  none: NatGatewayMode.NONE,
};

export class PlatformStack extends AwsStack {
  public readonly config: AwsvpcConfig;
  public readonly network: Network;
  public readonly cluster: EcsCluster;
  public readonly capacityProviders: ReadonlyMap<string, Ec2CapacityProvider>;
  public readonly services: ReadonlyMap<string, Ec2Service>;
  public readonly policyPack: PolicyPack;
  /** The private DNS namespace `<namePrefix>.local` of every service with service discovery, if any has it. */
  public readonly discoveryNamespace?: PrivateDnsNamespace;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    const c = props.config;
    super(scope, id, { region: c.region, tags: c.tags, backend: c.backend });
    this.config = c;

    this.network = atConfigPath(
      'network',
      () =>
        new Network(this, 'network', {
          namePrefix: c.namePrefix,
          region: c.region,
          vpcCidr: c.network.vpcCidr,
          ...(c.network.availabilityZones
            ? { availabilityZones: [...c.network.availabilityZones] }
            : { availabilityZoneCount: c.network.availabilityZoneCount }),
          ...(c.network.publicSubnetCidrs ? { publicSubnetCidrs: [...c.network.publicSubnetCidrs] } : {}),
          ...(c.network.privateSubnetCidrs ? { privateSubnetCidrs: [...c.network.privateSubnetCidrs] } : {}),
          natGatewayMode: NAT_MODES[c.network.natGatewayMode],
          flowLogs: c.network.flowLogs,
          ...(c.network.flowLogRetentionDays !== undefined
            ? { flowLogRetentionDays: c.network.flowLogRetentionDays }
            : {}),
          endpointServices: c.network.endpointServices.map((e) => e as VpcEndpointService),
        }),
    );
    suppressFlowLogsOff(this.network, c.network);

    this.cluster = new EcsCluster(this, 'cluster', {
      clusterName: c.clusterName ?? `${c.namePrefix}-cluster`,
      network: this.network,
      containerInsights: c.containerInsights ? ContainerInsights.ENABLED : ContainerInsights.DISABLED,
      ...(c.execLogRetentionDays !== undefined ? { execLogRetentionDays: c.execLogRetentionDays } : {}),
      // The plan checks that AWSServiceRoleForECS exists, unless the account stack creates it.
      serviceLinkedRoleCheck: !(c.account.enabled && c.account.createServiceLinkedRole),
      ...(props.trunkingOptIn ? { trunkingOptIn: props.trunkingOptIn } : {}),
      capacityChecks: {
        trunkingAccountSetting: props.trunkingOptIn?.trunkingEnabled
          ? TrunkingAccountSetting.DECLARED_IN_APP
          : c.account.awsvpcTrunking && !c.account.enabled
            ? TrunkingAccountSetting.DECLARED_ELSEWHERE
            : TrunkingAccountSetting.NOT_DECLARED,
        subnetSkew: c.capacitySubnetSkew,
      },
    });

    const providers = new Map<string, Ec2CapacityProvider>();
    c.capacityProviders.forEach((p, index) =>
      atConfigPath(`capacityProviders[${index}]`, () => {
        const family = EcsOptimizedAmi.fromFamilyName(p.amiFamily, {}, `capacityProviders["${p.name}"].amiFamily`);
        const windows = p.amiFamily === AmiFamily.WINDOWS_SERVER_2022_FULL;
        providers.set(
          p.name,
          this.cluster.addCapacityProvider(`capacity-${p.name}`, {
            capacityProviderName: `${c.namePrefix}-${p.name}`,
            instanceType: p.instanceType,
            machineImage: family,
            minSize: p.minSize,
            maxSize: p.maxSize,
            ...(p.desiredCapacity !== undefined ? { desiredCapacity: p.desiredCapacity } : {}),
            trunking: c.account.awsvpcTrunking && !windows,
            ...(props.trunkingOptIn ? { trunkingOptIn: props.trunkingOptIn } : {}),
            managedScaling: p.managedScaling,
            targetCapacityPercent: p.targetCapacityPercent,
            managedTerminationProtection: p.managedTerminationProtection,
            detailedMonitoring: p.detailedMonitoring,
            ...(p.taskIamRoleNetworkHost
              ? {
                  taskIamRoleNetworkHost: true,
                  taskIamRoleNetworkHostReason: p.taskIamRoleNetworkHostReason,
                }
              : {}),
          }),
        );
      }),
    );
    this.capacityProviders = providers;
    const first = [...providers.values()][0]!;
    this.cluster.addDefaultCapacityProviderStrategy([{ capacityProvider: first, weight: 1, base: 0 }]);

    const services = new Map<string, Ec2Service>();
    c.services.forEach((s, index) =>
      atConfigPath(`services[${index}]`, () => {
        const provider = providers.get(s.capacityProvider ?? c.capacityProviders[0]!.name)!;
        const service = this.addService(s, provider);
        services.set(s.name, service);
      }),
    );
    this.services = services;
    // Every service with discovery names `<namePrefix>.local`: the library shares one namespace of a name
    // per VPC, at the stack level (PrivateDnsNamespace.of), whichever service is listed first.
    this.discoveryNamespace = [...services.values()].find((s) => s.serviceDiscovery?.namespace)?.serviceDiscovery
      ?.namespace;
    // The cluster checks its capacity at synth anyway; checking here names the configuration key.
    atConfigPath('capacityProviders', () => this.cluster.checkCapacity());

    this.policyPack = new PolicyPack();
    this.checkPolicyOnRender(this.policyPack);
    this.addOutputs();
  }

  private addService(s: ServiceConfig, provider: Ec2CapacityProvider): Ec2Service {
    const c = this.config;
    const windows = provider.osFamily === OsFamily.WINDOWS;
    const networkMode = s.networkMode;
    const taskDefinition = new TaskDefinition(this, `task-${s.name}`, {
      family: `${c.namePrefix}-${s.name}`,
      networkMode,
      cpu: s.cpu,
      memoryMiB: s.memoryMiB,
      osFamily: windows ? TaskOsFamily.WINDOWS_SERVER_2022_FULL : TaskOsFamily.LINUX,
      cpuArchitecture: provider.architecture,
      enableExecuteCommand: s.enableExecuteCommand,
      containers: [
        {
          name: s.name,
          image: s.image,
          essential: true,
          portMappings: [{ containerPort: s.containerPort, protocol: 'tcp' }],
          ...(Object.keys(s.environment).length > 0
            ? {
                environment: Object.entries(s.environment)
                  .sort(([a], [b]) => (a < b ? -1 : 1))
                  .map(([name, value]) => ({ name, value })),
              }
            : {}),
          ...(s.user !== undefined ? { user: s.user } : {}),
          ...(windows ? {} : { readonlyRootFilesystem: readonlyRootFilesystem(s) }),
        },
      ],
    });
    suppressWritableRoot(taskDefinition, s);
    const lb = s.loadBalancer;
    return new Ec2Service(this, `service-${s.name}`, {
      cluster: this.cluster,
      taskDefinition,
      serviceName: `${c.namePrefix}-${s.name}`,
      desiredCount: s.desiredCount,
      capacityProvider: provider,
      enableExecuteCommand: s.enableExecuteCommand,
      minHealthyPercent: s.minHealthyPercent,
      maxHealthyPercent: s.maxHealthyPercent,
      ...(lb
        ? {
            loadBalancer: {
              type: lb.type === 'network' ? LoadBalancerType.NETWORK : LoadBalancerType.APPLICATION,
              scheme: lb.scheme === 'internal' ? LoadBalancerScheme.INTERNAL : LoadBalancerScheme.INTERNET_FACING,
              ...(lb.listenerPort !== undefined ? { listenerPort: lb.listenerPort } : {}),
              ...(lb.certificateArn ? { certificateArn: lb.certificateArn } : {}),
              ...(lb.allowedCidrs ? { allowedPeers: lb.allowedCidrs.map((cidr) => Peer.ipv4(cidr)) } : {}),
              ...(lb.type === 'application' ? { healthCheck: { path: lb.healthCheckPath } } : {}),
            },
          }
        : {}),
      ...(s.autoScaling
        ? {
            autoScaling: {
              minCapacity: s.autoScaling.minCapacity,
              maxCapacity: s.autoScaling.maxCapacity,
              ...(s.autoScaling.targetCpuUtilizationPercent !== undefined
                ? { targetCpuUtilizationPercent: s.autoScaling.targetCpuUtilizationPercent }
                : {}),
              ...(s.autoScaling.targetMemoryUtilizationPercent !== undefined
                ? { targetMemoryUtilizationPercent: s.autoScaling.targetMemoryUtilizationPercent }
                : {}),
            },
          }
        : {}),
      ...(s.serviceDiscovery ? { serviceDiscovery: { namespaceName: `${c.namePrefix}.local` } } : {}),
    });
  }

  /** The outputs under the seeds' names, and ready-to-paste commands. */
  private addOutputs(): void {
    const c = this.config;
    new TerraformOutput(this, 'ClusterName', { value: this.cluster.clusterName, description: 'ECS cluster name' });
    new TerraformOutput(this, 'VpcId', { value: this.network.vpcId, description: 'VPC id' });
    const ordinals = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
    this.network.privateSubnets.forEach((subnet, i) => {
      new TerraformOutput(this, `PrivateSubnet${ordinals[i]}`, {
        value: subnet.subnetId,
        description: `Private subnet in AZ ${i + 1} (tasks and instances)`,
      });
    });
    // The commands are for the first awsvpc service, preferring one with ECS Exec on.
    const awsvpcServices = [...this.services.entries()].filter(
      ([, s]) => s.taskDefinition.networkMode === NetworkMode.AWSVPC,
    );
    const execOn = (name: string) => c.services.find((s) => s.name === name)?.enableExecuteCommand ?? false;
    const chosen = awsvpcServices.find(([name]) => execOn(name)) ?? awsvpcServices[0];
    const awsvpc = chosen?.[1];
    if (!awsvpc) return;
    const sg = awsvpc.securityGroup;
    if (sg) {
      new TerraformOutput(this, 'ContainerSecurityGroup', {
        value: sg.securityGroupId,
        description: `Security group of the ${awsvpc.serviceName} tasks`,
      });
    }
    const inputs = {
      region: c.region,
      clusterName: this.cluster.clusterName,
      taskDefinition: awsvpc.taskDefinition.family,
      capacityProviderName: awsvpc.capacityProvider.capacityProviderName,
      subnetIds: awsvpc.subnets.map((s) => s.subnetId),
      securityGroupIds: sg ? [sg.securityGroupId] : [],
      containerName: awsvpc.taskDefinition.containers[0]!.name,
      enableExecuteCommand: execOn(chosen![0]),
    };
    new TerraformOutput(this, 'RunTaskCommand', {
      value: runTaskCommand(inputs),
      description: 'Run one more task in awsvpc mode',
    });
    new TerraformOutput(this, 'ListTasksCommand', {
      value: listTasksCommand(inputs),
      description: 'The ids of the running tasks (the <TASK_ID> of the other commands)',
    });
    new TerraformOutput(this, 'StopTaskCommand', {
      value: stopTaskCommand(inputs),
      description: 'Stop a task, e.g. the one RunTaskCommand started',
    });
    new TerraformOutput(this, 'DescribeTaskIpCommand', {
      value: describeTaskIpCommand(inputs),
      description: "Show a task's own private IPv4 address",
    });
    if (inputs.enableExecuteCommand) {
      new TerraformOutput(this, 'ExecuteCommandCommand', {
        value: executeCommandCommand(inputs),
        description: 'Open a shell in a task with ECS Exec',
      });
    }
    new TerraformOutput(this, 'ListTrunkAttributesCommand', {
      value: listTrunkAttributesCommand(inputs),
      description: 'Container instances with a trunk ENI (proof of trunking)',
    });
    new TerraformOutput(this, 'ContainerInstanceIdsCommand', {
      value: containerInstanceIdsCommand(inputs),
      description: 'EC2 instance ids of the container instances',
    });
    new TerraformOutput(this, 'StartSessionCommand', {
      value: startSessionCommand(inputs),
      description: 'Shell on the first container instance through SSM Session Manager (looks its instance id up)',
    });
  }

  /** The capacity report written next to the stack. */
  public capacityReport(): CapacityReport {
    return this.cluster.capacityReport(this.node.id);
  }

  /** The policy pack's findings on this stack, once synthesis has rendered it (written next to the stack). */
  public policyFindings(): readonly PolicyFinding[] | undefined {
    return this.policyPack.findingsOf(this);
  }

  /** Facts for the topology picture that the Terraform JSON cannot carry. */
  public topologyFacts(): TopologyFacts {
    const tasksPerInstance: Record<string, number> = {};
    for (const p of this.capacityReport().capacityProviders) {
      if (p.tasksPerInstance !== null) tasksPerInstance[p.instanceType] = p.tasksPerInstance;
    }
    return {
      title: `${this.node.id} · ${this.config.region}`,
      tasksPerInstance,
      ...(this.config.network.availabilityZones
        ? { availabilityZoneNames: [...this.config.network.availabilityZones] }
        : {}),
    };
  }
}
