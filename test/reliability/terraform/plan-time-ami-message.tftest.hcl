# A plan that must fail, without expect_failures: plan-time-checks.test.ts reads Terraform's own
# error output, to prove that what a user sees is the launch template's message.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks, and mocks/c9i-large.tfmock.hcl here: 3 network interfaces
}

run "no_ami_id" {
  command = plan

  override_data {
    target = data.aws_ssm_parameter.cluster_capacity-linux_ami_435A0951
    values = {
      value          = "not-an-ami"
      insecure_value = "not-an-ami"
    }
  }
}
