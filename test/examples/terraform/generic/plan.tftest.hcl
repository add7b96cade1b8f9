# The plan every synthesized stack without a test file of its own gets
# (test/examples/synth-examples.test.ts): its own test/examples/terraform/<stack>.tftest.hcl (or <stack>.<part>.tftest.hcl) replace it.
# A plan under mock_provider evaluates every expression, precondition and provider-side check of the
# configuration without an AWS account; the shared mocks give the data sources realistic values.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks
}

run "plan" {
  command = plan
}
