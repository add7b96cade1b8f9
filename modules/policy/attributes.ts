/**
 * Reading synthesized Terraform attributes (pure; no constructs).
 *
 * What cdktf writes differs by attribute: booleans are `true` or, for some provider attributes
 * (`aws_launch_template`'s `encrypted`, `associate_public_ip_address`), the strings `"true"`/`"false"`;
 * blocks with at most one item are objects, other blocks are arrays; anything only known at apply time
 * is a string holding a Terraform expression, `${...}`. These helpers hide the differences.
 */
import type { TerraformAttributes } from '../core/terraform-json';

/** True when `value` is (or holds) a Terraform expression, i.e. is only known at plan or apply time. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

/** `true`/`"true"` → true, `false`/`"false"` → false, anything else (absent, expressions) → undefined. */
export function asBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** A number, or a string holding a decimal integer; anything else → undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Strings, numbers and booleans as text; anything else (objects, null, absent) → empty string. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A non-empty string; anything else → undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isRecord(value: unknown): value is TerraformAttributes {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The blocks of a nested-block attribute, whether synthesized as one object or as an array. */
export function blocks(value: unknown): TerraformAttributes[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** The first (for single blocks, the only) block of a nested-block attribute. */
export function block(value: unknown): TerraformAttributes | undefined {
  return blocks(value)[0];
}

/** The strings of a list attribute (a single string counts as a list of one). */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** True when the block or attribute is present and not empty (`null`, `[]` and `{}` count as absent). */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/** True for a CIDR block that matches every address (`0.0.0.0/0`, `::/0`). */
export function isWorldCidr(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}
