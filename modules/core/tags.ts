/**
 * AWS's tagging rules, which every service that takes tags enforces at apply time (pure): at most 50
 * tags on a resource, keys of 1-128 and values of 0-256 characters, letters, digits, spaces and
 * `_ . : / = + - @` only, and no key starting with the reserved `aws:` prefix (in any case).
 */
import { isUnresolved } from './tokens';
import { describeValue, type Problem } from './validation-error';

/** Most user tags one AWS resource may carry. */
export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** Letters, digits and spaces of any script, and `_ . : / = + - @` (AWS's "Tag naming and usage"). */
const TAG_TEXT = /^[\p{L}\p{N}\p{Zs}_.:/=+\-@]*$/u;
const ALLOWED_TEXT = 'letters, digits, spaces and _ . : / = + - @';

/** Every problem of a tags map; `path` names it in messages (e.g. `AwsStack.tags`). */
export function checkTags(tags: { readonly [key: string]: string } | undefined, path: string): Problem[] {
  if (tags === undefined || tags === null || typeof tags !== 'object') return [];
  const out: Problem[] = [];
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    out.push({
      code: 'CORE_TOO_MANY_TAGS',
      path,
      received: `${entries.length} tags`,
      allowed: `at most ${MAX_TAGS} tags on a resource (AWS's limit)`,
      fix: `remove ${entries.length - MAX_TAGS} tag(s), or combine related ones into one value`,
    });
  }
  for (const [key, value] of entries) {
    const at = `${path}[${JSON.stringify(key)}]`;
    if (!isUnresolved(key)) {
      if (/^aws:/i.test(key)) {
        out.push({
          code: 'CORE_TAG_KEY_RESERVED',
          path: at,
          received: describeValue(key),
          allowed: 'a key that does not start with "aws:" (AWS reserves the prefix for its own tags)',
          fix: `rename the key, e.g. ${JSON.stringify(key.replace(/^aws:/i, 'app:'))}`,
        });
      }
      const length = [...key].length;
      if (length < 1 || length > MAX_TAG_KEY_LENGTH || !TAG_TEXT.test(key)) {
        out.push({
          code: 'CORE_TAG_KEY_INVALID',
          path: at,
          received: describeValue(key),
          allowed: `1 to ${MAX_TAG_KEY_LENGTH} characters: ${ALLOWED_TEXT}`,
          fix: 'shorten the key or replace the other characters (e.g. with "-")',
        });
      }
    }
    if (typeof value !== 'string') {
      out.push({
        code: 'CORE_TAG_VALUE_INVALID',
        path: at,
        received: describeValue(value),
        allowed: 'a string',
        fix: 'write the tag value as a string',
      });
    } else if (!isUnresolved(value) && ([...value].length > MAX_TAG_VALUE_LENGTH || !TAG_TEXT.test(value))) {
      out.push({
        code: 'CORE_TAG_VALUE_INVALID',
        path: at,
        received: describeValue(value),
        allowed: `0 to ${MAX_TAG_VALUE_LENGTH} characters: ${ALLOWED_TEXT}`,
        fix: 'shorten the value or replace the other characters (e.g. with "-")',
      });
    }
  }
  return out;
}
