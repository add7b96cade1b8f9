# examples/config/dev.json, account stack: the awsvpcTrunking opt-in. dev.json turns prevent_destroy
# off (a sandbox account is torn down whole), so this run applies and terraform test then destroys.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

run "trunking_opt_in" {
  command = apply

  assert {
    condition     = aws_ecs_account_setting_default.account-settings_awsvpc-trunking_202B1681.name == "awsvpcTrunking" && aws_ecs_account_setting_default.account-settings_awsvpc-trunking_202B1681.value == "enabled"
    error_message = "dev opts in to ENI trunking"
  }
}
