/**
 * The seeds' network-mode comparison: the same nginx task in awsvpc, host and bridge mode, each as
 * its own service on one cluster, so that the three can be compared side by side.
 *
 * - awsvpc: every task gets its own ENI, private IP and security group; the rule that admits port 80
 *   belongs to the tasks' group, and two copies of the task share an instance with the same port.
 * - host: the container uses the instance's network stack; port 80 is the instance's port 80, so one
 *   task per instance, and the rule that admits it goes on the instances' security group. The
 *   host-mode lab opens an ECS Exec session in the task, which needs a task role, so the capacity
 *   provider lets host-mode tasks have task roles (`taskIamRoleNetworkHost`, with its reason).
 * - bridge: Docker's docker0 bridge with NAT; each task gets a dynamic host port (32768-65535) mapped
 *   to container port 80, so the instances' group must admit that whole range.
 *
 *   AWSVPC_APP_ENTRY=examples/network-modes/main.ts node scripts/app.cjs
 */
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TrunkingAccountSetting } from '../../modules/capacity';
import { Ec2CapacityProvider, EcsCluster, EcsOptimizedAmi } from '../../modules/compute';
import { NatGatewayMode, Network } from '../../modules/network';
import { PolicyPack } from '../../modules/policy';
import { Peer, Port } from '../../modules/security';
import { Ec2Service, NetworkMode, TaskDefinition, type ContainerSpec } from '../../modules/service';
import {
  containerInstanceIdsCommand,
  executeCommandCommand,
  listTasksCommand,
  runTaskCommand,
  startSessionCommand,
  stopTaskCommand,
} from '../../modules/stacks/commands';
import { startedAsApp, synthesizeExample } from '../shared/run-example';

/** The reasons this example gives: its own policy suppression, and the capacity provider's host-mode task roles (docs/examples.md lists them). */
export const SUPPRESSIONS = {
  nginxRoot:
    "The seeds' nginx image starts as root to bind port 80 (its workers drop to the nginx user); in host " +
    "mode port 80 is the instance's own port. nginx-unprivileged on 8080 lifts this (see platform-and-service-team).",
  hostModeTaskRoles:
    'The host-mode lab opens an ECS Exec session in the host-mode task, and ECS Exec needs a task ' +
    "role. Host-mode tasks share the instance's network, instance metadata included, so they can reach the instance " +
    "role whatever their task role says: this lab cluster runs only the seeds' nginx, no untrusted workload.",
} as const;

/** The image of the three tasks: the seeds' nginx, alpine variant, which has ip (busybox) and curl for the labs. */
export const NGINX_IMAGE = 'public.ecr.aws/nginx/nginx:1.27-alpine';

/** The modes whose lab opens an ECS Exec session in the task (`ip a sh`, `ip r sh`, `curl localhost`). */
export const EXEC_MODES: readonly NetworkMode[] = [NetworkMode.AWSVPC, NetworkMode.HOST];

/** The one nginx container of all three task definitions: only the network mode differs. */
export function nginxContainer(networkMode: NetworkMode): ContainerSpec {
  return {
    name: 'nginx',
    image: NGINX_IMAGE,
    essential: true,
    // Bridge mode: hostPort 0 asks Docker for a dynamic host port. awsvpc and host: the container
    // port is the port (hostPort, if given, must equal it).
    portMappings: [networkMode === NetworkMode.BRIDGE ? { containerPort: 80, hostPort: 0 } : { containerPort: 80 }],
    // A read-only root filesystem where no ECS Exec session needs a writable one; nginx writes only
    // its cache and pid file, to tmpfs mounts (the "read-only mode" of the nginx image's documentation).
    readonlyRootFilesystem: !EXEC_MODES.includes(networkMode),
    linuxParameters: {
      tmpfs: [
        { containerPath: '/var/cache/nginx', size: 64 },
        { containerPath: '/var/run', size: 1 },
      ],
    },
  };
}

export interface NetworkModesStackProps {
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * Tasks per service.
   * @default 2
   */
  readonly desiredCount?: number;
}

const MODES = [NetworkMode.AWSVPC, NetworkMode.HOST, NetworkMode.BRIDGE] as const;

export class NetworkModesStack extends TerraformStack {
  public readonly network: Network;
  public readonly cluster: EcsCluster;
  public readonly capacityProvider: Ec2CapacityProvider;
  /** The three services, by network mode. */
  public readonly services: ReadonlyMap<NetworkMode, Ec2Service>;
  public readonly policyPack: PolicyPack;

  constructor(scope: Construct, id: string, props: NetworkModesStackProps = {}) {
    super(scope, id);
    new AwsProvider(this, 'aws', {
      region: props.region ?? 'us-east-1',
      defaultTags: [{ tags: { Example: 'network-modes' } }],
    });
    new LocalBackend(this, {});

    // A lab: two AZs, one NAT gateway.
    this.network = new Network(this, 'network', {
      namePrefix: 'modes',
      availabilityZoneCount: 2,
      natGatewayMode: NatGatewayMode.SINGLE,
    });
    // The cluster checks its capacity at synth (ENIs, subnet addresses, host ports, trunking); the
    // awsvpcTrunking account setting is turned on outside this app.
    this.cluster = new EcsCluster(this, 'cluster', {
      clusterName: 'network-modes',
      network: this.network,
      capacityChecks: { trunkingAccountSetting: TrunkingAccountSetting.DECLARED_ELSEWHERE },
    });
    // Trunking is on (awsvpcTrunking opted in for the account elsewhere, e.g. by the default app's
    // account stack): a c5.large then holds 10 awsvpc tasks instead of 2.
    this.capacityProvider = this.cluster.addCapacityProvider('linux', {
      capacityProviderName: 'network-modes-linux',
      instanceType: 'c5.large',
      machineImage: EcsOptimizedAmi.amazonLinux2023(),
      minSize: 1,
      maxSize: 3,
      // The host-mode lab execs into the host-mode task: its task role must be allowed in host mode.
      taskIamRoleNetworkHost: true,
      taskIamRoleNetworkHostReason: SUPPRESSIONS.hostModeTaskRoles,
    });

    const services = new Map<NetworkMode, Ec2Service>();
    for (const mode of MODES) {
      const task = new TaskDefinition(this, `task-${mode}`, {
        family: `nginx-${mode}`,
        networkMode: mode,
        cpu: 256,
        memoryMiB: 512,
        containers: [nginxContainer(mode)],
      });
      const service = new Ec2Service(this, `service-${mode}`, {
        cluster: this.cluster,
        taskDefinition: task,
        serviceName: `nginx-${mode}`,
        desiredCount: props.desiredCount ?? 2,
        enableExecuteCommand: EXEC_MODES.includes(mode),
      });
      services.set(mode, service);
    }
    this.services = services;

    // Who may reach nginx, from inside the VPC. Where the rule lives is the difference:
    // awsvpc: on the tasks' own security group (the instances stay closed);
    const vpc = Peer.vpc(this.network);
    const awsvpc = services.get(NetworkMode.AWSVPC)!;
    awsvpc.securityGroup!.addIngressRule(
      {
        id: 'from-vpc',
        peer: vpc,
        port: Port.tcp(80),
        description: 'nginx in awsvpc mode: port 80 of each task ENI',
      },
      awsvpc,
    );
    // host: on the instances' group, port 80 of every instance (any task or process there);
    new VpcSecurityGroupIngressRule(services.get(NetworkMode.HOST)!, 'from-vpc', {
      securityGroupId: this.capacityProvider.instanceSecurityGroupId,
      description: 'nginx in host mode: port 80 of the instance',
      ipProtocol: 'tcp',
      fromPort: 80,
      toPort: 80,
      cidrIpv4: this.network.vpcCidrBlock,
    });
    // bridge: on the instances' group, the whole dynamic port range Docker maps from.
    new VpcSecurityGroupIngressRule(services.get(NetworkMode.BRIDGE)!, 'from-vpc', {
      securityGroupId: this.capacityProvider.instanceSecurityGroupId,
      description: 'nginx in bridge mode: dynamic host ports mapped to container port 80',
      ipProtocol: 'tcp',
      fromPort: 32768,
      toPort: 65535,
      cidrIpv4: this.network.vpcCidrBlock,
    });

    this.policyPack = PolicyPack.applyTo(this, { printReport: false });
    for (const service of services.values()) {
      PolicyPack.suppress(service.taskDefinition, 'AWSVPC-ECS-004', SUPPRESSIONS.nginxRoot);
    }

    new TerraformOutput(this, 'ClusterName', { value: this.cluster.clusterName });
    new TerraformOutput(this, 'VpcId', { value: this.network.vpcId });
    new TerraformOutput(this, 'InstanceSecurityGroup', {
      value: this.capacityProvider.instanceSecurityGroupId,
      description: 'Carries the host and bridge rules: every task on an instance shares it',
    });
    new TerraformOutput(this, 'AwsvpcTaskSecurityGroup', {
      value: awsvpc.securityGroup!.securityGroupId,
      description: 'Carries the awsvpc rule: only the awsvpc tasks have it',
    });

    // The labs' commands: run a task, open a shell in it (ip a sh, ip r sh, curl localhost), stop it,
    // and look at the instance from outside.
    const region = props.region ?? 'us-east-1';
    for (const mode of EXEC_MODES) {
      const service = services.get(mode)!;
      const name = mode === NetworkMode.AWSVPC ? 'Awsvpc' : 'Host';
      const inputs = {
        region,
        clusterName: this.cluster.clusterName,
        taskDefinition: service.taskDefinition.family,
        capacityProviderName: this.capacityProvider.capacityProviderName,
        subnetIds: service.subnets.map((s) => s.subnetId),
        securityGroupIds: service.securityGroup ? [service.securityGroup.securityGroupId] : [],
        containerName: 'nginx',
        enableExecuteCommand: true,
        awsvpc: mode === NetworkMode.AWSVPC,
      };
      new TerraformOutput(this, `${name}RunTaskCommand`, {
        value: runTaskCommand(inputs),
        description: `Run one more ${mode}-mode task, ECS Exec on`,
      });
      new TerraformOutput(this, `${name}ListTasksCommand`, {
        value: listTasksCommand(inputs),
        description: `The ids of the running ${mode}-mode tasks`,
      });
      new TerraformOutput(this, `${name}ExecuteCommandCommand`, {
        value: executeCommandCommand(inputs),
        description: `Shell in a ${mode}-mode task (then: ip a sh; ip r sh; curl localhost)`,
      });
    }
    const instance = { region, clusterName: this.cluster.clusterName };
    new TerraformOutput(this, 'StopTaskCommand', { value: stopTaskCommand(instance), description: 'Stop a task' });
    new TerraformOutput(this, 'ContainerInstanceIdsCommand', {
      value: containerInstanceIdsCommand(instance),
      description: 'EC2 instance ids of the container instances',
    });
    new TerraformOutput(this, 'StartSessionCommand', {
      value: startSessionCommand(instance),
      description: 'Shell on the first container instance through SSM Session Manager (looks its instance id up)',
    });
  }
}

/** Adds the example's one stack to `app`. */
export function build(app: App, props: NetworkModesStackProps = {}): NetworkModesStack {
  return new NetworkModesStack(app, 'network-modes', props);
}

if (startedAsApp(module)) synthesizeExample(build);
