"""Rules on passwordless sign-in, threat protection and the feature plan: the
combinations Cognito refuses (or that could never work)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config._base import Problem, problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["passwordless_problems", "threat_protection_problems"]

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
        if config.feature_plan == "lite":
            yield problem(
                where,
                f"passwordless sign-in ({_NAMES[factor]}) needs the essentials or plus "
                "feature plan, not 'lite'",
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
            )
        if factor == "email_otp" and config.senders.email is None:
            yield problem(
                where,
                "email one-time codes need an SES email sender: Cognito's default sender "
                "cannot send sign-in codes",
                received=True,
                allowed="otp_login together with senders.email.from_email",
                hint="add senders: {email: {from_email: no-reply@example.com}}",
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
        )


def threat_protection_problems(config: AuthConfig) -> Iterator[Problem]:
    mode = config.threat_protection
    if mode is not None and config.feature_plan != "plus":
        yield problem(
            "threat_protection",
            f"threat protection needs the plus feature plan, not {config.feature_plan!r}",
            received=mode,
            allowed="threat_protection with feature_plan: plus",
            hint="set feature_plan: plus, or remove threat_protection",
        )
