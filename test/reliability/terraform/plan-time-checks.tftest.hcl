# The default app's platform stack with an instance type the ENI table does not know (c9i.large) and
# trunking off (test/reliability/plan-time-checks.test.ts synthesizes it and checks the addresses
# below): `terraform plan` passes with realistic values, and fails with the constructs' messages when
# the instance type has too few network interfaces or the SSM parameter holds no AMI id.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks, and mocks/c9i-large.tfmock.hcl here: 3 network interfaces
}

run "plans_with_enough_interfaces_and_an_ami_id" {
  command = plan

  assert {
    condition     = data.aws_ec2_instance_type.cluster_eni-check-lab-linux_854D64A3.instance_type == "c9i.large"
    error_message = "the ENI check must look up the configured instance type"
  }
  assert {
    condition     = aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.instance_type == "c9i.large"
    error_message = "the launch template must use the configured instance type"
  }
}

run "fails_the_plan_when_the_instance_type_has_too_few_interfaces" {
  command = plan

  override_data {
    target = data.aws_ec2_instance_type.cluster_eni-check-lab-linux_854D64A3
    values = {
      maximum_network_interfaces = 2
    }
  }

  expect_failures = [data.aws_ec2_instance_type.cluster_eni-check-lab-linux_854D64A3]
}

run "fails_the_plan_when_the_ssm_parameter_holds_no_ami_id" {
  command = plan

  override_data {
    target = data.aws_ssm_parameter.cluster_capacity-linux_ami_435A0951
    values = {
      value          = "not-an-ami"
      insecure_value = "not-an-ami"
    }
  }

  expect_failures = [aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4]
}
