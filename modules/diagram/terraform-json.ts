/**
 * Reading a synthesized Terraform JSON document (`cdk.tf.json`) without knowing which constructs
 * wrote it: an index of its resources and a small resolver for `${type.name.attr}` references.
 *
 * Pure: no constructs, no cdktf. Everything here tolerates malformed input (wrong types, missing
 * blocks) by returning `undefined` or empty lists, never by throwing.
 */

import { cidrSubnet } from '../core/cidr';
import { isExpression, isObject, type JsonObject, referencesIn, terraformBlocks } from '../core/terraform-json';

export { isExpression, isObject, referencesIn } from '../core/terraform-json';
/** Terraform's `cidrsubnet` for IPv4 (core's CIDR arithmetic), still exported from `diagram`. */
export { cidrSubnet };
export type { JsonObject, ResourceReference } from '../core/terraform-json';

/** One resource instance of the document. */
export interface ResourceEntry {
  /** Terraform resource type, e.g. `aws_subnet`. */
  readonly type: string;
  /** Logical name, with `[i]` for instances of a resource that uses `count`. */
  readonly name: string;
  /** `type.name` (or `type.name[i]`), the Terraform address. */
  readonly address: string;
  /** The resource's arguments, with `count.index` replaced for counted instances. */
  readonly body: JsonObject;
}

/** The value as a list of objects: a block written as one object or as a list of them. */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first block of a block that may be written as an object or a one-element list. */
export function block(value: unknown): JsonObject | undefined {
  return blocks(value)[0];
}

/** A literal string (not an expression), else undefined. */
export function literalString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.includes('${') || value.length === 0 ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A literal number (numbers or numeric strings), else undefined. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** A literal boolean (booleans or "true"/"false"), else undefined. */
export function literalBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** An expression written for humans: `${var.subnets}` becomes `var.subnets`. */
export function shortExpression(value: string): string {
  const whole = /^\$\{(.*)\}$/s.exec(value.trim());
  const text = (whole ? whole[1]! : value).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Replaces `count.index` in every string of `value` (deeply) by `index`. */
function withCountIndex(value: unknown, index: number): unknown {
  if (typeof value === 'string') return value.replace(/\bcount\.index\b/g, String(index));
  if (Array.isArray(value)) return value.map((v) => withCountIndex(v, index));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withCountIndex(v, index);
    return out;
  }
  return value;
}

/** Largest `count` expanded into instances; larger counts are shown as one resource. */
const MAX_COUNT = 64;

/** All resources of a document, by type, with counted resources expanded into their instances. */
export class ResourceIndex {
  /** Resource types whose instances use `for_each` or a non-literal `count` (shown once). */
  public readonly unexpanded: readonly string[];
  private readonly byType = new Map<string, ResourceEntry[]>();
  private readonly byAddress = new Map<string, ResourceEntry>();
  private readonly groups = new Map<string, ResourceEntry[]>();

  constructor(document: unknown) {
    const unexpanded: string[] = [];
    const byTypeAndName = (a: { type: string; name: string }, b: { type: string; name: string }): number =>
      a.type !== b.type ? (a.type < b.type ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    for (const { type, name, body } of terraformBlocks(document).sort(byTypeAndName)) {
      const count = literalNumber(body.count);
      const group: ResourceEntry[] = [];
      if (count !== undefined && Number.isInteger(count) && count >= 0 && count <= MAX_COUNT) {
        for (let i = 0; i < count; i++) {
          group.push({
            type,
            name: `${name}[${i}]`,
            address: `${type}.${name}[${i}]`,
            body: withCountIndex(body, i) as JsonObject,
          });
        }
      } else {
        if (body.count !== undefined || body.for_each !== undefined) unexpanded.push(`${type}.${name}`);
        group.push({ type, name, address: `${type}.${name}`, body });
      }
      this.groups.set(`${type}.${name}`, group);
      for (const entry of group) {
        this.byAddress.set(entry.address, entry);
        const list = this.byType.get(type) ?? [];
        list.push(entry);
        this.byType.set(type, list);
      }
    }
    this.unexpanded = unexpanded;
  }

  /** Every instance of the given types (aliases such as `aws_alb` and `aws_lb` together), sorted by address. */
  public all(...types: string[]): ResourceEntry[] {
    return types.flatMap((t) => this.byType.get(t) ?? []).sort((a, b) => compareText(a.address, b.address));
  }

  public get(address: string): ResourceEntry | undefined {
    return this.byAddress.get(address);
  }

  /** The resources that `value` refers to (any of `types` when given): `${aws_subnet.a.id}`, splats, lists of them. */
  public resolve(value: unknown, ...types: string[]): ResourceEntry[] {
    const out: ResourceEntry[] = [];
    const add = (e: ResourceEntry | undefined): void => {
      if (e && (types.length === 0 || types.includes(e.type)) && !out.includes(e)) out.push(e);
    };
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      for (const ref of referencesIn(v)) {
        if (ref.data) continue;
        const group = this.groups.get(`${ref.type}.${ref.name}`) ?? [];
        if (typeof ref.index === 'number') add(this.byAddress.get(`${ref.type}.${ref.name}[${ref.index}]`) ?? group[0]);
        else group.forEach(add);
      }
    }
    return out;
  }

  /** The single resource `value` refers to, if exactly one. */
  public resolveOne(value: unknown, ...types: string[]): ResourceEntry | undefined {
    const found = this.resolve(value, ...types);
    return found.length === 1 ? found[0] : undefined;
  }

  /**
   * The literal value of a string argument, following one level of `${type.name.attr}` to a literal
   * argument of another resource and evaluating `cidrsubnet()` over literals; undefined when only
   * known at apply time.
   */
  public literal(value: unknown): string | undefined {
    const direct = literalString(value);
    if (direct !== undefined) return direct;
    if (!isExpression(value)) return undefined;
    const inner = /^\$\{(.*)\}$/s.exec(value.trim())?.[1]?.trim();
    if (inner === undefined) return undefined;
    const cidr = /^cidrsubnet\(\s*(.+?)\s*,\s*([\d\s+*-]+?)\s*,\s*([\d\s+*-]+?)\s*\)$/s.exec(inner);
    if (cidr) {
      const prefix = /^"(.*)"$/.exec(cidr[1]!)?.[1] ?? this.literal(`\${${cidr[1]!}}`);
      const newBits = integerArithmetic(cidr[2]!);
      const netNum = integerArithmetic(cidr[3]!);
      return prefix === undefined || newBits === undefined || netNum === undefined
        ? undefined
        : cidrSubnet(prefix, newBits, netNum);
    }
    const refs = referencesIn(value);
    const ref = refs[0];
    if (refs.length !== 1 || !ref || ref.data || !ref.attribute) return undefined;
    const address = typeof ref.index === 'number' ? `${ref.type}.${ref.name}[${ref.index}]` : `${ref.type}.${ref.name}`;
    const target = this.byAddress.get(address);
    const text = `${ref.type}.${ref.name}${typeof ref.index === 'number' ? `[${ref.index}]` : ''}.${ref.attribute}`;
    if (!target || inner !== text) return undefined;
    return literalString(target.body[ref.attribute]);
  }
}

/** Value of `2 + 1`, `3 * 2 - 1` (integers with + - *, left to right, `*` first); undefined otherwise. */
export function integerArithmetic(text: string): number | undefined {
  if (!/^\s*\d+(\s*[+*-]\s*\d+)*\s*$/.test(text)) return undefined;
  const sum = text
    .split(/(?=[+-])/)
    .map((term) => {
      const sign = term.trim().startsWith('-') ? -1 : 1;
      return (
        sign *
        term
          .replace(/^\s*[+-]/, '')
          .split('*')
          .reduce((p, f) => p * Number(f.trim()), 1)
      );
    })
    .reduce((a, b) => a + b, 0);
  return Number.isSafeInteger(sum) ? sum : undefined;
}

/**
 * Natural, locale-independent order: runs of digits compare as numbers (`private-2` before
 * `private-10`), everything else by code unit, so the picture never depends on the machine's locale.
 */
export function compareText(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y);
    if (nx && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}
