# Real-engine check of the network layer (stack: test/network/engine-stack.ts).
#
# Under mock_provider every id is a random string, so the routing assertions follow references
# instead of comparing ids with literals: private subnet -> its route table association -> the
# default route in that table -> the NAT gateway it names -> the subnet that NAT gateway is in ->
# that subnet's AZ, which must be the private subnet's own AZ.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

run "plan_default_network" {
  command = plan

  assert {
    condition     = aws_vpc.network_vpc_4E8F0223.cidr_block == "10.0.0.0/16" && aws_vpc.network_vpc_4E8F0223.enable_dns_support && aws_vpc.network_vpc_4E8F0223.enable_dns_hostnames
    error_message = "The default VPC must be 10.0.0.0/16 with DNS support and DNS hostnames on."
  }

  assert {
    condition = [
      aws_subnet.network_public-0_A4E682E0.cidr_block, aws_subnet.network_public-1_8D79547B.cidr_block,
      aws_subnet.network_private-0_A0649C48.cidr_block, aws_subnet.network_private-1_4188AF2B.cidr_block,
    ] == ["10.0.0.0/24", "10.0.1.0/24", "10.0.100.0/24", "10.0.101.0/24"]
    error_message = "The default subnets must reproduce the seed lab."
  }

  assert {
    condition = [
      aws_subnet.network_public-0_A4E682E0.availability_zone, aws_subnet.network_public-1_8D79547B.availability_zone,
      aws_subnet.network_private-0_A0649C48.availability_zone, aws_subnet.network_private-1_4188AF2B.availability_zone,
    ] == ["us-east-1a", "us-east-1b", "us-east-1a", "us-east-1b"]
    error_message = "Subnets must take the first AZs of the aws_availability_zones data source, one per tier per AZ."
  }

  assert {
    condition = alltrue([
      for s in [aws_subnet.network_private-0_A0649C48, aws_subnet.network_private-1_4188AF2B] :
      !s.map_public_ip_on_launch && !s.enable_resource_name_dns_a_record_on_launch && s.private_dns_hostname_type_on_launch == "ip-name"
    ])
    error_message = "Private subnets: no public IPs, no resource-name DNS A records on launch, ip-name hostnames."
  }

  assert {
    condition     = !aws_subnet.network_public-0_A4E682E0.map_public_ip_on_launch && !aws_subnet.network_public-1_8D79547B.map_public_ip_on_launch
    error_message = "Public subnets must not map public IPs on launch either."
  }

  assert {
    condition     = length(aws_default_security_group.network_default-sg_0F35F98C.ingress) == 0 && length(aws_default_security_group.network_default-sg_0F35F98C.egress) == 0
    error_message = "The default security group must be taken over with no rules."
  }

  assert {
    condition     = aws_cloudwatch_log_group.network_flow-log-group_73759AFD.retention_in_days == 365 && aws_flow_log.network_flow-log_4CEF6CCF.traffic_type == "ALL"
    error_message = "Flow logs must be on by default, all traffic, kept 365 days."
  }

  assert {
    condition     = jsondecode(aws_iam_role.network_flow-log-role_D4C6C2EC.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "The flow log role must only trust the flow logs service on behalf of this account."
  }

  assert {
    condition = alltrue([
      for e in [
        aws_vpc_endpoint.isolated_endpoint-ecr-api_36E09382, aws_vpc_endpoint.isolated_endpoint-ecr-dkr_A92A052E,
        aws_vpc_endpoint.isolated_endpoint-logs_5686BCCA, aws_vpc_endpoint.isolated_endpoint-ecs_2D1F54E9,
        aws_vpc_endpoint.isolated_endpoint-ecs-agent_AB0D60BD, aws_vpc_endpoint.isolated_endpoint-ecs-telemetry_6ADD5899,
        aws_vpc_endpoint.isolated_endpoint-ssm_2B11FF2F, aws_vpc_endpoint.isolated_endpoint-ssmmessages_936C3957,
        aws_vpc_endpoint.isolated_endpoint-ec2messages_5224086E,
      ] : e.vpc_endpoint_type == "Interface" && e.private_dns_enabled && startswith(e.service_name, "com.amazonaws.us-east-1.")
    ]) && aws_vpc_endpoint.isolated_endpoint-s3_05B2F4B7.vpc_endpoint_type == "Gateway" && aws_vpc_endpoint.isolated_endpoint-s3_05B2F4B7.service_name == "com.amazonaws.us-east-1.s3"
    error_message = "Endpoints: interface endpoints with private DNS, S3 as a gateway endpoint, named for the region."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.isolated_endpoint-https-from-vpc_8A3B8EB9.cidr_ipv4 == "10.2.0.0/20" && aws_vpc_security_group_ingress_rule.isolated_endpoint-https-from-vpc_8A3B8EB9.from_port == 443 && aws_vpc_security_group_ingress_rule.isolated_endpoint-https-from-vpc_8A3B8EB9.to_port == 443
    error_message = "The endpoint security group must admit HTTPS from the VPC only."
  }
}

run "apply_routes" {
  command = apply

  # The default network's routing (NAT gateway per AZ): default-network-routing.runs.hcl, which the
  # engine test appends after this run (the default app's platform stack runs it too).

  # SINGLE: every private subnet routes to the one NAT gateway, which sits in the first AZ's public subnet.
  assert {
    condition = alltrue([
      for r in [aws_route.single_private-default-route-0_971C5488, aws_route.single_private-default-route-1_C6EC5DC6, aws_route.single_private-default-route-2_0A7AA9B2] :
      r.nat_gateway_id == aws_nat_gateway.single_nat-0_61BFBCD0.id
    ]) && aws_nat_gateway.single_nat-0_61BFBCD0.subnet_id == aws_subnet.single_public-0_CB07DC0C.id && aws_subnet.single_public-0_CB07DC0C.availability_zone == "us-east-1a"
    error_message = "SINGLE: all private subnets must route to the one NAT gateway in us-east-1a."
  }

  assert {
    condition = alltrue([
      for pair in [
        [aws_route_table_association.single_private-rta-0_6C6A731B, aws_subnet.single_private-0_A4FB8453, aws_route.single_private-default-route-0_971C5488],
        [aws_route_table_association.single_private-rta-1_453B4EA3, aws_subnet.single_private-1_A83B13DF, aws_route.single_private-default-route-1_C6EC5DC6],
        [aws_route_table_association.single_private-rta-2_986DAE5C, aws_subnet.single_private-2_D9FB15B2, aws_route.single_private-default-route-2_0A7AA9B2],
      ] : pair[0].subnet_id == pair[1].id && pair[0].route_table_id == pair[2].route_table_id
    ])
    error_message = "SINGLE: each private subnet must be associated with the route table that holds its default route."
  }

  # NONE: the S3 gateway endpoint is on both private route tables (the only way out of those subnets).
  assert {
    condition = toset(aws_vpc_endpoint.isolated_endpoint-s3_05B2F4B7.route_table_ids) == toset([
      aws_route_table.isolated_private-rt-0_E6FF3397.id, aws_route_table.isolated_private-rt-1_14CEDA3D.id,
    ])
    error_message = "NONE: the S3 gateway endpoint must be on every private route table."
  }
}
