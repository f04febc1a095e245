"""Lambda triggers: every event lands in its LambdaConfig key with its version, Cognito may
invoke the function from this pool only, the custom senders share one KMS key, and bad
trigger choices are refused before anything is built."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_

from cognito_auth import AuthBackend, ConfigError
from cognito_auth.config.triggers import CUSTOM_AUTH_TRIGGERS, CUSTOM_SENDERS, TRIGGERS
from problem_support import code_by_path
from support import Synth, inline_function, synth

POOL = "AWS::Cognito::UserPool"
POOL_ID = "AuthUserPool8115E87F"


def with_triggers(
    names: list[str], config: Mapping[str, Any] | None = None, **kwargs: Any
) -> Synth:
    def before(stack: cdk.Stack) -> dict[str, Any]:
        return {
            "triggers": {name: inline_function(stack, f"Fn{i}") for i, name in enumerate(names)}
        }

    return synth(config or {}, before=before, **kwargs)


def lambda_config(result: Synth) -> dict[str, Any]:
    return result.only(POOL)["LambdaConfig"]  # type: ignore[no-any-return]


def function_id(result: Synth, index: int = 0) -> str:
    (found,) = [
        key
        for key, value in result.resources("AWS::Lambda::Function").items()
        if key.startswith(f"Fn{index}")
    ]
    return found


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_each_event(name: str) -> None:
    """The event's LambdaConfig key and version, and one invoke permission for Cognito from
    this pool's ARN (custom challenges are given as the three they always are)."""
    names = list(CUSTOM_AUTH_TRIGGERS) if name in CUSTOM_AUTH_TRIGGERS else [name]
    index = names.index(name)
    result = with_triggers(names, {"feature_plan": "essentials"})
    trigger = TRIGGERS[name]
    fn = {"Fn::GetAtt": [function_id(result, index), "Arn"]}
    expected: Any = fn
    if trigger.version is not None:
        expected = {"LambdaArn": fn, "LambdaVersion": trigger.version}
    settings = lambda_config(result)
    assert settings[trigger.lambda_config_key] == expected
    if name in CUSTOM_SENDERS:
        (key,) = result.resources("AWS::KMS::Key")
        assert settings["KMSKeyID"] == {"Fn::GetAtt": [key, "Arn"]}
    permissions = [
        p["Properties"]
        for p in result.resources("AWS::Lambda::Permission").values()
        if p["Properties"]["FunctionName"] == fn
    ]
    assert permissions == [
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": fn,
            "Principal": "cognito-idp.amazonaws.com",
            "SourceArn": {"Fn::GetAtt": [POOL_ID, "Arn"]},
        }
    ]
    assert len(result.resources("AWS::Lambda::Permission")) == len(names)


def test_pre_token_generation_versions() -> None:
    for name, version in (
        ("pre_token_generation", "V1_0"),
        ("pre_token_generation_v2", "V2_0"),
        ("pre_token_generation_v3", "V3_0"),
    ):
        config = lambda_config(with_triggers([name]))
        assert config["PreTokenGenerationConfig"]["LambdaVersion"] == version
        assert "PreTokenGeneration" not in config


def test_every_event_at_once() -> None:
    names = [n for n in TRIGGERS if n not in ("pre_token_generation", "pre_token_generation_v2")]
    result = with_triggers(names)
    assert sorted(lambda_config(result)) == sorted(
        ["KMSKeyID", *(TRIGGERS[n].lambda_config_key for n in names)]
    )
    assert len(result.resources("AWS::Lambda::Permission")) == len(names)
    assert set(result.backend.triggers) == set(names)


def test_one_function_for_several_events() -> None:
    def before(stack: cdk.Stack) -> dict[str, Any]:
        fn = inline_function(stack, "Fn0")
        return {"triggers": {"pre_sign_up": fn, "post_confirmation": fn}}

    result = synth({}, before=before)
    permissions = result.resources("AWS::Lambda::Permission")
    assert len(permissions) == 2
    assert {k.split("Cognito")[0] for k in permissions} == {
        "AuthUserPoolPreSignUp",
        "AuthUserPoolPostConfirmation",
    }


def test_custom_senders_share_one_rotating_key() -> None:
    result = with_triggers(["custom_email_sender", "custom_sms_sender"])
    (key_id, key), *_ = result.resources("AWS::KMS::Key").items()
    assert len(result.resources("AWS::KMS::Key")) == 1
    assert key["Properties"]["EnableKeyRotation"] is True
    assert key["DeletionPolicy"] == "Retain"
    settings = lambda_config(result)
    assert settings["KMSKeyID"] == {"Fn::GetAtt": [key_id, "Arn"]}
    policies = list(result.resources("AWS::IAM::Policy").values())
    decrypts = [
        s
        for p in policies
        for s in p["Properties"]["PolicyDocument"]["Statement"]
        if s["Action"] == "kms:Decrypt"
    ]
    assert (
        decrypts
        == [
            {
                "Action": "kms:Decrypt",
                "Effect": "Allow",
                "Resource": {"Fn::GetAtt": [key_id, "Arn"]},
            }
        ]
        * 2
    )
    assert result.backend.custom_sender_key is not None


def test_development_keys_are_deleted_with_the_stack() -> None:
    result = with_triggers(["custom_email_sender"], {"profile": "development"})
    (key,) = result.resources("AWS::KMS::Key").values()
    assert key["DeletionPolicy"] == "Delete"
    assert key["Properties"]["PendingWindowInDays"] == 7


def test_a_given_key() -> None:
    def before(stack: cdk.Stack) -> dict[str, Any]:
        key = kms.Key.from_key_arn(
            stack,
            "Key",
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        )
        return {
            "triggers": {"custom_sms_sender": inline_function(stack, "Fn0")},
            "trigger_kms_key": key,
        }

    result = synth({}, before=before)
    assert result.resources("AWS::KMS::Key") == {}
    assert lambda_config(result)["KMSKeyID"].endswith("key/1234abcd-12ab-34cd-56ef-1234567890ab")


def test_no_key_without_custom_senders() -> None:
    result = with_triggers(["pre_sign_up"])
    assert result.resources("AWS::KMS::Key") == {}
    assert result.backend.custom_sender_key is None
    assert "KMSKeyID" not in lambda_config(result)


def test_an_imported_function() -> None:
    def before(stack: cdk.Stack) -> dict[str, Any]:
        fn = lambda_.Function.from_function_attributes(
            stack,
            "Imported",
            function_arn="arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up",
            same_environment=True,
        )
        return {"triggers": {"pre_sign_up": fn}}

    result = synth({}, before=before)
    assert lambda_config(result)["PreSignUp"] == (
        "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up"
    )
    (permission,) = result.resources("AWS::Lambda::Permission").values()
    assert permission["Properties"]["Principal"] == "cognito-idp.amazonaws.com"


def test_custom_challenges_allow_the_custom_flow_on_user_clients() -> None:
    names = ["define_auth_challenge", "create_auth_challenge", "verify_auth_challenge_response"]
    result = with_triggers(names)
    (client,) = result.resources("AWS::Cognito::UserPoolClient").values()
    assert client["Properties"]["ExplicitAuthFlows"] == [
        "ALLOW_CUSTOM_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
    ]


def test_threat_protection_only_audits_custom_challenges() -> None:
    names = ["define_auth_challenge", "create_auth_challenge", "verify_auth_challenge_response"]
    config = {"feature_plan": "plus", "threat_protection": "enforced"}
    addons = with_triggers(names, config).only(POOL)["UserPoolAddOns"]
    assert addons == {
        "AdvancedSecurityMode": "ENFORCED",
        "AdvancedSecurityAdditionalFlows": {"CustomAuthMode": "AUDIT"},
    }


# --- refused before anything is built ---------------------------------------------------------


def refused(config: Mapping[str, Any], make: Any) -> dict[str, str]:
    """``{rendered path: code}`` of the problems the backend is refused with."""
    app = cdk.App()
    stack = cdk.Stack(app, "Refused")
    kwargs = make(stack)
    with pytest.raises(ConfigError) as caught:
        AuthBackend(stack, "Auth", config=config, lock_file=None, **kwargs)
    assert caught.value.source == "AuthBackend(triggers=...)"
    assert stack.node.try_find_child("Auth") is None, "nothing may be built"
    return code_by_path(caught.value.problems)


def test_unknown_event_names_are_refused_with_the_valid_ones() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Refused")
    triggers = {"presignup": inline_function(stack, "F")}
    with pytest.raises(ConfigError) as caught:
        AuthBackend(stack, "Auth", config={}, lock_file=None, triggers=triggers)
    text = str(caught.value)
    assert "triggers.presignup: is not a Cognito trigger event" in text
    assert "hint: did you mean 'pre_sign_up'?" in text
    assert ", ".join(TRIGGERS) in text


def test_refusals() -> None:
    assert refused(
        {"feature_plan": "lite"},
        lambda s: {"triggers": {"pre_token_generation_v2": inline_function(s, "F")}},
    ) == {"triggers.pre_token_generation_v2": "plan_required"}
    assert refused(
        {},
        lambda s: {
            "triggers": {
                "pre_token_generation": inline_function(s, "F"),
                "pre_token_generation_v3": inline_function(s, "G"),
            }
        },
    ) == {"triggers.pre_token_generation_v3": "trigger_clash"}
    assert refused({}, lambda s: {"triggers": [inline_function(s, "F")]}) == {
        "triggers": "not_a_mapping"
    }
    assert refused({}, lambda s: {"triggers": {"pre_sign_up": "arn:aws:lambda:..."}}) == {
        "triggers.pre_sign_up": "not_a_function"
    }
    assert refused(
        {},
        lambda s: {
            "triggers": {"custom_sms_sender": inline_function(s, "F")},
            "trigger_kms_key": "x",
        },
    ) == {"trigger_kms_key": "not_a_kms_key"}


def test_a_kms_key_without_a_sender_is_refused() -> None:
    found = refused(
        {},
        lambda s: {
            "trigger_kms_key": kms.Key.from_key_arn(
                s, "K", "arn:aws:kms:us-east-1:123456789012:key/abc"
            )
        },
    )
    assert found == {"trigger_kms_key": "kms_key_unused"}


def test_the_custom_flow_needs_the_challenge_triggers() -> None:
    config = {"clients": [{"name": "web", "auth_flows": ["user_srp", "custom"]}]}
    assert refused(config, lambda s: {}) == {
        "clients[0].auth_flows[1]": "custom_flow_without_trigger"
    }
