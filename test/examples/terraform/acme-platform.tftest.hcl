# examples/platform-and-service-team, the platform team's app: network, shared cluster, capacity
# provider and the outputs the service teams read. Applied (and destroyed at teardown) under
# mock_provider; the asserts check the outputs against the resources they come from.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
  # The cluster ARN the platform exports (asserted below).
  mock_resource "aws_ecs_cluster" {
    defaults = { arn = "arn:aws:ecs:us-east-1:123456789012:cluster/acme-shared" }
  }
}

run "platform" {
  command = apply

  assert {
    condition     = output.vpc_id == aws_vpc.network_vpc_4E8F0223.id && output.vpc_cidr_block == "10.0.0.0/16"
    error_message = "the VPC's id and block are outputs"
  }

  assert {
    condition     = output.availability_zones == ["us-east-1a", "us-east-1b"]
    error_message = "the two AZs are an output, in subnet order"
  }

  assert {
    condition = (
      output.private_subnet_ids == [aws_subnet.network_private-0_A0649C48.id, aws_subnet.network_private-1_4188AF2B.id] &&
      output.public_subnet_ids == [aws_subnet.network_public-0_A4E682E0.id, aws_subnet.network_public-1_8D79547B.id] &&
      output.private_subnet_cidrs == ["10.0.100.0/24", "10.0.101.0/24"]
    )
    error_message = "the subnets are outputs, one per AZ in AZ order"
  }

  assert {
    condition     = [aws_subnet.network_private-0_A0649C48.availability_zone, aws_subnet.network_private-1_4188AF2B.availability_zone] == output.availability_zones
    error_message = "the subnet lists follow the AZ list"
  }

  assert {
    condition = (
      output.cluster_name == aws_ecs_cluster.cluster_A4C38409.name &&
      output.cluster_arn == "arn:aws:ecs:us-east-1:123456789012:cluster/acme-shared" &&
      output.capacity_provider_name == aws_ecs_capacity_provider.cluster_general_capacity-provider_66764B5F.name &&
      output.instance_security_group_id == aws_security_group.cluster_general_instance-sg_439CE4BA.id
    )
    error_message = "the cluster, its capacity provider and the instances' group are outputs"
  }

  assert {
    condition = (
      output.capacity_provider_instance_type == aws_launch_template.cluster_general_launch-template_6D8FEEB2.instance_type &&
      output.capacity_provider_max_size == aws_autoscaling_group.cluster_general_asg_31D77C96.max_size &&
      output.nat_gateway_mode == "PER_AZ"
    )
    error_message = "the capacity facts of the contract are outputs too"
  }

  assert {
    condition     = contains(aws_ecs_cluster_capacity_providers.cluster_capacity-providers_D17397A4.capacity_providers, output.capacity_provider_name)
    error_message = "the shared capacity provider belongs to the cluster"
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.cluster_general_launch-template_6D8FEEB2.user_data), "ECS_ENABLE_HIGH_DENSITY_ENI=true")
    error_message = "the shared instances are launched for ENI trunking"
  }
}
