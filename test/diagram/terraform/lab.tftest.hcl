# The lab stack the diagram tests draw is real Terraform: it validates and plans under a mock
# provider, with the values the diagram tests expect. (One plan run: the diagram reads only the
# configuration, so an apply run would add seconds and no assurance.)
mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs

  # The lab's two AZs (the shared mocks name three).
  override_data {
    target = data.aws_availability_zones.azs
    values = {
      names = ["us-east-1a", "us-east-1b"]
    }
  }
}

run "plan" {
  command = plan

  assert {
    condition     = aws_subnet.public-0.cidr_block == "10.0.0.0/24" && aws_subnet.private-1.cidr_block == "10.0.192.0/18"
    error_message = "the subnets' CIDR blocks are not the ones the diagram tests expect"
  }

  assert {
    condition     = aws_subnet.private-0.availability_zone == "us-east-1a" && aws_subnet.private-1.availability_zone == "us-east-1b"
    error_message = "the private subnets are not one per AZ"
  }

  assert {
    condition     = aws_launch_template.lt.instance_type == "c5.large" && aws_autoscaling_group.asg.max_size == 4
    error_message = "the Auto Scaling group is not the one the diagram tests expect"
  }

  assert {
    condition     = aws_ecs_service.web.desired_count == 2 && aws_ecs_task_definition.web-td.network_mode == "awsvpc"
    error_message = "the service is not the one the diagram tests expect"
  }

  assert {
    condition     = aws_lb.alb.internal == false && aws_lb_listener.http.port == 80
    error_message = "the load balancer is not the one the diagram tests expect"
  }
}
