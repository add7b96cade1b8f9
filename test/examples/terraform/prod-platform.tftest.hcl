# examples/config/prod.json, platform stack (network, cluster, capacity, the web service), applied
# and destroyed under mock_provider. The account stack's opt-in arrives through remote state (S3).

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

override_data {
  target = data.terraform_remote_state.cross-stack-reference-input-prod-account
  values = { outputs = { "cross-stack-output-aws_ecs_account_setting_defaultaccount-settings_awsvpc-trunking_202B1681value" = "enabled" } }
}

run "prod_platform" {
  command = apply

  # A NAT gateway per AZ: each private subnet routes through the one in its own AZ.
  assert {
    condition = (
      aws_route.network_private-default-route-0_6902C46B.nat_gateway_id == aws_nat_gateway.network_nat-0_D2F55FEE.id &&
      aws_route.network_private-default-route-1_34ADC5F8.nat_gateway_id == aws_nat_gateway.network_nat-1_A72B97BB.id &&
      aws_route.network_private-default-route-2_350E46EB.nat_gateway_id == aws_nat_gateway.network_nat-2_1CA02788.id
    )
    error_message = "prod: one NAT gateway per AZ"
  }

  assert {
    condition = (
      aws_nat_gateway.network_nat-0_D2F55FEE.subnet_id == aws_subnet.network_public-0_A4E682E0.id &&
      aws_nat_gateway.network_nat-1_A72B97BB.subnet_id == aws_subnet.network_public-1_8D79547B.id &&
      aws_nat_gateway.network_nat-2_1CA02788.subnet_id == aws_subnet.network_public-2_7452BF82.id
    )
    error_message = "prod: each NAT gateway sits in its own AZ's public subnet"
  }

  assert {
    condition = [aws_subnet.network_private-0_A0649C48.availability_zone, aws_subnet.network_private-1_4188AF2B.availability_zone, aws_subnet.network_private-2_96169D1F.availability_zone] == ["us-east-1a", "us-east-1b", "us-east-1c"]
    error_message = "prod: three AZs"
  }

  assert {
    condition     = aws_subnet.network_private-0_A0649C48.cidr_block == "10.20.64.0/18"
    error_message = "prod: the private subnets as configured"
  }

  assert {
    condition = (
      aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.min_size == 3 &&
      aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.max_size == 9 &&
      aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.protect_from_scale_in
    )
    error_message = "prod: a larger Auto Scaling group (3 to 9 instances) with scale-in protection"
  }

  assert {
    condition     = aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.instance_type == "c5.xlarge" && aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.monitoring[0].enabled
    error_message = "prod: c5.xlarge instances with detailed monitoring"
  }

  assert {
    condition     = aws_ecs_capacity_provider.cluster_capacity-linux_capacity-provider_85680859.auto_scaling_group_provider[0].managed_scaling[0].target_capacity == 90
    error_message = "prod: managed scaling keeps 10% spare capacity"
  }

  assert {
    condition     = aws_appautoscaling_target.service-web_auto-scaling_target_07458FBF.min_capacity == 6 && aws_appautoscaling_target.service-web_auto-scaling_target_07458FBF.max_capacity == 24
    error_message = "prod: the web service scales from 6 to 24 tasks"
  }

  assert {
    condition     = aws_ecs_service.service-web_service_B591A6BB.desired_count == 6
    error_message = "prod: six web tasks to start with"
  }

  assert {
    condition = (
      aws_lb_listener.service-web_load-balancer_listener_92ABD090.protocol == "HTTPS" &&
      aws_lb_listener.service-web_load-balancer_listener_92ABD090.port == 443 &&
      aws_lb_listener.service-web_load-balancer_http-redirect_15E26A11.default_action[0].type == "redirect" &&
      !aws_lb.service-web_load-balancer_C1B6136F.internal
    )
    error_message = "prod: an internet-facing load balancer with HTTPS, port 80 redirecting"
  }
}
