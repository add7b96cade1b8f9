# The routing of a default network (a NAT gateway per AZ, two AZs) under the real engine, in one place
# for every stack that has one: the network stack (test/network/engine-stack.ts, network.tftest.hcl)
# and the default app's platform stack (test/stacks/terraform/platform.tftest.hcl). Both build it as
# the construct `network` at the root of their stack, so its Terraform addresses are the same.
#
# Not a test file of its own: `tftestWith` (test/engine/terraform.ts) appends this run to those test
# files, after their apply run, so that it uses their mock values and their applied state (a plan
# with nothing to change, every id known).
#
# Under mock_provider every id is a random string, so the asserts follow references instead of
# comparing ids with literals: private subnet -> its route table association -> the default route in
# that table -> the NAT gateway it names -> the subnet that NAT gateway is in -> that subnet's AZ, which
# must be the private subnet's own AZ.

run "default_network_routes" {
  command = plan

  # Each private subnet's default route goes to a NAT gateway in the private subnet's own AZ.
  assert {
    condition = alltrue([
      for s in [aws_subnet.network_private-0_A0649C48, aws_subnet.network_private-1_4188AF2B] :
      one([
        for a in [aws_route_table_association.network_private-rta-0_D5795043, aws_route_table_association.network_private-rta-1_4CA33A32] :
        one([
          for r in [aws_route.network_private-default-route-0_6902C46B, aws_route.network_private-default-route-1_34ADC5F8] :
          one([
            for n in [aws_nat_gateway.network_nat-0_D2F55FEE, aws_nat_gateway.network_nat-1_A72B97BB] :
            one([
              for p in [aws_subnet.network_public-0_A4E682E0, aws_subnet.network_public-1_8D79547B] :
              p.availability_zone if p.id == n.subnet_id
            ]) if n.id == r.nat_gateway_id
          ]) if r.route_table_id == a.route_table_id && r.destination_cidr_block == "0.0.0.0/0"
        ]) if a.subnet_id == s.id
      ]) == s.availability_zone
    ])
    error_message = "Each private subnet must route 0.0.0.0/0 to a NAT gateway in its own AZ."
  }

  assert {
    condition     = aws_nat_gateway.network_nat-0_D2F55FEE.id != aws_nat_gateway.network_nat-1_A72B97BB.id
    error_message = "A NAT gateway per AZ (the default) must create one NAT gateway per AZ."
  }

  # Each public subnet's default route goes to the internet gateway.
  assert {
    condition = alltrue([
      for s in [aws_subnet.network_public-0_A4E682E0, aws_subnet.network_public-1_8D79547B] :
      one([
        for a in [aws_route_table_association.network_public-rta-0_0A30B90E, aws_route_table_association.network_public-rta-1_34A86780] :
        one([
          for r in [aws_route.network_public-default-route_9AB86AC6] :
          r.gateway_id if r.route_table_id == a.route_table_id && r.destination_cidr_block == "0.0.0.0/0"
        ]) if a.subnet_id == s.id
      ]) == aws_internet_gateway.network_igw_5DF1EDA1.id
    ])
    error_message = "Each public subnet must route 0.0.0.0/0 to the internet gateway."
  }
}
