"""Lambda triggers: checking the functions given to ``AuthBackend(triggers=...)``, the
custom senders' KMS key, and attaching each function to its event.

Attaching goes through ``UserPool.add_trigger``, which also gives Cognito
(``cognito-idp.amazonaws.com``, from this pool's ARN only) the right to invoke the
function.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_cognito as cognito
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.config.triggers import CUSTOM_SENDERS, TRIGGERS, trigger_problems
from cognito_auth.errors import ConfigError, problem

if TYPE_CHECKING:
    from aws_cdk import aws_kms as kms
    from aws_cdk import aws_lambda as lambda_

CUSTOM_SENDER_KEY = "CustomSenderKey"
"""Construct id of the KMS key created for the custom senders."""

_OPERATIONS: dict[str, str] = {
    "pre_sign_up": "PRE_SIGN_UP",
    "post_confirmation": "POST_CONFIRMATION",
    "pre_authentication": "PRE_AUTHENTICATION",
    "post_authentication": "POST_AUTHENTICATION",
    "pre_token_generation": "PRE_TOKEN_GENERATION_CONFIG",
    "pre_token_generation_v2": "PRE_TOKEN_GENERATION_CONFIG",
    "pre_token_generation_v3": "PRE_TOKEN_GENERATION_CONFIG",
    "custom_message": "CUSTOM_MESSAGE",
    "user_migration": "USER_MIGRATION",
    "define_auth_challenge": "DEFINE_AUTH_CHALLENGE",
    "create_auth_challenge": "CREATE_AUTH_CHALLENGE",
    "verify_auth_challenge_response": "VERIFY_AUTH_CHALLENGE_RESPONSE",
    "custom_email_sender": "CUSTOM_EMAIL_SENDER",
    "custom_sms_sender": "CUSTOM_SMS_SENDER",
}
"""Event name -> ``aws_cognito.UserPoolOperation`` member, looked up when a trigger is
attached: each lookup is a call into the jsii runtime, too slow to make at import."""
SOURCE = "AuthBackend(triggers=...)"


def is_function(value: Any) -> bool:
    """Whether ``value`` is an ``aws_lambda.IFunction`` (a jsii interface: checked by the
    members the pool uses)."""
    return all(hasattr(value, member) for member in ("function_arn", "add_permission"))


def check_triggers(
    config: AuthConfig, triggers: Mapping[Any, Any] | None, kms_key: Any | None
) -> dict[str, lambda_.IFunction]:
    """The triggers by event name; raises :class:`ConfigError` listing every problem."""
    if triggers is not None and not isinstance(triggers, Mapping):
        raise ConfigError(
            [
                problem(
                    "triggers",
                    "must map event names to functions",
                    received=type(triggers).__name__,
                    allowed='a mapping such as {"pre_sign_up": function}',
                    code="not_a_mapping",
                )
            ],
            source=SOURCE,
        )
    given = dict(triggers or {})
    found = list(
        trigger_problems(given, config, has_kms_key=kms_key is not None, is_function=is_function)
    )
    if kms_key is not None and not hasattr(kms_key, "key_arn"):
        found.append(
            problem(
                "trigger_kms_key",
                "is not a KMS key",
                received=type(kms_key).__name__,
                allowed="an aws_kms.IKey",
                code="not_a_kms_key",
            )
        )
    if found:
        raise ConfigError(found, source=SOURCE)
    return given


def sender_key(
    scope: Construct,
    config: AuthConfig,
    triggers: Mapping[str, lambda_.IFunction],
    given: kms.IKey | None,
) -> kms.IKey | None:
    """The key Cognito encrypts codes with for the custom senders (both share it): the
    given one, or a new one with yearly rotation, kept or deleted with the pool (7 days'
    waiting period) as the profile says. ``None`` without a custom sender."""
    if not any(name in triggers for name in CUSTOM_SENDERS):
        return None
    if given is not None:
        return given
    from aws_cdk import aws_kms as kms

    production = config.profile == "production"
    return kms.Key(
        scope,
        CUSTOM_SENDER_KEY,
        description="Encrypts the codes Cognito hands to the custom sender triggers (cognito-auth)",
        enable_key_rotation=True,
        removal_policy=RemovalPolicy.RETAIN if production else RemovalPolicy.DESTROY,
        pending_window=None if production else Duration.days(7),
    )


def attach_triggers(
    user_pool: cognito.UserPool,
    triggers: Mapping[str, lambda_.IFunction],
    key: kms.IKey | None,
) -> None:
    """Attach every function to its event; the custom senders may decrypt with the key."""
    for name, function in triggers.items():
        version = TRIGGERS[name].version
        operation = getattr(cognito.UserPoolOperation, _OPERATIONS[name])
        if name.startswith("pre_token_generation") and version is not None:
            user_pool.add_trigger(operation, function, getattr(cognito.LambdaVersion, version))
        else:
            user_pool.add_trigger(operation, function)
        if name in CUSTOM_SENDERS and key is not None:
            key.grant_decrypt(function)
