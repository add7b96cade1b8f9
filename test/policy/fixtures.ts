/**
 * A representative stack of raw provider resources that complies with every rule: a VPC with flow logs
 * and a closed default security group, an internet-facing ALB (HTTPS, HTTP redirecting), EC2 capacity
 * from a launch template, and an awsvpc service. One documented suppression (task egress to the
 * internet on 443) shows how accepted risks look. Rule tests start from pieces of it.
 */
import { TerraformStack } from 'cdktf';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { EcsCapacityProvider } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { PolicyPack } from '../../modules/policy';

export const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e';

/** The Linux user data the fixture's launch template carries (before base64). */
export const LINUX_USER_DATA = [
  '#!/bin/bash',
  'cat <<EOF >> /etc/ecs/ecs.config',
  'ECS_CLUSTER=lab',
  'ECS_AWSVPC_BLOCK_IMDS=true',
  'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false',
  'ECS_ENABLE_TASK_IAM_ROLE=true',
  'EOF',
  '',
].join('\n');

export interface CompliantStack {
  readonly vpc: Vpc;
  readonly lbSecurityGroup: SecurityGroup;
  readonly tasksSecurityGroup: SecurityGroup;
  readonly taskEgress: VpcSecurityGroupEgressRule;
  readonly lb: Lb;
  readonly launchTemplate: LaunchTemplate;
  readonly taskDefinition: EcsTaskDefinition;
  readonly taskRole: IamRole;
  readonly executionRole: IamRole;
  readonly service: EcsService;
}

/** The container definitions of the fixture's task definition (change one field to break a rule). */
export function webContainer(overrides: Record<string, unknown> = {}, logGroup = 'web'): Record<string, unknown> {
  return {
    name: 'web',
    image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27',
    essential: true,
    memory: 256,
    user: '101',
    readonlyRootFilesystem: true,
    portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': logGroup, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' },
    },
    ...overrides,
  };
}

export function buildCompliantStack(stack: TerraformStack): CompliantStack {
  const account = new DataAwsCallerIdentity(stack, 'account');
  const { vpc, publicSubnets, privateSubnets } = addNetwork(stack);
  const groups = addSecurityGroups(stack, vpc);
  const { lb, targetGroup } = addLoadBalancer(stack, vpc, publicSubnets, groups.lbSecurityGroup);
  const { launchTemplate, cluster, capacityProvider } = addCapacity(
    stack,
    privateSubnets,
    groups.instancesSecurityGroup,
  );
  const task = addTask(stack, account);
  const service = new EcsService(stack, 'web', {
    name: 'web',
    cluster: cluster.id,
    taskDefinition: task.taskDefinition.arn,
    desiredCount: 2,
    capacityProviderStrategy: [{ capacityProvider: capacityProvider.name, weight: 1 }],
    networkConfiguration: {
      subnets: privateSubnets.map((s) => s.id),
      securityGroups: [groups.tasksSecurityGroup.id],
      assignPublicIp: false,
    },
    loadBalancer: [{ targetGroupArn: targetGroup.arn, containerName: 'web', containerPort: 8080 }],
  });
  return {
    vpc,
    lbSecurityGroup: groups.lbSecurityGroup,
    tasksSecurityGroup: groups.tasksSecurityGroup,
    taskEgress: groups.taskEgress,
    lb,
    launchTemplate,
    taskDefinition: task.taskDefinition,
    taskRole: task.taskRole,
    executionRole: task.executionRole,
    service,
  };
}

/** The VPC with a closed default security group and flow logs, and two public and two private subnets. */
function addNetwork(stack: TerraformStack): { vpc: Vpc; publicSubnets: Subnet[]; privateSubnets: Subnet[] } {
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true });
  new DefaultSecurityGroup(stack, 'default-sg', { vpcId: vpc.id });
  const flowLogGroup = new CloudwatchLogGroup(stack, 'flow-logs', { name: '/lab/vpc-flow-logs', retentionInDays: 30 });
  const flowLogRole = new IamRole(stack, 'flow-logs-role', {
    name: 'lab-flow-logs',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  new IamRolePolicy(stack, 'flow-logs-policy', {
    role: flowLogRole.id,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: `${flowLogGroup.arn}:*`,
        },
      ],
    }),
  });
  new FlowLog(stack, 'flow-log', {
    vpcId: vpc.id,
    trafficType: 'ALL',
    logDestination: flowLogGroup.arn,
    iamRoleArn: flowLogRole.arn,
  });
  const publicSubnets = ['a', 'b'].map(
    (az, i) =>
      new Subnet(stack, `public-${az}`, {
        vpcId: vpc.id,
        cidrBlock: `10.0.${i}.0/24`,
        availabilityZone: `us-east-1${az}`,
      }),
  );
  const privateSubnets = ['a', 'b'].map(
    (az, i) =>
      new Subnet(stack, `private-${az}`, {
        vpcId: vpc.id,
        cidrBlock: `10.0.${16 + i * 16}.0/20`,
        availabilityZone: `us-east-1${az}`,
        mapPublicIpOnLaunch: false,
      }),
  );
  return { vpc, publicSubnets, privateSubnets };
}

/** The load balancer's, the tasks' and the instances' groups; task egress to the internet on 443, suppressed with its reason. */
function addSecurityGroups(
  stack: TerraformStack,
  vpc: Vpc,
): {
  lbSecurityGroup: SecurityGroup;
  tasksSecurityGroup: SecurityGroup;
  instancesSecurityGroup: SecurityGroup;
  taskEgress: VpcSecurityGroupEgressRule;
} {
  const lbSecurityGroup = new SecurityGroup(stack, 'lb-sg', {
    name: 'lab-lb',
    description: 'load balancer',
    vpcId: vpc.id,
  });
  const tasksSecurityGroup = new SecurityGroup(stack, 'tasks-sg', {
    name: 'lab-tasks',
    description: 'web tasks',
    vpcId: vpc.id,
  });
  const instancesSecurityGroup = new SecurityGroup(stack, 'instances-sg', {
    name: 'lab-instances',
    description: 'container instances',
    vpcId: vpc.id,
  });
  for (const port of [443, 80]) {
    new VpcSecurityGroupIngressRule(stack, `lb-in-${port}`, {
      securityGroupId: lbSecurityGroup.id,
      cidrIpv4: '0.0.0.0/0',
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
    });
  }
  new VpcSecurityGroupEgressRule(stack, 'lb-to-tasks', {
    securityGroupId: lbSecurityGroup.id,
    referencedSecurityGroupId: tasksSecurityGroup.id,
    ipProtocol: 'tcp',
    fromPort: 8080,
    toPort: 8080,
  });
  new VpcSecurityGroupIngressRule(stack, 'tasks-from-lb', {
    securityGroupId: tasksSecurityGroup.id,
    referencedSecurityGroupId: lbSecurityGroup.id,
    ipProtocol: 'tcp',
    fromPort: 8080,
    toPort: 8080,
  });
  const taskEgress = new VpcSecurityGroupEgressRule(stack, 'tasks-https-out', {
    securityGroupId: tasksSecurityGroup.id,
    cidrIpv4: '0.0.0.0/0',
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
  });
  PolicyPack.suppress(
    taskEgress,
    'AWSVPC-SG-002',
    'tasks call AWS APIs over HTTPS through the NAT gateway (no VPC endpoints in this lab)',
  );
  return { lbSecurityGroup, tasksSecurityGroup, instancesSecurityGroup, taskEgress };
}

/** An internet-facing ALB: HTTPS to the web target group, HTTP redirecting to HTTPS. */
function addLoadBalancer(
  stack: TerraformStack,
  vpc: Vpc,
  publicSubnets: readonly Subnet[],
  lbSecurityGroup: SecurityGroup,
): { lb: Lb; targetGroup: LbTargetGroup } {
  const lb = new Lb(stack, 'lb', {
    name: 'lab',
    loadBalancerType: 'application',
    securityGroups: [lbSecurityGroup.id],
    subnets: publicSubnets.map((s) => s.id),
    dropInvalidHeaderFields: true,
  });
  const targetGroup = new LbTargetGroup(stack, 'web-tg', {
    name: 'lab-web',
    port: 8080,
    protocol: 'HTTP',
    targetType: 'ip',
    vpcId: vpc.id,
  });
  new LbListener(stack, 'https', {
    loadBalancerArn: lb.arn,
    port: 443,
    protocol: 'HTTPS',
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    certificateArn: CERTIFICATE_ARN,
    defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
  });
  new LbListener(stack, 'http', {
    loadBalancerArn: lb.arn,
    port: 80,
    protocol: 'HTTP',
    defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
  });
  return { lb, targetGroup };
}

/** EC2 capacity: a launch template (IMDSv2, encrypted volume), an Auto Scaling group, the cluster and its capacity provider. */
function addCapacity(
  stack: TerraformStack,
  privateSubnets: readonly Subnet[],
  instancesSecurityGroup: SecurityGroup,
): { launchTemplate: LaunchTemplate; cluster: EcsCluster; capacityProvider: EcsCapacityProvider } {
  const launchTemplate = new LaunchTemplate(stack, 'lt', {
    namePrefix: 'lab-',
    imageId: 'ami-0123456789abcdef0',
    instanceType: 't3.small',
    vpcSecurityGroupIds: [instancesSecurityGroup.id],
    userData: Buffer.from(LINUX_USER_DATA).toString('base64'),
    metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true', volumeSize: 30, volumeType: 'gp3' } }],
  });
  const asg = new AutoscalingGroup(stack, 'asg', {
    name: 'lab',
    minSize: 1,
    maxSize: 2,
    vpcZoneIdentifier: privateSubnets.map((s) => s.id),
    launchTemplate: { id: launchTemplate.id, version: '$Latest' },
  });
  const cluster = new EcsCluster(stack, 'cluster', { name: 'lab' });
  const capacityProvider = new EcsCapacityProvider(stack, 'cp', {
    name: 'lab',
    autoScalingGroupProvider: { autoScalingGroupArn: asg.arn },
  });
  return { launchTemplate, cluster, capacityProvider };
}

/** The task definition with its task and execution roles (trusting this account only) and its log group. */
function addTask(
  stack: TerraformStack,
  account: DataAwsCallerIdentity,
): { taskDefinition: EcsTaskDefinition; taskRole: IamRole; executionRole: IamRole } {
  const trust = new DataAwsIamPolicyDocument(stack, 'task-trust', {
    statement: [
      {
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
      },
    ],
  });
  const taskRole = new IamRole(stack, 'task-role', { name: 'lab-web-task', assumeRolePolicy: trust.json });
  const executionRole = new IamRole(stack, 'execution-role', {
    name: 'lab-web-execution',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': account.accountId } },
        },
      ],
    }),
  });
  const appLogs = new CloudwatchLogGroup(stack, 'web-logs', { name: '/lab/web', retentionInDays: 30 });
  new IamRolePolicy(stack, 'execution-policy', {
    role: executionRole.id,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${appLogs.arn}:*` },
      ],
    }),
  });
  const taskDefinition = new EcsTaskDefinition(stack, 'web-task', {
    family: 'lab-web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['EC2'],
    cpu: '256',
    memory: '512',
    taskRoleArn: taskRole.arn,
    executionRoleArn: executionRole.arn,
    containerDefinitions: JSON.stringify([webContainer({}, appLogs.name)]),
  });
  return { taskDefinition, taskRole, executionRole };
}
