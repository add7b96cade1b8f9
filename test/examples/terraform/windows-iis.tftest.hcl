# examples/windows-iis: the seeds' IIS task in awsvpc mode on Windows Server 2022 capacity, applied
# (and destroyed at teardown) under mock_provider. Addresses are those of the example's stack.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
  # The Windows Server 2022 ECS-optimized AMI (asserted below).
  mock_data "aws_ssm_parameter" {
    defaults = { value = "ami-0fedcba9876543210", insecure_value = "ami-0fedcba9876543210", type = "String" }
  }
}

override_resource {
  target = aws_autoscaling_group.cluster_windows_asg_284CF9D7
  values = { arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:33333333-3333-3333-3333-333333333333:autoScalingGroupName/windows-iis-2022" }
}

run "iis_on_windows" {
  command = apply

  assert {
    condition     = data.aws_ssm_parameter.cluster_windows_ami_36F80013.name == "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id"
    error_message = "the instances boot the Windows Server 2022 Full ECS-optimized AMI"
  }

  assert {
    condition     = aws_launch_template.cluster_windows_launch-template_18C5D591.image_id == "ami-0fedcba9876543210" && aws_launch_template.cluster_windows_launch-template_18C5D591.instance_type == "m5.large"
    error_message = "the launch template takes the AMI id from the SSM parameter"
  }

  assert {
    condition = (
      strcontains(base64decode(aws_launch_template.cluster_windows_launch-template_18C5D591.user_data), "Initialize-ECSAgent -Cluster 'windows-iis'") &&
      strcontains(base64decode(aws_launch_template.cluster_windows_launch-template_18C5D591.user_data), "-EnableTaskENI") &&
      strcontains(base64decode(aws_launch_template.cluster_windows_launch-template_18C5D591.user_data), "-AwsvpcBlockIMDS") &&
      !strcontains(base64decode(aws_launch_template.cluster_windows_launch-template_18C5D591.user_data), "HIGH_DENSITY_ENI")
    )
    error_message = "the Windows agent joins the cluster with task ENIs, IMDS blocked for tasks, and no trunking"
  }

  assert {
    condition = (
      aws_ecs_task_definition.task_task-definition_EF01C385.runtime_platform[0].operating_system_family == "WINDOWS_SERVER_2022_FULL" &&
      aws_ecs_task_definition.task_task-definition_EF01C385.runtime_platform[0].cpu_architecture == "X86_64" &&
      aws_ecs_task_definition.task_task-definition_EF01C385.network_mode == "awsvpc"
    )
    error_message = "an awsvpc task for Windows Server 2022 Full on x86_64"
  }

  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.task_task-definition_EF01C385.container_definitions)[0].image == "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022" &&
      jsondecode(aws_ecs_task_definition.task_task-definition_EF01C385.container_definitions)[0].portMappings[0].containerPort == 80 &&
      jsondecode(aws_ecs_task_definition.task_task-definition_EF01C385.container_definitions)[0].memory == 2048
    )
    error_message = "the seeds' IIS container on port 80, memory reserved by the container"
  }

  assert {
    condition = (
      aws_ecs_service.service_E7C408F2.desired_count == 2 &&
      aws_ecs_service.service_E7C408F2.network_configuration[0].assign_public_ip == false &&
      contains(aws_ecs_service.service_E7C408F2.network_configuration[0].security_groups, aws_security_group.service_security-group_9805553F.id)
    )
    error_message = "two IIS tasks with their own ENI and security group, no public IP"
  }

  assert {
    condition     = aws_lb_target_group.service_load-balancer_target-group_334EAD58.target_type == "ip" && aws_lb.service_load-balancer_B82ABA18.internal
    error_message = "an internal load balancer sends to the task IPs"
  }

  assert {
    condition     = aws_ecs_service.service_E7C408F2.health_check_grace_period_seconds == 300
    error_message = "Windows tasks get five minutes before health checks count"
  }
}
