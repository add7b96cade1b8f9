# Real-engine checks of the stack built by test/compute/engine-stack.ts (account settings, cluster,
# Linux x86_64 / Linux arm64 / Windows capacity providers), planned and applied under mock_provider.
# The logical names below are the stack's Terraform addresses; compute-engine.test.ts keeps them honest.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

# The capacity provider validates the group's ARN, and mock values are random strings: give each
# group a distinct, well-formed ARN so that the wiring asserts below can tell them apart.
override_resource {
  target = aws_autoscaling_group.cluster_linux_asg_7E597E58
  values = { arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-1111-1111-1111-111111111111:autoScalingGroupName/seed-linux" }
}
override_resource {
  target = aws_autoscaling_group.cluster_graviton_asg_ACB1E46C
  values = { arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:22222222-2222-2222-2222-222222222222:autoScalingGroupName/seed-graviton" }
}
override_resource {
  target = aws_autoscaling_group.cluster_windows_asg_284CF9D7
  values = { arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:33333333-3333-3333-3333-333333333333:autoScalingGroupName/seed-windows" }
}

run "instances_and_wiring" {
  command = apply

  # --- account settings: the trunking opt-in ---
  assert {
    condition     = aws_ecs_account_setting_default.account_awsvpc-trunking_35347A99.name == "awsvpcTrunking" && aws_ecs_account_setting_default.account_awsvpc-trunking_35347A99.value == "enabled"
    error_message = "the awsvpcTrunking account setting must be enabled"
  }
  assert {
    condition     = one([for t in aws_autoscaling_group.cluster_linux_asg_7E597E58.tag : t.value if t.key == "awsvpc-ecs:awsvpc-trunking-opt-in"]) == "enabled"
    error_message = "the Linux Auto Scaling group must reference the trunking opt-in"
  }

  # --- cluster ---
  assert {
    condition     = one([for s in aws_ecs_cluster.cluster_A4C38409.setting : s.value if s.name == "containerInsights"]) == "enabled"
    error_message = "Container Insights must be on by default"
  }
  assert {
    condition     = aws_ecs_cluster.cluster_A4C38409.configuration[0].execute_command_configuration[0].logging == "OVERRIDE" && aws_ecs_cluster.cluster_A4C38409.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_log_group_name == aws_cloudwatch_log_group.cluster_exec-logs_E9B630B6.name
    error_message = "ECS Exec must log to the cluster's log group"
  }

  # --- launch templates: IMDSv2, hop limit 1, no public IP, encrypted root ---
  assert {
    condition = alltrue([for lt in [aws_launch_template.cluster_linux_launch-template_F0F34C93, aws_launch_template.cluster_graviton_launch-template_46D049E8, aws_launch_template.cluster_windows_launch-template_18C5D591] :
      lt.metadata_options[0].http_tokens == "required" && lt.metadata_options[0].http_put_response_hop_limit == 1 && lt.metadata_options[0].http_endpoint == "enabled"])
    error_message = "every launch template must require IMDSv2 with hop limit 1"
  }
  assert {
    condition = alltrue([for lt in [aws_launch_template.cluster_linux_launch-template_F0F34C93, aws_launch_template.cluster_graviton_launch-template_46D049E8, aws_launch_template.cluster_windows_launch-template_18C5D591] :
      lt.network_interfaces[0].associate_public_ip_address == "false" && lt.block_device_mappings[0].ebs[0].encrypted == "true" && lt.block_device_mappings[0].ebs[0].volume_type == "gp3"])
    error_message = "instances must get no public IP and an encrypted gp3 root volume"
  }
  assert {
    condition     = aws_launch_template.cluster_linux_launch-template_F0F34C93.image_id == "ami-0123456789abcdef0"
    error_message = "the image id must come from the SSM parameter"
  }

  # --- user data ---
  assert {
    condition = alltrue([for line in [
      "ECS_CLUSTER=seed",
      "ECS_ENABLE_TASK_IAM_ROLE=true",
      "ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false",
      "ECS_AWSVPC_BLOCK_IMDS=true",
      "ECS_ENABLE_HIGH_DENSITY_ENI=true",
      "ECS_IMAGE_PULL_BEHAVIOR=prefer-cached",
    ] : contains(split("\n", base64decode(aws_launch_template.cluster_linux_launch-template_F0F34C93.user_data)), line)])
    error_message = "the Linux user data must write the agent configuration lines"
  }
  assert {
    condition     = strcontains(base64decode(aws_launch_template.cluster_linux_launch-template_F0F34C93.user_data), "cat <<'EOF' >> /etc/ecs/ecs.config")
    error_message = "the Linux user data must append to /etc/ecs/ecs.config"
  }
  assert {
    condition     = strcontains(base64decode(aws_launch_template.cluster_windows_launch-template_18C5D591.user_data), "Initialize-ECSAgent -Cluster 'seed' -EnableTaskIAMRole -EnableTaskENI -AwsvpcBlockIMDS") && strcontains(base64decode(aws_launch_template.cluster_windows_launch-template_18C5D591.user_data), "Import-Module ECSTools")
    error_message = "the Windows user data must initialize the agent with task IAM roles and IMDS blocked"
  }

  # --- AMI parameters ---
  assert {
    condition     = data.aws_ssm_parameter.cluster_linux_ami_724D0B49.name == "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
    error_message = "x86_64 Linux capacity must read the AL2023 parameter"
  }
  assert {
    condition     = data.aws_ssm_parameter.cluster_graviton_ami_4B8152D2.name == "/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id"
    error_message = "Graviton capacity on AL2 must read the arm64 AL2 parameter"
  }
  assert {
    condition     = data.aws_ssm_parameter.cluster_windows_ami_36F80013.name == "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id"
    error_message = "Windows capacity must read the Windows Server 2022 Full ECS parameter"
  }

  # --- capacity provider wiring ---
  assert {
    condition     = aws_ecs_capacity_provider.cluster_linux_capacity-provider_C60E43F4.auto_scaling_group_provider[0].auto_scaling_group_arn == aws_autoscaling_group.cluster_linux_asg_7E597E58.arn
    error_message = "the capacity provider must reference its Auto Scaling group by ARN"
  }
  assert {
    condition     = aws_ecs_capacity_provider.cluster_windows_capacity-provider_769BA03F.auto_scaling_group_provider[0].auto_scaling_group_arn == aws_autoscaling_group.cluster_windows_asg_284CF9D7.arn
    error_message = "the Windows capacity provider must reference its Auto Scaling group by ARN"
  }
  assert {
    condition = alltrue([for cp in [aws_ecs_capacity_provider.cluster_linux_capacity-provider_C60E43F4, aws_ecs_capacity_provider.cluster_graviton_capacity-provider_2A7DC79C, aws_ecs_capacity_provider.cluster_windows_capacity-provider_769BA03F] :
      contains(aws_ecs_cluster_capacity_providers.cluster_capacity-providers_D17397A4.capacity_providers, cp.name)])
    error_message = "the cluster must list every capacity provider"
  }
  assert {
    condition     = one([for s in aws_ecs_cluster_capacity_providers.cluster_capacity-providers_D17397A4.default_capacity_provider_strategy : s.capacity_provider]) == aws_ecs_capacity_provider.cluster_linux_capacity-provider_C60E43F4.name
    error_message = "the default strategy must use the first capacity provider"
  }
  assert {
    condition     = aws_ecs_capacity_provider.cluster_linux_capacity-provider_C60E43F4.auto_scaling_group_provider[0].managed_termination_protection == "ENABLED" && aws_autoscaling_group.cluster_linux_asg_7E597E58.protect_from_scale_in == true
    error_message = "managed termination protection and scale-in protection go together"
  }
  assert {
    condition     = contains([for t in aws_autoscaling_group.cluster_linux_asg_7E597E58.tag : t.key if t.propagate_at_launch], "AmazonECSManaged")
    error_message = "the AmazonECSManaged tag must be declared"
  }
  assert {
    condition     = aws_autoscaling_group.cluster_linux_asg_7E597E58.force_delete == true
    error_message = "the Auto Scaling group must be force-deletable"
  }
}

run "rejects_a_parameter_that_is_not_an_ami_id" {
  command = plan

  override_data {
    target = data.aws_ssm_parameter.cluster_linux_ami_724D0B49
    values = {
      value          = "not-an-ami"
      insecure_value = "not-an-ami"
    }
  }

  expect_failures = [aws_launch_template.cluster_linux_launch-template_F0F34C93]
}
