/**
 * ECS's one rule for the names of clusters, services, task definition families, containers and
 * capacity providers (pure). Every check of such a name uses it, so a name and its message agree.
 */

/** An ECS name without anchors, to embed in longer patterns (the name part of an ARN). */
export const ECS_NAME_SOURCE = '[A-Za-z0-9_-]{1,255}';

/** ECS names: 1-255 letters, digits, hyphens and underscores. */
export const ECS_NAME_PATTERN = new RegExp(`^${ECS_NAME_SOURCE}$`);

/** The rule in words, for a problem's `allowed`. */
export const ECS_NAME_RULE = '1-255 characters: letters, digits, hyphens and underscores';

/** True when `name` is a name ECS accepts for a cluster, service, task family, container or capacity provider. */
export function isEcsName(name: string): boolean {
  return typeof name === 'string' && ECS_NAME_PATTERN.test(name);
}
