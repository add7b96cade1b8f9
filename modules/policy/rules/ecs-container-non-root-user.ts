import { isRootUser } from '../../core';
import { isExpression } from '../attributes';
import { checkContainers } from '../container-definitions';
import { PolicyRule, Severity, violation, warning } from '../rule';

/** Re-exported for rule users: `root`, `0`, `00`, `+0`, `0:0`, `root:0`, ... (modules/core/container-user.ts). */
export { isRootUser };

/**
 * AWSVPC-ECS-004: containers do not run as root. A container that says it runs as root is a violation;
 * one that sets no user runs as its image's USER, which the stack does not show: a warning.
 */
export const ecsContainerNonRootUser: PolicyRule = {
  id: 'AWSVPC-ECS-004',
  industryIds: [],
  severity: Severity.MEDIUM,
  summary:
    'Containers do not set "user" to root (root, 0): a violation; containers that set no user run as their image\'s USER: a warning.',
  explanation: [
    "A process running as root inside a container is root on the host's kernel, held back only by namespaces and",
    'capabilities; any escape starts from there. A container whose "user" is root or 0 is a violation. A container',
    'without "user" runs as the image\'s USER, which the stack does not show (the image is built elsewhere; root for',
    'most public images): the rule reports it as a warning, like any other value it cannot check before deploy, and',
    'never guesses from the image name. Set a non-root user to clear the warning; where the image must start as root',
    '(it binds a port below 1024, or writes to root-owned paths), suppress the rule for that task definition and say',
    'so. Windows task definitions are skipped.',
  ].join(' '),
  fix: 'set "user" in the container definition to a non-root UID[:GID] the image supports, e.g. "1000:1000" (or the name of a user the image defines)',
  appliesTo: ['aws_ecs_task_definition'],
  check(subject, index) {
    return checkContainers(subject, index, true, (c) => {
      const user = c.user;
      if (user === undefined || user === null || user === '') {
        return [
          warning(
            `container "${c.name}" sets no user, so it runs as its image's USER, which the stack does not show (root for most public images)`,
          ),
        ];
      }
      if (typeof user === 'string' && !isExpression(user) && isRootUser(user)) {
        return [violation(`container "${c.name}" runs as user ${JSON.stringify(user)}`)];
      }
      return [];
    });
  },
};
