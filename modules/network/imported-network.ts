/**
 * A network that another team owns, seen through INetwork (`Network.fromAttributes`). Creates no
 * resources; checks what it can at synth time.
 */
import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { describeValue, isUnresolved, ProblemCollector } from '../core';
import { CidrBlock } from '../core/cidr';
import { checkDisjoint, checkGivenBlocks, checkVpcCidr } from './address-checks';
import { INetwork, NatGatewayMode, SubnetRef } from './network-ref';
import { checkAvailabilityZoneNames } from './network-plan';

export interface NetworkAttributes {
  /** The VPC's id (`vpc-...`); may be a token. */
  readonly vpcId: string;
  /** The VPC's IPv4 block; may be a token. */
  readonly vpcCidrBlock: string;
  /** AZ names, one per AZ in use, in subnet order. A literal list; elements may be tokens. */
  readonly availabilityZones: string[];
  /**
   * Public subnet ids, one per AZ, same order. A literal list; elements may be tokens. A service team
   * that runs tasks only (internal load balancers, no internet-facing ones) leaves it out.
   * @default - none: a network with private subnets only; anything that needs public subnets (an
   * internet-facing load balancer) fails at synth and says so
   */
  readonly publicSubnetIds?: string[];
  /** Private subnet ids, one per AZ, same order. A literal list; elements may be tokens. */
  readonly privateSubnetIds: string[];
  /**
   * Public subnet blocks, one per AZ, same order (only with `publicSubnetIds`).
   * @default - unknown (SubnetRef.cidrBlock undefined)
   */
  readonly publicSubnetCidrs?: string[];
  /**
   * Private subnet blocks, one per AZ, same order.
   * @default - unknown (SubnetRef.cidrBlock undefined)
   */
  readonly privateSubnetCidrs?: string[];
  /**
   * How the private subnets reach the internet. Say NONE when they have no route out, so that users
   * of the network know that image pulls need VPC endpoints.
   * @default NatGatewayMode.PER_AZ
   */
  readonly natGatewayMode?: NatGatewayMode;
  /**
   * Services with a VPC endpoint in the VPC (`ecr.api`, `s3`, ...).
   * @default - none
   */
  readonly endpointServices?: string[];
}

const VPC_ID_FORMAT = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_ID_FORMAT = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const PATH = 'Network.fromAttributes';

/** Implementation of `Network.fromAttributes`. */
export class ImportedNetwork extends Construct implements INetwork {
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;
  public readonly availabilityZones: readonly string[];
  public readonly publicSubnets: readonly SubnetRef[];
  public readonly privateSubnets: readonly SubnetRef[];
  public readonly natGatewayMode: NatGatewayMode;
  public readonly endpointServices: readonly string[];

  constructor(scope: Construct, id: string, attrs: NetworkAttributes) {
    super(scope, id);
    const problems = new ProblemCollector();

    problems.check(isUnresolved(attrs.vpcId) || VPC_ID_FORMAT.test(attrs.vpcId), {
      code: 'NETWORK_IMPORT_ID_INVALID',
      path: `${PATH}.vpcId`,
      received: describeValue(attrs.vpcId),
      allowed: 'a VPC id, vpc- and 8 or 17 hex digits',
      fix: 'copy the id from the VPC console or `aws ec2 describe-vpcs`, or pass a Terraform reference',
    });
    const vpc = checkVpcCidr(problems, attrs.vpcCidrBlock, `${PATH}.vpcCidrBlock`);

    let azCount: number | undefined;
    if (
      problems.check(!Token.isUnresolved(attrs.availabilityZones), {
        code: 'NETWORK_AZ_COUNT_UNKNOWN',
        path: `${PATH}.availabilityZones`,
        received: describeValue(attrs.availabilityZones),
        allowed: 'a literal list of AZ names (elements may be tokens)',
        fix: 'write the list out, e.g. [Fn.element(azs, 0), Fn.element(azs, 1)], so the number of AZs is known at synth time',
      })
    ) {
      azCount = checkAvailabilityZoneNames(problems, attrs.availabilityZones, `${PATH}.availabilityZones`);
    }

    const seenIds = new Map<string, string>();
    const checkIds = (list: string[], key: string, word: string): void => {
      const path = `${PATH}.${key}`;
      if (
        !problems.check(!Token.isUnresolved(list), {
          code: 'NETWORK_SUBNET_LIST_UNRESOLVED',
          path,
          received: describeValue(list),
          allowed: 'a literal list with one subnet id per availability zone (the ids themselves may be tokens)',
          fix: 'write the list out, e.g. [Fn.element(ids, 0), Fn.element(ids, 1)], so its length is known at synth time',
        })
      )
        return;
      if (azCount !== undefined) {
        problems.check(list.length === azCount, {
          code: 'NETWORK_SUBNET_COUNT_MISMATCH',
          path,
          received: `${list.length} subnet id(s): ${describeValue(list)}`,
          allowed: `exactly one ${word} subnet per availability zone (${azCount}, as in availabilityZones)`,
          fix: `give ${azCount} id(s) in the order of availabilityZones`,
        });
      }
      list.forEach((subnetId, i) => {
        if (isUnresolved(subnetId)) return;
        const at = `${path}[${i}]`;
        if (
          !problems.check(SUBNET_ID_FORMAT.test(subnetId), {
            code: 'NETWORK_IMPORT_ID_INVALID',
            path: at,
            received: describeValue(subnetId),
            allowed: 'a subnet id, subnet- and 8 or 17 hex digits',
            fix: 'copy the id from the VPC console or `aws ec2 describe-subnets`, or pass a Terraform reference',
          })
        )
          return;
        const first = seenIds.get(subnetId);
        if (first === undefined) seenIds.set(subnetId, at);
        else {
          problems.add({
            code: 'NETWORK_SUBNET_ID_DUPLICATE',
            path: at,
            received: `${describeValue(subnetId)}, already at ${first}`,
            allowed: 'each subnet once, in one tier',
            fix: 'give each AZ and tier its own subnet',
          });
        }
      });
    };
    const publicSubnetIds = attrs.publicSubnetIds ?? [];
    // No public subnets at all is a private-only network; a list that is there has one id per AZ.
    if (Token.isUnresolved(publicSubnetIds) || publicSubnetIds.length > 0)
      checkIds(publicSubnetIds, 'publicSubnetIds', 'public');
    checkIds(attrs.privateSubnetIds, 'privateSubnetIds', 'private');
    problems.check(
      attrs.publicSubnetCidrs === undefined || attrs.publicSubnetCidrs.length === 0 || publicSubnetIds.length > 0,
      {
        code: 'NETWORK_SUBNET_COUNT_MISMATCH',
        path: `${PATH}.publicSubnetCidrs`,
        received: `${describeValue(attrs.publicSubnetCidrs)} without publicSubnetIds`,
        allowed: 'public subnet blocks only together with the public subnet ids',
        fix: 'give publicSubnetIds too, or remove publicSubnetCidrs for a network with private subnets only',
      },
    );

    const entries: { block: CidrBlock; path: string }[] = [];
    const checkCidrs = (list: string[] | undefined, key: string, word: string): void => {
      if (list === undefined) return;
      const path = `${PATH}.${key}`;
      const blocks = checkGivenBlocks(problems, list, { path, word, availabilityZoneCount: azCount, vpc });
      blocks?.forEach((block, i) => {
        if (block) entries.push({ block, path: `${path}[${i}]` });
      });
    };
    checkCidrs(attrs.publicSubnetCidrs, 'publicSubnetCidrs', 'public');
    checkCidrs(attrs.privateSubnetCidrs, 'privateSubnetCidrs', 'private');
    checkDisjoint(problems, entries);

    const mode = attrs.natGatewayMode ?? NatGatewayMode.PER_AZ;
    problems.check((Object.values(NatGatewayMode) as string[]).includes(mode), {
      code: 'NETWORK_NAT_GATEWAY_MODE_INVALID',
      path: `${PATH}.natGatewayMode`,
      received: describeValue(mode),
      allowed: Object.values(NatGatewayMode).join(', '),
      fix: 'use a NatGatewayMode member',
    });
    problems.throwIfAny(this);

    const refs = (ids: string[], cidrs: string[] | undefined): SubnetRef[] =>
      ids.map((subnetId, i) => ({
        subnetId,
        availabilityZone: attrs.availabilityZones[i]!,
        cidrBlock: cidrs?.[i],
      }));
    this.vpcId = attrs.vpcId;
    this.vpcCidrBlock = attrs.vpcCidrBlock;
    this.availabilityZones = [...attrs.availabilityZones];
    this.publicSubnets = refs(publicSubnetIds, attrs.publicSubnetCidrs);
    this.privateSubnets = refs(attrs.privateSubnetIds, attrs.privateSubnetCidrs);
    this.natGatewayMode = mode;
    this.endpointServices = [...(attrs.endpointServices ?? [])];
  }
}
