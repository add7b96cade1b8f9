import { checkContainers, ImagePin, imagePin } from '../container-definitions';
import { PolicyRule, Severity, warning } from '../rule';

/** AWSVPC-ECS-006: images are pinned to a tag other than `latest`, or to a digest (warning). */
export const ecsImageTagPinned: PolicyRule = {
  id: 'AWSVPC-ECS-006',
  industryIds: [],
  severity: Severity.LOW,
  summary: 'Container images are not tagged `latest` or untagged (reported as a warning).',
  explanation: [
    '`latest` (and no tag, which means `latest`) moves: two tasks of the same revision can run different code, a',
    'rollback does not roll back, and a compromised push reaches production on the next task start. Pin a version',
    'tag, or better a digest (@sha256:...), and use immutable tags in the registry. Images given as Terraform',
    'expressions are not checked.',
  ].join(' '),
  fix: "use a version tag (repo:1.4.2) or a digest (repo@sha256:...) and make the repository's tags immutable",
  appliesTo: ['aws_ecs_task_definition'],
  check(subject, index) {
    return checkContainers(subject, index, false, (c) => {
      if (typeof c.image !== 'string') return [];
      const pin = imagePin(c.image);
      if (pin === ImagePin.LATEST)
        return [warning(`container "${c.name}" uses image ${JSON.stringify(c.image)}, tagged latest`)];
      if (pin === ImagePin.UNTAGGED)
        return [
          warning(`container "${c.name}" uses image ${JSON.stringify(c.image)} without a tag, which pulls latest`),
        ];
      return [];
    });
  },
};
