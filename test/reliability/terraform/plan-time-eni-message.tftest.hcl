# A plan that must fail, without expect_failures: plan-time-checks.test.ts reads Terraform's own
# error output, to prove that what a user sees is the capacity plan's message.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks, and mocks/c9i-large.tfmock.hcl here (overridden below)

  mock_data "aws_ec2_instance_type" {
    defaults = {
      maximum_network_interfaces = 2
    }
  }
}

run "too_few_interfaces" {
  command = plan
}
