# examples/config/dev.json, platform stack (network, cluster, capacity, the web service), applied
# and destroyed under mock_provider. The account stack's opt-in arrives through remote state.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

override_data {
  target = data.terraform_remote_state.cross-stack-reference-input-dev-account
  values = { outputs = { "cross-stack-output-aws_ecs_account_setting_defaultaccount-settings_awsvpc-trunking_202B1681value" = "enabled" } }
}

run "dev_platform" {
  command = apply

  assert {
    condition     = aws_vpc.network_vpc_4E8F0223.cidr_block == "10.10.0.0/16"
    error_message = "dev uses its own VPC block"
  }

  # One NAT gateway for both AZs (the stack has exactly one; the test file counts them too).
  assert {
    condition     = aws_route.network_private-default-route-0_6902C46B.nat_gateway_id == aws_nat_gateway.network_nat-0_D2F55FEE.id && aws_route.network_private-default-route-1_34ADC5F8.nat_gateway_id == aws_nat_gateway.network_nat-0_D2F55FEE.id
    error_message = "dev: both private subnets route through the single NAT gateway"
  }

  assert {
    condition     = aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.min_size == 1 && aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.max_size == 2
    error_message = "dev: a small Auto Scaling group (1 to 2 instances)"
  }

  assert {
    condition     = aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.instance_type == "c5.large"
    error_message = "dev: c5.large instances"
  }

  assert {
    condition     = one([for t in aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.tag : t.value if t.key == "awsvpc-ecs:awsvpc-trunking-opt-in"]) == "enabled"
    error_message = "the instances depend on the account stack's trunking opt-in"
  }

  assert {
    condition     = aws_ecs_service.service-web_service_B591A6BB.desired_count == 1 && aws_ecs_service.service-web_service_B591A6BB.enable_execute_command
    error_message = "dev: one web task, ECS Exec on"
  }

  assert {
    condition     = aws_lb.service-web_load-balancer_C1B6136F.internal
    error_message = "dev: the load balancer is internal"
  }

  assert {
    condition     = one([for s in aws_ecs_cluster.cluster_A4C38409.setting : s.value if s.name == "containerInsights"]) == "disabled"
    error_message = "dev: Container Insights off"
  }
}
