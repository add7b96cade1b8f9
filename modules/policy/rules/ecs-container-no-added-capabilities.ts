import { addedCapabilities, checkContainers } from '../container-definitions';
import { PolicyRule, Severity, violation } from '../rule';

/** AWSVPC-ECS-003: containers add no Linux capabilities. */
export const ecsContainerNoAddedCapabilities: PolicyRule = {
  id: 'AWSVPC-ECS-003',
  industryIds: [],
  severity: Severity.MEDIUM,
  summary: 'Containers add no Linux capabilities (linuxParameters.capabilities.add is empty).',
  explanation: [
    "Capabilities such as NET_ADMIN, SYS_ADMIN or SYS_PTRACE give a container parts of root's power over the host's",
    "kernel: changing routes and firewall rules, mounting, reading other processes. Docker's default set is enough for",
    'almost every workload; a container that truly needs one more should say why in a suppression. Windows task',
    'definitions are skipped.',
  ].join(' '),
  fix: 'remove linuxParameters.capabilities.add from the container definition (dropping capabilities with "drop" is encouraged)',
  appliesTo: ['aws_ecs_task_definition'],
  check(subject, index) {
    return checkContainers(subject, index, true, (c) => {
      const added = addedCapabilities(c);
      return added.length > 0 ? [violation(`container "${c.name}" adds Linux capabilities ${added.join(', ')}`)] : [];
    });
  },
};
