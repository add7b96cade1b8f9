/**
 * An EC2 capacity provider: ECS-optimized container instances in an Auto Scaling group, attached to
 * a cluster through `aws_ecs_capacity_provider` with managed scaling, termination protection and
 * draining.
 */
import { Annotations, type ITerraformDependable, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AutoscalingGroup, AutoscalingGroupTag } from '@cdktf/provider-aws/lib/autoscaling-group';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { EcsCapacityProvider as EcsCapacityProviderResource } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { ITrunkingOptIn } from '../account';
import {
  checkTags,
  declarePolicySuppression,
  describeValue,
  ProblemCollector,
  stackPartition,
  validHcl,
  ValidationError,
} from '../core';
import { NatGatewayMode, type SubnetRef } from '../network/network-ref';
import { missingEndpoints, VpcEndpointSets } from '../network/vpc-endpoints';
import { EcsOptimizedAmi, ResolvedAmi } from './ami';
import { capacityProviderProblems } from './capacity-provider-rules';
import type { ICapacityProvider, IInstanceCluster } from './compute-ref';
import { CpuArchitecture, OsFamily } from '../core/platform';
import { CapacityProviderAttributes, ImportedCapacityProvider } from './imported';
import { encodeUserData, renderLinuxUserData, renderWindowsUserData } from './user-data';

/** Tag on the Auto Scaling group whose value references the trunking opt-in. */
export const TRUNKING_OPT_IN_TAG = 'awsvpc-ecs:awsvpc-trunking-opt-in';

/** The AWS managed policies of the container instance role, and nothing else. */
export const INSTANCE_ROLE_MANAGED_POLICIES: readonly string[] = [
  'service-role/AmazonEC2ContainerServiceforEC2Role',
  'AmazonSSMManagedInstanceCore',
];

/**
 * Why the instances' HTTPS egress to 0.0.0.0/0 is by design: the reason of the policy suppression
 * (AWSVPC-SG-002) each capacity provider declares on its `egress-https` rule.
 */
export const INSTANCE_HTTPS_EGRESS_REASON =
  'Container instances reach the ECS, ECR, S3, SSM and CloudWatch Logs endpoints over ' +
  'HTTPS through the NAT gateway or VPC endpoints; AWS service endpoints have no fixed CIDR to name instead. Only 443/tcp is open.';

export interface Ec2CapacityProviderOptions {
  /**
   * Name of the capacity provider (and of its Auto Scaling group). Must not start with `aws`, `ecs`
   * or `fargate`.
   * @default `${clusterName}-${id}`
   */
  readonly capacityProviderName?: string;
  /** EC2 instance type, e.g. `c5.large` (Graviton types such as `c7g.large` get the arm64 AMI). */
  readonly instanceType: string;
  /**
   * The ECS-optimized AMI.
   * @default EcsOptimizedAmi.amazonLinux2023()
   */
  readonly machineImage?: EcsOptimizedAmi;
  /**
   * Minimum number of instances.
   * @default 1
   */
  readonly minSize?: number;
  /** Maximum number of instances. */
  readonly maxSize: number;
  /**
   * Initial number of instances. With managed scaling, ECS owns the value afterwards (Terraform
   * ignores later changes).
   * @default - not set: the group starts at minSize
   */
  readonly desiredCapacity?: number;
  /**
   * Launch the instances with ENI trunking (`ECS_ENABLE_HIGH_DENSITY_ENI`). Windows does not support
   * trunking.
   * @default true for Linux AMIs, false for Windows AMIs
   */
  readonly trunking?: boolean;
  /**
   * The trunking opt-in the Auto Scaling group depends on.
   * @default - the cluster's `trunkingOptIn`; none when the cluster has none either
   */
  readonly trunkingOptIn?: ITrunkingOptIn;
  /**
   * ECS managed scaling of the Auto Scaling group.
   * @default true
   */
  readonly managedScaling?: boolean;
  /**
   * Target utilization of the instances for managed scaling, in percent (1-100).
   * @default 100
   */
  readonly targetCapacityPercent?: number;
  /**
   * Fewest instances one managed scaling step adds or removes.
   * @default 1
   */
  readonly minimumScalingStepSize?: number;
  /**
   * Most instances one managed scaling step adds or removes.
   * @default 10
   */
  readonly maximumScalingStepSize?: number;
  /**
   * Seconds a new instance needs before it counts toward the group's metrics.
   * @default 300
   */
  readonly instanceWarmupPeriodSeconds?: number;
  /**
   * ECS managed termination protection (instances running tasks are not scaled in). Turns on the
   * group's scale-in protection. Needs managed scaling.
   * @default - the value of managedScaling
   */
  readonly managedTerminationProtection?: boolean;
  /**
   * ECS managed draining (tasks are moved off an instance before the group terminates it).
   * @default true
   */
  readonly managedDraining?: boolean;
  /**
   * Detailed (1-minute) CloudWatch monitoring of the instances.
   * @default false
   */
  readonly detailedMonitoring?: boolean;
  /**
   * Size of the encrypted gp3 root volume, in GiB.
   * @default 30 for Linux, 50 for Windows (the AMIs' root snapshots)
   */
  readonly rootVolumeSizeGiB?: number;
  /**
   * KMS key (ARN) for the root volume.
   * @default - the account's default EBS key (aws/ebs)
   */
  readonly rootVolumeKmsKeyArn?: string;
  /**
   * Let tasks run privileged containers on these instances (Linux). Off, the agent is configured
   * with `ECS_DISABLE_PRIVILEGED=true` and refuses them, and a service whose task has a privileged
   * container is refused at synth (SERVICE_PRIVILEGED_NOT_ALLOWED). Windows has no privileged mode.
   * @default false
   */
  readonly privilegedContainers?: boolean;
  /**
   * Extra ECS agent settings, one `KEY=value` per entry (Linux: lines of /etc/ecs/ecs.config;
   * Windows: machine environment variables). The keys the library sets are refused.
   * @default - none
   */
  readonly extraEcsConfig?: readonly string[];
  /**
   * Let host-mode tasks that have a task IAM role run on these instances
   * (`ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true`). ECS places a host-mode task with a task role only
   * on instances whose agent reports this capability, so host-mode services with a task role (ECS
   * Exec needs one) need it. It weakens a default: host-mode tasks share the instance's network,
   * instance metadata included, so they can reach the instance role whatever their task role says.
   * Needs `taskIamRoleNetworkHostReason`. Linux only.
   * @default false
   */
  readonly taskIamRoleNetworkHost?: boolean;
  /**
   * Why `taskIamRoleNetworkHost` is on (at least 10 characters); required with it.
   * @default - none
   */
  readonly taskIamRoleNetworkHostReason?: string;
  /**
   * Let the Auto Scaling group start an instance refresh when its launch template or tags change
   * (launch before terminate; protected instances are refreshed too, drained by ECS).
   * @default true
   */
  readonly instanceRefresh?: boolean;
  /**
   * Tags for the resources (and, through the Auto Scaling group, the instances).
   * @default - none
   */
  readonly tags?: { readonly [key: string]: string };
}

export interface Ec2CapacityProviderProps extends Ec2CapacityProviderOptions {
  /**
   * The cluster the instances join. The cluster must adopt the provider
   * (`cluster.adoptCapacityProvider(provider)`); `cluster.addCapacityProvider` does both.
   */
  readonly cluster: IInstanceCluster;
}

function prefixOf(name: string, max: number): string {
  if (Token.isUnresolved(name)) return 'ecs-capacity-';
  return `${name.slice(0, max)}-`;
}

/** Container instances of one kind (AMI, instance type) for one cluster. */
export class Ec2CapacityProvider extends Construct implements ICapacityProvider {
  /**
   * A capacity provider that another app or team owns, for this app's services and its cluster's capacity checks
   * (pass it to `EcsCluster.fromAttributes`). Creates no resources.
   */
  public static fromAttributes(scope: Construct, id: string, attrs: CapacityProviderAttributes): ICapacityProvider {
    return new ImportedCapacityProvider(scope, id, attrs);
  }

  public readonly capacityProviderName: string;
  public readonly osFamily: OsFamily;
  public readonly architecture: CpuArchitecture;
  public readonly instanceType: string;
  public readonly minSize: number;
  public readonly maxSize: number;
  public readonly trunking: boolean;
  public readonly subnets: readonly SubnetRef[];
  public readonly instanceSecurityGroupId: string;
  public readonly privilegedContainers: boolean;
  public readonly taskIamRoleNetworkHost: boolean;
  /** Why host-mode tasks may have task roles here (set with `taskIamRoleNetworkHost`). */
  public readonly taskIamRoleNetworkHostReason?: string;
  /** The cluster this provider's instances join. */
  public readonly cluster: IInstanceCluster;
  /** The AMI choice resolved for the instance type. */
  public readonly ami: ResolvedAmi;
  /** The trunking opt-in the Auto Scaling group depends on, if any. */
  public readonly trunkingOptIn?: ITrunkingOptIn;
  /** The user data script in plain text (the launch template holds it in base64). */
  public readonly userDataScript: string;
  /** The `aws_ssm_parameter` data source that reads the AMI id. */
  public readonly amiParameter: DataAwsSsmParameter;
  /** Security group of the instances (tasks have their own). */
  public readonly instanceSecurityGroup: SecurityGroup;
  /** Egress rules of the instance security group. */
  public readonly instanceEgressRules: readonly VpcSecurityGroupEgressRule[];
  /** The instance role. */
  public readonly instanceRole: IamRole;
  /** The instance profile of the instance role. */
  public readonly instanceProfile: IamInstanceProfile;
  public readonly launchTemplate: LaunchTemplate;
  public readonly autoScalingGroup: AutoscalingGroup;
  /** The `aws_ecs_capacity_provider` resource. */
  public readonly resource: EcsCapacityProviderResource;

  constructor(scope: Construct, id: string, props: Ec2CapacityProviderProps) {
    super(scope, id);
    const cluster = props.cluster;
    const path = `Ec2CapacityProvider(${id})`;
    const problems = new ProblemCollector();

    const image = props.machineImage ?? EcsOptimizedAmi.amazonLinux2023();
    const ami = problems.collect(() => image.resolve(props.instanceType, `${path}.machineImage`));
    const osFamily = image.osFamily;
    const managedScaling = props.managedScaling ?? true;
    const managedTerminationProtection = props.managedTerminationProtection ?? managedScaling;
    const trunking = props.trunking ?? osFamily === OsFamily.LINUX;
    const trunkingOptIn = trunking ? (props.trunkingOptIn ?? cluster.trunkingOptIn) : undefined;
    const minSize = props.minSize ?? 1;
    const rootVolumeMinGiB = osFamily === OsFamily.WINDOWS ? 50 : 30;
    const rootVolumeSizeGiB = props.rootVolumeSizeGiB ?? rootVolumeMinGiB;
    const extraEcsConfig = props.extraEcsConfig ?? [];
    const capacityProviderName = props.capacityProviderName ?? `${cluster.clusterName}-${id}`;
    const scaling = {
      targetCapacity: props.targetCapacityPercent ?? 100,
      minimumScalingStepSize: props.minimumScalingStepSize ?? 1,
      maximumScalingStepSize: props.maximumScalingStepSize ?? 10,
      instanceWarmupPeriod: props.instanceWarmupPeriodSeconds ?? 300,
    };
    capacityProviderProblems({
      path,
      capacityProviderName,
      instanceType: props.instanceType,
      osFamily,
      minSize,
      maxSize: props.maxSize,
      desiredCapacity: props.desiredCapacity,
      managedScaling,
      managedTerminationProtection,
      targetCapacityPercent: scaling.targetCapacity,
      minimumScalingStepSize: scaling.minimumScalingStepSize,
      maximumScalingStepSize: scaling.maximumScalingStepSize,
      instanceWarmupPeriodSeconds: scaling.instanceWarmupPeriod,
      trunking,
      trunkingOptInEnabled: trunkingOptIn?.trunkingEnabled,
      rootVolumeSizeGiB,
      rootVolumeMinGiB: ami?.rootVolumeMinGiB ?? rootVolumeMinGiB,
      extraEcsConfig,
      privateSubnetCount: cluster.network.privateSubnets.length,
      taskIamRoleNetworkHost: props.taskIamRoleNetworkHost ?? false,
      taskIamRoleNetworkHostReason: props.taskIamRoleNetworkHostReason,
    }).forEach((p) => problems.add(p));
    checkTags(props.tags, `${path}.tags`).forEach((p) => problems.add(p));
    problems.throwIfAny(this);

    this.cluster = cluster;
    this.ami = ami!;
    this.capacityProviderName = capacityProviderName;
    this.osFamily = osFamily;
    this.architecture = this.ami.architecture;
    this.instanceType = props.instanceType;
    this.minSize = minSize;
    this.maxSize = props.maxSize;
    this.trunking = trunking;
    this.trunkingOptIn = trunkingOptIn;
    this.privilegedContainers = osFamily === OsFamily.LINUX && (props.privilegedContainers ?? false);
    this.subnets = cluster.network.privateSubnets;
    this.taskIamRoleNetworkHost = props.taskIamRoleNetworkHost ?? false;
    this.taskIamRoleNetworkHostReason = props.taskIamRoleNetworkHostReason;
    const tags = props.tags ?? {};

    // AMI id from the public SSM parameter (insecure_value: the parameter is public and not secret,
    // so plans show the AMI id instead of "(sensitive value)").
    this.amiParameter = new DataAwsSsmParameter(this, 'ami', { name: this.ami.ssmParameterName });

    // Instance security group: no ingress (access through SSM Session Manager); egress HTTPS only.
    this.instanceSecurityGroup = new SecurityGroup(this, 'instance-sg', {
      namePrefix: prefixOf(capacityProviderName, 200),
      description: `ECS container instances of ${capacityProviderName} (tasks use their own security groups)`,
      vpcId: cluster.network.vpcId,
      tags: { ...tags, Name: `${capacityProviderName}-instances` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.instanceSecurityGroupId = this.instanceSecurityGroup.id;
    this.instanceEgressRules = [
      new VpcSecurityGroupEgressRule(this, 'egress-https', {
        securityGroupId: this.instanceSecurityGroup.id,
        description: 'HTTPS to the ECS, ECR, S3, SSM and CloudWatch endpoints (through NAT or VPC endpoints)',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '0.0.0.0/0',
        tags,
      }),
    ];
    declarePolicySuppression(this.instanceEgressRules[0]!, 'AWSVPC-SG-002', INSTANCE_HTTPS_EGRESS_REASON);

    // Instance role: the two AWS managed policies the agent and Session Manager need, nothing more.
    const partition = stackPartition(this);
    this.instanceRole = validHcl(
      new IamRole(this, 'instance-role', {
        namePrefix: prefixOf(capacityProviderName, 28),
        description: `ECS container instances of ${capacityProviderName}`,
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
        tags,
      }),
    );
    const attachments = INSTANCE_ROLE_MANAGED_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, `policy-${policy.replace(/^.*\//, '')}`, {
          role: this.instanceRole.name,
          policyArn: `arn:${partition}:iam::aws:policy/${policy}`,
        }),
    );
    this.instanceProfile = new IamInstanceProfile(this, 'instance-profile', {
      namePrefix: prefixOf(capacityProviderName, 28),
      role: this.instanceRole.name,
      tags,
    });

    // User data: a literal at synth time whenever the cluster name is (see user-data.ts).
    this.userDataScript =
      osFamily === OsFamily.WINDOWS
        ? renderWindowsUserData({ clusterName: cluster.clusterName, extraEcsConfig })
        : renderLinuxUserData({
            clusterName: cluster.clusterName,
            trunking,
            privilegedContainers: this.privilegedContainers,
            extraEcsConfig,
            taskIamRoleNetworkHost: this.taskIamRoleNetworkHost,
          });

    this.launchTemplate = validHcl(
      new LaunchTemplate(this, 'launch-template', {
        namePrefix: prefixOf(capacityProviderName, 100),
        description: `ECS container instances of ${capacityProviderName} (${this.ami.family}, ${this.architecture})`,
        imageId: this.amiParameter.insecureValue,
        instanceType: props.instanceType,
        updateDefaultVersion: true,
        userData: encodeUserData(this.userDataScript),
        iamInstanceProfile: { name: this.instanceProfile.name },
        metadataOptions: {
          httpEndpoint: 'enabled',
          httpTokens: 'required',
          httpPutResponseHopLimit: 1,
          instanceMetadataTags: 'disabled',
        },
        monitoring: { enabled: props.detailedMonitoring ?? false },
        networkInterfaces: [
          {
            deviceIndex: 0,
            associatePublicIpAddress: 'false',
            deleteOnTermination: 'true',
            securityGroups: [this.instanceSecurityGroup.id],
          },
        ],
        blockDeviceMappings: [
          {
            deviceName: this.ami.rootDeviceName,
            ebs: {
              volumeSize: rootVolumeSizeGiB,
              volumeType: 'gp3',
              encrypted: 'true',
              kmsKeyId: props.rootVolumeKmsKeyArn,
              deleteOnTermination: 'true',
            },
          },
        ],
        tagSpecifications: [{ resourceType: 'volume', tags: { ...tags, Name: capacityProviderName } }],
        tags,
        lifecycle: {
          precondition: [
            {
              condition: `\${can(regex("^ami-[0-9a-f]+$", ${this.amiParameter.fqn}.insecure_value))}`,
              errorMessage:
                `The public SSM parameter ${this.ami.ssmParameterName} did not hold an AMI id ("ami-..."). ` +
                'Check that the region publishes this ECS-optimized AMI family and architecture, and that the ' +
                'deploying principal may call ssm:GetParameter on /aws/service/*; or choose another machineImage.',
            },
          ],
        },
      }),
    );
    if (this.taskIamRoleNetworkHost && this.taskIamRoleNetworkHostReason) {
      // ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true on purpose, for the reason the props give.
      declarePolicySuppression(this.launchTemplate, 'AWSVPC-EC2-002', this.taskIamRoleNetworkHostReason);
    }

    const asgTags: AutoscalingGroupTag[] = [
      // ECS adds this tag itself when managed scaling is on; declaring it avoids perpetual drift.
      { key: 'AmazonECSManaged', value: 'true', propagateAtLaunch: true },
      { key: 'Name', value: capacityProviderName, propagateAtLaunch: true },
      ...Object.entries(tags)
        .filter(([k]) => k !== 'Name' && k !== 'AmazonECSManaged')
        .map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    ];
    const dependsOn: ITerraformDependable[] = [cluster.resource, ...attachments, ...this.instanceEgressRules];
    if (trunkingOptIn) {
      // A reference to the opt-in: a dependency within the stack, a cross-stack one (output +
      // remote state) when the opt-in lives in another stack of the app.
      asgTags.push({ key: TRUNKING_OPT_IN_TAG, value: trunkingOptIn.trunkingOptInToken, propagateAtLaunch: true });
      const optInResource = trunkingOptIn.trunkingOptInResource;
      if (optInResource && TerraformStack.of(optInResource) === TerraformStack.of(this)) {
        dependsOn.push(optInResource);
      }
    }

    this.autoScalingGroup = new AutoscalingGroup(this, 'asg', {
      name: capacityProviderName,
      minSize,
      maxSize: props.maxSize,
      desiredCapacity: props.desiredCapacity,
      vpcZoneIdentifier: this.subnets.map((s) => s.subnetId),
      launchTemplate: { name: this.launchTemplate.name, version: Token.asString(this.launchTemplate.latestVersion) },
      healthCheckType: 'EC2',
      protectFromScaleIn: managedTerminationProtection,
      // The group holds protected instances at destroy time; delete it without waiting for them.
      forceDelete: true,
      tag: asgTags,
      instanceRefresh:
        (props.instanceRefresh ?? true)
          ? {
              strategy: 'Rolling',
              triggers: ['tag'],
              preferences: {
                minHealthyPercentage: 100,
                maxHealthyPercentage: 200,
                scaleInProtectedInstances: 'Refresh',
                standbyInstances: 'Terminate',
              },
            }
          : undefined,
      // The cluster (its name is baked into the user data), the role's policies and the egress rules
      // outlive the instances: created before them, destroyed after them.
      dependsOn,
      lifecycle: managedScaling ? { ignoreChanges: ['desired_capacity'] } : undefined,
    });

    this.resource = new EcsCapacityProviderResource(this, 'capacity-provider', {
      name: capacityProviderName,
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedTerminationProtection: managedTerminationProtection ? 'ENABLED' : 'DISABLED',
        managedDraining: (props.managedDraining ?? true) ? 'ENABLED' : 'DISABLED',
        managedScaling: managedScaling ? { status: 'ENABLED', ...scaling } : { status: 'DISABLED' },
      },
      tags,
    });

    // The cluster adopts the provider (no back-reference from here); one made with `new` and never
    // adopted would launch instances that no service can use.
    this.node.addValidation({
      validate: () => {
        if (cluster.capacityProviders.includes(this)) return [];
        throw new ValidationError(
          {
            code: 'COMPUTE_CAPACITY_PROVIDER_NOT_ADOPTED',
            path: `${path}.cluster`,
            received: `capacity provider ${this.node.path}, not attached to cluster ${describeValue(cluster.clusterName)}`,
            allowed: 'a capacity provider the cluster adopted',
            fix: 'call cluster.adoptCapacityProvider(provider), or create it with cluster.addCapacityProvider(id, options)',
          },
          this,
        );
      },
    });

    // Without a NAT gateway, the agent reaches ECS, ECR and CloudWatch Logs only through endpoints.
    const network = cluster.network;
    if (network.natGatewayMode === NatGatewayMode.NONE) {
      const missing = missingEndpoints(network.endpointServices, [
        ...VpcEndpointSets.AGENT_REGISTRATION,
        ...VpcEndpointSets.IMAGE_PULL,
      ]);
      if (missing.length > 0) {
        Annotations.of(this).addWarning(
          `[COMPUTE_NO_ROUTE_TO_ECS] ${capacityProviderName}: the private subnets have no NAT ` +
            `gateway and no VPC endpoint for ${missing.join(', ')}. Container instances there cannot register with the ` +
            'cluster (ecs, ecs-agent, ecs-telemetry), pull ECR images (ecr.api, ecr.dkr, s3) or ship awslogs (logs). ' +
            'Add the endpoints (Network endpointServices: VpcEndpointSets.ALL_ECS) or a NAT gateway.',
        );
      }
    }
  }
}
