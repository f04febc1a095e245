"""``migrate_users_from``: the managed user_migration trigger (inline code from the
package's module, least-privilege role, its own log group), USER_PASSWORD_AUTH on user
clients, and the refusals that come before anything is built."""

from __future__ import annotations

import ast
import copy
import re
import sys
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
import yaml
from aws_cdk import Validations
from aws_cdk import aws_lambda as lambda_
from cdk_nag import AwsSolutionsChecks

import cognito_auth
from cognito_auth import AuthBackend, ConfigError
from cognito_auth.constructs.migration import ACTIONS, function_source
from support import Synth, synth

OLD_POOL = "us-east-1_AbCdEf123"
OLD_CLIENT = "1a2b3c4d5e6f7g8h9i0j1k2l3m"
MIGRATE = {"user_pool_id": OLD_POOL, "client_id": OLD_CLIENT}


def migrating(**config: Any) -> Synth:
    return synth({"migrate_users_from": MIGRATE, **config})


def migration_function(result: Synth) -> tuple[str, dict[str, Any]]:
    functions = result.resources("AWS::Lambda::Function")
    (key,) = [k for k in functions if k.startswith("AuthUserMigration")]
    return key, functions[key]


def test_the_function_is_the_package_module_inline() -> None:
    result = migrating(user_attributes={"custom": {"tenant": {}}, "given_name": {"required": True}})
    key, resource = migration_function(result)
    props = resource["Properties"]
    assert props["Code"] == {"ZipFile": function_source()}
    assert props["Handler"] == "index.handler"
    assert props["Runtime"].startswith("python3.")
    assert props["Timeout"] == 5
    assert props["Environment"]["Variables"] == {
        "SOURCE_USER_POOL_ID": OLD_POOL,
        "SOURCE_CLIENT_ID": OLD_CLIENT,
        "SOURCE_REGION": "us-east-1",
        "TARGET_CUSTOM_ATTRIBUTES": "custom:tenant",
        "TARGET_REQUIRED_ATTRIBUTES": "email,given_name",
    }
    assert result.only("AWS::Cognito::UserPool")["LambdaConfig"] == {
        "UserMigration": {"Fn::GetAtt": [key, "Arn"]}
    }
    assert result.backend.triggers["user_migration"] is not None
    # No asset: nothing to bundle or upload at synth, no Docker.
    assert "Metadata" not in resource or "aws:asset:path" not in resource["Metadata"]


def test_the_code_changes_only_with_the_module_not_the_package_version() -> None:
    """What a user's snapshot holds is the module's text: no version, no path, no hash."""
    source = function_source()
    assert (
        source == (Path(cognito_auth.__file__).parent / "functions/user_migration.py").read_text()
    )
    version = getattr(cognito_auth, "__version__", None)
    assert version is None or version not in source


def test_the_module_imports_only_what_the_lambda_runtime_has() -> None:
    tree = ast.parse(function_source())
    imported = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    runtime = {"boto3", "botocore", "__future__"}
    typing_only = {"mypy_boto3_cognito_idp"}  # under TYPE_CHECKING, never imported at run time
    assert imported - runtime - typing_only <= set(sys.stdlib_module_names)
    assert "cognito_auth" not in imported


def test_the_role_may_read_and_sign_in_on_the_old_pool_only() -> None:
    result = migrating()
    _, resource = migration_function(result)
    role = resource["Properties"]["Role"]["Fn::GetAtt"][0]
    (policy,) = [
        p["Properties"]
        for p in result.resources("AWS::IAM::Policy").values()
        if p["Properties"]["Roles"] == [{"Ref": role}]
    ]
    first, logs = policy["PolicyDocument"]["Statement"]
    assert first["Action"] == list(ACTIONS)
    assert first["Resource"] == {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":cognito-idp:us-east-1:",
                {"Ref": "AWS::AccountId"},
                f":userpool/{OLD_POOL}",
            ],
        ]
    }
    assert logs["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    log_group = resource["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
    assert logs["Resource"] == {"Fn::GetAtt": [log_group, "Arn"]}
    assert result.json["Resources"][role]["Properties"].get("ManagedPolicyArns") is None
    assert result.json["Resources"][log_group]["DeletionPolicy"] == "Retain"


def test_user_clients_allow_user_password_auth_machine_clients_not() -> None:
    result = migrating(
        login_with={"email": True, "external_providers": {"domain_prefix": "migrating-test"}},
        clients=[
            {"name": "web"},
            {"name": "backend", "kind": "server"},
            {"name": "jobs", "kind": "machine", "scopes": ["api/read"]},
        ],
        resource_servers=[
            {"identifier": "api", "name": "API", "scopes": [{"name": "read", "description": "r"}]}
        ],
    )
    flows = {
        c["Properties"].get("ClientName", key): c["Properties"].get("ExplicitAuthFlows", [])
        for key, c in result.resources("AWS::Cognito::UserPoolClient").items()
    }
    with_password = sorted(k for k, v in flows.items() if "ALLOW_USER_PASSWORD_AUTH" in v)
    assert len(with_password) == 2
    assert all("Jobs" not in k for k in with_password)
    without = synth({}).only("AWS::Cognito::UserPoolClient")["ExplicitAuthFlows"]
    assert "ALLOW_USER_PASSWORD_AUTH" not in without


def test_a_user_migration_trigger_of_ones_own_is_refused() -> None:
    def before(stack: cdk.Stack) -> dict[str, Any]:
        own = lambda_.Function(
            stack,
            "Own",
            runtime=lambda_.Runtime.PYTHON_3_13,
            handler="index.handler",
            code=lambda_.Code.from_inline("def handler(e, c):\n    return e\n"),
        )
        return {"triggers": {"user_migration": own}}

    with pytest.raises(ConfigError) as caught:
        synth({"migrate_users_from": MIGRATE}, before=before)
    text = caught.value.render()
    assert "triggers.user_migration: migrate_users_from adds a managed user_migration" in text
    assert "remove user_migration from triggers, or remove migrate_users_from" in text


def test_a_pool_in_another_region_than_the_stack_needs_region() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Eu", env=cdk.Environment(region="eu-west-1"))
    with pytest.raises(ConfigError) as caught:
        AuthBackend(stack, "Auth", config={"migrate_users_from": MIGRATE}, lock_file=None)
    text = caught.value.render()
    assert "migrate_users_from.region: the pool id us-east-1_AbCdEf123 belongs to us-east-1" in text
    assert "add region: us-east-1 under migrate_users_from" in text
    assert stack.node.try_find_child("Auth") is None  # nothing built

    other = cdk.Stack(app, "Eu2", env=cdk.Environment(region="eu-west-1"))
    AuthBackend(
        other,
        "Auth",
        config={"migrate_users_from": {**MIGRATE, "region": "us-east-1"}},
        lock_file=None,
    )
    template = cdk.assertions.Template.from_stack(other).to_json()
    (function,) = [
        r for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::Function"
    ]
    assert function["Properties"]["Environment"]["Variables"]["SOURCE_REGION"] == "us-east-1"
    assert ":cognito-idp:us-east-1:" in str(template)


def test_cdk_nag_finds_nothing_unacknowledged(tmp_path: Path) -> None:
    """The function runs the newest Python runtime (AwsSolutions-L1), and its role has no
    managed policy (IAM4) and no wildcard (IAM5). No AwsSolutions rule concerns a client's
    auth flows, so USER_PASSWORD_AUTH has nothing to acknowledge."""
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    Validations.of(app).add_plugins(AwsSolutionsChecks())
    AuthBackend(
        cdk.Stack(app, "Nagged"),
        "Auth",
        config={"profile": "production", "migrate_users_from": MIGRATE},
        lock_file=None,
    )
    app.synth()


def _readme_section() -> str:
    text = (Path(__file__).parents[2] / "docs" / "adopt-and-migrate.md").read_text()
    return text.split("## Migrating users to a new pool\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_example_synthesizes_and_its_mask_works() -> None:
    section = _readme_section()
    (example,) = re.findall(r"```yaml\n(.*?)```", section, re.S)
    result = synth(yaml.safe_load(example))
    assert "user_migration" in result.backend.triggers
    (snippet,) = re.findall(r"```python\n(.*?)```", section, re.S)
    template = copy.deepcopy(result.json)
    exec(snippet, {"template": template})  # the README's own lines, run as written
    _, resource = migration_function(Synth(result.template, template, result.backend, result.stack))
    assert resource["Properties"]["Code"] == {"ZipFile": "INLINE-CODE"}
    assert "authFlowType: 'USER_PASSWORD_AUTH'" in section
