/**
 * Representative stacks built from raw provider resources (the diagram reads JSON, so it must not
 * depend on this library's constructs): the seeds' lab with two AZs, a NAT gateway per AZ, an ALB,
 * an awsvpc service and an ECS-optimized Auto Scaling group of c5.large instances.
 */
import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { EcsAccountSettingDefault } from '@cdktf/provider-aws/lib/ecs-account-setting-default';
import { EcsCapacityProvider } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { newTestStack, synthToDir, SynthesizedStack } from '../support/synth';

export interface LabOptions {
  /** Number of AZs (and of public and private subnets). */
  readonly azCount?: number;
  /** One NAT gateway per AZ (true) or a single one in the first public subnet (false). */
  readonly natPerAz?: boolean;
  /** Desired task count of the service. */
  readonly desiredCount?: number;
  readonly instanceType?: string;
}

/** Adds the seeds' lab to `stack` with raw provider resources. */
export function addLab(stack: TerraformStack, options: LabOptions = {}): void {
  new EcsAccountSettingDefault(stack, 'trunking', { name: 'awsvpcTrunking', value: 'enabled' });
  const network = addLabNetwork(stack, options);
  const groups = addLabSecurityGroups(stack, network.vpc);
  const capacity = addLabCapacity(stack, network.privates, groups.instanceSg, options);
  addLabService(stack, { ...network, ...groups, ...capacity }, options);
}

/** The VPC, one public and one private subnet per AZ, NAT gateways (one per AZ, or one) and the routes. */
function addLabNetwork(
  stack: TerraformStack,
  options: LabOptions,
): { vpc: Vpc; publics: Subnet[]; privates: Subnet[] } {
  const azCount = options.azCount ?? 2;
  const natPerAz = options.natPerAz ?? true;
  const azs = new DataAwsAvailabilityZones(stack, 'azs', { state: 'available' });
  const vpc = new Vpc(stack, 'vpc', {
    cidrBlock: '10.0.0.0/16',
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: { Name: 'lab' },
  });
  const igw = new InternetGateway(stack, 'igw', { vpcId: vpc.id });
  const publicRt = new RouteTable(stack, 'public-rt', { vpcId: vpc.id });
  new Route(stack, 'public-default', {
    routeTableId: publicRt.id,
    destinationCidrBlock: '0.0.0.0/0',
    gatewayId: igw.id,
  });
  const publics: Subnet[] = [];
  const privates: Subnet[] = [];
  const nats: NatGateway[] = [];
  for (let i = 0; i < azCount; i++) {
    const az = Fn.element(azs.names, i);
    const pub = new Subnet(stack, `public-${i}`, {
      vpcId: vpc.id,
      cidrBlock: `10.0.${i}.0/24`,
      availabilityZone: az,
      tags: { Name: `lab-public-${i}` },
    });
    new RouteTableAssociation(stack, `public-${i}-rta`, { subnetId: pub.id, routeTableId: publicRt.id });
    publics.push(pub);
    if (natPerAz || i === 0) {
      const eip = new Eip(stack, `nat-${i}-eip`, { domain: 'vpc' });
      nats.push(new NatGateway(stack, `nat-${i}`, { subnetId: pub.id, allocationId: eip.id }));
    }
    const priv = new Subnet(stack, `private-${i}`, {
      vpcId: vpc.id,
      cidrBlock: `10.0.${128 + i * 64}.0/18`,
      availabilityZone: az,
      tags: { Name: `lab-private-${i}` },
    });
    const rt = new RouteTable(stack, `private-${i}-rt`, { vpcId: vpc.id });
    new Route(stack, `private-${i}-default`, {
      routeTableId: rt.id,
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: (natPerAz ? nats[i] : nats[0])!.id,
    });
    new RouteTableAssociation(stack, `private-${i}-rta`, { subnetId: priv.id, routeTableId: rt.id });
    privates.push(priv);
  }

  return { vpc, publics, privates };
}

/** The load balancer's, the tasks' and the instances' security groups with their rules. */
function addLabSecurityGroups(
  stack: TerraformStack,
  vpc: Vpc,
): { albSg: SecurityGroup; taskSg: SecurityGroup; instanceSg: SecurityGroup } {
  const albSg = new SecurityGroup(stack, 'alb-sg', { name: 'lab-alb', description: 'load balancer', vpcId: vpc.id });
  new VpcSecurityGroupIngressRule(stack, 'alb-http', {
    securityGroupId: albSg.id,
    ipProtocol: 'tcp',
    fromPort: 80,
    toPort: 80,
    cidrIpv4: '0.0.0.0/0',
  });
  const taskSg = new SecurityGroup(stack, 'task-sg', { name: 'lab-tasks', description: 'awsvpc tasks', vpcId: vpc.id });
  new VpcSecurityGroupIngressRule(stack, 'task-from-alb', {
    securityGroupId: taskSg.id,
    ipProtocol: 'tcp',
    fromPort: 80,
    toPort: 80,
    referencedSecurityGroupId: albSg.id,
  });
  new VpcSecurityGroupEgressRule(stack, 'task-egress', {
    securityGroupId: taskSg.id,
    ipProtocol: '-1',
    cidrIpv4: '0.0.0.0/0',
  });
  const instanceSg = new SecurityGroup(stack, 'instance-sg', {
    name: 'lab-instances',
    description: 'container instances',
    vpcId: vpc.id,
  });
  return { albSg, taskSg, instanceSg };
}

/** The cluster and its capacity: a launch template, an Auto Scaling group in the private subnets, a capacity provider. */
function addLabCapacity(
  stack: TerraformStack,
  privates: readonly Subnet[],
  instanceSg: SecurityGroup,
  options: LabOptions,
): { cluster: EcsCluster; cp: EcsCapacityProvider } {
  const cluster = new EcsCluster(stack, 'cluster', { name: 'lab' });
  const lt = new LaunchTemplate(stack, 'lt', {
    namePrefix: 'lab-',
    imageId: 'ami-0123456789abcdef0',
    instanceType: options.instanceType ?? 'c5.large',
    vpcSecurityGroupIds: [instanceSg.id],
    metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
  });
  const asg = new AutoscalingGroup(stack, 'asg', {
    name: 'lab-ecs',
    minSize: 1,
    maxSize: 4,
    desiredCapacity: 2,
    vpcZoneIdentifier: privates.map((s) => s.id),
    launchTemplate: { id: lt.id, version: '$Latest' },
  });
  const cp = new EcsCapacityProvider(stack, 'cp', {
    name: 'lab-cp',
    autoScalingGroupProvider: {
      autoScalingGroupArn: asg.arn,
      managedTerminationProtection: 'DISABLED',
      managedScaling: { status: 'ENABLED', targetCapacity: 100 },
    },
  });
  new EcsClusterCapacityProviders(stack, 'cluster-cps', {
    clusterName: cluster.name,
    capacityProviders: [cp.name],
    defaultCapacityProviderStrategy: [{ capacityProvider: cp.name, weight: 1 }],
  });
  return { cluster, cp };
}

/** The internet-facing ALB and the awsvpc service behind it. */
function addLabService(
  stack: TerraformStack,
  lab: {
    vpc: Vpc;
    publics: readonly Subnet[];
    privates: readonly Subnet[];
    albSg: SecurityGroup;
    taskSg: SecurityGroup;
    cluster: EcsCluster;
    cp: EcsCapacityProvider;
  },
  options: LabOptions,
): void {
  const { vpc, publics, privates, albSg, taskSg, cluster, cp } = lab;
  const alb = new Lb(stack, 'alb', {
    name: 'lab',
    loadBalancerType: 'application',
    internal: false,
    subnets: publics.map((s) => s.id),
    securityGroups: [albSg.id],
  });
  const tg = new LbTargetGroup(stack, 'tg', {
    name: 'lab-web',
    port: 80,
    protocol: 'HTTP',
    targetType: 'ip',
    vpcId: vpc.id,
  });
  new LbListener(stack, 'http', {
    loadBalancerArn: alb.arn,
    port: 80,
    protocol: 'HTTP',
    defaultAction: [{ type: 'forward', targetGroupArn: tg.arn }],
  });
  const td = new EcsTaskDefinition(stack, 'web-td', {
    family: 'lab-web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['EC2'],
    cpu: '256',
    memory: '512',
    containerDefinitions: JSON.stringify([
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx:latest',
        essential: true,
        portMappings: [{ containerPort: 80, protocol: 'tcp' }],
      },
    ]),
  });
  new EcsService(stack, 'web', {
    name: 'web',
    cluster: cluster.id,
    taskDefinition: td.arn,
    desiredCount: options.desiredCount ?? 2,
    capacityProviderStrategy: [{ capacityProvider: cp.name, weight: 1 }],
    networkConfiguration: { subnets: privates.map((s) => s.id), securityGroups: [taskSg.id], assignPublicIp: false },
    loadBalancer: [{ targetGroupArn: tg.arn, containerName: 'web', containerPort: 80 }],
  });
}

/** The lab synthesized to a folder. */
export function synthLab(options: LabOptions = {}): SynthesizedStack {
  const { app, stack } = newTestStack('lab');
  addLab(stack, options);
  return synthToDir(app, 'lab');
}

/** A service team's stack: an imported network whose ids come from variables and plain strings. */
export function synthImported(): SynthesizedStack {
  const { app, stack } = newTestStack('svc');
  const subnets = new TerraformVariable(stack, 'private_subnet_ids', { type: 'list(string)' });
  const td = new EcsTaskDefinition(stack, 'td', {
    family: 'api',
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    containerDefinitions: JSON.stringify([{ name: 'api', image: 'example/api:1', essential: true }]),
  });
  new EcsService(stack, 'api', {
    name: 'api',
    cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/platform',
    taskDefinition: td.arn,
    desiredCount: 3,
    capacityProviderStrategy: [{ capacityProvider: 'platform-cp', weight: 1 }],
    networkConfiguration: { subnets: subnets.listValue, securityGroups: ['sg-0123456789abcdef0'] },
  });
  return synthToDir(app, 'svc');
}
