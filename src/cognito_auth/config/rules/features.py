"""Rules on passwordless sign-in, threat protection, event logs and the feature plan:
the combinations Cognito refuses (or that could never work)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from cognito_auth.config._base import Problem, problem
from cognito_auth.config.rules.common import plan_allows, plan_problem
from cognito_auth.config.threat_protection import ThreatProtection, ip_range_problems

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check", "logs_problems", "passwordless_problems", "threat_protection_problems"]

_NAMES = {
    "email_otp": "email one-time codes",
    "sms_otp": "SMS one-time codes",
    "web_authn": "passkeys",
}


def passwordless_problems(config: AuthConfig) -> Iterator[Problem]:
    login = config.login_with
    for factor, path in login.passwordless_paths.items():
        where = ("login_with", *path)
        received: object = True
        if factor == "web_authn" and login.webauthn is not None:
            received = login.webauthn.model_dump()
        if not plan_allows(config.feature_plan, "essentials"):
            yield plan_problem(
                where,
                f"passwordless sign-in ({_NAMES[factor]})",
                config.feature_plan,
                received=received,
                allowed="passwords only with feature_plan: lite",
                hint="set feature_plan: essentials",
            )
        if config.multifactor.mode == "required":
            yield problem(
                where,
                f"passwordless sign-in ({_NAMES[factor]}) cannot be a first factor while MFA "
                "is required: Cognito refuses the sign-in policy",
                received=received,
                allowed="multifactor.mode: optional or off",
                hint="set multifactor: {mode: optional}, or turn the passwordless factor off",
                code="passwordless_with_required_mfa",
            )
        if factor == "email_otp" and config.senders.email is None:
            yield problem(
                where,
                "email one-time codes need an SES email sender: Cognito's default sender "
                "cannot send sign-in codes",
                received=True,
                allowed="otp_login together with senders.email.from_email",
                hint="add senders: {email: {from_email: no-reply@example.com}}",
                code="email_otp_without_sender",
            )
    webauthn = login.webauthn
    custom = config.external_providers.custom_domain
    if (
        webauthn is not None
        and custom is not None
        and webauthn.relying_party_id != custom.domain_name
        and any(config.client_oauth(client) for client in config.clients)
    ):
        yield problem(
            ("login_with", "webauthn", "relying_party_id"),
            "the hosted pages are served on your custom domain, and Cognito then needs the "
            "relying party id to be that domain",
            received=webauthn.relying_party_id,
            allowed=custom.domain_name,
            hint=f"set relying_party_id: {custom.domain_name}",
            code="webauthn_relying_party",
        )


def threat_protection_problems(config: AuthConfig) -> Iterator[Problem]:
    setting = config.threat_protection
    mode = config.threat_protection_mode
    if setting is None or mode is None:
        return
    if not plan_allows(config.feature_plan, "plus"):
        yield plan_problem(
            "threat_protection",
            "threat protection",
            config.feature_plan,
            minimum="plus",
            received=mode,
            allowed="threat_protection with feature_plan: plus",
            hint="set feature_plan: plus, or remove threat_protection",
        )
    if not isinstance(setting, ThreatProtection):
        return
    if mode == "audit":
        for key in ("compromised_credentials", "adaptive_authentication", "notify"):
            value = getattr(setting, key)
            if value is None:
                continue
            yield problem(
                ("threat_protection", key),
                f"{key} is an action, and audit mode acts on nothing: it only records risks",
                received=_written(value),
                allowed=f"{key} with mode: enforced",
                hint=f"set mode: enforced, or remove {key}",
                code="audit_mode_action",
            )
    if setting.notify is not None and config.senders.email is None:
        yield problem(
            ("threat_protection", "notify"),
            "notification emails are sent through SES from senders.email, and there is none: "
            "Cognito's default sender cannot send them",
            received=True,
            allowed="notify together with senders.email.from_email",
            hint="add senders: {email: {from_email: no-reply@example.com}}, or remove notify",
            code="notify_without_sender",
        )
    yield from ip_range_problems("always_allow_ips", setting.always_allow_ips)
    yield from ip_range_problems("always_block_ips", setting.always_block_ips)
    allowed = {_canonical(r) for r in setting.always_allow_ips}
    blocked = {_canonical(r) for r in setting.always_block_ips}
    both = sorted(r for r in allowed & blocked if r is not None)
    for value in both:
        yield problem(
            ("threat_protection", "always_block_ips"),
            f"{value} is both always allowed and always blocked",
            received=value,
            allowed="a range in one of the two lists",
            hint="remove it from one list",
            code="ip_allowed_and_blocked",
        )


def _written(value: Any) -> Any:
    """A setting as the user wrote it, near enough: ``true`` for default-only objects."""
    if isinstance(value, BaseModel):
        dumped = value.model_dump(exclude_none=True)
        return dumped if any(dumped.values()) else True
    return value


def _canonical(value: str) -> str | None:
    try:
        return ipaddress.ip_network(value, strict=True).with_prefixlen
    except ValueError:
        return None


def logs_problems(config: AuthConfig) -> Iterator[Problem]:
    logs = config.logs
    notification = logs.user_notification
    if notification is not None and notification.kind != "cloudwatch":
        key = "s3_bucket_arn" if notification.kind == "s3" else "firehose_stream_arn"
        yield problem(
            ("logs", "user_notification", key),
            "Cognito sends message-delivery errors (userNotification, ERROR level) to a "
            "CloudWatch log group only",
            received=getattr(notification, key),
            allowed="{cloudwatch: {retention_days: ...}}",
            hint="use user_notification: {cloudwatch: {retention_days: 365}}; S3 and "
            "Firehose take user_activity",
            code="notification_logs",
        )
    activity = logs.user_activity
    if activity is None:
        return
    received = activity.model_dump(exclude_none=True)
    if not plan_allows(config.feature_plan, "plus"):
        yield plan_problem(
            ("logs", "user_activity"),
            "user activity logs",
            config.feature_plan,
            minimum="plus",
            plural=True,
            received=received,
            allowed="user_activity with feature_plan: plus",
            hint="set feature_plan: plus (and threat_protection), or remove user_activity",
        )
    elif config.threat_protection is None:
        yield problem(
            ("logs", "user_activity"),
            "user activity logs hold threat protection's assessments, and threat_protection "
            "is off: Cognito would send no events",
            received=received,
            allowed="user_activity together with threat_protection: audit or enforced",
            hint="add threat_protection: audit, or remove user_activity",
            code="activity_logs_without_threat_protection",
        )


def check(config: AuthConfig) -> Iterator[Problem]:
    """Passwordless sign-in, threat protection and event logs."""
    yield from passwordless_problems(config)
    yield from threat_protection_problems(config)
    yield from logs_problems(config)
