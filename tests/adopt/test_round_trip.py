"""adopt -> validate -> check-deployed -> plan -> synth -> import mapping, for pools made
through the Cognito API in moto's server (tests/adopt/pools.py), not from this package's
templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from pools import CORPUS, GROUP_ROLE, IDENTITY_POOL_ROLES

from aws_support import REGION
from cognito_auth import cli, load_config
from cognito_auth.adopt.mapping import identifiers
from support import assert_lint_clean, synth

BACKEND = "CognitoAuth/Auth"


def _roles(**_: Any) -> tuple[AWSResponse, dict[str, Any]]:
    """GetIdentityPoolRoles as the real API answers it (moto does not implement it)."""
    return AWSResponse("https://moto", 200, {}, None), {
        "IdentityPoolId": f"{REGION}:stub",
        "Roles": IDENTITY_POOL_ROLES,
    }


@pytest.fixture
def with_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    session = cli.aws_session

    def answering(region: str | None, profile: str | None) -> Any:
        made = session(region, profile)
        if not isinstance(made, str):
            made.events.register("before-call.cognito-identity.GetIdentityPoolRoles", _roles)
        return made

    monkeypatch.setattr(cli, "aws_session", answering)


def adopt(out: Path, made: dict[str, str], *more: str) -> int:
    args = ["adopt", "--user-pool-id", made["user_pool_id"], "--out", str(out), *more]
    if "identity_pool_id" in made:
        args += ["--identity-pool-id", made["identity_pool_id"]]
    return cli.main(args)


EXPECTED_TYPES = {
    "clients": "AWS::Cognito::UserPoolClient",
    "groups": "AWS::Cognito::UserPoolGroup",
    "providers": "AWS::Cognito::UserPoolIdentityProvider",
    "domain": "AWS::Cognito::UserPoolDomain",
    "resource_servers": "AWS::Cognito::UserPoolResourceServer",
    "identity_pool": "AWS::Cognito::IdentityPool",
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_round_trip(
    aws: boto3.Session,
    with_roles: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    made = CORPUS[name](aws)
    assert adopt(tmp_path, made) == 0, capsys.readouterr()
    config_path = tmp_path / "auth.yaml"
    lock_path = tmp_path / "auth.lock.json"
    capsys.readouterr()

    assert cli.main(["validate", str(config_path)]) == 0, capsys.readouterr()
    drift = cli.main(
        ["check-deployed", "--config", str(config_path), "--user-pool-id", made["user_pool_id"]]
    )
    out = capsys.readouterr().out
    assert drift == 0, out
    assert out.endswith("no drift\n")
    assert cli.main(["plan", "--config", str(config_path), "--lock", str(lock_path)]) == 0
    assert "no changes" in capsys.readouterr().out

    config = load_config(config_path)
    assert config.profile == "production"
    built = synth(config, stack_name="CognitoAuth", construct_id="Auth", lock_file=lock_path)
    resources = built.json["Resources"]
    mapping = json.loads((tmp_path / "import-mapping.json").read_text())
    for logical_id, identifier in mapping.items():
        assert logical_id in resources, f"{logical_id} is not in the template"
        kind = resources[logical_id]["Type"]
        assert sorted(identifier) == sorted(identifiers()[kind])
    # The pool, each client, group, provider, domain, resource server (and the identity
    # pool when adopted) is mapped: every resource of those types in the template.
    mapped_types = {resources[i]["Type"] for i in mapping}
    for kind in ("AWS::Cognito::UserPool", *EXPECTED_TYPES.values()):
        in_template = {i for i, r in resources.items() if r["Type"] == kind}
        assert in_template <= set(mapping), f"{kind} not mapped: {in_template - set(mapping)}"
    assert "AWS::Cognito::UserPool" in mapped_types
    pool_id = made["user_pool_id"]
    for identifier in mapping.values():
        assert identifier.get("UserPoolId", pool_id) == pool_id
    # The lock is the one the synth checks against: nothing changed in it.
    assert json.loads(lock_path.read_text())["backends"][BACKEND]
    # What the IMPORT change set requires of each resource: see
    # test_one_cdk_import_takes_every_mapped_resource.


def import_template(template: dict[str, Any], mapping: dict[str, Any]) -> dict[str, Any]:
    """The template of the IMPORT change set that ``cdk import --resource-mapping`` creates
    for a stack that does not exist yet, as the CDK CLI builds it (aws-cdk 2.1148.1,
    toolkit-lib ``api/resource-import/importer.ts``: ``currentTemplateWithAdditions``):
    the deployed template (none yet) plus each mapped resource's definition from the
    synthesized template, given ``DeletionPolicy: Retain`` when it has none
    (``addDefaultDeletionPolicy``). Unmapped resources (roles, the role attachment,
    outputs) are left out ("skipping") for the ``cdk deploy`` that follows."""
    resources = template["Resources"]
    imported = {}
    for logical_id in mapping:
        resource = dict(resources[logical_id])
        resource.setdefault("DeletionPolicy", "Retain")
        imported[logical_id] = resource
    return {"Resources": imported}


STATEFUL_TYPES = {
    "AWS::Cognito::UserPool": "users, passwords",
    "AWS::Cognito::IdentityPool": "identity ids",
    "AWS::Cognito::UserPoolGroup": "memberships",
    "AWS::Cognito::UserPoolClient": "client ids, secrets, refresh tokens",
    "AWS::Cognito::UserPoolIdentityProvider": "federated users' provider",
    "AWS::Cognito::UserPoolResourceServer": "clients' scopes",
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_one_cdk_import_takes_every_mapped_resource(
    aws: boto3.Session, with_roles: None, tmp_path: Path, name: str
) -> None:
    """What CloudFormation requires of the IMPORT change set that ``cdk import`` makes,
    checked on the template it will receive.

    - "Each resource to import must have a DeletionPolicy attribute" (CloudFormation User
      Guide, "Bringing existing resources into CloudFormation management",
      resource-import.html): any value. The CDK CLI itself adds ``Retain`` to a mapped
      resource that has none; ours all have one. Every resource that holds something the
      configuration cannot recreate (users, identity ids, memberships, client ids) is
      ``Retain`` in production; the hosted domain is deliberately ``Delete`` (it holds
      nothing, and a retained prefix would block the configuration's next deploy: see
      docs/guard.md), which the IMPORT change set accepts.
    - The automatic import (``cdk deploy --import-existing-resources``, CreateChangeSet
      ImportExistingResources) would demand ``Retain`` or ``RetainExceptOnCreate``, but it
      also needs a static name and a primary identifier written in the template, which
      none of these resources has (UserPoolId, ClientId and the identity pool's Id are
      read-only; the others' UserPoolId is a Ref): "Import AWS resources into a
      CloudFormation stack automatically" (import-resources-automatically.html). The
      guide therefore says ``cdk import``.
    - Every Ref, Fn::GetAtt and DependsOn of an imported resource must name a resource of
      the same template ("Template format error: Unresolved resource dependencies"):
      cfn-lint reports those as errors, so the import template must lint clean. A group
      keeps its existing role (``role_arn``) for that reason: the backend's group role is
      not in the stack yet.
    """
    made = CORPUS[name](aws)
    assert adopt(tmp_path, made) == 0
    config = load_config(tmp_path / "auth.yaml")
    built = synth(
        config, stack_name="CognitoAuth", construct_id="Auth", lock_file=tmp_path / "auth.lock.json"
    )
    resources = built.json["Resources"]
    mapping = json.loads((tmp_path / "import-mapping.json").read_text())
    for logical_id in mapping:
        resource = resources[logical_id]
        assert "DeletionPolicy" in resource, logical_id
        if resource["Type"] in STATEFUL_TYPES:
            assert resource["DeletionPolicy"] == "Retain", logical_id
            assert resource["UpdateReplacePolicy"] == "Retain", logical_id
        else:
            assert resource["Type"] == "AWS::Cognito::UserPoolDomain"
            assert resource["DeletionPolicy"] == "Delete"
    template = import_template(built.json, mapping)
    assert_lint_clean(template)
    # Nothing is left for a second import: every resource of an adopted type is mapped.
    adopted_types = {"AWS::Cognito::UserPool", *EXPECTED_TYPES.values()}
    left = {i for i, r in resources.items() if r["Type"] in adopted_types} - set(mapping)
    assert left == set()


def test_groups_keep_their_roles_through_the_import(
    aws: boto3.Session, with_roles: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Groups and an identity pool are imported in the same operation: a group with a
    role keeps it (``role_arn``), so that its definition refers to no role the stack does
    not have yet, and its members' credentials do not change; a group without a role stays
    without one (``iam_role: false``). The identity pool's roles are not mapped: the
    backend creates its own with the deploy after the import."""
    made = CORPUS["federated_hosted"](aws)
    assert adopt(tmp_path, made) == 0
    err = capsys.readouterr().err
    config = load_config(tmp_path / "auth.yaml")
    groups = {g.name: g for g in config.groups}
    assert groups["staff"].role_arn == GROUP_ROLE
    assert groups["newsletter"].role_arn is None
    assert groups["newsletter"].iam_role is False
    assert "two steps" not in (tmp_path / "auth.yaml").read_text()
    assert GROUP_ROLE not in err
    built = synth(
        config, stack_name="CognitoAuth", construct_id="Auth", lock_file=tmp_path / "auth.lock.json"
    )
    mapping = json.loads((tmp_path / "import-mapping.json").read_text())
    by_name = {
        r["Properties"]["GroupName"]: (i, r["Properties"])
        for i, r in built.resources("AWS::Cognito::UserPoolGroup").items()
    }
    assert by_name["staff"][1]["RoleArn"] == GROUP_ROLE
    assert "RoleArn" not in by_name["newsletter"][1]
    assert {by_name[n][0] for n in by_name} <= set(mapping)
    # The identity pool's roles are the backend's, created by the deploy after the import.
    assert not any(built.resources(kind).keys() & mapping for kind in ("AWS::IAM::Role",))


def test_the_lock_is_what_cognito_auth_lock_writes(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = CORPUS["username_aliases_custom_attributes"](aws)
    assert adopt(tmp_path, made, "--backend", "Prod/Users") == 0
    other = tmp_path / "locked-by-lock.json"
    config = str(tmp_path / "auth.yaml")
    assert (
        cli.main(["lock", "--config", config, "--lock", str(other), "--backend", "Prod/Users"]) == 0
    )
    assert (tmp_path / "auth.lock.json").read_text() == other.read_text()
    mapping = json.loads((tmp_path / "import-mapping.json").read_text())
    assert all(logical_id.startswith("Users") for logical_id in mapping)


def test_what_cannot_be_expressed_is_named(
    aws: boto3.Session, with_roles: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = CORPUS["federated_hosted"](aws)
    assert adopt(tmp_path, made, "--strict") == 1
    captured = capsys.readouterr()
    text = (tmp_path / "auth.yaml").read_text()
    header = text.split("\n\n", 1)[0] + "\n" + text.split("\n\n", 2)[1]
    for expected in (
        "tags ['team'] are not kept",
        f"cognito-auth/{made['user_pool_id']}/Google: the client secret of Google",
        f"cognito-auth/{made['user_pool_id']}/Okta: the client secret of Okta",
        '"pre_sign_up": lambda_.Function.from_function_arn(stack, "PreSignUpFunction", '
        '"arn:aws:lambda:us-east-1:123456789012:function:shop-pre-sign-up"),',
        "identity pool authenticated role: arn:aws:iam::123456789012:role/shop-auth",
    ):
        assert expected in text, expected
        assert expected in captured.err, expected
    assert header.startswith("# Adopted from user pool")
    for secret in ("google-secret-value", "okta-secret-value"):
        for written in tmp_path.iterdir():
            assert secret not in written.read_text()
        assert secret not in captured.out + captured.err
    assert "not adopted: tags ['team']" in captured.err
    # Without --strict the same pool is adopted with exit 0.
    assert adopt(tmp_path, made, "--force") == 0


def test_existing_files_need_force(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = CORPUS["email_console_defaults"](aws)
    (tmp_path / "auth.yaml").write_text("mine: true\n")
    assert adopt(tmp_path, made) == 2
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path / 'auth.yaml'} exist(s); pass --force to overwrite\n"
    assert (tmp_path / "auth.yaml").read_text() == "mine: true\n"
    assert not (tmp_path / "auth.lock.json").exists()
    assert adopt(tmp_path, made, "--force") == 0
    assert "mine" not in (tmp_path / "auth.yaml").read_text()


def test_a_pool_that_is_not_there(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert adopt(tmp_path, {"user_pool_id": "us-east-1_missing"}) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: user pool 'us-east-1_missing': not found (")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_no_credentials_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    assert adopt(tmp_path, {"user_pool_id": "us-east-1_x"}, "--region", REGION) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: user pool 'us-east-1_x': no AWS credentials found")
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_the_next_steps_are_printed_in_order(
    aws: boto3.Session, with_roles: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands of the takeover, in the guide's order, for the stack of --backend."""
    made = CORPUS["federated_hosted"](aws)
    assert adopt(tmp_path, made, "--backend", "Shop/Auth") == 0
    out = capsys.readouterr().out
    steps = out.split("next steps (docs/adopt-and-migrate.md, Adopting an existing pool):\n")[1]
    config, lock = tmp_path / "auth.yaml", tmp_path / "auth.lock.json"
    assert steps.splitlines() == [
        f"  1. review {config}; then: cognito-auth plan --config {config} --lock {lock}",
        "  2. create the Secrets Manager secrets listed above (adopt never copies them)",
        "  3. pass the Lambda triggers listed above to the AuthBackend at Shop/Auth (app.py)",
        f"  4. cdk import Shop --resource-mapping {tmp_path / 'import-mapping.json'}",
        "  5. cdk deploy Shop",
        f"  6. cognito-auth check-deployed --config {config} --stack Shop",
        f"  7. commit {config} and {lock} (beside cdk.json)",
    ]
    made = CORPUS["email_console_defaults"](aws)
    assert adopt(tmp_path / "plain", made) == 0
    out = capsys.readouterr().out
    assert "secrets" not in out
    assert "  2. cdk import CognitoAuth --resource-mapping" in out
