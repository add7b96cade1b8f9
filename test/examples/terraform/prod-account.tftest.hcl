# examples/config/prod.json, account stack: the awsvpcTrunking opt-in under prevent_destroy (the
# default), which makes any destroy fail by design, so this file only plans.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

run "trunking_opt_in" {
  command = plan

  assert {
    condition     = aws_ecs_account_setting_default.account-settings_awsvpc-trunking_202B1681.name == "awsvpcTrunking" && aws_ecs_account_setting_default.account-settings_awsvpc-trunking_202B1681.value == "enabled"
    error_message = "prod opts in to ENI trunking"
  }
}
