# examples/platform-and-service-team, a service team's app: the orders service on the platform's
# cluster, fed by the platform's outputs through terraform_remote_state (overridden here with what
# the platform's outputs hold once deployed). Applied and destroyed under mock_provider.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

# The platform's outputs, as its state holds them after `cdktf deploy acme-platform`.
override_data {
  target = data.terraform_remote_state.platform
  values = {
    outputs = {
      vpc_id                          = "vpc-0a1b2c3d4e5f60718"
      vpc_cidr_block                  = "10.0.0.0/16"
      availability_zones              = ["us-east-1a", "us-east-1b"]
      public_subnet_ids               = ["subnet-0p1a2b3c", "subnet-0p4d5e6f"]
      private_subnet_ids              = ["subnet-0a1b2c3d", "subnet-0e4f5a6b"]
      private_subnet_cidrs            = ["10.0.100.0/24", "10.0.101.0/24"]
      nat_gateway_mode                = "PER_AZ"
      cluster_name                    = "acme-shared"
      cluster_arn                     = "arn:aws:ecs:us-east-1:123456789012:cluster/acme-shared"
      capacity_provider_name          = "acme-general"
      capacity_provider_instance_type = "c5.large"
      capacity_provider_max_size      = 4
      instance_security_group_id      = "sg-0123456789abcdef0"
    }
  }
}

run "orders_on_the_platform" {
  command = apply

  assert {
    condition = (
      aws_ecs_service.service_E7C408F2.cluster == "arn:aws:ecs:us-east-1:123456789012:cluster/acme-shared" &&
      one([for s in aws_ecs_service.service_E7C408F2.capacity_provider_strategy : s.capacity_provider]) == "acme-general"
    )
    error_message = "the service runs on the platform's cluster and capacity provider"
  }

  assert {
    condition = (
      toset(aws_ecs_service.service_E7C408F2.network_configuration[0].subnets) == toset(["subnet-0a1b2c3d", "subnet-0e4f5a6b"]) &&
      aws_ecs_service.service_E7C408F2.network_configuration[0].assign_public_ip == false
    )
    error_message = "awsvpc tasks in the platform's private subnets, without public IPs"
  }

  assert {
    condition     = aws_security_group.service_security-group_9805553F.vpc_id == "vpc-0a1b2c3d4e5f60718" && aws_security_group.service_load-balancer_security-group_134EAC9A.vpc_id == "vpc-0a1b2c3d4e5f60718"
    error_message = "the service's security groups live in the platform's VPC"
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.service_load-balancer_security-group_listener_2F60D5D7.cidr_ipv4 == "10.0.0.0/16"
    error_message = "the internal load balancer admits the platform's VPC block only"
  }

  assert {
    condition = (
      aws_lb.service_load-balancer_B82ABA18.internal &&
      toset(aws_lb.service_load-balancer_B82ABA18.subnets) == toset(["subnet-0a1b2c3d", "subnet-0e4f5a6b"]) &&
      aws_lb_target_group.service_load-balancer_target-group_334EAD58.target_type == "ip" &&
      aws_lb_target_group.service_load-balancer_target-group_334EAD58.port == 8080 &&
      aws_lb_target_group.service_load-balancer_target-group_334EAD58.vpc_id == "vpc-0a1b2c3d4e5f60718"
    )
    error_message = "an internal load balancer in the private subnets sends to the tasks' IPs on 8080"
  }

  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.task_task-definition_EF01C385.container_definitions)[0].user == "101" &&
      jsondecode(aws_ecs_task_definition.task_task-definition_EF01C385.container_definitions)[0].readonlyRootFilesystem &&
      jsondecode(aws_ecs_task_definition.task_task-definition_EF01C385.container_definitions)[0].linuxParameters.tmpfs[0].containerPath == "/tmp"
    )
    error_message = "the orders container runs unprivileged on a read-only root filesystem"
  }
}
