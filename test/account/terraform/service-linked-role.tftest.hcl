# The default app's platform stack checks at plan time that the ECS service-linked role exists.
# One run passes (the role exists); the other has no expect_failures on purpose:
# service-linked-role.engine.test.ts reads Terraform's own error output, to prove that what a user
# sees is the check's message with the command that creates the role.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: the role exists unless a run overrides it
}

run "plans_when_the_role_exists" {
  command = plan

  assert {
    condition     = data.aws_iam_roles.cluster_service-linked-role_3419CE6D.names == toset(["AWSServiceRoleForECS"])
    error_message = "the check reads the role by path and name"
  }
}

run "fails_the_plan_when_the_role_is_missing" {
  command = plan

  override_data {
    target = data.aws_iam_roles.cluster_service-linked-role_3419CE6D
    values = {
      names = []
      arns  = []
    }
  }
}
