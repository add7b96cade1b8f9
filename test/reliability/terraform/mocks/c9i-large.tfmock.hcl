# Added to the shared mocks (test/engine/mocks) for the plan-time test files in the folder above:
# c9i.large, which the ENI table does not know, with enough network interfaces for the default app's
# peak (2 awsvpc tasks per instance: 4 tasks over at most 2 instances, so 3 interfaces). A test file
# that wants fewer says so in its own mock_provider block, which takes precedence.
mock_data "aws_ec2_instance_type" {
  defaults = {
    maximum_network_interfaces = 3
  }
}
