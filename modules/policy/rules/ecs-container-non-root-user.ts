import { isRootUser } from '../../core';
import { isExpression } from '../attributes';
import { checkContainers } from '../container-definitions';
import { PolicyRule, Severity, violation } from '../rule';

/** Re-exported for rule users: `root`, `0`, `00`, `+0`, `0:0`, `root:0`, ... (modules/core/container-user.ts). */
export { isRootUser };

/** AWSVPC-ECS-004: containers run as a non-root user. */
export const ecsContainerNonRootUser: PolicyRule = {
  id: 'AWSVPC-ECS-004',
  industryIds: [],
  severity: Severity.MEDIUM,
  summary: 'Containers set "user" to a non-root user (not root, not 0).',
  explanation: [
    'A process running as root inside a container is root on the host\'s kernel, held back only by namespaces and',
    'capabilities; any escape starts from there. A container without "user" runs as the image\'s USER, which is root',
    'for most images. Where the image cannot run as another user (it binds a port below 1024 as root, or writes to',
    'root-owned paths), suppress the rule for that task definition and say so. Windows task definitions are skipped.',
  ].join(' '),
  fix: 'set "user" in the container definition to a non-root UID[:GID] the image supports, e.g. "1000:1000" (or the name of a user the image defines)',
  appliesTo: ['aws_ecs_task_definition'],
  check(subject, index) {
    return checkContainers(subject, index, true, (c) => {
      const user = c.user;
      if (user === undefined || user === null || user === '') {
        return [violation(`container "${c.name}" sets no user, so it runs as the image's default user (root for most images)`)];
      }
      if (typeof user === 'string' && !isExpression(user) && isRootUser(user)) {
        return [violation(`container "${c.name}" runs as user ${JSON.stringify(user)}`)];
      }
      return [];
    });
  },
};
