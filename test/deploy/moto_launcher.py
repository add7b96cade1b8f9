"""Starts moto's server (moto 5.2.1) on 127.0.0.1 with the two ECS gaps the deploy tier needs filled.

    python3 test/deploy/moto_launcher.py <port>

Test support only, never part of the product (docs/deploy-tier.md):
- ECS PutAccountSettingDefault is not implemented in moto 5.2.1: it is added here, storing the setting
  the way PutAccountSetting does (moto keeps one set of account settings per account and region).
- Account settings carry no principalArn in moto, and the AWS provider reads a setting back by it
  (aws_ecs_account_setting_default): every setting gets the account root as its principal.
AWS managed policies are loaded (MOTO_IAM_LOAD_MANAGED_POLICIES=true), so that role policy attachments
of AWS managed policies resolve. The account starts with the ECS service-linked role AWSServiceRoleForECS,
as every account that has used ECS does (the platform stack's plan checks that it exists).
"""
import os
import sys

os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

import moto  # noqa: E402
from moto.ecs import models, responses  # noqa: E402
from moto.core.responses import ActionResult  # noqa: E402

if moto.__version__ != "5.2.1":
    sys.exit(f"moto_launcher.py fills gaps of moto 5.2.1; found {moto.__version__}: review test/deploy/moto-gaps.json first")

_put = models.EC2ContainerServiceBackend.put_account_setting


def put_account_setting(self, name, value):
    setting = _put(self, name, value)
    setting.principal_arn = f"arn:aws:iam::{self.account_id}:root"
    setting.type = "user"
    return setting


def put_account_setting_default(self):
    setting = self.ecs_backend.put_account_setting(self._get_param("name"), self._get_param("value"))
    return ActionResult({"setting": setting})


models.EC2ContainerServiceBackend.put_account_setting = put_account_setting
responses.EC2ContainerServiceResponse.put_account_setting_default = put_account_setting_default

if __name__ == "__main__":
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends
    from moto.server import main

    # moto's create_service_linked_role names it AWSServiceRoleForecs; AWS names it AWSServiceRoleForECS.
    trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
    iam_backends[DEFAULT_ACCOUNT_ID]["global"].create_role(
        "AWSServiceRoleForECS", trust, "/aws-service-role/ecs.amazonaws.com/", None,
        "Role to enable Amazon ECS to manage your cluster.", [], None, linked_service="ecs.amazonaws.com")

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
