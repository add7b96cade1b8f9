import { Token } from 'cdktf';

/**
 * True when `value` is only known at apply time (a Terraform reference or expression). Synth-time
 * checks skip such values; where the fact still matters, the construct adds a Terraform
 * precondition instead.
 */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  return false;
}
