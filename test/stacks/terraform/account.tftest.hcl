# Real-engine check of the default app's account-settings stack (lab-account): the awsvpcTrunking
# opt-in, planned under mock_provider. Addresses are the default app's (construct ids are stable).
#
# Only `command = plan` runs here, on purpose. The setting carries `lifecycle { prevent_destroy = true }`
# (destroying it resets awsvpcTrunking to disabled for the whole account and region), and
# `terraform test` destroys whatever an apply run created when the file ends: that teardown fails with
# "Instance cannot be destroyed" and the file fails although every assertion passed. A plan run
# checks every value this stack sets; default-app.engine.test.ts checks prevent_destroy in the JSON.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

run "plan_trunking_opt_in" {
  command = plan

  assert {
    condition     = aws_ecs_account_setting_default.account-settings_awsvpc-trunking_202B1681.name == "awsvpcTrunking"
    error_message = "the account stack must declare the awsvpcTrunking setting"
  }

  assert {
    condition     = aws_ecs_account_setting_default.account-settings_awsvpc-trunking_202B1681.value == "enabled"
    error_message = "the awsvpcTrunking setting must be enabled"
  }

  # The platform stack reads this output through terraform_remote_state: its instances depend on the opt-in.
  assert {
    condition     = nonsensitive(output.cross-stack-output-aws_ecs_account_setting_defaultaccount-settings_awsvpc-trunking_202B1681value) == "enabled"
    error_message = "the account stack must export the setting's value for the platform stack"
  }
}
