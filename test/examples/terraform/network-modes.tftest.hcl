# examples/network-modes: the seeds' nginx task in awsvpc, host and bridge mode on one cluster,
# applied (and destroyed at teardown) under mock_provider. Addresses are those of the example's
# stack; test/examples/synth-examples.test.ts synthesizes it (scripts/synth-examples.ts).

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

run "three_network_modes" {
  command = apply

  assert {
    condition = (
      aws_ecs_task_definition.task-awsvpc_task-definition_0E3DEB79.network_mode == "awsvpc" &&
      aws_ecs_task_definition.task-host_task-definition_894E5E3D.network_mode == "host" &&
      aws_ecs_task_definition.task-bridge_task-definition_FD64607B.network_mode == "bridge"
    )
    error_message = "one task definition per network mode"
  }

  assert {
    condition = (
      length(aws_ecs_service.service-awsvpc_service_4A6E337B.network_configuration) == 1 &&
      length(aws_ecs_service.service-host_service_FBF2087C.network_configuration) == 0 &&
      length(aws_ecs_service.service-bridge_service_015AD6D6.network_configuration) == 0
    )
    error_message = "only the awsvpc service has a network configuration (task ENIs)"
  }

  assert {
    condition = (
      aws_ecs_service.service-awsvpc_service_4A6E337B.network_configuration[0].assign_public_ip == false &&
      toset(aws_ecs_service.service-awsvpc_service_4A6E337B.network_configuration[0].security_groups) == toset([aws_security_group.service-awsvpc_security-group_34235356.id])
    )
    error_message = "awsvpc tasks carry their own security group and no public IP"
  }

  assert {
    condition = alltrue([for s in [aws_ecs_service.service-awsvpc_service_4A6E337B, aws_ecs_service.service-host_service_FBF2087C, aws_ecs_service.service-bridge_service_015AD6D6] :
      s.cluster == aws_ecs_cluster.cluster_A4C38409.arn && s.desired_count == 2])
    error_message = "the three services run two tasks each on the one cluster"
  }

  # The same nginx container; only the port mapping differs.
  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.task-awsvpc_task-definition_0E3DEB79.container_definitions)[0].portMappings[0].hostPort == 80 &&
      jsondecode(aws_ecs_task_definition.task-host_task-definition_894E5E3D.container_definitions)[0].portMappings[0].hostPort == 80 &&
      jsondecode(aws_ecs_task_definition.task-bridge_task-definition_FD64607B.container_definitions)[0].portMappings[0].hostPort == 0
    )
    error_message = "awsvpc and host map port 80 to itself; bridge asks for a dynamic host port"
  }

  assert {
    condition = alltrue([for td in [aws_ecs_task_definition.task-awsvpc_task-definition_0E3DEB79, aws_ecs_task_definition.task-host_task-definition_894E5E3D, aws_ecs_task_definition.task-bridge_task-definition_FD64607B] :
      jsondecode(td.container_definitions)[0].image == "public.ecr.aws/nginx/nginx:1.27-alpine"])
    error_message = "the three tasks run the same nginx image, the alpine variant with the labs' ip and curl"
  }

  assert {
    condition = (
      !jsondecode(aws_ecs_task_definition.task-awsvpc_task-definition_0E3DEB79.container_definitions)[0].readonlyRootFilesystem &&
      !jsondecode(aws_ecs_task_definition.task-host_task-definition_894E5E3D.container_definitions)[0].readonlyRootFilesystem &&
      jsondecode(aws_ecs_task_definition.task-bridge_task-definition_FD64607B.container_definitions)[0].readonlyRootFilesystem
    )
    error_message = "the ECS Exec tasks (awsvpc, host) have a writable root filesystem, the bridge task a read-only one"
  }

  # The host-mode lab: ECS Exec into the host-mode task, whose task role the instances allow.
  assert {
    condition = (
      aws_ecs_service.service-host_service_FBF2087C.enable_execute_command &&
      aws_ecs_service.service-awsvpc_service_4A6E337B.enable_execute_command &&
      !aws_ecs_service.service-bridge_service_015AD6D6.enable_execute_command &&
      aws_ecs_task_definition.task-host_task-definition_894E5E3D.task_role_arn != null &&
      aws_ecs_task_definition.task-bridge_task-definition_FD64607B.task_role_arn != null
    )
    error_message = "ECS Exec is on for the awsvpc and host services, and the host-mode task has a task role"
  }

  assert {
    condition = (
      strcontains(base64decode(aws_launch_template.cluster_linux_launch-template_F0F34C93.user_data), "ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true") &&
      strcontains(base64decode(aws_launch_template.cluster_linux_launch-template_F0F34C93.user_data), "ECS_AWSVPC_BLOCK_IMDS=true")
    )
    error_message = "the instances let host-mode tasks have task roles, and still block instance metadata for awsvpc tasks"
  }

  # Where the rule that admits nginx lives.
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.service-awsvpc_from-vpc_E70DB252.security_group_id == aws_security_group.service-awsvpc_security-group_34235356.id &&
      aws_vpc_security_group_ingress_rule.service-awsvpc_from-vpc_E70DB252.from_port == 80
    )
    error_message = "awsvpc: port 80 opens on the tasks' own group"
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.service-host_from-vpc_C07B3E77.security_group_id == aws_security_group.cluster_linux_instance-sg_1DD9F321.id &&
      aws_vpc_security_group_ingress_rule.service-host_from-vpc_C07B3E77.from_port == 80 &&
      aws_vpc_security_group_ingress_rule.service-bridge_from-vpc_945E7F23.security_group_id == aws_security_group.cluster_linux_instance-sg_1DD9F321.id &&
      aws_vpc_security_group_ingress_rule.service-bridge_from-vpc_945E7F23.from_port == 32768 &&
      aws_vpc_security_group_ingress_rule.service-bridge_from-vpc_945E7F23.to_port == 65535
    )
    error_message = "host and bridge: ports open on the instances' group (port 80, or the dynamic range)"
  }

  assert {
    condition     = alltrue([for r in [aws_vpc_security_group_ingress_rule.service-awsvpc_from-vpc_E70DB252, aws_vpc_security_group_ingress_rule.service-host_from-vpc_C07B3E77, aws_vpc_security_group_ingress_rule.service-bridge_from-vpc_945E7F23] : r.cidr_ipv4 == "10.0.0.0/16"])
    error_message = "nginx is reachable from the VPC only"
  }

  assert {
    condition     = aws_route.network_private-default-route-0_6902C46B.nat_gateway_id == aws_nat_gateway.network_nat-0_D2F55FEE.id && aws_route.network_private-default-route-1_34ADC5F8.nat_gateway_id == aws_nat_gateway.network_nat-0_D2F55FEE.id
    error_message = "both private subnets route through the one NAT gateway"
  }
}
