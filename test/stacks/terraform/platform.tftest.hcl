# Real-engine check of the default app's platform stack (lab-platform, no configuration file: the
# seeds' lab), planned and applied under mock_provider. Addresses are the default app's; construct ids
# are stable, so they only change when a construct is renamed (default-app.engine.test.ts says so).
#
# Under mock_provider computed attributes are random strings, so wiring is asserted by following
# references (the subnet a NAT gateway is in, the ARN a capacity provider names) rather than by
# comparing ids with literals. Data sources get realistic values below where the configuration
# depends on them.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

# The cross-stack reference: the platform reads the account stack's trunking setting from its state.
override_data {
  target = data.terraform_remote_state.cross-stack-reference-input-lab-account
  values = {
    outputs = {
      "cross-stack-output-aws_ecs_account_setting_defaultaccount-settings_awsvpc-trunking_202B1681value" = "enabled"
    }
  }
}

# The capacity provider validates the Auto Scaling group's ARN; mock values are random strings.
override_resource {
  target = aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3
  values = { arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-1111-1111-1111-111111111111:autoScalingGroupName/lab-linux" }
}

# What is known from the configuration alone, before anything exists.
run "plan" {
  command = plan

  # --- network (issue 2) ---
  assert {
    condition = [
      aws_subnet.network_public-0_A4E682E0.cidr_block, aws_subnet.network_public-1_8D79547B.cidr_block,
      aws_subnet.network_private-0_A0649C48.cidr_block, aws_subnet.network_private-1_4188AF2B.cidr_block,
    ] == ["10.0.0.0/24", "10.0.1.0/24", "10.0.100.0/24", "10.0.101.0/24"] && aws_vpc.network_vpc_4E8F0223.cidr_block == "10.0.0.0/16"
    error_message = "the default app must reproduce the seed lab's addresses"
  }
  assert {
    condition = [
      aws_subnet.network_private-0_A0649C48.availability_zone, aws_subnet.network_private-1_4188AF2B.availability_zone,
    ] == ["us-east-1a", "us-east-1b"]
    error_message = "one private subnet in each of the first two AZs"
  }
  assert {
    condition = alltrue([
      for s in [aws_subnet.network_private-0_A0649C48, aws_subnet.network_private-1_4188AF2B] : !s.map_public_ip_on_launch
    ])
    error_message = "private subnets must not map public IPs"
  }

  # --- container instances (issue 3) ---
  assert {
    condition = (
      aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.metadata_options[0].http_tokens == "required" &&
      aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.metadata_options[0].http_put_response_hop_limit == 1 &&
      aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.metadata_options[0].http_endpoint == "enabled"
    )
    error_message = "the launch template must require IMDSv2 with hop limit 1"
  }
  assert {
    condition = alltrue([for line in [
      "ECS_CLUSTER=lab-cluster",
      "ECS_ENABLE_TASK_IAM_ROLE=true",
      "ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false",
      "ECS_AWSVPC_BLOCK_IMDS=true",
      "ECS_DISABLE_PRIVILEGED=true",
    ] : contains(split("\n", base64decode(aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.user_data)), line)])
    error_message = "the user data must write ECS_CLUSTER, task IAM roles on (not for host mode), IMDS blocked for awsvpc tasks and privileged containers refused"
  }
  assert {
    condition     = aws_lb.service-nginx_load-balancer_DB5B0B6B.internal == true
    error_message = "the seeds' lab opens nothing to the world: the load balancer is internal"
  }
  assert {
    condition     = strcontains(base64decode(aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.user_data), "/etc/ecs/ecs.config")
    error_message = "the user data must write /etc/ecs/ecs.config"
  }
  assert {
    condition     = data.aws_ssm_parameter.cluster_capacity-linux_ami_435A0951.name == "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
    error_message = "the default capacity must read the Amazon Linux 2023 ECS-optimized AMI parameter"
  }
  assert {
    condition     = aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.image_id == "ami-0123456789abcdef0"
    error_message = "the launch template's image must be the SSM parameter's value"
  }
  assert {
    condition = (
      aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.instance_type == "c5.large" &&
      aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.network_interfaces[0].associate_public_ip_address == "false"
    )
    error_message = "c5.large instances (trunk-capable) without public IPs"
  }
  assert {
    condition     = one([for t in aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.tag : t.value if t.key == "awsvpc-ecs:awsvpc-trunking-opt-in"]) == "enabled"
    error_message = "the instances must depend on the account stack's trunking opt-in (cross-stack reference)"
  }
  assert {
    condition     = contains([for t in aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.tag : t.key if t.propagate_at_launch], "AmazonECSManaged")
    error_message = "the Auto Scaling group must declare the AmazonECSManaged tag"
  }

  # --- the nginx service (issue 5) ---
  assert {
    condition = (
      aws_ecs_task_definition.task-nginx_task-definition_3D2C57F8.network_mode == "awsvpc" &&
      toset(aws_ecs_task_definition.task-nginx_task-definition_3D2C57F8.requires_compatibilities) == toset(["EC2"])
    )
    error_message = "the task definition must be awsvpc on EC2"
  }
  assert {
    condition     = aws_ecs_service.service-nginx_service_3562C03C.network_configuration[0].assign_public_ip == false
    error_message = "tasks must not get public IPs"
  }
  assert {
    condition     = aws_ecs_service.service-nginx_service_3562C03C.desired_count == 2 && aws_ecs_service.service-nginx_service_3562C03C.enable_execute_command
    error_message = "the seeds' two nginx tasks, with ECS Exec on"
  }
  assert {
    condition     = aws_lb_target_group.service-nginx_load-balancer_target-group_FBF4987C.target_type == "ip" && aws_lb_target_group.service-nginx_load-balancer_target-group_FBF4987C.port == 80
    error_message = "awsvpc tasks need an ip target group on the container port"
  }
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.service-nginx_from-load-balancer_1AC46232.from_port == 80 &&
      aws_vpc_security_group_ingress_rule.service-nginx_from-load-balancer_1AC46232.to_port == 80 &&
      aws_vpc_security_group_ingress_rule.service-nginx_from-load-balancer_1AC46232.ip_protocol == "tcp" &&
      aws_vpc_security_group_ingress_rule.service-nginx_from-load-balancer_1AC46232.cidr_ipv4 == null &&
      aws_vpc_security_group_ingress_rule.service-nginx_from-load-balancer_1AC46232.cidr_ipv6 == null &&
      aws_vpc_security_group_ingress_rule.service-nginx_from-load-balancer_1AC46232.prefix_list_id == null
    )
    error_message = "the container security group must admit 80/tcp only, and from no address range"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.task-nginx_task-definition_3D2C57F8.container_definitions)[0].portMappings[0].containerPort == 80
    error_message = "nginx listens on container port 80"
  }
}

# After apply every id is known (random, but consistent): follow the references.
run "apply" {
  command = apply

  # --- routing (issue 2): test/network/terraform/default-network-routing.runs.hcl, appended after this run ---

  # --- capacity provider wiring (issue 3) ---
  assert {
    condition     = aws_ecs_capacity_provider.cluster_capacity-linux_capacity-provider_85680859.auto_scaling_group_provider[0].auto_scaling_group_arn == aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.arn
    error_message = "the capacity provider must reference its Auto Scaling group by ARN"
  }
  assert {
    condition = (
      aws_ecs_cluster_capacity_providers.cluster_capacity-providers_D17397A4.cluster_name == aws_ecs_cluster.cluster_A4C38409.name &&
      aws_ecs_cluster_capacity_providers.cluster_capacity-providers_D17397A4.capacity_providers == toset([aws_ecs_capacity_provider.cluster_capacity-linux_capacity-provider_85680859.name])
    )
    error_message = "the cluster must be associated with its capacity provider"
  }
  assert {
    condition     = one([for s in aws_ecs_cluster_capacity_providers.cluster_capacity-providers_D17397A4.default_capacity_provider_strategy : s.capacity_provider]) == aws_ecs_capacity_provider.cluster_capacity-linux_capacity-provider_85680859.name
    error_message = "the cluster's default strategy must use the capacity provider"
  }
  assert {
    condition     = one([for s in aws_ecs_service.service-nginx_service_3562C03C.capacity_provider_strategy : s.capacity_provider]) == aws_ecs_capacity_provider.cluster_capacity-linux_capacity-provider_85680859.name
    error_message = "the service must run on the cluster's capacity provider"
  }
  assert {
    condition = (
      toset(aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.vpc_zone_identifier) == toset([aws_subnet.network_private-0_A0649C48.id, aws_subnet.network_private-1_4188AF2B.id]) &&
      aws_autoscaling_group.cluster_capacity-linux_asg_FC7BD2C3.launch_template[0].name == aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.name
    )
    error_message = "the Auto Scaling group must launch its template's instances in the private subnets"
  }
  assert {
    condition     = aws_launch_template.cluster_capacity-linux_launch-template_F4AE86C4.iam_instance_profile[0].name == aws_iam_instance_profile.cluster_capacity-linux_instance-profile_813BDB74.name
    error_message = "the launch template must use the instance profile (by name)"
  }
  assert {
    condition     = aws_ecs_service.service-nginx_service_3562C03C.cluster == aws_ecs_cluster.cluster_A4C38409.arn
    error_message = "the service must run on the cluster"
  }

  # --- the service's network configuration and security groups (issue 5) ---
  assert {
    condition     = toset(aws_ecs_service.service-nginx_service_3562C03C.network_configuration[0].subnets) == toset([aws_subnet.network_private-0_A0649C48.id, aws_subnet.network_private-1_4188AF2B.id])
    error_message = "the service's subnets must be the private subnets"
  }
  assert {
    condition     = aws_ecs_service.service-nginx_service_3562C03C.network_configuration[0].security_groups == toset([aws_security_group.service-nginx_security-group_920E3E8D.id])
    error_message = "the tasks must carry the container security group only"
  }
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.service-nginx_from-load-balancer_1AC46232.security_group_id == aws_security_group.service-nginx_security-group_920E3E8D.id &&
      aws_vpc_security_group_ingress_rule.service-nginx_from-load-balancer_1AC46232.referenced_security_group_id == aws_security_group.service-nginx_load-balancer_security-group_8A239783.id &&
      aws_security_group.service-nginx_security-group_920E3E8D.id != aws_security_group.cluster_capacity-linux_instance-sg_E77AD550.id
    )
    error_message = "the container security group must admit traffic from the load balancer's group only (and be separate from the instances' group)"
  }
  assert {
    condition     = toset(aws_lb.service-nginx_load-balancer_DB5B0B6B.security_groups) == toset([aws_security_group.service-nginx_load-balancer_security-group_8A239783.id])
    error_message = "the load balancer must carry the group the tasks admit"
  }
  assert {
    condition = (
      one(aws_ecs_service.service-nginx_service_3562C03C.load_balancer).target_group_arn == aws_lb_target_group.service-nginx_load-balancer_target-group_FBF4987C.arn &&
      one(aws_ecs_service.service-nginx_service_3562C03C.load_balancer).container_port == 80 &&
      aws_lb_target_group.service-nginx_load-balancer_target-group_FBF4987C.vpc_id == aws_vpc.network_vpc_4E8F0223.id
    )
    error_message = "the service must register its tasks' IPs in the target group on the container port"
  }
}
