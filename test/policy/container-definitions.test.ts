import * as fc from 'fast-check';
import { ALL_RULES, StackIndex } from '../../modules/policy';
import { ImagePin, imagePin, taskContainers } from '../../modules/policy/container-definitions';

describe('taskContainers', () => {
  test('reads the containers, naming unnamed ones by position', () => {
    expect(
      taskContainers({ container_definitions: JSON.stringify([{ name: 'web' }, { image: 'x' }]) }).containers?.map(
        (c) => c.name,
      ),
    ).toEqual(['web', '#1']);
  });

  test('says why it cannot read them', () => {
    expect(taskContainers({ container_definitions: '${jsonencode(local.c)}' }).problem).toMatch(/Terraform expression/);
    expect(taskContainers({ container_definitions: '{"name":"web"}' }).problem).toBe(
      'container_definitions is not a JSON array',
    );
    expect(taskContainers({}).problem).toBe('container_definitions is missing');
  });

  test('parses each container_definitions text once per index, however many rules read it', () => {
    const definitions = JSON.stringify([
      { name: 'web', image: 'nginx:1.27', user: '1000', readonlyRootFilesystem: true },
    ]);
    const index = StackIndex.fromTerraformJson({
      resource: {
        aws_ecs_task_definition: {
          a: { container_definitions: definitions },
          b: { container_definitions: definitions },
        },
      },
    });
    const rules = ALL_RULES.filter((r) => r.appliesTo.includes('aws_ecs_task_definition'));
    expect(rules.length).toBeGreaterThanOrEqual(5);
    const parse = jest.spyOn(JSON, 'parse');
    try {
      for (const subject of index.subjects) for (const rule of rules) expect(rule.check(subject, index)).toEqual([]);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
    expect(taskContainers(index.subjects[0]!.attributes, index).containers).toBe(
      taskContainers(index.subjects[1]!.attributes, index).containers,
    );
  });

  test('recognizes Windows task definitions', () => {
    expect(
      taskContainers({
        container_definitions: '[]',
        runtime_platform: { operating_system_family: 'WINDOWS_SERVER_2019_FULL' },
      }).windows,
    ).toBe(true);
    expect(
      taskContainers({ container_definitions: '[]', runtime_platform: [{ operating_system_family: 'LINUX' }] }).windows,
    ).toBe(false);
  });
});

describe('imagePin', () => {
  test.each([
    ['nginx', ImagePin.UNTAGGED],
    ['nginx:latest', ImagePin.LATEST],
    ['nginx:LATEST', ImagePin.LATEST],
    ['localhost:5000/team/app', ImagePin.UNTAGGED],
    ['localhost:5000/team/app:2.1', ImagePin.TAG],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc', ImagePin.DIGEST],
    ['${aws_ecr_repository.app.repository_url}:1.4', ImagePin.TAG],
    ['${aws_ecr_repository.app.repository_url}', ImagePin.UNKNOWN],
    ['${aws_ecr_repository.app.repository_url}:${var.tag}', ImagePin.UNKNOWN],
  ])('%s is %s', (image, pin) => {
    expect(imagePin(image)).toBe(pin);
  });

  test('any repository with a version tag is pinned; with latest or no tag it is not (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9]+([._-][a-z0-9]+)*$/);
    const repo = fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));
    const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/).filter((t) => t.toLowerCase() !== 'latest');
    fc.assert(
      fc.property(repo, tag, (r, t) => {
        expect(imagePin(`${r}:${t}`)).toBe(ImagePin.TAG);
        expect(imagePin(`${r}:latest`)).toBe(ImagePin.LATEST);
        expect(imagePin(r)).toBe(ImagePin.UNTAGGED);
      }),
    );
  });
});
