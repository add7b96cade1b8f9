import { asBoolean } from '../attributes';
import { checkContainers } from '../container-definitions';
import { PolicyRule, Severity, violation } from '../rule';

/** AWSVPC-ECS-005: containers have a read-only root filesystem unless justified. */
export const ecsContainerReadOnlyRoot: PolicyRule = {
  id: 'AWSVPC-ECS-005',
  industryIds: ['CKV_AWS_336'],
  severity: Severity.MEDIUM,
  summary:
    'Containers mount their root filesystem read-only (readonlyRootFilesystem = true) unless a suppression justifies it.',
  explanation: [
    'A read-only root filesystem stops an attacker from dropping tools or changing binaries in the container, and',
    'makes every write explicit (a volume or a tmpfs mount). Some workloads need a writable root: ECS Exec does (its',
    "agent writes to the container's filesystem), as do images that write caches or PID files under /var or /tmp",
    'without a volume. Suppress the rule for such task definitions and give the reason; the message names the services',
    'that enable ECS Exec. Windows task definitions are skipped (the parameter does not exist there).',
  ].join(' '),
  fix: 'set "readonlyRootFilesystem": true and mount volumes (or tmpfs in linuxParameters) where the container writes',
  appliesTo: ['aws_ecs_task_definition'],
  check(subject, index) {
    const exec = index
      .referrersThrough(subject.address, 'task_definition', 'aws_ecs_service')
      .filter((s) => asBoolean(s.attributes.enable_execute_command) === true)
      .map((s) => s.address);
    const note =
      exec.length > 0
        ? ` (${exec.join(', ')} enable${exec.length === 1 ? 's' : ''} ECS Exec, which needs a writable root filesystem: suppress this rule with that reason)`
        : '';
    return checkContainers(subject, index, true, (c) =>
      asBoolean(c.readonlyRootFilesystem) === true
        ? []
        : [
            violation(
              `container "${c.name}" has a writable root filesystem (readonlyRootFilesystem is not true)${note}`,
            ),
          ],
    );
  },
};
