# Shared mock values for `mock_provider "aws" { source = "./mocks" }` in our .tftest.hcl files: the
# harness (test/engine/terraform.ts) copies this folder next to every stack it checks. A test file's
# own mock_data / mock_resource blocks take precedence over these.

# Data sources: realistic values wherever a configuration depends on them.
mock_data "aws_availability_zones" {
  defaults = { names = ["us-east-1a", "us-east-1b", "us-east-1c"], zone_ids = ["use1-az1", "use1-az2", "use1-az4"] }
}
mock_data "aws_region" {
  defaults = { name = "us-east-1" }
}
mock_data "aws_caller_identity" {
  defaults = { account_id = "123456789012" }
}
mock_data "aws_partition" {
  defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
}
# The ECS-optimized AMI id from the public SSM parameter (launch templates' precondition wants ami-...).
mock_data "aws_ssm_parameter" {
  defaults = { value = "ami-0123456789abcdef0", insecure_value = "ami-0123456789abcdef0", type = "String" }
}
# The ECS service-linked role exists (EcsCluster's plan-time check fails the plan otherwise).
mock_data "aws_iam_roles" {
  defaults = {
    names = ["AWSServiceRoleForECS"]
    arns  = ["arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"]
  }
}

# Computed ARNs the provider validates even when mocked: random strings are not ARNs.
mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
}
mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/mock" }
}
mock_resource "aws_ecs_task_definition" {
  defaults = { arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/mock:1" }
}
mock_resource "aws_ecs_cluster" {
  defaults = { arn = "arn:aws:ecs:us-east-1:123456789012:cluster/mock" }
}
mock_resource "aws_lb" {
  defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/mock/0123456789abcdef" }
}
mock_resource "aws_lb_target_group" {
  defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/mock/0123456789abcdef" }
}
mock_resource "aws_lb_listener" {
  defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/mock/0123456789abcdef/0123456789abcdef" }
}
# A step scaling policy is its alarm's action, which the provider checks is an ARN.
mock_resource "aws_appautoscaling_policy" {
  defaults = { arn = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:00000000-0000-0000-0000-000000000000:resource/ecs/service/mock/mock:policyName/mock" }
}
# A capacity provider names its group by ARN (tests that assert on one override it by address).
mock_resource "aws_autoscaling_group" {
  defaults = { arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/mock" }
}
# Launch template ids have a shape too (lt- and 17 hex digits).
mock_resource "aws_launch_template" {
  defaults = { id = "lt-0123456789abcdef0" }
}
