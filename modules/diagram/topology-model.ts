/**
 * The topology model: what the picture shows of one synthesized stack (VPCs, AZs, subnets, gateways,
 * Auto Scaling groups, ECS services, load balancers, security groups), as plain sorted data.
 * `buildTopology` (topology.ts) produces it from Terraform JSON; `topologyToDot` (dot.ts) draws it.
 * Types only, plus the key of the imported-network group.
 */
/** Facts the JSON does not hold, given by the caller (the app knows them from its own tables). */
export interface TopologyFacts {
  /**
   * Title drawn at the top of the picture.
   * @default - "stack <name> · <region>" from the document's metadata and provider
   */
  readonly title?: string;
  /**
   * How many awsvpc tasks fit on one instance, by instance type (`{ "c5.large": 10 }`), as the
   * capacity report computes them (ENIs, trunking). An Auto Scaling group with several instance
   * types shows the smallest.
   * @default - tasks per instance are not shown
   */
  readonly tasksPerInstance?: { readonly [instanceType: string]: number };
  /**
   * Names of the availability zones in the order of the `aws_availability_zones` data source's
   * `names` list, for subnets whose AZ is `element(data.aws_availability_zones.x.names, i)`.
   * @default - such AZs are labelled "AZ 1", "AZ 2", ...
   */
  readonly availabilityZoneNames?: readonly string[];
}

/** Whether a subnet routes to the internet gateway. */
export enum TopologySubnetTier {
  /** Routes `0.0.0.0/0` to an internet gateway (or maps public IPs on launch). */
  PUBLIC = 'PUBLIC',
  /** No route to an internet gateway; reaches the internet, if at all, through NAT. */
  PRIVATE = 'PRIVATE',
  /** Not known from this stack (an imported subnet). */
  UNKNOWN = 'UNKNOWN',
}

export interface NatGatewayModel {
  /** Terraform address, e.g. `aws_nat_gateway.nat-0`. */
  readonly key: string;
  readonly name: string;
  /** True for `connectivity_type = "private"` (no internet egress). */
  readonly privateConnectivity: boolean;
}

export interface SubnetModel {
  /** Terraform address, or `external:<id or expression>` for a subnet not defined in this stack. */
  readonly key: string;
  readonly name: string;
  /** IPv4 CIDR block; undefined when only known at apply time. */
  readonly cidrBlock?: string;
  readonly tier: TopologySubnetTier;
  /** True when the subnet is not defined in this stack. */
  readonly imported: boolean;
  /** NAT gateways placed in this subnet. */
  readonly natGateways: readonly NatGatewayModel[];
  /** Keys of the NAT gateways this subnet's route tables send traffic to. */
  readonly egressNatGatewayKeys: readonly string[];
}

export interface AvailabilityZoneModel {
  readonly key: string;
  /** AZ name (`us-east-1a`), or a label when only known at apply time ("AZ 1"). */
  readonly name: string;
  /** Public subnets first, then private, then unknown. */
  readonly subnets: readonly SubnetModel[];
}

export interface InternetGatewayModel {
  readonly key: string;
  readonly name: string;
  readonly imported: boolean;
}

export interface VpcModel {
  /** Terraform address, or `external:<id or expression>` for an imported VPC. */
  readonly key: string;
  readonly name: string;
  readonly cidrBlock?: string;
  readonly imported: boolean;
  readonly availabilityZones: readonly AvailabilityZoneModel[];
  readonly internetGateway?: InternetGatewayModel;
}

export interface AutoScalingGroupModel {
  readonly key: string;
  readonly name: string;
  /** Instance types (literal, or the expression that gives them); empty when unknown. */
  readonly instanceTypes: readonly string[];
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly desiredCapacity?: number;
  /** Tasks per instance from the facts (smallest over the group's instance types). */
  readonly tasksPerInstance?: number;
  /** `tasksPerInstance × maxSize`. */
  readonly maxTasks?: number;
  readonly subnetKeys: readonly string[];
  /** Security groups of the instances (from the launch template). */
  readonly securityGroupKeys: readonly string[];
  /** ECS capacity providers backed by this group. */
  readonly capacityProviderNames: readonly string[];
}

export interface LoadBalancerTargetModel {
  readonly targetGroupKey: string;
  readonly containerName?: string;
  readonly containerPort?: number;
}

export interface ServiceModel {
  readonly key: string;
  readonly name: string;
  readonly clusterName?: string;
  /** Desired task count; undefined when only known at apply time. */
  readonly desiredCount?: number;
  /** True for the DAEMON scheduling strategy (one task per instance). */
  readonly daemon: boolean;
  /** Task network mode (`awsvpc`, `bridge`, `host`); undefined when the task definition is not in the stack. */
  readonly networkMode?: string;
  readonly taskFamily?: string;
  readonly cpu?: string;
  readonly memory?: string;
  /** Container names with their images. */
  readonly containers: readonly string[];
  /** `EC2`, `FARGATE`, `EXTERNAL` when set; undefined when a capacity provider strategy is used. */
  readonly launchType?: string;
  readonly capacityProviderNames: readonly string[];
  /** Auto Scaling groups whose instances run the tasks. */
  readonly autoScalingGroupKeys: readonly string[];
  /** Subnets the tasks live in: the awsvpc subnets, else those of their Auto Scaling groups. */
  readonly subnetKeys: readonly string[];
  readonly securityGroupKeys: readonly string[];
  readonly assignPublicIp: boolean;
  readonly loadBalancerTargets: readonly LoadBalancerTargetModel[];
}

export interface ListenerModel {
  readonly key: string;
  readonly port?: number;
  readonly protocol?: string;
  readonly targetGroupKeys: readonly string[];
}

export interface LoadBalancerModel {
  readonly key: string;
  readonly name: string;
  /** `application`, `network` or `gateway`. */
  readonly type: string;
  /** True for `internal`, false for `internet-facing`; undefined when only known at apply time. */
  readonly internal?: boolean;
  readonly subnetKeys: readonly string[];
  readonly securityGroupKeys: readonly string[];
  readonly listeners: readonly ListenerModel[];
}

export interface TargetGroupModel {
  readonly key: string;
  readonly name: string;
  readonly port?: number;
  readonly protocol?: string;
  /** `ip` (awsvpc tasks), `instance`, ... */
  readonly targetType: string;
}

export interface SecurityGroupModel {
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  readonly imported: boolean;
  /** One line per ingress rule, e.g. `80/tcp from sg lab-alb`. */
  readonly ingress: readonly string[];
  /** One line per egress rule, e.g. `all traffic to 0.0.0.0/0`. */
  readonly egress: readonly string[];
}

export interface EcsClusterModel {
  readonly key: string;
  readonly name: string;
  readonly capacityProviderNames: readonly string[];
}

export interface AccountSettingModel {
  readonly name: string;
  readonly value: string;
}

/** Everything the picture shows, sorted (the same JSON always gives the same model). */
export interface Topology {
  readonly title: string;
  readonly vpcs: readonly VpcModel[];
  readonly autoScalingGroups: readonly AutoScalingGroupModel[];
  readonly services: readonly ServiceModel[];
  readonly loadBalancers: readonly LoadBalancerModel[];
  readonly targetGroups: readonly TargetGroupModel[];
  readonly securityGroups: readonly SecurityGroupModel[];
  readonly clusters: readonly EcsClusterModel[];
  readonly accountSettings: readonly AccountSettingModel[];
  /** What the picture could not show exactly (resources with `for_each`, ...). */
  readonly notes: readonly string[];
}

/** Key of the group that holds subnets not defined in the stack. */
export const IMPORTED_NETWORK_KEY = 'external:network';
