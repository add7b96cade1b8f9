# The plan-time ENI check of an instance type the library's table does not know (c9x.large):
# the data source's postcondition passes with enough interfaces and fails the plan without them.
mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

run "enough_interfaces" {
  command = plan

  override_data {
    target = data.aws_ec2_instance_type.capacity
    values = {
      maximum_network_interfaces = 4
    }
  }

  assert {
    condition     = data.aws_ec2_instance_type.capacity.maximum_network_interfaces == 4
    error_message = "the override did not apply"
  }
}

run "too_few_interfaces" {
  command = plan

  override_data {
    target = data.aws_ec2_instance_type.capacity
    values = {
      maximum_network_interfaces = 3
    }
  }

  expect_failures = [data.aws_ec2_instance_type.capacity]
}
