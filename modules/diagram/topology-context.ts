/**
 * What the topology readers share while reading one document: the resource index, the caller's facts,
 * the parts of the model that several readers fill (subnets, VPCs, security groups, target groups,
 * notes), the naming rules and the resolution of references to keys. Module-internal.
 */
import {
  block,
  compareText,
  isExpression,
  literalString,
  ResourceEntry,
  ResourceIndex,
  shortExpression,
} from './terraform-json';
import {
  IMPORTED_NETWORK_KEY,
  InternetGatewayModel,
  NatGatewayModel,
  TargetGroupModel,
  TopologyFacts,
  TopologySubnetTier,
} from './topology-model';

export interface MutableSubnet {
  key: string;
  name: string;
  cidrBlock?: string;
  tier: TopologySubnetTier;
  imported: boolean;
  vpcKey: string;
  azKey: string;
  azName: string;
  azOrder: string;
  natGateways: NatGatewayModel[];
  egressNatGatewayKeys: string[];
}

export interface AzInfo {
  readonly key: string;
  readonly name: string;
  readonly order: string;
}

/** A VPC while the document is read. */
export interface MutableVpc {
  key: string;
  name: string;
  cidrBlock?: string;
  imported: boolean;
  internetGateway?: InternetGatewayModel;
}

/** A security group while the document is read. */
export interface MutableSecurityGroup {
  key: string;
  name: string;
  description?: string;
  imported: boolean;
  ingress: string[];
  egress: string[];
}

/** Reads a document once; the `read*` functions of the topology-* files each fill one part of the model. */
export class TopologyContext {
  public readonly index: ResourceIndex;
  public readonly subnets = new Map<string, MutableSubnet>();
  public readonly vpcs = new Map<string, MutableVpc>();
  public readonly securityGroups = new Map<string, MutableSecurityGroup>();
  public readonly targetGroups = new Map<string, TargetGroupModel>();
  public readonly notes: string[] = [];

  constructor(
    public readonly document: unknown,
    public readonly facts: TopologyFacts,
  ) {
    this.index = new ResourceIndex(document);
  }

  /** A literal argument, or the expression written short. */
  public text(value: unknown): string | undefined {
    const literal = this.index.literal(value);
    if (literal !== undefined) return literal;
    return isExpression(value) ? shortExpression(value) : undefined;
  }

  /** The name a human gave a resource: `name`, `name_prefix`, tag `Name`, else its logical name. */
  public nameOf(entry: ResourceEntry, ...attributes: string[]): string {
    for (const attribute of [...attributes, 'name']) {
      const value = this.index.literal(entry.body[attribute]);
      if (value !== undefined) return value;
    }
    const prefix = this.index.literal(entry.body.name_prefix);
    if (prefix !== undefined) return `${prefix}*`;
    const tags = block(entry.body.tags);
    const tagName = this.index.literal(tags?.Name);
    return tagName ?? entry.name;
  }

  /**
   * Keys of the resources `value` names (a list of references, one splat or list expression, plain
   * ids); ids and expressions that are not resources of this stack become `external:<text>` keys.
   */
  public keysOf(value: unknown, types: string[], onExternal: (key: string, label: string) => void): string[] {
    const keys: string[] = [];
    const push = (k: string): void => {
      if (!keys.includes(k)) keys.push(k);
    };
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const v of values) {
      const found = this.index.resolve(v, ...types);
      if (found.length > 0) {
        found.forEach((e) => push(e.address));
        continue;
      }
      const label = literalString(v) ?? (isExpression(v) ? shortExpression(v) : undefined);
      if (label === undefined) continue;
      const key = `external:${label}`;
      onExternal(key, label);
      push(key);
    }
    return keys;
  }

  public subnetKeys(value: unknown): string[] {
    return this.keysOf(value, ['aws_subnet'], (key, label) => {
      if (!this.subnets.has(key)) {
        this.subnets.set(key, {
          key,
          name: label,
          tier: TopologySubnetTier.UNKNOWN,
          imported: true,
          vpcKey: IMPORTED_NETWORK_KEY,
          azKey: 'unknown',
          azName: 'AZ not known at synth time',
          azOrder: '9',
          natGateways: [],
          egressNatGatewayKeys: [],
        });
      }
    });
  }

  public securityGroupKeys(value: unknown): string[] {
    return this.keysOf(value, ['aws_security_group'], (key, label) => {
      if (!this.securityGroups.has(key)) {
        this.securityGroups.set(key, { key, name: label, imported: true, ingress: [], egress: [] });
      }
    });
  }

  public targetGroupKeys(value: unknown): string[] {
    return this.keysOf(value, ['aws_lb_target_group', 'aws_alb_target_group'], (key, label) => {
      if (!this.targetGroups.has(key)) this.targetGroups.set(key, { key, name: label, targetType: '?' });
    });
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers shared by the readers

export function byKey<T extends { readonly key: string }>(a: T, b: T): number {
  return compareText(a.key, b.key);
}

export function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** `{ [name]: value }` when value is defined, else `{}` (keeps optional properties absent, not undefined). */
export function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}

export function arrayOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}
