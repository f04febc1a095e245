"""check-deployed and threat protection: the mode (moto's server holds UserPoolAddOns) and
the risk configuration.

moto 5.2 does not implement DescribeRiskConfiguration (its server answers 500,
"NotImplementedError"), so the risk configuration is tested with botocore's Stubber and
complete responses shaped like the real API's (botocore validates every stubbed response
against the service model)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml
from botocore.stub import Stubber

from aws_support import REGION, create_backend
from cognito_auth import AuthConfig
from cognito_auth.cli import main
from cognito_auth.guard.aws import DeployedLookupError, fetch
from cognito_auth.guard.deployed import deployed_state, differences, expected_state
from support import synth

POOL_ID = "us-east-1_AbCdEf123"
CLIENT_ID = "1example23456789abcdefghij"
SES = {"senders": {"email": {"from_email": "security@example.com"}}}
SETTINGS: dict[str, Any] = {
    "feature_plan": "plus",
    **SES,
    "threat_protection": {
        "mode": "enforced",
        "adaptive_authentication": {"high": "block"},
        "notify": True,
        "always_allow_ips": ["203.0.113.0/24"],
        "always_block_ips": ["2001:db8::/32", "198.51.100.7/32"],
    },
}


# --- the mode, against moto's server --------------------------------------------------------


def check(tmp_path: Path, config: dict[str, Any], *args: str) -> int:
    path = tmp_path / "auth.yaml"
    path.write_text(yaml.safe_dump(config))
    return main(["check-deployed", "--config", str(path), *args])


def test_mode_as_deployed(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = {"feature_plan": "plus", "threat_protection": "enforced"}
    ids = create_backend(aws, synth(config).json)
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 0
    assert capsys.readouterr().out.endswith("no drift\n")
    aws.client("cognito-idp").update_user_pool(
        UserPoolId=ids["user_pool_id"], UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"}
    )
    assert check(tmp_path, config, "--user-pool-id", ids["user_pool_id"]) == 1
    out = capsys.readouterr().out
    # UpdateUserPool resets what it is not given (moto as Cognito), so other settings
    # drift too; the mode is the one this test changed.
    assert "  threat_protection.mode: configured enforced, deployed audit\n" in out


# --- the risk configuration, with Stubber ----------------------------------------------------


class _Session:
    """What fetch() needs of a boto3 session: a client, here a stubbed one."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def client(self, name: str) -> Any:
        assert name == "cognito-idp"
        return self._client


def _pool() -> dict[str, Any]:
    return {
        "Id": POOL_ID,
        "Name": "ops-user-pool",
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
        "DeletionProtection": "ACTIVE",
        "LastModifiedDate": datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
        "CreationDate": datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        "SchemaAttributes": [
            {
                "Name": "email",
                "AttributeDataType": "String",
                "DeveloperOnlyAttribute": False,
                "Mutable": True,
                "Required": True,
                "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"},
            }
        ],
        "AutoVerifiedAttributes": ["email"],
        "UsernameAttributes": ["email"],
        "MfaConfiguration": "OPTIONAL",
        "EstimatedNumberOfUsers": 0,
        "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
        "UsernameConfiguration": {"CaseSensitive": False},
        "Arn": f"arn:aws:cognito-idp:{REGION}:123456789012:userpool/{POOL_ID}",
        "AccountRecoverySetting": {
            "RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]
        },
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
        "UserPoolTier": "PLUS",
    }


def _risk(**changes: Any) -> dict[str, Any]:
    def action(event: str) -> dict[str, Any]:
        return {"Notify": True, "EventAction": event}

    def email(subject: str) -> dict[str, str]:
        return {
            "Subject": subject,
            "HtmlBody": "<p>Hello {username}</p>",
            "TextBody": "Hello {username}",
        }

    risk: dict[str, Any] = {
        "UserPoolId": POOL_ID,
        "ClientId": "ALL",
        "CompromisedCredentialsRiskConfiguration": {
            "EventFilter": ["SIGN_IN", "SIGN_UP", "PASSWORD_CHANGE"],
            "Actions": {"EventAction": "BLOCK"},
        },
        "AccountTakeoverRiskConfiguration": {
            "NotifyConfiguration": {
                "From": "security@example.com",
                "SourceArn": f"arn:aws:ses:{REGION}:123456789012:identity/security@example.com",
                "BlockEmail": email("Blocked sign-in attempt"),
                "NoActionEmail": email("New sign-in to your account"),
                "MfaEmail": email("Sign-in needed a second factor"),
            },
            "Actions": {
                "LowAction": action("NO_ACTION"),
                "MediumAction": action("MFA_IF_CONFIGURED"),
                "HighAction": action("BLOCK"),
            },
        },
        "RiskExceptionConfiguration": {
            "BlockedIPRangeList": ["198.51.100.7/32", "2001:db8::/32"],
            "SkippedIPRangeList": ["203.0.113.0/24"],
        },
        "LastModifiedDate": datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
    }
    risk.update(changes)
    return risk


def _stubbed(risk: dict[str, Any] | None, error: str | None = None) -> tuple[Any, Stubber]:
    client = boto3.client(
        "cognito-idp",
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    stubber = Stubber(client)
    pool_request = {"UserPoolId": POOL_ID}
    stubber.add_response("describe_user_pool", {"UserPool": _pool()}, pool_request)
    stubber.add_response(
        "get_user_pool_mfa_config",
        {"SoftwareTokenMfaConfiguration": {"Enabled": True}, "MfaConfiguration": "OPTIONAL"},
        pool_request,
    )
    stubber.add_response("list_groups", {"Groups": []}, pool_request)
    stubber.add_response(
        "list_user_pool_clients",
        {"UserPoolClients": [{"ClientId": CLIENT_ID, "UserPoolId": POOL_ID}]},
        {"UserPoolId": POOL_ID, "MaxResults": 60},
    )
    stubber.add_response(
        "describe_user_pool_client",
        {
            "UserPoolClient": {
                "UserPoolId": POOL_ID,
                "ClientName": "ops-web",
                "ClientId": CLIENT_ID,
                "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "PreventUserExistenceErrors": "ENABLED",
            }
        },
        {"UserPoolId": POOL_ID, "ClientId": CLIENT_ID},
    )
    stubber.add_response(
        "list_resource_servers", {"ResourceServers": []}, {"UserPoolId": POOL_ID, "MaxResults": 50}
    )
    stubber.add_response("list_identity_providers", {"Providers": []}, pool_request)
    if error is not None:
        stubber.add_client_error(
            "describe_risk_configuration",
            service_error_code=error,
            service_message="threat protection is not active for this pool"
            if error == "UserPoolAddOnNotEnabledException"
            else "Rate exceeded",
            http_status_code=400,
            expected_params=pool_request,
        )
    elif risk is not None:
        stubber.add_response(
            "describe_risk_configuration", {"RiskConfiguration": risk}, pool_request
        )
    return client, stubber


def _drift(config: AuthConfig, risk: dict[str, Any] | None, error: str | None = None) -> list[str]:
    client, stubber = _stubbed(risk, error)
    with stubber:
        deployed = fetch(_Session(client), POOL_ID, risk=True)
        stubber.assert_no_pending_responses()
    return [d.line() for d in differences(expected_state(config), deployed_state(deployed))]


def test_matching_risk_configuration_is_no_drift() -> None:
    assert _drift(AuthConfig.model_validate(SETTINGS), _risk()) == []


def test_changed_risk_configuration_is_drift() -> None:
    risk = _risk(
        CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "NO_ACTION"}},
        RiskExceptionConfiguration={"SkippedIPRangeList": ["203.0.113.0/24"]},
    )
    risk["AccountTakeoverRiskConfiguration"]["Actions"]["HighAction"] = {
        "Notify": False,
        "EventAction": "MFA_REQUIRED",
    }
    for level in ("LowAction", "MediumAction"):
        risk["AccountTakeoverRiskConfiguration"]["Actions"][level]["Notify"] = False
    assert _drift(AuthConfig.model_validate(SETTINGS), risk) == [
        "threat_protection.adaptive_authentication: configured {'low': 'allow', 'medium': "
        "'mfa_if_configured', 'high': 'block'}, deployed {'low': 'allow', 'medium': "
        "'mfa_if_configured', 'high': 'mfa_required'}",
        "threat_protection.always_block_ips: configured [198.51.100.7/32, 2001:db8::/32], "
        "deployed []",
        "threat_protection.compromised_credentials: configured block, deployed no_action",
        "threat_protection.notify: configured on, deployed off",
    ]


def test_no_risk_configuration_deployed() -> None:
    """A pool without threat protection: Cognito answers UserPoolAddOnNotEnabledException."""
    config = AuthConfig.model_validate(SETTINGS)
    drift = _drift(config, None, "UserPoolAddOnNotEnabledException")
    assert (
        "threat_protection.adaptive_authentication: configured {'low': 'allow', 'medium': "
        "'mfa_if_configured', 'high': 'block'}, deployed nothing" in drift
    )
    assert "threat_protection.compromised_credentials: configured block, deployed nothing" in drift
    assert "threat_protection.always_allow_ips: configured [203.0.113.0/24], deployed []" in drift


def test_audit_object_form_expects_no_actions() -> None:
    config = AuthConfig(feature_plan="plus", threat_protection={"mode": "audit"})
    risk = _risk(
        AccountTakeoverRiskConfiguration={"Actions": {}},
        CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "NO_ACTION"}},
        RiskExceptionConfiguration={},
    )
    assert _drift(config, risk) == [
        "threat_protection.compromised_credentials: configured nothing, deployed no_action",
        "threat_protection.mode: configured audit, deployed enforced",
    ]


def test_unreadable_risk_configuration_is_a_lookup_error() -> None:
    client, stubber = _stubbed(None, "TooManyRequestsException")
    with stubber, pytest.raises(DeployedLookupError) as caught:
        fetch(_Session(client), POOL_ID, risk=True)
    assert str(caught.value) == (
        f"risk configuration of user pool {POOL_ID!r}: TooManyRequestsException: Rate exceeded"
    )


def test_string_form_does_not_compare_the_risk_configuration() -> None:
    config = AuthConfig(feature_plan="plus", threat_protection="enforced")
    paths = set(expected_state(config))
    assert "threat_protection.mode" in paths
    assert not any(
        p.startswith("threat_protection.") and p != "threat_protection.mode" for p in paths
    )
