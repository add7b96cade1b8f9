# examples/everyday-options, storage part (storage.ts): the EFS-backed files service and the settings
# service configured by an environment map, an environment file and secrets, applied (and destroyed
# at teardown) under mock_provider. test/examples/synth-examples.test.ts runs it, with the other
# parts' everyday-options.<part>.tftest.hcl files, on the stack `npm run synth:examples` writes.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs

  # What the policies and task definitions of this part are built from: realistic ids and ARNs.
  mock_resource "aws_efs_file_system" {
    defaults = { id = "fs-0123456789abcdef0", arn = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0" }
  }
  mock_resource "aws_efs_access_point" {
    defaults = { id = "fsap-0123456789abcdef0", arn = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0" }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:everyday/settings/database-AbCdEf" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { id = "everyday-config-20260101", arn = "arn:aws:s3:::everyday-config-20260101" }
  }
  mock_resource "aws_s3_object" {
    defaults = { arn = "arn:aws:s3:::everyday-config-20260101/settings/app.env" }
  }
}

run "storage" {
  command = apply

  assert {
    condition = alltrue([for v in aws_ecs_task_definition.storage_files-task_task-definition_2A0254B8.volume : (
      v.name == "uploads" &&
      one(v.efs_volume_configuration).file_system_id == aws_efs_file_system.storage_file-system_BC0760C4.id &&
      one(v.efs_volume_configuration).transit_encryption == "ENABLED" &&
      one(one(v.efs_volume_configuration).authorization_config).iam == "ENABLED" &&
      one(one(v.efs_volume_configuration).authorization_config).access_point_id == aws_efs_access_point.storage_access-point_6DF311E5.id
    )]) && length(aws_ecs_task_definition.storage_files-task_task-definition_2A0254B8.volume) == 1
    error_message = "the files task mounts the access point over TLS with its task role"
  }

  assert {
    condition = (
      aws_efs_mount_target.storage_mount-target-0_0B20F9AA.subnet_id != aws_efs_mount_target.storage_mount-target-1_A24DC9FD.subnet_id &&
      toset(aws_efs_mount_target.storage_mount-target-0_0B20F9AA.security_groups) == toset([aws_security_group.storage_efs-security-group_15CCCE8C.id])
    )
    error_message = "one mount target per private subnet, in the file system's own security group"
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.storage_efs-group_from-files-2049-tcp_32F8AD5B.security_group_id == aws_security_group.storage_efs-security-group_15CCCE8C.id &&
      aws_vpc_security_group_ingress_rule.storage_efs-group_from-files-2049-tcp_32F8AD5B.referenced_security_group_id == aws_security_group.storage_files_security-group_82D86E4B.id &&
      aws_vpc_security_group_ingress_rule.storage_efs-group_from-files-2049-tcp_32F8AD5B.from_port == 2049 &&
      aws_vpc_security_group_egress_rule.storage_files_to-files-efs-2049-tcp_EFB5A7EA.referenced_security_group_id == aws_security_group.storage_efs-security-group_15CCCE8C.id
    )
    error_message = "only the files tasks reach the mount targets, on NFS"
  }

  assert {
    condition = (
      jsondecode(aws_iam_role_policy.storage_files-task_efs-policy_5F55DC0B.policy).Statement[0].Resource == [aws_efs_file_system.storage_file-system_BC0760C4.arn] &&
      jsondecode(aws_iam_role_policy.storage_files-task_efs-policy_5F55DC0B.policy).Statement[0].Condition.StringEquals["elasticfilesystem:AccessPointArn"] == [aws_efs_access_point.storage_access-point_6DF311E5.arn]
    )
    error_message = "the task role may mount that file system, through that access point only"
  }

  assert {
    condition = (
      [for s in jsondecode(aws_ecs_task_definition.storage_settings-task_task-definition_2BF65C12.container_definitions)[0].secrets : s.valueFrom] ==
      ["/everyday/settings/api-key", aws_secretsmanager_secret.storage_database-secret_78AFEE61.arn, "${aws_secretsmanager_secret.storage_database-secret_78AFEE61.arn}:password::"] &&
      jsondecode(aws_ecs_task_definition.storage_settings-task_task-definition_2BF65C12.container_definitions)[0].environmentFiles[0].value == aws_s3_object.storage_settings-env_64B53DE9.arn
    )
    error_message = "the settings container reads the parameter, the whole secret, its password key and the environment file"
  }

  assert {
    condition = (
      [for s in jsondecode(aws_iam_role_policy.storage_settings-task_execution-policy_0AB1AE19.policy).Statement : s.Resource if s.Sid == "LocateEnvironmentFileBuckets"][0] == [aws_s3_bucket.storage_config-bucket_5476B925.arn] &&
      [for s in jsondecode(aws_iam_role_policy.storage_settings-task_execution-policy_0AB1AE19.policy).Statement : s.Resource if s.Sid == "ReadSecrets"][0] == [aws_secretsmanager_secret.storage_database-secret_78AFEE61.arn]
    )
    error_message = "the execution role reads the secret once and locates the environment file's bucket"
  }
}
