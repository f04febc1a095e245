"""check-deployed against moto's server: pools created from the package's own template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml

from aws_support import create_backend, create_stack_with_outputs
from cognito_auth import AuthConfig
from cognito_auth.cli import main
from cognito_auth.guard.deployed import (
    DeployedPool,
    compare,
    deployed_state,
    expected_state,
)
from samples import API
from support import synth

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"


def deploy(session: boto3.Session, config: dict[str, Any]) -> dict[str, str]:
    return create_backend(session, synth(config).json)


def check(tmp_path: Path, config: dict[str, Any], *args: str) -> int:
    path = tmp_path / "auth.yaml"
    path.write_text(yaml.safe_dump(config))
    return main(["check-deployed", "--config", str(path), *args])


def example(name: str) -> dict[str, Any]:
    """An example configuration as moto can hold it: moto's SetUserPoolMfaConfig drops
    EmailMfaConfiguration, so email MFA (checked with real API shapes below) is off."""
    config: dict[str, Any] = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text())
    if config.get("multifactor", {}).get("email"):
        config["multifactor"]["email"] = False
    return config


def shop() -> dict[str, Any]:
    return example("shop")


@pytest.mark.parametrize("name", ["minimal", "shop", "phone"])
def test_no_drift_for_a_pool_created_from_the_package_settings(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    config = example(name)
    ids = deploy(aws, config)
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 0, capsys.readouterr()
    assert capsys.readouterr().out.endswith("no drift\n")


def test_found_through_the_stack_outputs(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = deploy(aws, shop())
    create_stack_with_outputs(
        aws,
        "ShopAuth",
        {"AuthUserPoolId": ids["user_pool_id"], "AuthUserPoolClientId": ids["client_id"]},
    )
    assert check(tmp_path, shop(), "--stack", "ShopAuth") == 0
    assert "no drift" in capsys.readouterr().out


def test_changed_sign_in_attribute_is_drift(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = deploy(aws, {"login_with": {"email": True}})
    changed = {"login_with": {"phone": True}, "multifactor": {"mode": "optional", "sms": True}}
    assert check(tmp_path, changed, "--user-pool-id", ids["user_pool_id"]) == 1
    out = capsys.readouterr().out
    assert "  login_with.email: configured off, deployed on\n" in out
    assert "  login_with.phone: configured on, deployed off\n" in out


def test_removed_custom_attribute_is_drift(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = deploy(aws, shop())
    config = shop()
    del config["user_attributes"]["custom"]["newsletter"]
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 1
    out = capsys.readouterr().out
    assert (
        "  user_attributes.custom: configured [loyalty_points, tenant_id], "
        "deployed [loyalty_points, newsletter, tenant_id]\n" in out
    )
    assert out.count("\n  ") == 1


def test_pool_changed_by_hand_is_drift(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = deploy(aws, {"groups": ["ADMINS"]})
    cognito = aws.client("cognito-idp")
    cognito.update_user_pool(
        UserPoolId=ids["user_pool_id"],
        Policies={"PasswordPolicy": {"MinimumLength": 6}},
        DeletionProtection="INACTIVE",
        AutoVerifiedAttributes=["email"],
    )
    cognito.update_group(UserPoolId=ids["user_pool_id"], GroupName="ADMINS", Precedence=9)
    assert check(tmp_path, {"groups": ["ADMINS"]}, "--user-pool-id", ids["user_pool_id"]) == 1
    out = capsys.readouterr().out
    assert "  password_policy.min_length: configured 12, deployed 6\n" in out
    assert "  profile.deletion_protection: configured on, deployed off\n" in out
    assert "  groups.ADMINS.precedence: configured 0, deployed 9\n" in out


def test_every_client_is_compared_whatever_the_default_client_is_named(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 21: the default client was looked up as NAME-web, so a pool whose default
    client had another name, among several clients, skipped every client check."""
    config = {
        "name": "shop",
        "clients": ["app", {"name": "admin", "kind": "server"}],
        "resource_servers": [API],
    }
    ids = deploy(aws, config)
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 0, capsys.readouterr()
    capsys.readouterr()
    cognito = aws.client("cognito-idp")
    clients = cognito.list_user_pool_clients(UserPoolId=ids["user_pool_id"])["UserPoolClients"]
    admin = next(c for c in clients if c["ClientName"] == "shop-admin")
    cognito.update_user_pool_client(
        UserPoolId=ids["user_pool_id"],
        ClientId=admin["ClientId"],
        ClientName="shop-admin",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="LEGACY",
        SupportedIdentityProviders=["COGNITO"],
        AccessTokenValidity=2,
        TokenValidityUnits={"AccessToken": "hours"},
    )
    cognito.create_user_pool_client(UserPoolId=ids["user_pool_id"], ClientName="by-hand")
    # moto has no UpdateResourceServer: the configuration changes instead.
    config["resource_servers"] = [{**API, "name": "Renamed API", "scopes": API["scopes"][:1]}]
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 1
    out = capsys.readouterr().out
    assert "  clients: configured [admin, app], deployed [admin, app, by-hand]\n" in out
    assert (
        "  clients.admin.auth_flows: configured [ALLOW_REFRESH_TOKEN_AUTH, "
        "ALLOW_USER_SRP_AUTH], deployed [ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_PASSWORD_AUTH]\n"
    ) in out
    assert "  clients.admin.prevent_user_existence_errors: configured on, deployed off\n" in out
    assert "  clients.admin.token_validity.access_token: configured 60, deployed 120\n" in out
    assert (
        "  resource_servers.https://api.example.com.name: configured Renamed API, "
        "deployed Shop API\n"
    ) in out
    assert "  resource_servers.https://api.example.com.scopes: " in out
    assert "clients.app." not in out


def test_missing_pool_and_stack_exit_2(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(tmp_path, {}, "--user-pool-id", "us-east-1_doesnotexist") == 2
    assert check(tmp_path, {}, "--stack", "NoSuchStack") == 2
    err = capsys.readouterr().err
    assert "error: user pool 'us-east-1_doesnotexist': not found" in err
    assert "error: stack 'NoSuchStack': not found" in err


def test_several_backends_in_a_stack_need_a_choice(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = deploy(aws, {}), deploy(aws, {"name": "partners"})
    create_stack_with_outputs(
        aws,
        "TwoBackends",
        {"AuthUserPoolId": first["user_pool_id"], "PartnersUserPoolId": second["user_pool_id"]},
    )
    assert check(tmp_path, {}, "--stack", "TwoBackends") == 2
    assert "choose one with --backend" in capsys.readouterr().err
    assert check(tmp_path, {}, "--stack", "TwoBackends", "--backend", "Auth") == 0


def test_no_region_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    assert check(tmp_path, {}, "--user-pool-id", "x") == 2
    assert "no AWS region" in capsys.readouterr().err


# --- normalisation of what the real Cognito API returns ------------------------------


def _real_schema() -> list[dict[str, Any]]:
    """DescribeUserPool's SchemaAttributes as Cognito returns them: every standard
    attribute, sub and the *_verified flags, default string constraints, custom: prefix."""
    string = {"AttributeDataType": "String", "DeveloperOnlyAttribute": False}
    limits = {"StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}}
    schema = [
        {
            "Name": "sub",
            **string,
            "Mutable": False,
            "Required": True,
            "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "2048"},
        },
        {
            "Name": "email_verified",
            "AttributeDataType": "Boolean",
            "Mutable": True,
            "Required": False,
        },
        {
            "Name": "phone_number_verified",
            "AttributeDataType": "Boolean",
            "Mutable": True,
            "Required": False,
        },
        {"Name": "identities", **string, "Mutable": True, "Required": False, **limits},
        {
            "Name": "updated_at",
            "AttributeDataType": "Number",
            "Mutable": True,
            "Required": False,
            "NumberAttributeConstraints": {"MinValue": "0"},
        },
    ]
    from cognito_auth.config import STANDARD_ATTRIBUTES

    for name in STANDARD_ATTRIBUTES:
        if name == "updated_at":
            continue
        schema.append(
            {"Name": name, **string, "Mutable": True, "Required": name == "email", **limits}
        )
    schema.append(
        {"Name": "custom:tenant", **string, "Mutable": False, "Required": False, **limits}
    )
    return schema


def test_real_cognito_shapes_normalise_to_no_drift() -> None:
    config = AuthConfig(
        user_attributes={"custom": {"tenant": {"mutable": False}}}, multifactor={"mode": "off"}
    )
    pool = {
        "UsernameAttributes": ["email"],
        "UsernameConfiguration": {"CaseSensitive": False},
        "SchemaAttributes": _real_schema(),
        "Policies": {
            "PasswordPolicy": {
                "MinimumLength": 12,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
                "TemporaryPasswordValidityDays": 7,
            }
        },
        "MfaConfiguration": "OFF",
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
        "AccountRecoverySetting": {
            "RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]
        },
        "DeletionProtection": "ACTIVE",
        "UserPoolTier": "ESSENTIALS",
    }
    client = {
        "ClientId": "abc",
        "ClientName": "web",
        "SupportedIdentityProviders": ["COGNITO"],
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "PreventUserExistenceErrors": "ENABLED",
    }
    deployed = DeployedPool(pool=pool, mfa={"MfaConfiguration": "OFF"}, groups=[], clients=[client])
    assert compare(config, deployed) == []


def test_email_mfa_as_cognito_reports_it() -> None:
    config = AuthConfig(
        multifactor={"mode": "required", "totp": True, "email": True},
        senders={"email": {"from_email": "a@example.com"}},
    )
    mfa = {
        "MfaConfiguration": "ON",
        "SoftwareTokenMfaConfiguration": {"Enabled": True},
        "EmailMfaConfiguration": {"Subject": "Your code"},
    }
    state = deployed_state(DeployedPool(pool={"MfaConfiguration": "ON"}, mfa=mfa, groups=[]))
    assert state["multifactor.factors"] == expected_state(config)["multifactor.factors"]
    assert state["multifactor.mode"] == "required"


def test_providers_and_domain(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = example("federated")
    ids = deploy(aws, config)
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 0, capsys.readouterr()
    capsys.readouterr()
    changed = example("federated")
    external = changed["login_with"]["external_providers"]
    del external["facebook"]
    external["domain_prefix"] = "another-prefix"
    assert check(tmp_path, changed, "--user-pool-id", ids["user_pool_id"]) == 1
    out = capsys.readouterr().out
    assert "login_with.external_providers.domain: configured another-prefix" in out
    assert "Facebook (Facebook)" in out


def test_a_kept_group_role_is_compared(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A group's ``role_arn`` (an existing role it keeps) is compared with the group's
    RoleArn; a group with the backend's own role has a generated role name and is not."""
    kept = "arn:aws:iam::123456789012:role/legacy-admins"
    config = {"groups": [{"name": "ADMINS", "role_arn": kept}, "EDITORS"]}
    ids = deploy(aws, config)
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 0, (
        capsys.readouterr().out
    )
    capsys.readouterr()
    other = "arn:aws:iam::123456789012:role/someone-else"
    aws.client("cognito-idp").update_group(
        UserPoolId=ids["user_pool_id"], GroupName="ADMINS", RoleArn=other
    )
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 1
    out = capsys.readouterr().out
    assert f"  groups.ADMINS.role_arn: configured {kept}, deployed {other}\n" in out
    assert "EDITORS.role_arn" not in out
