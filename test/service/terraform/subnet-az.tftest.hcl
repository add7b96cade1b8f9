# The plan-time form of SERVICE_SUBNET_AZ_NOT_IN_CAPACITY (subnet-az.engine.test.ts's stack): the
# AZ names are variables, as data-source values are unknown to synth. The mismatch run has no
# expect_failures on purpose: the Jest test reads Terraform's own error output for the message.

mock_provider "aws" {
  source = "./mocks"
}

run "task_subnets_in_the_capacity_azs" {
  command = plan
  variables {
    capacity_azs = ["us-east-1a", "us-east-1b"]
    task_azs     = ["us-east-1b", "us-east-1a"]
  }
}

run "a_task_subnet_outside_the_capacity_azs" {
  command = plan
  variables {
    capacity_azs = ["us-east-1a", "us-east-1b"]
    task_azs     = ["us-east-1a", "us-east-1c"]
  }
}
