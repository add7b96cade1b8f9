# The compliant reference stack (test/policy/fixtures.ts) under the real engine: the configuration the
# policy pack accepts, and the fixes its messages recommend, are valid Terraform for hashicorp/aws 5.100.0.
mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs

  mock_resource "aws_ecs_cluster" {
    defaults = { arn = "arn:aws:ecs:us-east-1:123456789012:cluster/lab", id = "arn:aws:ecs:us-east-1:123456789012:cluster/lab" }
  }
  override_data {
    target = data.aws_iam_policy_document.task-trust
    values = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}]}"
    }
  }
}

run "plan" {
  command = plan

  assert {
    condition     = aws_launch_template.lt.metadata_options[0].http_tokens == "required" && aws_launch_template.lt.metadata_options[0].http_put_response_hop_limit == 1
    error_message = "the launch template must require IMDSv2 with hop limit 1"
  }
  assert {
    condition     = strcontains(base64decode(aws_launch_template.lt.user_data), "ECS_AWSVPC_BLOCK_IMDS=true") && strcontains(base64decode(aws_launch_template.lt.user_data), "ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false")
    error_message = "the user data must close the instance metadata to awsvpc tasks"
  }
  assert {
    condition     = aws_launch_template.lt.block_device_mappings[0].ebs[0].encrypted == "true"
    error_message = "the root volume must be encrypted"
  }
  assert {
    condition     = aws_lb.lb.drop_invalid_header_fields == true
    error_message = "the load balancer must drop invalid header fields"
  }
  assert {
    condition     = aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS"
    error_message = "the HTTP listener must redirect to HTTPS"
  }
  assert {
    condition     = aws_ecs_service.web.network_configuration[0].assign_public_ip == false
    error_message = "tasks must not get public IPs"
  }
  assert {
    condition     = jsondecode(aws_iam_role.execution-role.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "the execution role must be trusted for this account only"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.web-task.container_definitions)[0].readonlyRootFilesystem == true
    error_message = "the container must have a read-only root filesystem"
  }
}

run "apply" {
  command = apply

  assert {
    condition     = aws_cloudwatch_log_group.web-logs.retention_in_days == 30
    error_message = "log groups must keep logs for a bounded time"
  }
}
