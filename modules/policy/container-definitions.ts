/**
 * The containers of an `aws_ecs_task_definition` as rules see them (pure; no constructs).
 *
 * `container_definitions` is a JSON string. It still parses when some values inside are references
 * (`"image": "${aws_ecr_repository.app.repository_url}:1.4"`); it does not when the whole string is
 * a Terraform expression (`${jsonencode(...)}`), and then the rules cannot check it before apply.
 */
import { block, isExpression, scalarText } from './attributes';
import { RuleResult, warning } from './rule';
import type { PolicySubject, TerraformAttributes } from './stack-index';
import type { StackIndex } from './stack-index';

/** The container definition fields the rules read (ECS API names, camelCase). */
export interface ContainerView {
  readonly name: string;
  readonly image?: unknown;
  readonly privileged?: unknown;
  readonly user?: unknown;
  readonly readonlyRootFilesystem?: unknown;
  readonly linuxParameters?: unknown;
}

export interface TaskContainers {
  /** The containers; undefined when `container_definitions` could not be read. */
  readonly containers?: readonly ContainerView[];
  /** Why the containers could not be read. */
  readonly problem?: string;
  /** True when the task definition runs on Windows (`runtime_platform.operating_system_family` WINDOWS_*). */
  readonly windows: boolean;
}

/** The containers of a `container_definitions` JSON string, or why they cannot be read. */
function parseContainerDefinitions(raw: string): Omit<TaskContainers, 'windows'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {
      problem: isExpression(raw)
        ? 'container_definitions is a Terraform expression, only known at apply time, so it cannot be checked at synth time'
        : 'container_definitions is not valid JSON',
    };
  }
  if (!Array.isArray(parsed)) return { problem: 'container_definitions is not a JSON array' };
  const containers = parsed
    .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null && !Array.isArray(c))
    .map((c, i) => ({ ...c, name: typeof c.name === 'string' ? c.name : `#${i}` }) as ContainerView);
  return { containers };
}

/**
 * Reads the containers of a task definition's attributes.
 * @param index when given, each `container_definitions` text is parsed once per index, however many
 *   rules read it (the containers are then shared: do not change them); without it, on every call
 */
export function taskContainers(attributes: TerraformAttributes, index?: StackIndex): TaskContainers {
  const family = block(attributes.runtime_platform)?.operating_system_family;
  const windows = typeof family === 'string' && /^WINDOWS/i.test(family);
  const raw = attributes.container_definitions;
  if (typeof raw !== 'string') return { windows, problem: 'container_definitions is missing' };
  return { windows, ...(index ? index.derived(parseContainerDefinitions, raw) : parseContainerDefinitions(raw)) };
}

/** Linux capabilities a container adds (`linuxParameters.capabilities.add`). */
export function addedCapabilities(container: ContainerView): string[] {
  const lp = container.linuxParameters;
  if (typeof lp !== 'object' || lp === null) return [];
  const caps = (lp as { capabilities?: unknown }).capabilities;
  if (typeof caps !== 'object' || caps === null) return [];
  const add = (caps as { add?: unknown }).add;
  return Array.isArray(add) ? add.map((c) => scalarText(c) || JSON.stringify(c) || 'null') : [];
}

/** How an image reference is pinned. */
export enum ImagePin {
  /** By digest (`@sha256:...`). */
  DIGEST = 'DIGEST',
  /** By a tag other than `latest`. */
  TAG = 'TAG',
  /** Tagged `latest`. */
  LATEST = 'LATEST',
  /** No tag and no digest: Docker pulls `latest`. */
  UNTAGGED = 'UNTAGGED',
  /** The reference (or its tag) is a Terraform expression. */
  UNKNOWN = 'UNKNOWN',
}

/** How `image` is pinned. */
export function imagePin(image: string): ImagePin {
  if (image.includes('@')) return ImagePin.DIGEST;
  // Only a whole-reference expression (or an expression tag) hides the tag: `${repo_url}:1.4` has tag 1.4.
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const expressionFree = lastSegment.replace(/\$\{[^}]*\}/g, 'X');
  const colon = expressionFree.lastIndexOf(':');
  if (colon < 0) return /^\$\{[^}]*\}$/.test(image.trim()) ? ImagePin.UNKNOWN : ImagePin.UNTAGGED;
  const tag = expressionFree.slice(colon + 1);
  if (tag === 'X' && isExpression(lastSegment)) return ImagePin.UNKNOWN;
  return tag.toLowerCase() === 'latest' ? ImagePin.LATEST : ImagePin.TAG;
}

/**
 * Runs `check` on every container of a task definition (parsed once per index). When the containers
 * cannot be read, returns one warning saying why; Windows task definitions return nothing when
 * `skipWindows` (the Linux-only parameters `privileged`, `user`, `readonlyRootFilesystem` and
 * `linuxParameters` do not apply there).
 */
export function checkContainers(
  subject: PolicySubject,
  index: StackIndex,
  skipWindows: boolean,
  check: (container: ContainerView) => readonly RuleResult[],
): RuleResult[] {
  const task = taskContainers(subject.attributes, index);
  if (skipWindows && task.windows) return [];
  if (!task.containers) return [warning(task.problem ?? 'container_definitions cannot be read')];
  return task.containers.flatMap((c) => [...check(c)]);
}
