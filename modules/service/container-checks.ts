/**
 * The named checks of a task's containers other than ports (container-port-checks.ts) and
 * environment (container-environment.ts): name and image, memory, settings a network mode or
 * Windows does not have, essential containers, dependencies, and CPU against the task's.
 * Pure: creates no constructs.
 */
import { describeValue, ECS_NAME_RULE, isEcsName, isUnresolved, isWindows, NetworkMode, type Problem } from '../core';
import type { ContainerCheckContext, ContainerSpec } from './container-spec';
import { imageReferenceProblem } from './image-reference';
import { known } from './container-port-checks';

/**
 * Problems of a container's name (valid, unique: `names` maps each name seen so far to its index and
 * receives this one) and image reference.
 */
export function checkContainerIdentity(
  c: ContainerSpec,
  i: number,
  base: string,
  names: Map<string, number>,
): Problem[] {
  const out: Problem[] = [];
  const at = `${base}[${i}]`;
  if (typeof c.name !== 'string' || (!isUnresolved(c.name) && !isEcsName(c.name))) {
    out.push({
      code: 'SERVICE_CONTAINER_NAME_INVALID',
      path: `${at}.name`,
      received: describeValue(c.name),
      allowed: ECS_NAME_RULE,
      fix: 'name the container after its role, e.g. "web"',
    });
  } else if (!isUnresolved(c.name)) {
    const first = names.get(c.name);
    if (first !== undefined) {
      out.push({
        code: 'SERVICE_CONTAINER_NAME_DUPLICATE',
        path: `${at}.name`,
        received: describeValue(c.name),
        allowed: `names unique in the task (${base}[${first}] is already "${c.name}")`,
        fix: 'give each container its own name',
      });
    } else {
      names.set(c.name, i);
    }
  }
  if (typeof c.image !== 'string' || c.image.trim() === '') {
    out.push({
      code: 'SERVICE_CONTAINER_IMAGE_MISSING',
      path: `${at}.image`,
      received: describeValue(c.image),
      allowed: 'an image reference such as "nginx:1.27" or an ECR repository URL with a tag',
      fix: 'set image',
    });
  } else if (!isUnresolved(c.image)) {
    const why = imageReferenceProblem(c.image);
    if (why !== undefined) {
      out.push({
        code: 'SERVICE_CONTAINER_IMAGE_INVALID',
        path: `${at}.image`,
        received: `${describeValue(c.image)}: ${why}`,
        allowed:
          `an image reference of at most 255 characters, [registry[:port]/]repository[:tag][@sha256:digest], ` +
          'repository in lower case (e.g. "public.ecr.aws/nginx/nginx:1.27")',
        fix: 'write the reference as `docker pull` takes it; ECS refuses the task definition otherwise',
      });
    }
  }
  return out;
}

/** Problems of a container's memory: valid values, some limit, reservation below limit, limit below the task's. */
export function checkContainerMemory(c: ContainerSpec, at: string, ctx: ContainerCheckContext): Problem[] {
  const out: Problem[] = [];
  for (const key of ['memory', 'memoryReservation'] as const) {
    const v = c[key];
    if (v !== undefined && known(v) && (!Number.isInteger(v) || v < 6)) {
      out.push({
        code: 'SERVICE_CONTAINER_MEMORY_INVALID',
        path: `${at}.${key}`,
        received: describeValue(v),
        allowed: 'an integer number of MiB, at least 6',
        fix: `give ${key} in MiB, e.g. 512`,
      });
    }
  }
  if (c.memory === undefined && c.memoryReservation === undefined && ctx.taskMemoryMiB === undefined) {
    out.push({
      code: 'SERVICE_MEMORY_MISSING',
      path: `${at}.memory`,
      received: 'undefined (and no task-level memory)',
      allowed: 'container memory or memoryReservation, or task-level memory',
      fix: 'set memory (hard limit, MiB) on the container, or memoryMiB on the TaskDefinition',
    });
  }
  if (known(c.memory) && known(c.memoryReservation) && c.memoryReservation > c.memory) {
    out.push({
      code: 'SERVICE_MEMORY_RESERVATION_ABOVE_LIMIT',
      path: `${at}.memoryReservation`,
      received: `${c.memoryReservation} (memory is ${c.memory})`,
      allowed: 'memoryReservation <= memory',
      fix: 'lower memoryReservation (soft limit) or raise memory (hard limit)',
    });
  }
  if (known(c.memory) && known(ctx.taskMemoryMiB) && c.memory > ctx.taskMemoryMiB) {
    out.push({
      code: 'SERVICE_CONTAINER_MEMORY_ABOVE_TASK',
      path: `${at}.memory`,
      received: `${c.memory} (task memory is ${ctx.taskMemoryMiB})`,
      allowed: 'at most the task-level memory',
      fix: 'lower the container memory or raise the task memory',
    });
  }
  return out;
}

/** Problems of settings the task's network mode or operating system does not have: links, Linux-only keys. */
export function checkPlatformSettings(c: ContainerSpec, at: string, ctx: ContainerCheckContext): Problem[] {
  const out: Problem[] = [];
  const mode = ctx.networkMode;
  // Links only exist on Docker's bridge network.
  if (c.links !== undefined && c.links.length > 0 && mode !== NetworkMode.BRIDGE) {
    out.push({
      code: 'SERVICE_LINKS_UNSUPPORTED',
      path: `${at}.links`,
      received: describeValue(c.links),
      allowed: `no links in ${mode} mode (links exist only in bridge mode)`,
      fix:
        mode === NetworkMode.AWSVPC
          ? 'remove links: containers of an awsvpc task share one network namespace and reach each other on localhost:<port>'
          : 'remove links: host-mode containers reach each other on localhost:<port>',
    });
  }
  if (isWindows(ctx.osFamily)) {
    for (const key of ['linuxParameters', 'privileged', 'readonlyRootFilesystem'] as const) {
      if (c[key] !== undefined && c[key] !== false) {
        out.push({
          code: 'SERVICE_LINUX_ONLY_SETTING',
          path: `${at}.${key}`,
          received: describeValue(c[key]),
          allowed: `nothing: ${key} is not supported for Windows containers`,
          fix: `remove ${key}, or run the task on Linux`,
        });
      }
    }
  }
  return out;
}

/** At least one container must be essential. */
export function checkEssential(containers: readonly ContainerSpec[], base: string): Problem[] {
  if (!containers.every((c) => c.essential === false)) return [];
  return [
    {
      code: 'SERVICE_NO_ESSENTIAL_CONTAINER',
      path: `${base}[*].essential`,
      received: 'false on every container',
      allowed: 'at least one essential container',
      fix: 'leave essential unset (true) on the main container',
    },
  ];
}

/** `dependsOn` names containers of the task (`names`: the valid names, from `checkContainerIdentity`). */
export function checkDependencies(
  containers: readonly ContainerSpec[],
  base: string,
  names: ReadonlyMap<string, number>,
): Problem[] {
  const out: Problem[] = [];
  containers.forEach((c, i) =>
    (c.dependsOn ?? []).forEach((d, j) => {
      if (d.containerName !== undefined && !isUnresolved(d.containerName) && !names.has(d.containerName)) {
        out.push({
          code: 'SERVICE_CONTAINER_DEPENDENCY_UNKNOWN',
          path: `${base}[${i}].dependsOn[${j}].containerName`,
          received: describeValue(d.containerName),
          allowed: `a container of this task: ${[...names.keys()].map((n) => JSON.stringify(n)).join(', ')}`,
          fix: 'name a container of the same task definition',
        });
      }
    }),
  );
  return out;
}

/** The containers' cpu add up to at most the task's (when every value is known). */
export function checkCpuTotal(containers: readonly ContainerSpec[], base: string, taskCpu?: number): Problem[] {
  const values = containers.map((c) => c.cpu).filter((v) => v !== undefined);
  if (!known(taskCpu) || !values.every(known)) return [];
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum <= taskCpu) return [];
  return [
    {
      code: 'SERVICE_CONTAINER_CPU_ABOVE_TASK',
      path: `${base}[*].cpu`,
      received: `${sum} CPU units in total (task cpu is ${taskCpu})`,
      allowed: "the containers' cpu adding up to at most the task-level cpu",
      fix: "lower the containers' cpu or raise the task cpu",
    },
  ];
}
