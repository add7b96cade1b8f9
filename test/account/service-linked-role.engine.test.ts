/**
 * The ECS service-linked role (AWSServiceRoleForECS): awsvpc tasks need it, and an account that never
 * used ECS has none. Either the plan checks that it exists (EcsCluster's `EcsServiceLinkedRoleCheck`,
 * on by default), with a message that gives the command creating it, or the app creates it (the
 * account stack's `createServiceLinkedRole`) and the check is left out.
 */
import * as path from 'path';
import { CREATE_ECS_SERVICE_LINKED_ROLE_COMMAND, ECS_SERVICE_LINKED_ROLE_MISSING_MESSAGE } from '../../modules/account';
import { checkStack } from '../engine/terraform';
import { synthDefaultApp } from '../reliability/support/default-app';

const CHECK = 'cluster_service-linked-role_3419CE6D';

describe('the ECS service-linked role at plan time', () => {
  test('the platform stack reads the role by path and name, with a postcondition that gives the create command', () => {
    const platform = synthDefaultApp({}).stacks.get('lab-platform')!;
    expect(platform.data?.aws_iam_roles?.[CHECK]).toEqual({
      '//': expect.anything(),
      path_prefix: '/aws-service-role/ecs.amazonaws.com/',
      name_regex: '^AWSServiceRoleForECS$',
      lifecycle: {
        postcondition: [
          { condition: '${length(self.names) > 0}', error_message: ECS_SERVICE_LINKED_ROLE_MISSING_MESSAGE },
        ],
      },
    });
    expect(ECS_SERVICE_LINKED_ROLE_MISSING_MESSAGE).toContain(CREATE_ECS_SERVICE_LINKED_ROLE_COMMAND);
    expect(CREATE_ECS_SERVICE_LINKED_ROLE_COMMAND).toBe(
      'aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com',
    );
  });

  test('when the account stack creates the role, the platform stack does not check for it', () => {
    const app = synthDefaultApp({ account: { createServiceLinkedRole: true } });
    expect(app.stacks.get('lab-platform')!.data?.aws_iam_roles).toBeUndefined();
    expect(Object.values(app.stacks.get('lab-account')!.resource?.aws_iam_service_linked_role ?? {})).toEqual([
      expect.objectContaining({ aws_service_name: 'ecs.amazonaws.com' }),
    ]);
  });

  test('when the account stack is off, the platform stack checks even if createServiceLinkedRole is set', () => {
    const app = synthDefaultApp({ account: { enabled: false, createServiceLinkedRole: true } });
    expect(Object.keys(app.stacks.get('lab-platform')!.data?.aws_iam_roles ?? {})).toEqual([CHECK]);
  });

  test('terraform plan passes with the role and fails without it, with the command that creates it', () => {
    // Without the account stack: no remote state to mock (the check is the same).
    const app = synthDefaultApp({ account: { enabled: false } });
    const result = checkStack(
      path.join(app.outdir, 'stacks', 'lab-platform'),
      [path.join(__dirname, 'terraform', 'service-linked-role.tftest.hcl')],
      { validate: false },
    );
    const output = (result.test?.output ?? `${result.init.output}\n${result.validate?.output ?? ''}`).replace(
      /\s+/g,
      ' ',
    );
    expect({ passed: output.match(/run "plans_when_the_role_exists"\.\.\. (pass|fail)/)?.[1], output }).toEqual({
      passed: 'pass',
      output,
    });
    expect(output).toMatch(/run "fails_the_plan_when_the_role_is_missing"\.\.\. fail/);
    expect(output).toContain('Failure! 1 passed, 1 failed.');
    expect(output).toContain('Error: Resource postcondition failed');
    expect(output).toContain(`data.aws_iam_roles.${CHECK}`);
    expect(output).toContain('self.names is empty set of string');
    expect(output).toContain(ECS_SERVICE_LINKED_ROLE_MISSING_MESSAGE);
  }, 120_000);
});
