"""Second factors and recovery against the rest of the pool: the factors a pool really
gets, and the combinations Cognito refuses or that lock users out.

Facts these rules rest on:

- A pool that has an SMS configuration (an SNS role: any pool that sends SMS, for phone
  verification, recovery by phone or a configured SMS sender) cannot have MFA on without
  SMS among its factors: Cognito answers "Can't turn off SMS_MFA when SMS configuration
  is set for the user pool" (reported in aws-amplify/amplify-backend issue 1481, which is
  why Amplify refuses phone sign-in with MFA but without SMS, pull request 1523). The
  Cognito developer guide asks nothing more of phone sign-in itself: its MFA page
  ("Adding MFA to a user pool") lets any pool use SMS, TOTP or email factors.
  So the default factors (authenticator apps) gain SMS on such a pool, and only a
  configuration that lists its factors without SMS is refused.
- "SMS doesn't qualify for a valid password recovery mechanism if the user also has SMS
  multi-factor authentication (MFA) activated" (CloudFormation,
  ``AWS::Cognito::UserPool AccountRecoverySetting``). With MFA required and SMS the only
  factor, every user has SMS MFA, so recovery by phone only reaches nobody.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config._base import Problem, problem
from cognito_auth.config.rules.common import plan_allows, plan_problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check", "mfa_factors", "mfa_problems", "sms_reasons"]


def sms_reasons(config: AuthConfig) -> tuple[tuple[str, str], ...]:
    """Why the pool sends SMS whatever its factors, as ``(key, what)`` pairs: each key is
    where the configuration asks for it (the pool then has an SMS configuration)."""
    login = config.login_with
    reasons: list[tuple[str, str]] = []
    if login.phone is not None:
        reasons.append(("login_with.phone", "users sign in with a phone number"))
    if config.senders.sms is not None:
        reasons.append(("senders.sms", "an SMS sender is configured"))
    recovery = config.effective_account_recovery
    if "phone" in recovery and config.account_recovery is not None:
        reasons.append(("account_recovery", f"passwords are recovered by phone ({recovery})"))
    return tuple(reasons)


def mfa_factors(config: AuthConfig) -> tuple[str, ...]:
    """The pool's second factors: those the ``multifactor`` block turns on; when it turns
    on none, authenticator apps, and SMS too on a pool that sends SMS anyway (Cognito
    refuses MFA without SMS there)."""
    mfa = config.multifactor
    factors = mfa.factors
    if factors and not mfa.lists_factors and mfa.totp is None and sms_reasons(config):
        return ("sms", *factors)
    return factors


def mfa_problems(config: AuthConfig) -> Iterator[Problem]:
    mfa = config.multifactor
    factors = mfa_factors(config)
    if (
        mfa.mode == "required"
        and factors == ("sms",)
        and not config.user_attributes.phone_number.required
    ):
        yield problem(
            "multifactor.sms",
            "MFA is required with SMS as the only factor, but users need not give a "
            "phone number at sign-up, so some could never sign in",
            received="phone_number.required: false",
            allowed="phone_number required, or another factor",
            hint="set user_attributes.phone_number.required: true, or add totp: true",
            code="sms_mfa_without_phone",
        )
    reasons = sms_reasons(config)
    if factors and "sms" not in factors and reasons:
        listed = [f for f in ("totp", "email") if f in mfa.model_fields_set]
        key, why = reasons[0]
        yield problem(
            f"multifactor.{listed[0]}" if listed else "multifactor",
            f"the pool sends SMS ({why}, {key}), and Cognito refuses MFA without SMS as a "
            "factor on a pool that has an SMS configuration",
            received=list(factors),
            allowed="sms among the factors, or mode: off",
            hint="add sms: true under multifactor, or set mode: off",
            code="mfa_without_sms",
        )
    yield from _recovery_problems(config, factors)
    if mfa.email and mfa.mode != "off":
        if config.senders.email is None:
            yield problem(
                "multifactor.email",
                "email MFA needs an SES email sender: Cognito's default sender cannot "
                "send MFA codes",
                received=True,
                allowed="email: true together with senders.email.from_email",
                hint="add senders: {email: {from_email: no-reply@example.com}}",
                code="email_mfa_without_sender",
            )
        if not plan_allows(config.feature_plan, "essentials"):
            yield plan_problem(
                "multifactor.email",
                "email MFA",
                config.feature_plan,
                received=True,
                allowed="feature_plan: essentials or plus",
                hint="set feature_plan: essentials",
            )


def _recovery_problems(config: AuthConfig, factors: tuple[str, ...]) -> Iterator[Problem]:
    """Recovery by phone only, while every user has SMS MFA: nobody could reset a
    password (SMS does not qualify for recovery when it is also the user's MFA)."""
    if not (
        config.multifactor.mode == "required"
        and factors == ("sms",)
        and config.effective_account_recovery == "phone_only_without_mfa"
    ):
        return
    written = config.account_recovery is not None
    email = (
        "set account_recovery: email_only with a required email (user_attributes: "
        "{email: {required: true}})"
        if written
        else "require an email (user_attributes: {email: {required: true}}): recovery then "
        "goes by email"
    )
    yield problem(
        "account_recovery" if written else "multifactor.sms",
        "MFA is required with SMS as the only factor, and passwords are recovered by phone "
        "only; Cognito does not send a recovery code by SMS to a user whose MFA is SMS, so "
        "nobody could reset a forgotten password",
        received="phone_only_without_mfa",
        allowed="a recovery that reaches users (email), another factor, or none",
        hint=f"{email}; or add totp: true under multifactor; or set account_recovery: none "
        "(administrators reset passwords)",
        code="recovery_by_sms_only",
    )


def check(config: AuthConfig) -> Iterator[Problem]:
    """Second factors against sign-in, senders, recovery and the feature plan."""
    yield from mfa_problems(config)
