# The seeds' nginx service: awsvpc, two tasks, ECS Exec, internal ALB with IP targets.
# Addresses are those of test/service/engine.test.ts's stack (construct ids are stable).

# Computed ARNs and ids get realistic values: the provider validates ARN arguments even when mocked.
mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

override_data {
  target = data.aws_region.aws-region
  values = { name = "us-east-1" }
}

override_data {
  target = data.aws_caller_identity.aws-account
  values = { account_id = "123456789012" }
}

override_data {
  target = data.aws_partition.aws-partition
  values = { partition = "aws" }
}

# One apply run (a plan run would cost a second plan for nothing): planned and computed values alike.
run "apply" {
  command = apply

  assert {
    condition     = aws_ecs_task_definition.nginx-task_task-definition_90FD7AD4.network_mode == "awsvpc"
    error_message = "the task definition must use awsvpc network mode"
  }

  assert {
    condition     = toset(aws_ecs_task_definition.nginx-task_task-definition_90FD7AD4.requires_compatibilities) == toset(["EC2"])
    error_message = "the task definition must be for EC2"
  }

  assert {
    condition     = aws_ecs_service.nginx_service_2273C473.network_configuration[0].assign_public_ip == false
    error_message = "tasks must not get public IPs"
  }

  assert {
    condition     = toset(aws_ecs_service.nginx_service_2273C473.network_configuration[0].subnets) == toset(["subnet-0a1b2c3d", "subnet-0e1f2a3b"])
    error_message = "the service's subnets must be the private subnets"
  }

  assert {
    condition     = aws_ecs_service.nginx_service_2273C473.desired_count == 2 && aws_ecs_service.nginx_service_2273C473.enable_execute_command
    error_message = "two tasks with ECS Exec on"
  }

  assert {
    condition     = aws_lb_target_group.nginx_load-balancer_target-group_1532DF12.target_type == "ip"
    error_message = "awsvpc tasks need an ip target group"
  }

  assert {
    condition     = aws_lb_target_group.nginx_load-balancer_target-group_1532DF12.port == 80
    error_message = "the target group must send to the container port"
  }

  assert {
    condition     = aws_lb.nginx_load-balancer_9CB7EE9E.internal && toset(aws_lb.nginx_load-balancer_9CB7EE9E.subnets) == toset(["subnet-0a1b2c3d", "subnet-0e1f2a3b"])
    error_message = "an internal load balancer lives in the private subnets"
  }

  assert {
    condition     = aws_lb.nginx_load-balancer_9CB7EE9E.drop_invalid_header_fields
    error_message = "the ALB must drop invalid header fields"
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.nginx-task_task-definition_90FD7AD4.container_definitions)[0].portMappings[0].containerPort == 80
    error_message = "nginx listens on container port 80"
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.nginx-task_task-definition_90FD7AD4.container_definitions)[0].linuxParameters.initProcessEnabled
    error_message = "ECS Exec needs the init process"
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.nginx-task_task-definition_90FD7AD4.container_definitions)[0].logConfiguration.options["awslogs-region"] == "us-east-1"
    error_message = "awslogs must write to the stack's region"
  }

  # The container security group admits the container port only, only from the load balancer's group.
  assert {
    condition     = aws_vpc_security_group_ingress_rule.nginx_from-load-balancer_A3A0D93E.security_group_id == aws_security_group.nginx_security-group_2FA2237F.id
    error_message = "the ingress rule must belong to the container security group"
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.nginx_from-load-balancer_A3A0D93E.from_port == 80 &&
      aws_vpc_security_group_ingress_rule.nginx_from-load-balancer_A3A0D93E.to_port == 80 &&
      aws_vpc_security_group_ingress_rule.nginx_from-load-balancer_A3A0D93E.ip_protocol == "tcp"
    )
    error_message = "the container security group must admit the container port (80/tcp) only"
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.nginx_from-load-balancer_A3A0D93E.referenced_security_group_id == aws_security_group.nginx_load-balancer_security-group_1CCF5470.id &&
      aws_vpc_security_group_ingress_rule.nginx_from-load-balancer_A3A0D93E.cidr_ipv4 == null
    )
    error_message = "the container security group must admit traffic from the load balancer's security group only"
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.nginx_load-balancer_security-group_to-tasks_2D5A6794.referenced_security_group_id == aws_security_group.nginx_security-group_2FA2237F.id &&
      aws_vpc_security_group_egress_rule.nginx_load-balancer_security-group_to-tasks_2D5A6794.from_port == 80
    )
    error_message = "the load balancer sends to the tasks' group on the container port only"
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.nginx_load-balancer_security-group_listener_F165A17E.cidr_ipv4 == "10.0.0.0/16"
    error_message = "an internal load balancer admits the VPC only"
  }

  assert {
    condition     = contains(aws_ecs_service.nginx_service_2273C473.network_configuration[0].security_groups, aws_security_group.nginx_security-group_2FA2237F.id)
    error_message = "the service's tasks carry the container security group"
  }

  assert {
    condition     = contains(jsondecode(aws_iam_role_policy.nginx-task_exec-policy_5A084262.policy).Statement[0].Action, "ssmmessages:OpenDataChannel")
    error_message = "the task role must allow the ECS Exec channels"
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.nginx-task_execution-policy_6299755F.policy).Statement :
      alltrue([for a in s.Action : length(regexall("[*?]", a)) == 0])
    ])
    error_message = "no wildcard actions in the execution role"
  }

  assert {
    condition     = jsondecode(aws_iam_role.nginx-task_task-role_C09DF2F0.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"][0] == "123456789012"
    error_message = "the task role trusts ecs-tasks of this account only"
  }
}
