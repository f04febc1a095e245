"""The risk configuration of threat protection and the export of Cognito's event logs in
the template (every template here also passes cfn-lint, see support.synth)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import Validations
from cdk_nag import AwsSolutionsChecks

from cognito_auth import AuthBackend
from cognito_auth.config.threat_protection import DEFAULT_NOTIFY_EMAILS
from support import synth

RISK = "AWS::Cognito::UserPoolRiskConfigurationAttachment"
DELIVERY = "AWS::Cognito::LogDeliveryConfiguration"
LOG_GROUP = "AWS::Logs::LogGroup"
SES = {"senders": {"email": {"from_email": "security@example.com"}}}
PLUS: dict[str, Any] = {"feature_plan": "plus"}
FIREHOSE = "arn:aws:firehose:us-east-1:123456789012:deliverystream/auth-events"


# --- threat protection --------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["audit", "enforced"])
def test_string_form_leaves_the_risk_configuration_to_the_console(mode: str) -> None:
    result = synth({**PLUS, "threat_protection": mode})
    assert result.resources(RISK) == {}


def test_audit_object_form_without_ranges_is_the_string_form() -> None:
    assert synth({**PLUS, "threat_protection": {"mode": "audit"}}).resources(RISK) == {}


def test_enforced_defaults() -> None:
    result = synth({**PLUS, "threat_protection": {"mode": "enforced"}})
    assert result.only_id(RISK) == "AuthRiskConfiguration9882A496"
    pool_id = result.only_id("AWS::Cognito::UserPool")
    assert result.only(RISK) == {
        "UserPoolId": {"Ref": pool_id},
        "ClientId": "ALL",
        "AccountTakeoverRiskConfiguration": {
            "Actions": {
                "LowAction": {"EventAction": "NO_ACTION", "Notify": False},
                "MediumAction": {"EventAction": "MFA_IF_CONFIGURED", "Notify": False},
                "HighAction": {"EventAction": "MFA_REQUIRED", "Notify": False},
            }
        },
        "CompromisedCredentialsRiskConfiguration": {
            "Actions": {"EventAction": "BLOCK"},
            "EventFilter": ["SIGN_IN", "SIGN_UP", "PASSWORD_CHANGE"],
        },
    }
    pool = result.only("AWS::Cognito::UserPool")
    assert pool["UserPoolAddOns"] == {"AdvancedSecurityMode": "ENFORCED"}


def test_every_action_and_ip_ranges() -> None:
    result = synth(
        {
            **PLUS,
            "threat_protection": {
                "mode": "enforced",
                "compromised_credentials": "no_action",
                "adaptive_authentication": {
                    "low": "mfa_if_configured",
                    "medium": "mfa_required",
                    "high": "block",
                },
                "always_allow_ips": ["203.0.113.0/24", "2001:db8::/32"],
                "always_block_ips": ["198.51.100.7/32"],
            },
        }
    )
    risk = result.only(RISK)
    assert risk["AccountTakeoverRiskConfiguration"]["Actions"] == {
        "LowAction": {"EventAction": "MFA_IF_CONFIGURED", "Notify": False},
        "MediumAction": {"EventAction": "MFA_REQUIRED", "Notify": False},
        "HighAction": {"EventAction": "BLOCK", "Notify": False},
    }
    assert risk["CompromisedCredentialsRiskConfiguration"]["Actions"] == {
        "EventAction": "NO_ACTION"
    }
    assert risk["RiskExceptionConfiguration"] == {
        "SkippedIPRangeList": ["203.0.113.0/24", "2001:db8::/32"],
        "BlockedIPRangeList": ["198.51.100.7/32"],
    }


def test_audit_with_ip_ranges_sets_only_the_exceptions() -> None:
    result = synth(
        {**PLUS, "threat_protection": {"mode": "audit", "always_block_ips": ["198.51.100.0/24"]}}
    )
    risk = result.only(RISK)
    assert set(risk) == {"UserPoolId", "ClientId", "RiskExceptionConfiguration"}
    assert risk["RiskExceptionConfiguration"] == {"BlockedIPRangeList": ["198.51.100.0/24"]}
    assert result.only("AWS::Cognito::UserPool")["UserPoolAddOns"] == {
        "AdvancedSecurityMode": "AUDIT"
    }


def test_notify_sends_from_the_ses_identity_with_default_texts() -> None:
    result = synth(
        {
            **PLUS,
            "senders": {
                "email": {"from_email": "security@example.com", "reply_to": "help@example.com"}
            },
            "threat_protection": {"mode": "enforced", "notify": True},
        }
    )
    takeover = result.only(RISK)["AccountTakeoverRiskConfiguration"]
    assert {level["Notify"] for level in takeover["Actions"].values()} == {True}
    notify = takeover["NotifyConfiguration"]
    assert notify["From"] == "security@example.com"
    assert notify["ReplyTo"] == "help@example.com"
    assert notify["SourceArn"] == {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":ses:",
                {"Ref": "AWS::Region"},
                ":",
                {"Ref": "AWS::AccountId"},
                ":identity/security@example.com",
            ],
        ]
    }
    for key, cfn in (
        ("block_email", "BlockEmail"),
        ("mfa_email", "MfaEmail"),
        ("no_action_email", "NoActionEmail"),
    ):
        subject, text, html = DEFAULT_NOTIFY_EMAILS[key]
        assert notify[cfn] == {"Subject": subject, "TextBody": text, "HtmlBody": html}


def test_default_texts_use_only_cognito_placeholders() -> None:
    allowed = {"{username}", "{login-time}", "{ip-address}", "{city}", "{country}", "{device-name}"}
    import re

    for subject, text, html in DEFAULT_NOTIFY_EMAILS.values():
        assert 1 <= len(subject) <= 140
        for body in (text, html):
            assert 6 <= len(body) <= 20000
            assert set(re.findall(r"\{[^}]*\}", body)) <= allowed


def test_notify_texts_and_a_verified_domain_in_another_region() -> None:
    result = synth(
        {
            **PLUS,
            "senders": {
                "email": {
                    "from_email": "security@mail.example.com",
                    "ses_region": "eu-west-1",
                    "ses_verified_domain": "mail.example.com",
                }
            },
            "threat_protection": {
                "mode": "enforced",
                "notify": {
                    "mfa_email": {"subject": "Was this you?", "text_body": "Hello {username}"}
                },
            },
        }
    )
    notify = result.only(RISK)["AccountTakeoverRiskConfiguration"]["NotifyConfiguration"]
    assert "ReplyTo" not in notify
    parts = notify["SourceArn"]["Fn::Join"][1]
    assert ":ses:eu-west-1:" in parts
    assert parts[-1] == ":identity/mail.example.com"
    assert notify["MfaEmail"] == {
        "Subject": "Was this you?",
        "TextBody": "Hello {username}",
        "HtmlBody": DEFAULT_NOTIFY_EMAILS["mfa_email"][2],
    }


# --- logs -----------------------------------------------------------------------------------


def test_no_logs_no_resources() -> None:
    result = synth({})
    assert result.resources(DELIVERY) == {}
    assert result.resources(LOG_GROUP) == {}


def _join(value: dict[str, Any]) -> str:
    """A Fn::Join with its references written as ${Name}."""
    parts = value["Fn::Join"][1]
    return "".join(p if isinstance(p, str) else "${" + p["Ref"] + "}" for p in parts)


@pytest.mark.parametrize(
    ("profile", "policy"), [("production", "Retain"), ("development", "Delete")]
)
def test_user_notification_to_a_log_group(profile: str, policy: str) -> None:
    result = synth(
        {"profile": profile, "logs": {"user_notification": {"cloudwatch": {"retention_days": 90}}}}
    )
    pool_id = result.only_id("AWS::Cognito::UserPool")
    ((group_id, group),) = result.resources(LOG_GROUP).items()
    assert group_id == "AuthUserNotificationLogs07D32548"
    assert group["DeletionPolicy"] == policy
    assert group["UpdateReplacePolicy"] == policy
    props = group["Properties"]
    assert set(props) == {"LogGroupName", "RetentionInDays"}  # no KmsKeyId: Cognito refuses one
    assert props["RetentionInDays"] == 90
    assert (
        _join(props["LogGroupName"]) == f"/aws/vendedlogs/cognito/${{{pool_id}}}/user-notification"
    )
    ((delivery_id, delivery),) = result.resources(DELIVERY).items()
    assert delivery_id == "AuthLogDeliveryF26B0BDF"
    assert delivery["DependsOn"] == [group_id]
    ((entry,),) = [delivery["Properties"]["LogConfigurations"]]
    assert delivery["Properties"]["UserPoolId"] == {"Ref": pool_id}
    assert entry["EventSource"] == "userNotification"
    assert entry["LogLevel"] == "ERROR"
    arn = _join(entry["CloudWatchLogsConfiguration"]["LogGroupArn"])
    # The log group's own Arn attribute ends with ":*", which Cognito's pattern refuses.
    assert arn == (
        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
        f"/aws/vendedlogs/cognito/${{{pool_id}}}/user-notification"
    )


def test_user_activity_to_each_destination() -> None:
    base = {**PLUS, "threat_protection": "audit"}
    cloudwatch = synth({**base, "logs": {"user_activity": {"cloudwatch": {}}}})
    (entry,) = cloudwatch.only(DELIVERY)["LogConfigurations"]
    assert (entry["EventSource"], entry["LogLevel"]) == ("userAuthEvents", "INFO")
    group = cloudwatch.resources(LOG_GROUP)["AuthUserActivityLogs7287D67B"]["Properties"]
    assert group["RetentionInDays"] == 365
    assert _join(group["LogGroupName"]).endswith("/user-activity")

    s3 = synth({**base, "logs": {"user_activity": {"s3_bucket_arn": "arn:aws:s3:::auth-events"}}})
    (entry,) = s3.only(DELIVERY)["LogConfigurations"]
    assert entry == {
        "EventSource": "userAuthEvents",
        "LogLevel": "INFO",
        "S3Configuration": {"BucketArn": "arn:aws:s3:::auth-events"},
    }
    assert s3.resources(LOG_GROUP) == {}

    firehose = synth({**base, "logs": {"user_activity": {"firehose_stream_arn": FIREHOSE}}})
    (entry,) = firehose.only(DELIVERY)["LogConfigurations"]
    assert entry == {
        "EventSource": "userAuthEvents",
        "LogLevel": "INFO",
        "FirehoseConfiguration": {"StreamArn": FIREHOSE},
    }


def test_log_delivery_adds_no_iam() -> None:
    """The delivery grants itself what it needs when it is set up (log group resource
    policy, bucket policy, stream tag): the template adds no role, policy or statement."""
    plain = synth({**PLUS, "threat_protection": "audit"})
    logged = synth(
        {
            **PLUS,
            "threat_protection": "audit",
            "logs": {
                "user_notification": {"cloudwatch": {}},
                "user_activity": {"firehose_stream_arn": FIREHOSE},
            },
        }
    )

    def kinds(result: Any) -> list[str]:
        return sorted(v["Type"] for v in result.json["Resources"].values())

    assert sorted([*kinds(plain), DELIVERY, LOG_GROUP]) == kinds(logged)
    assert logged.resources("AWS::Logs::ResourcePolicy") == {}


def test_both_streams_in_one_configuration() -> None:
    result = synth(
        {
            **PLUS,
            "threat_protection": "audit",
            "logs": {
                "user_notification": {"cloudwatch": {}},
                "user_activity": {"cloudwatch": {"retention_days": 30}},
            },
        }
    )
    entries = result.only(DELIVERY)["LogConfigurations"]
    assert [e["EventSource"] for e in entries] == ["userNotification", "userAuthEvents"]
    assert len(result.resources(LOG_GROUP)) == 2
    assert sorted(result.backend.log_groups) == ["user_activity", "user_notification"]


# --- cdk-nag ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    [
        {
            **PLUS,
            **SES,
            "multifactor": {"mode": "required"},
            "threat_protection": {
                "mode": "enforced",
                "notify": True,
                "always_allow_ips": ["10.0.0.0/8"],
            },
            "logs": {
                "user_notification": {"cloudwatch": {}},
                "user_activity": {"cloudwatch": {"retention_days": 90}},
            },
        },
        {
            **PLUS,
            "multifactor": {"mode": "required"},
            "profile": "development",
            "threat_protection": "audit",
            "logs": {"user_activity": {"s3_bucket_arn": "arn:aws:s3:::auth-events"}},
        },
    ],
    ids=["enforced-cloudwatch", "audit-s3-development"],
)
def test_cdk_nag(config: dict[str, Any], tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    Validations.of(app).add_plugins(AwsSolutionsChecks())
    AuthBackend(cdk.Stack(app, "Nagged"), "Auth", config=config, lock_file=None)
    app.synth()


# --- the README's examples ----------------------------------------------------------------


def test_readme_examples_synthesize() -> None:
    import re

    import yaml

    readme = (Path(__file__).parents[2] / "docs" / "passwordless-and-plans.md").read_text()
    start = readme.index("### Threat protection settings in code")
    end = readme.index("## Device tracking")
    blocks = re.findall(r"```yaml\n(.*?)```", readme[start:end], re.S)
    assert len(blocks) == 2
    for block in blocks:
        synth(yaml.safe_load(block))
