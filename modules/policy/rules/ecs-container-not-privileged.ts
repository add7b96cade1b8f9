import { asBoolean } from '../attributes';
import { checkContainers } from '../container-definitions';
import { PolicyRule, Severity, violation } from '../rule';

/** AWSVPC-ECS-002: containers are not privileged. */
export const ecsContainerNotPrivileged: PolicyRule = {
  id: 'AWSVPC-ECS-002',
  industryIds: ['CKV_AWS_334'],
  severity: Severity.HIGH,
  summary: 'Containers do not run privileged (privileged is not true in container_definitions).',
  explanation: [
    'A privileged container has every capability and every device of the host: a compromise of the container is a',
    'compromise of the container instance, its instance role and every other task on it. Windows task definitions',
    'are skipped (the parameter does not exist there).',
  ].join(' '),
  fix: 'remove "privileged": true from the container definition; grant the single capability or device it needs instead',
  appliesTo: ['aws_ecs_task_definition'],
  check(subject, index) {
    return checkContainers(subject, index, true, (c) =>
      asBoolean(c.privileged) === true ? [violation(`container "${c.name}" is privileged`)] : [],
    );
  },
};
