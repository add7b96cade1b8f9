# A plan that must fail, without expect_failures: plan-time-checks.test.ts reads Terraform's own
# error output, to prove that what a user sees is the launch template's message.

mock_provider "aws" {
  mock_data "aws_iam_roles" { # the ECS service-linked role exists (EcsCluster's plan-time check)
    defaults = {
      names = ["AWSServiceRoleForECS"]
    }
  }
  mock_data "aws_ssm_parameter" {
    defaults = {
      value          = "ami-0123456789abcdef0"
      insecure_value = "ami-0123456789abcdef0"
      type           = "String"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
  mock_data "aws_ec2_instance_type" {
    defaults = {
      maximum_network_interfaces = 3
    }
  }
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
