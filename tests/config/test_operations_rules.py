"""threat_protection (object form) and logs in the configuration: every refused
combination with its path and code (and, where a user must read it, its rendered text),
and the defaults."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig
from cognito_auth.config.threat_protection import DEFAULT_ADAPTIVE, ThreatProtection
from cognito_auth.errors import format_value
from problem_support import assert_only, codes, refusal

SES = {"senders": {"email": {"from_email": "security@example.com"}}}
PLUS: dict[str, Any] = {"feature_plan": "plus"}


def lines(data: dict[str, Any]) -> list[str]:
    return refusal(data).lines()


# --- threat protection --------------------------------------------------------------------


def test_string_form_stays_the_mode_only() -> None:
    config = AuthConfig(**PLUS, threat_protection="enforced")
    assert config.threat_protection == "enforced"
    assert config.threat_protection_mode == "enforced"
    assert config.risk_configuration is None


def test_enforced_object_form_defaults() -> None:
    config = AuthConfig(**PLUS, threat_protection={"mode": "enforced"})
    settings = config.threat_protection
    assert isinstance(settings, ThreatProtection)
    assert config.threat_protection_mode == "enforced"
    assert config.risk_configuration is settings
    assert settings.effective_compromised_credentials == "block"
    adaptive = settings.effective_adaptive_authentication
    assert adaptive is DEFAULT_ADAPTIVE
    assert (adaptive.low, adaptive.medium, adaptive.high) == (
        "allow",
        "mfa_if_configured",
        "mfa_required",
    )
    assert settings.notify is None


def test_partial_adaptive_authentication_keeps_the_other_defaults() -> None:
    config = AuthConfig(
        **PLUS, threat_protection={"mode": "enforced", "adaptive_authentication": {"high": "block"}}
    )
    assert isinstance(config.threat_protection, ThreatProtection)
    adaptive = config.threat_protection.effective_adaptive_authentication
    assert adaptive is not None
    assert (adaptive.low, adaptive.medium, adaptive.high) == ("allow", "mfa_if_configured", "block")


def test_audit_object_form_has_a_risk_configuration_only_for_ip_ranges() -> None:
    bare = AuthConfig(**PLUS, threat_protection={"mode": "audit"})
    assert bare.risk_configuration is None
    assert bare.threat_protection_mode == "audit"
    ranges = AuthConfig(
        **PLUS, threat_protection={"mode": "audit", "always_allow_ips": ["10.0.0.0/8"]}
    )
    assert ranges.risk_configuration is not None
    assert ranges.risk_configuration.effective_adaptive_authentication is None
    assert ranges.risk_configuration.effective_compromised_credentials is None


@pytest.mark.parametrize("plan", ["lite", "essentials"])
def test_object_form_needs_plus(plan: str) -> None:
    data = {"feature_plan": plan, "threat_protection": {"mode": "enforced"}}
    assert_only(data, "threat_protection", "plan_required")
    assert lines(data) == [
        f"threat_protection: threat protection needs the plus feature plan, not {plan!r} "
        '(received "enforced"; allowed: threat_protection with feature_plan: plus)',
        "  hint: set feature_plan: plus, or remove threat_protection",
    ]


def test_mode_is_required_and_checked() -> None:
    assert_only(
        {**PLUS, "threat_protection": {"notify": True}}, "threat_protection.mode", "missing"
    )
    for data, path in [
        ({**PLUS, "threat_protection": {"mode": "full"}}, "threat_protection.mode"),
        ({**PLUS, "threat_protection": "full"}, "threat_protection"),
    ]:
        problem = assert_only(data, path, "literal_error")
        assert (problem.received, problem.allowed) == ("full", "'audit' or 'enforced'")


def test_unknown_risk_action() -> None:
    problem = assert_only(
        {
            **PLUS,
            "threat_protection": {"mode": "enforced", "adaptive_authentication": {"low": "deny"}},
        },
        "threat_protection.adaptive_authentication.low",
        "literal_error",
    )
    assert problem.allowed == "'allow', 'mfa_if_configured', 'mfa_required' or 'block'"


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("compromised_credentials", "block", '"block"'),
        (
            "adaptive_authentication",
            {"high": "block"},
            '{"high": "block", "low": "allow", "medium": "mfa_if_configured"}',
        ),
        ("notify", True, "true"),
    ],
)
def test_actions_only_in_enforced_mode(key: str, value: Any, shown: str) -> None:
    data = {**PLUS, **SES, "threat_protection": {"mode": "audit", key: value}}
    problem = assert_only(data, f"threat_protection.{key}", "audit_mode_action")
    assert (format_value(problem.received), problem.allowed) == (
        shown,
        f"{key} with mode: enforced",
    )
    assert problem.hint == f"set mode: enforced, or remove {key}"


def test_notify_needs_an_ses_sender() -> None:
    data = {**PLUS, "threat_protection": {"mode": "enforced", "notify": True}}
    assert_only(data, "threat_protection.notify", "notify_without_sender")
    assert lines(data) == [
        "threat_protection.notify: notification emails are sent through SES from "
        "senders.email, and there is none: Cognito's default sender cannot send them "
        "(received true; allowed: notify together with senders.email.from_email)",
        "  hint: add senders: {email: {from_email: no-reply@example.com}}, or remove notify",
    ]
    AuthConfig(**PLUS, **SES, threat_protection={"mode": "enforced", "notify": True})


def test_notify_email_texts_are_checked() -> None:
    found = codes(
        {
            **PLUS,
            **SES,
            "threat_protection": {
                "mode": "enforced",
                "notify": {"block_email": {"subject": "x" * 141, "text_body": "hi"}},
            },
        }
    )
    assert found == {
        "threat_protection.notify.block_email.subject": ["string_too_long"],
        "threat_protection.notify.block_email.text_body": ["string_too_short"],
    }


@pytest.mark.parametrize(
    ("value", "code", "allowed", "hint"),
    [
        (
            "203.0.113.7",
            "cidr_without_prefix",
            "a CIDR block such as 203.0.113.0/24, 198.51.100.7/32 or 2001:db8::/32",
            "write 203.0.113.7/32 for one IPv4 address (/128 for IPv6)",
        ),
        (
            "203.0.113.7/24",
            "cidr_host_bits",
            "203.0.113.0/24",
            "write 203.0.113.0/24",
        ),
        (
            "2001:db8::1/32",
            "cidr_host_bits",
            "2001:db8::/32",
            "write 2001:db8::/32",
        ),
        (
            "300.0.0.0/8",
            "not_a_cidr",
            "a CIDR block such as 203.0.113.0/24 or 2001:db8::/32",
            None,
        ),
        (
            "10.0.0.0/33",
            "not_a_cidr",
            "a CIDR block such as 203.0.113.0/24 or 2001:db8::/32",
            None,
        ),
    ],
)
@pytest.mark.parametrize("key", ["always_allow_ips", "always_block_ips"])
def test_ip_ranges_are_cidr(
    key: str, value: str, code: str, allowed: str, hint: str | None
) -> None:
    data = {**PLUS, "threat_protection": {"mode": "audit", key: ["10.0.0.0/8", value]}}
    problem = assert_only(data, f"threat_protection.{key}[1]", code)
    assert (problem.received, problem.allowed, problem.hint) == (value, allowed, hint)


def test_ipv4_and_ipv6_ranges_pass() -> None:
    config = AuthConfig(
        **PLUS,
        threat_protection={
            "mode": "enforced",
            "always_allow_ips": ["203.0.113.0/24", "2001:db8::/32"],
            "always_block_ips": ["198.51.100.7/32", "2001:db8:bad::1/128"],
        },
    )
    assert config.risk_configuration is not None


def test_duplicate_and_contradictory_ranges() -> None:
    error = refusal(
        {
            **PLUS,
            "threat_protection": {
                "mode": "audit",
                "always_allow_ips": ["10.0.0.0/8"],
                "always_block_ips": ["10.0.0.0/8", "10.0.0.0/8"],
            },
        }
    )
    assert [(p.path, p.code, p.received) for p in error.problems] == [
        (("threat_protection", "always_block_ips", 1), "duplicate", "10.0.0.0/8"),
        (("threat_protection", "always_block_ips"), "ip_allowed_and_blocked", "10.0.0.0/8"),
    ]


def test_at_most_200_ranges() -> None:
    ranges = [f"10.0.{i}.0/24" for i in range(201)]
    problem = assert_only(
        {**PLUS, "threat_protection": {"mode": "audit", "always_block_ips": ranges}},
        "threat_protection.always_block_ips",
        "too_many_ip_ranges",
    )
    assert problem.received == 201


# --- logs -----------------------------------------------------------------------------------


def test_logs_default_to_none() -> None:
    logs = AuthConfig().logs
    assert logs.user_notification is None
    assert logs.user_activity is None


def test_destinations() -> None:
    config = AuthConfig(
        **PLUS,
        threat_protection="audit",
        logs={
            "user_notification": {"cloudwatch": {}},
            "user_activity": {"s3_bucket_arn": "arn:aws:s3:::auth-events"},
        },
    )
    assert config.logs.user_notification is not None
    assert config.logs.user_notification.kind == "cloudwatch"
    assert config.logs.user_notification.cloudwatch is not None
    assert config.logs.user_notification.cloudwatch.retention_days == 365
    assert config.logs.user_activity is not None
    assert config.logs.user_activity.kind == "s3"


def test_retention_days_must_be_a_cloudwatch_period() -> None:
    problem = assert_only(
        {"logs": {"user_notification": {"cloudwatch": {"retention_days": 100}}}},
        "logs.user_notification.cloudwatch.retention_days",
        "invalid_retention",
    )
    assert (problem.received, problem.allowed, problem.hint) == (
        100,
        "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, "
        "2557, 2922, 3288, 3653",
        "use 90",
    )


@pytest.mark.parametrize(
    "destination", [{}, {"cloudwatch": {}, "s3_bucket_arn": "arn:aws:s3:::b-1"}]
)
def test_exactly_one_destination(destination: dict[str, Any]) -> None:
    assert_only(
        {"logs": {"user_notification": destination}}, "logs.user_notification", "exactly_one"
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("s3_bucket_arn", "my-bucket"),
        ("s3_bucket_arn", "arn:aws:s3:::my-bucket/prefix"),
        ("firehose_stream_arn", "arn:aws:kinesis:us-east-1:123456789012:stream/x"),
    ],
)
def test_destination_arns_are_checked(key: str, value: str) -> None:
    problem = assert_only(
        {**PLUS, "threat_protection": "audit", "logs": {"user_activity": {key: value}}},
        f"logs.user_activity.{key}",
        "string_pattern_mismatch",
    )
    assert problem.allowed is not None
    assert problem.allowed.startswith("text matching ^arn:aws")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("s3_bucket_arn", "arn:aws:s3:::auth-events"),
        ("firehose_stream_arn", "arn:aws:firehose:us-east-1:123456789012:deliverystream/events"),
    ],
)
def test_user_notification_goes_to_cloudwatch_only(key: str, value: str) -> None:
    data = {"logs": {"user_notification": {key: value}}}
    assert_only(data, f"logs.user_notification.{key}", "notification_logs")
    assert lines(data) == [
        f"logs.user_notification.{key}: Cognito sends message-delivery errors "
        "(userNotification, ERROR level) to a CloudWatch log group only (received "
        f'"{value}"; allowed: {{cloudwatch: {{retention_days: ...}}}})',
        "  hint: use user_notification: {cloudwatch: {retention_days: 365}}; S3 and "
        "Firehose take user_activity",
    ]


@pytest.mark.parametrize("plan", ["lite", "essentials"])
def test_user_activity_needs_plus(plan: str) -> None:
    problem = assert_only(
        {"feature_plan": plan, "logs": {"user_activity": {"cloudwatch": {}}}},
        "logs.user_activity",
        "plan_required",
    )
    assert (problem.received, problem.allowed, problem.hint) == (
        {"cloudwatch": {"retention_days": 365}},
        "user_activity with feature_plan: plus",
        "set feature_plan: plus (and threat_protection), or remove user_activity",
    )


def test_user_activity_needs_threat_protection() -> None:
    problem = assert_only(
        {**PLUS, "logs": {"user_activity": {"cloudwatch": {}}}},
        "logs.user_activity",
        "activity_logs_without_threat_protection",
    )
    assert problem.hint == "add threat_protection: audit, or remove user_activity"


def test_unknown_log_stream() -> None:
    problem = assert_only(
        {"logs": {"user_activities": {"cloudwatch": {}}}},
        "logs.user_activities",
        "extra_forbidden",
    )
    assert problem.received == "user_activities"
    assert problem.hint == "did you mean 'user_activity'?"
