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
import type { Ec2CapacityProviderProps } from './ec2-capacity-provider-options';
import {
  mixedInstancesPolicyBlock,
  mixedInstancesProblems,
  resolveMixedInstancesPolicy,
  type ResolvedMixedInstancesPolicy,
} from './mixed-instances';
import { encodeUserData, renderLinuxUserData, renderWindowsUserData } from './user-data';

export type { Ec2CapacityProviderOptions, Ec2CapacityProviderProps } from './ec2-capacity-provider-options';

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
  /** The instance type; for a mixed instances group, the one with the fewest awsvpc tasks per instance. */
  public readonly instanceType: string;
  /** Every instance type the group may launch (one, unless `mixedInstancesPolicy` lists several). */
  public readonly instanceTypes: readonly string[];
  /** Whether the group may launch Spot instances (a mixed instances policy below 100% on-demand). */
  public readonly spot: boolean;
  /** The mixed instances policy with its defaults, if any. */
  public readonly mixedInstancesPolicy?: ResolvedMixedInstancesPolicy;
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
    const settings = this.checkProps(id, props);
    const { ami, osFamily, trunking, trunkingOptIn, capacityProviderName, mixed } = settings;
    const cluster = props.cluster;
    this.cluster = cluster;
    this.ami = ami;
    this.capacityProviderName = capacityProviderName;
    this.osFamily = osFamily;
    this.architecture = ami.architecture;
    this.instanceType = mixed?.smallestInstanceType ?? props.instanceType!;
    this.instanceTypes = mixed?.instanceTypes ?? [props.instanceType!];
    this.spot = mixed?.spot ?? false;
    this.mixedInstancesPolicy = mixed;
    this.minSize = settings.minSize;
    this.maxSize = props.maxSize;
    this.trunking = trunking;
    this.trunkingOptIn = trunkingOptIn;
    this.privilegedContainers = osFamily === OsFamily.LINUX && (props.privilegedContainers ?? false);
    this.subnets = cluster.network.privateSubnets;
    this.taskIamRoleNetworkHost = props.taskIamRoleNetworkHost ?? false;
    this.taskIamRoleNetworkHostReason = props.taskIamRoleNetworkHostReason;

    // AMI id from the public SSM parameter (insecure_value: the parameter is public and not secret,
    // so plans show the AMI id instead of "(sensitive value)").
    this.amiParameter = new DataAwsSsmParameter(this, 'ami', { name: this.ami.ssmParameterName });
    const tags = props.tags ?? {};
    this.instanceSecurityGroup = this.createInstanceSecurityGroup(tags);
    this.instanceSecurityGroupId = this.instanceSecurityGroup.id;
    this.instanceEgressRules = [this.createHttpsEgress(tags)];
    const { role, profile, attachments } = this.createInstanceRole(tags);
    this.instanceRole = role;
    this.instanceProfile = profile;
    this.userDataScript = this.renderUserData(settings.extraEcsConfig);
    this.launchTemplate = this.createLaunchTemplate(props, settings.rootVolumeSizeGiB, tags);
    this.autoScalingGroup = this.createAutoScalingGroup(props, settings, attachments, tags);
    this.resource = new EcsCapacityProviderResource(this, 'capacity-provider', {
      name: capacityProviderName,
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedTerminationProtection: settings.managedTerminationProtection ? 'ENABLED' : 'DISABLED',
        managedDraining: (props.managedDraining ?? true) ? 'ENABLED' : 'DISABLED',
        managedScaling: settings.managedScaling ? { status: 'ENABLED', ...settings.scaling } : { status: 'DISABLED' },
      },
      tags,
    });
    this.requireAdoption(`Ec2CapacityProvider(${id})`);
    this.warnWithoutRouteToEcs();
  }

  /** Step 1: the props with defaults applied; every problem of them thrown at once. */
  private checkProps(id: string, props: Ec2CapacityProviderProps) {
    const cluster = props.cluster;
    const path = `Ec2CapacityProvider(${id})`;
    const problems = new ProblemCollector();
    const mixedProblems = props.mixedInstancesPolicy
      ? mixedInstancesProblems(props.mixedInstancesPolicy, props.instanceType, path)
      : [];
    mixedProblems.forEach((p) => problems.add(p));
    const instanceTypes = props.mixedInstancesPolicy?.instanceTypes ?? (props.instanceType ? [props.instanceType] : []);
    problems.check(instanceTypes.length > 0 || props.mixedInstancesPolicy !== undefined, () => ({
      code: 'COMPUTE_INSTANCE_TYPE_MISSING',
      path: `${path}.instanceType`,
      received: 'no instanceType and no mixedInstancesPolicy',
      allowed: 'an instance type, or a mixed instances policy listing several',
      fix: 'Pass instanceType (e.g. "c5.large"), or mixedInstancesPolicy.instanceTypes.',
    }));
    const instanceType = instanceTypes[0];
    const image = props.machineImage ?? EcsOptimizedAmi.amazonLinux2023();
    const ami =
      instanceType !== undefined
        ? problems.collect(() => image.resolve(instanceType, `${path}.machineImage`))
        : undefined;
    if (mixedProblems.length === 0) {
      // Every type of the mix must suit the AMI (its architecture, when the AMI names one).
      instanceTypes
        .slice(1)
        .forEach((t, i) =>
          problems.collect(() => image.resolve(t, `${path}.mixedInstancesPolicy.instanceTypes[${i + 1}]`)),
        );
    }
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
      // The types of a mixed instances policy are checked with it.
      instanceType: props.mixedInstancesPolicy ? undefined : instanceType,
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
    const mixed = props.mixedInstancesPolicy
      ? resolveMixedInstancesPolicy(props.mixedInstancesPolicy, props.maxSize, trunking, osFamily === OsFamily.WINDOWS)
      : undefined;
    return {
      ami: ami!,
      osFamily,
      managedScaling,
      managedTerminationProtection,
      trunking,
      trunkingOptIn,
      minSize,
      rootVolumeSizeGiB,
      extraEcsConfig,
      capacityProviderName,
      scaling,
      mixed,
    };
  }

  /** Instance security group: no ingress (access through SSM Session Manager); egress HTTPS only. */
  private createInstanceSecurityGroup(tags: Record<string, string>): SecurityGroup {
    const name = this.capacityProviderName;
    return new SecurityGroup(this, 'instance-sg', {
      namePrefix: prefixOf(name, 200),
      description: `ECS container instances of ${name} (tasks use their own security groups)`,
      vpcId: this.cluster.network.vpcId,
      tags: { ...tags, Name: `${name}-instances` },
      lifecycle: { createBeforeDestroy: true },
    });
  }

  private createHttpsEgress(tags: Record<string, string>): VpcSecurityGroupEgressRule {
    const rule = new VpcSecurityGroupEgressRule(this, 'egress-https', {
      securityGroupId: this.instanceSecurityGroup.id,
      description: 'HTTPS to the ECS, ECR, S3, SSM and CloudWatch endpoints (through NAT or VPC endpoints)',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
      tags,
    });
    declarePolicySuppression(rule, 'AWSVPC-SG-002', INSTANCE_HTTPS_EGRESS_REASON);
    return rule;
  }

  /** Instance role: the two AWS managed policies the agent and Session Manager need, nothing more. */
  private createInstanceRole(tags: Record<string, string>) {
    const name = this.capacityProviderName;
    const partition = stackPartition(this);
    const role = validHcl(
      new IamRole(this, 'instance-role', {
        namePrefix: prefixOf(name, 28),
        description: `ECS container instances of ${name}`,
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
          role: role.name,
          policyArn: `arn:${partition}:iam::aws:policy/${policy}`,
        }),
    );
    const profile = new IamInstanceProfile(this, 'instance-profile', {
      namePrefix: prefixOf(name, 28),
      role: role.name,
      tags,
    });
    return { role, profile, attachments };
  }

  /** User data: a literal at synth time whenever the cluster name is (see user-data.ts). */
  private renderUserData(extraEcsConfig: readonly string[]): string {
    const clusterName = this.cluster.clusterName;
    return this.osFamily === OsFamily.WINDOWS
      ? renderWindowsUserData({ clusterName, extraEcsConfig, spotInstanceDraining: this.spot })
      : renderLinuxUserData({
          clusterName,
          trunking: this.trunking,
          privilegedContainers: this.privilegedContainers,
          extraEcsConfig,
          taskIamRoleNetworkHost: this.taskIamRoleNetworkHost,
          spotInstanceDraining: this.spot,
        });
  }

  private createLaunchTemplate(
    props: Ec2CapacityProviderProps,
    rootVolumeSizeGiB: number,
    tags: Record<string, string>,
  ): LaunchTemplate {
    const name = this.capacityProviderName;
    const template = validHcl(
      new LaunchTemplate(this, 'launch-template', {
        namePrefix: prefixOf(name, 100),
        description: `ECS container instances of ${name} (${this.ami.family}, ${this.architecture})`,
        imageId: this.amiParameter.insecureValue,
        // A mixed instances group names its types in the group's overrides.
        instanceType: this.mixedInstancesPolicy ? undefined : props.instanceType,
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
        tagSpecifications: [{ resourceType: 'volume', tags: { ...tags, Name: name } }],
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
      declarePolicySuppression(template, 'AWSVPC-EC2-002', this.taskIamRoleNetworkHostReason);
    }
    return template;
  }

  private createAutoScalingGroup(
    props: Ec2CapacityProviderProps,
    settings: ReturnType<Ec2CapacityProvider['checkProps']>,
    attachments: readonly ITerraformDependable[],
    tags: Record<string, string>,
  ): AutoscalingGroup {
    const name = this.capacityProviderName;
    const asgTags: AutoscalingGroupTag[] = [
      // ECS adds this tag itself when managed scaling is on; declaring it avoids perpetual drift.
      { key: 'AmazonECSManaged', value: 'true', propagateAtLaunch: true },
      { key: 'Name', value: name, propagateAtLaunch: true },
      ...Object.entries(tags)
        .filter(([k]) => k !== 'Name' && k !== 'AmazonECSManaged')
        .map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    ];
    const dependsOn: ITerraformDependable[] = [this.cluster.resource, ...attachments, ...this.instanceEgressRules];
    const optIn = settings.trunkingOptIn;
    if (optIn) {
      // A reference to the opt-in: a dependency within the stack, a cross-stack one (output +
      // remote state) when the opt-in lives in another stack of the app.
      asgTags.push({ key: TRUNKING_OPT_IN_TAG, value: optIn.trunkingOptInToken, propagateAtLaunch: true });
      const optInResource = optIn.trunkingOptInResource;
      if (optInResource && TerraformStack.of(optInResource) === TerraformStack.of(this)) dependsOn.push(optInResource);
    }
    const template = { name: this.launchTemplate.name, version: Token.asString(this.launchTemplate.latestVersion) };
    const mixed = this.mixedInstancesPolicy;
    return new AutoscalingGroup(this, 'asg', {
      name,
      minSize: settings.minSize,
      maxSize: props.maxSize,
      desiredCapacity: props.desiredCapacity,
      vpcZoneIdentifier: this.subnets.map((s) => s.subnetId),
      launchTemplate: mixed ? undefined : template,
      mixedInstancesPolicy: mixed ? mixedInstancesPolicyBlock(mixed, template) : undefined,
      capacityRebalance: mixed ? mixed.capacityRebalance : undefined,
      healthCheckType: 'EC2',
      protectFromScaleIn: settings.managedTerminationProtection,
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
      lifecycle: settings.managedScaling ? { ignoreChanges: ['desired_capacity'] } : undefined,
    });
  }

  /**
   * The cluster adopts the provider (no back-reference from here); one made with `new` and never
   * adopted would launch instances that no service can use.
   */
  private requireAdoption(path: string): void {
    const cluster = this.cluster;
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
  }

  /** Without a NAT gateway, the agent reaches ECS, ECR and CloudWatch Logs only through endpoints. */
  private warnWithoutRouteToEcs(): void {
    const network = this.cluster.network;
    if (network.natGatewayMode !== NatGatewayMode.NONE) return;
    const missing = missingEndpoints(network.endpointServices, [
      ...VpcEndpointSets.AGENT_REGISTRATION,
      ...VpcEndpointSets.IMAGE_PULL,
    ]);
    if (missing.length === 0) return;
    Annotations.of(this).addWarning(
      `[COMPUTE_NO_ROUTE_TO_ECS] ${this.capacityProviderName}: the private subnets have no NAT ` +
        `gateway and no VPC endpoint for ${missing.join(', ')}. Container instances there cannot register with the ` +
        'cluster (ecs, ecs-agent, ecs-telemetry), pull ECR images (ecr.api, ecr.dkr, s3) or ship awslogs (logs). ' +
        'Add the endpoints (Network endpointServices: VpcEndpointSets.ALL_ECS) or a NAT gateway.',
    );
  }
}
