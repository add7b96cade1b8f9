/**
 * `Network`: the VPC that awsvpc tasks on EC2 need. Public and private subnets, one per AZ per tier;
 * NAT gateways for the private tier; the default security group emptied; VPC flow logs; optional VPC
 * endpoints. The addresses, AZs and NAT placement come from the pure planners (`planNetwork`), so
 * everything that can be checked at synth time is checked before a resource exists.
 */
import { Construct } from 'constructs';
import { Fn, Op, Token } from 'cdktf';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import type { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import type { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import type { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  checkTags,
  CLOUDWATCH_LOG_RETENTION_DAYS,
  describeValue,
  isUnresolved,
  ProblemCollector,
  stackRegion,
  validHcl,
} from '../core';
import { ImportedNetwork, NetworkAttributes } from './imported-network';
import { INetwork, NatGatewayMode, SubnetRef } from './network-ref';
import { NetworkPlan, planNetwork } from './network-plan';
import type { PlannedSubnet } from './address-plan';
import { buildFlowLogs } from './network-flow-logs';
import { buildNatGateways, buildPrivateTier, buildPublicTier, NetworkTagger, TierContext } from './network-tiers';
import {
  checkEndpointServices,
  endpointConstructId,
  endpointServiceName,
  isGatewayEndpoint,
  VpcEndpointService,
} from './vpc-endpoints';

/** Retention periods CloudWatch Logs accepts, in days (0 = never expire). */
export const FLOW_LOG_RETENTION_DAYS_ALLOWED: readonly number[] = [0, ...CLOUDWATCH_LOG_RETENTION_DAYS];
/** Default flow log retention: one year (what AWS Security Hub's CloudWatch.16 control asks for). */
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 365;
/** Default `namePrefix`. */
export const DEFAULT_NAME_PREFIX = 'awsvpc';
const NAME_PREFIX_FORMAT = /^[a-zA-Z][a-zA-Z0-9-]{0,23}$/;

export interface NetworkProps {
  /**
   * Prefix of Name tags and resource names (`<prefix>-vpc`, `/aws/vpc/<prefix>/flow-logs`).
   * Letters, digits and hyphens, starting with a letter, at most 24 characters.
   * @default 'awsvpc'
   */
  readonly namePrefix?: string;
  /**
   * The VPC's IPv4 block, from /16 to /28.
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * Availability zone names, in subnet order (elements may be tokens).
   * @default - the first `availabilityZoneCount` zones of the `aws_availability_zones` data source (state
   * `available`, zones that need no opt-in)
   */
  readonly availabilityZones?: string[];
  /**
   * How many availability zones, when their names are not given.
   * @default 2
   */
  readonly availabilityZoneCount?: number;
  /**
   * Prefix length of each public subnet.
   * @default 24
   */
  readonly publicSubnetPrefixLength?: number;
  /**
   * Prefix length of each private subnet (tasks take one address each).
   * @default 24
   */
  readonly privateSubnetPrefixLength?: number;
  /**
   * Explicit public subnet blocks, one per AZ in AZ order.
   * @default - planned (public 10.0.<i>.0/24 for the default VPC block)
   */
  readonly publicSubnetCidrs?: string[];
  /**
   * Explicit private subnet blocks, one per AZ in AZ order.
   * @default - planned (private 10.0.<100+i>.0/24 for the default VPC block)
   */
  readonly privateSubnetCidrs?: string[];
  /**
   * How private subnets reach the internet.
   * @default NatGatewayMode.PER_AZ
   */
  readonly natGatewayMode?: NatGatewayMode;
  /**
   * With `PER_AZ`, how many NAT gateways (in the first AZs); private subnets in an AZ without one route
   * to gateway `azIndex mod natGatewayCount`.
   * @default - one per AZ (PER_AZ), 1 (SINGLE), 0 (NONE)
   */
  readonly natGatewayCount?: number;
  /**
   * Send VPC flow logs (all traffic) to a CloudWatch log group.
   * @default true
   */
  readonly flowLogs?: boolean;
  /**
   * Flow log retention in days; one of the values CloudWatch Logs accepts (0 = never expire).
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Services to give a VPC endpoint: interface endpoints in the private subnets (private DNS on,
   * HTTPS from the VPC only), S3 as a gateway endpoint on the private route tables. See
   * `VpcEndpointSets` for ready-made lists.
   * @default - none
   */
  readonly endpointServices?: VpcEndpointService[];
  /**
   * The region, for endpoint service names and the flow log role's trust condition.
   * @default - the provider's region (the `aws_region` data source)
   */
  readonly region?: string;
  /**
   * Tags for every resource (in addition to `Name`).
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A VPC for awsvpc tasks on EC2: see the module docs (docs/network.md) for what it builds.
 */
export class Network extends Construct implements INetwork {
  /** An INetwork for a VPC and subnets that another team owns; checks the lists' lengths against the AZs. */
  public static fromAttributes(scope: Construct, id: string, attrs: NetworkAttributes): INetwork {
    return new ImportedNetwork(scope, id, attrs);
  }

  // INetwork
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;
  public readonly availabilityZones: readonly string[];
  public readonly publicSubnets: readonly SubnetRef[];
  public readonly privateSubnets: readonly SubnetRef[];
  public readonly natGatewayMode: NatGatewayMode;
  public readonly endpointServices: readonly string[];

  /** What was planned: addresses, AZ count, NAT placement and routes. */
  public readonly plan: NetworkPlan;
  public readonly vpc: Vpc;
  public readonly internetGateway: InternetGateway;
  /** The VPC's default security group, taken over with no rules. */
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  /** One per AZ, AZ order. */
  public readonly publicSubnetResources: readonly Subnet[];
  /** One per AZ, AZ order. */
  public readonly privateSubnetResources: readonly Subnet[];
  /** Shared by the public subnets; 0.0.0.0/0 to the internet gateway. */
  public readonly publicRouteTable: RouteTable;
  /** One per AZ, AZ order; 0.0.0.0/0 to a NAT gateway unless the mode is NONE. */
  public readonly privateRouteTables: readonly RouteTable[];
  /** In the first AZs: one per AZ (PER_AZ), one (SINGLE) or none (NONE). */
  public readonly natGateways: readonly NatGateway[];
  /** The AZ data source, when AZ names were not given. */
  public readonly availabilityZoneData?: DataAwsAvailabilityZones;
  /** The flow log's log group, when flow logs are on. */
  public readonly flowLogGroup?: CloudwatchLogGroup;
  /** The flow log, when flow logs are on. */
  public readonly flowLog?: FlowLog;
  /** The role the flow log service assumes, when flow logs are on. */
  public readonly flowLogRole?: IamRole;
  /** Admits HTTPS from the VPC to the interface endpoints; present when there is one. */
  public readonly endpointSecurityGroup?: SecurityGroup;
  /** The VPC endpoints, in the order of `endpointServices`. */
  public readonly vpcEndpoints: readonly VpcEndpoint[];

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    // Check everything first, and report every problem at once: nothing is created on bad input.
    const checked = checkNetworkProps(props, this);
    this.plan = checked.plan;
    const { namePrefix, services } = checked;
    const tagged: NetworkTagger = (name, extra = {}) => ({
      ...(props.tags ?? {}),
      ...extra,
      Name: `${namePrefix}-${name}`,
    });

    const azs = availabilityZoneNames(this, this.plan);
    const azNames = azs.names;
    this.availabilityZoneData = azs.data;
    this.vpc = this.buildVpc(tagged);
    this.internetGateway = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: tagged('igw') });
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: tagged('default-do-not-use'),
    });

    const tiers: TierContext = { scope: this, plan: this.plan, azNames, vpcId: this.vpc.id, tagged };
    const publicTier = buildPublicTier(tiers, this.internetGateway);
    this.publicRouteTable = publicTier.routeTable;
    this.publicSubnetResources = publicTier.subnets;
    this.natGateways = buildNatGateways(tiers, this.internetGateway, this.publicSubnetResources);
    const privateTier = buildPrivateTier(tiers, this.natGateways);
    this.privateSubnetResources = privateTier.subnets;
    this.privateRouteTables = privateTier.routeTables;

    // Region, for the flow log role's trust and endpoint service names.
    const needRegion = checked.flowLogsOn || services.length > 0;
    const regionName = props.region ?? (needRegion ? stackRegion(this) : undefined);
    if (checked.flowLogsOn) {
      const flowLogs = buildFlowLogs(this, {
        namePrefix,
        vpcId: this.vpc.id,
        retentionInDays: checked.retention,
        regionName: regionName!,
        tagged,
      });
      this.flowLogGroup = flowLogs.group;
      this.flowLogRole = flowLogs.role;
      this.flowLog = flowLogs.flowLog;
    }
    this.endpointSecurityGroup = this.buildEndpointSecurityGroup(services, namePrefix, tagged);
    this.vpcEndpoints = services.map((service) => this.buildEndpoint(service, regionName!, tagged));

    // INetwork
    this.vpcId = this.vpc.id;
    this.vpcCidrBlock = this.plan.addresses.vpcCidr;
    this.availabilityZones = azNames;
    const refs = (subnets: readonly Subnet[], planned: readonly PlannedSubnet[]): SubnetRef[] =>
      subnets.map((s, i) => ({ subnetId: s.id, availabilityZone: azNames[i]!, cidrBlock: planned[i]!.cidrBlock }));
    this.publicSubnets = refs(this.publicSubnetResources, this.plan.addresses.publicSubnets);
    this.privateSubnets = refs(this.privateSubnetResources, this.plan.addresses.privateSubnets);
    this.natGatewayMode = this.plan.natGatewayMode;
    this.endpointServices = [...services];
  }

  /**
   * The VPC, DNS support and hostnames on (task hostnames need both); with AZs from the data source,
   * a precondition that the region has enough of them (`element` would otherwise wrap around).
   */
  private buildVpc(tagged: NetworkTagger): Vpc {
    const azCount = this.plan.availabilityZoneCount;
    return validHcl(
      new Vpc(this, 'vpc', {
        cidrBlock: this.plan.addresses.vpcCidr,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: tagged('vpc'),
        lifecycle: this.availabilityZoneData
          ? {
              precondition: [
                {
                  condition: Op.gte(Fn.lengthOf(this.availabilityZoneData.names), azCount),
                  errorMessage:
                    `Network ${this.node.path} needs ${azCount} availability zones, but the region has fewer ` +
                    'available zones that need no opt-in. Set availabilityZoneCount or availabilityZones.',
                },
              ],
            }
          : undefined,
      }),
    );
  }

  /** Admits HTTPS from the VPC (and nothing else) to the interface endpoints; none without one. */
  private buildEndpointSecurityGroup(
    services: readonly VpcEndpointService[],
    namePrefix: string,
    tagged: NetworkTagger,
  ): SecurityGroup | undefined {
    if (services.every((s) => isGatewayEndpoint(s))) return undefined;
    const group = new SecurityGroup(this, 'endpoint-sg', {
      namePrefix: `${namePrefix}-endpoints-`,
      description: 'HTTPS from inside the VPC to its interface VPC endpoints',
      vpcId: this.vpc.id,
      tags: tagged('endpoints'),
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupIngressRule(this, 'endpoint-https-from-vpc', {
      securityGroupId: group.id,
      description: 'HTTPS from the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: this.plan.addresses.vpcCidr,
      tags: tagged('endpoints-https'),
    });
    return group;
  }

  /** A gateway endpoint on the private route tables, or an interface endpoint in the private subnets. */
  private buildEndpoint(service: VpcEndpointService, regionName: string, tagged: NetworkTagger): VpcEndpoint {
    const common = { vpcId: this.vpc.id, serviceName: endpointServiceName(regionName, service) };
    return new VpcEndpoint(
      this,
      endpointConstructId(service),
      isGatewayEndpoint(service)
        ? {
            ...common,
            vpcEndpointType: 'Gateway',
            routeTableIds: this.privateRouteTables.map((t) => t.id),
            tags: tagged(`endpoint-${service}`),
          }
        : {
            ...common,
            vpcEndpointType: 'Interface',
            privateDnsEnabled: true,
            subnetIds: this.privateSubnetResources.map((s) => s.id),
            securityGroupIds: [this.endpointSecurityGroup!.id],
            tags: tagged(`endpoint-${service}`),
          },
    );
  }
}

/** The AZ names: given, or by index from the `azs` data source (created here when needed). */
function availabilityZoneNames(
  scope: Construct,
  plan: NetworkPlan,
): { names: string[]; data?: DataAwsAvailabilityZones } {
  const givenAzs = plan.availabilityZones;
  if (givenAzs !== undefined && !Token.isUnresolved(givenAzs)) return { names: [...givenAzs] };
  const data =
    givenAzs === undefined
      ? new DataAwsAvailabilityZones(scope, 'azs', {
          state: 'available',
          filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
        })
      : undefined;
  const source = givenAzs ?? data!.names;
  const names = Array.from({ length: plan.availabilityZoneCount }, (_, i) => Token.asString(Fn.element(source, i)));
  return { names, data };
}

/** What `checkNetworkProps` found usable. */
interface CheckedNetworkProps {
  readonly plan: NetworkPlan;
  readonly namePrefix: string;
  readonly flowLogsOn: boolean;
  readonly retention: number;
  readonly services: readonly VpcEndpointService[];
}

/**
 * Checks `Network`'s own props (name prefix, flow log retention, endpoint services, tags) and plans the
 * network (`planNetwork`); throws one ValidationError, at the construct's path, listing every problem.
 */
function checkNetworkProps(props: NetworkProps, scope: Construct): CheckedNetworkProps {
  const problems = new ProblemCollector();
  const namePrefix = props.namePrefix ?? DEFAULT_NAME_PREFIX;
  problems.check(isUnresolved(namePrefix) || NAME_PREFIX_FORMAT.test(namePrefix), {
    code: 'NETWORK_NAME_PREFIX_INVALID',
    path: 'Network.namePrefix',
    received: describeValue(namePrefix),
    allowed: 'letters, digits and hyphens, starting with a letter, 1 to 24 characters',
    fix: `use a short name such as "${DEFAULT_NAME_PREFIX}" or "payments-prod"`,
  });
  const retention = props.flowLogRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS;
  problems.check(isUnresolved(retention) || FLOW_LOG_RETENTION_DAYS_ALLOWED.includes(retention), {
    code: 'NETWORK_FLOW_LOG_RETENTION_INVALID',
    path: 'Network.flowLogRetentionDays',
    received: describeValue(retention),
    allowed: `one of ${FLOW_LOG_RETENTION_DAYS_ALLOWED.join(', ')} (CloudWatch Logs' values; 0 = never expire)`,
    fix: `use the nearest allowed value, e.g. ${DEFAULT_FLOW_LOG_RETENTION_DAYS}`,
  });
  const services = props.endpointServices ?? [];
  checkEndpointServices(problems, services, 'Network.endpointServices');
  const plan = problems.collect(() => planNetwork(props));
  checkTags(props.tags, 'Network.tags').forEach((p) => problems.add(p));
  problems.throwIfAny(scope);
  return { plan: plan!, namePrefix, flowLogsOn: props.flowLogs ?? true, retention, services };
}
