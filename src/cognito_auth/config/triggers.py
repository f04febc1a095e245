"""The Lambda triggers a user pool can call, and the rules on choosing them.

Functions are live CDK objects, not configuration: they are passed to
``AuthBackend(..., triggers={"pre_sign_up": fn})``. This module holds what can be said
without ``aws_cdk``: the event names, where each lands in the pool's ``LambdaConfig``,
the event version, and the checks (unknown names, feature plan, one pre token generation
version, custom challenges, the custom senders' KMS key).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cognito_auth.config._base import Problem, problem
from cognito_auth.config.rules.common import plan_allows, plan_problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = [
    "CUSTOM_AUTH_TRIGGERS",
    "CUSTOM_SENDERS",
    "PRE_TOKEN_GENERATION",
    "TRIGGERS",
    "Trigger",
    "trigger_problems",
]


@dataclass(frozen=True)
class Trigger:
    """One trigger event."""

    lambda_config_key: str
    """Its key in ``AWS::Cognito::UserPool`` ``LambdaConfig``."""
    version: str | None = None
    """The event version Cognito sends (``V1_0``...), for triggers that have versions."""
    needs_essentials: bool = False
    """Whether the event needs the essentials or plus feature plan."""
    what: str = ""


TRIGGERS: dict[str, Trigger] = {
    "pre_sign_up": Trigger("PreSignUp", what="accept, deny or auto-confirm a sign-up"),
    "post_confirmation": Trigger("PostConfirmation", what="after a user is confirmed"),
    "pre_authentication": Trigger("PreAuthentication", what="accept or deny a sign-in"),
    "post_authentication": Trigger("PostAuthentication", what="after a sign-in"),
    "pre_token_generation": Trigger("PreTokenGenerationConfig", "V1_0", what="customise ID tokens"),
    "pre_token_generation_v2": Trigger(
        "PreTokenGenerationConfig",
        "V2_0",
        needs_essentials=True,
        what="customise ID and access tokens of users",
    ),
    "pre_token_generation_v3": Trigger(
        "PreTokenGenerationConfig",
        "V3_0",
        needs_essentials=True,
        what="customise ID and access tokens of users and of machine clients",
    ),
    "custom_message": Trigger("CustomMessage", what="write the texts Cognito sends"),
    "user_migration": Trigger(
        "UserMigration",
        what="move users in from another directory (from a user pool: `migrate_users_from`)",
    ),
    "define_auth_challenge": Trigger("DefineAuthChallenge", what="orchestrate custom sign-in"),
    "create_auth_challenge": Trigger("CreateAuthChallenge", what="create a custom challenge"),
    "verify_auth_challenge_response": Trigger(
        "VerifyAuthChallengeResponse", what="check a custom challenge's answer"
    ),
    "custom_email_sender": Trigger(
        "CustomEmailSender", "V1_0", what="send Cognito's email yourself"
    ),
    "custom_sms_sender": Trigger("CustomSMSSender", "V1_0", what="send Cognito's SMS yourself"),
}
"""Every trigger event, by the name ``AuthBackend(triggers=...)`` takes."""

PRE_TOKEN_GENERATION = (
    "pre_token_generation",
    "pre_token_generation_v2",
    "pre_token_generation_v3",
)
CUSTOM_AUTH_TRIGGERS = (
    "define_auth_challenge",
    "create_auth_challenge",
    "verify_auth_challenge_response",
)
CUSTOM_SENDERS = ("custom_email_sender", "custom_sms_sender")


def trigger_problems(
    triggers: Mapping[Any, Any],
    config: AuthConfig,
    *,
    has_kms_key: bool = False,
    is_function: Callable[[Any], bool] = lambda _: True,
) -> Iterator[Problem]:
    """Every problem with ``triggers`` (event name -> function) for ``config``; paths
    start at ``triggers`` (and ``trigger_kms_key``)."""
    names = [name for name in triggers if isinstance(name, str) and name in TRIGGERS]
    for name, function in triggers.items():
        if not isinstance(name, str) or name not in TRIGGERS:
            close = difflib.get_close_matches(str(name), list(TRIGGERS), n=1, cutoff=0.6)
            yield problem(
                ("triggers", str(name)),
                "is not a Cognito trigger event",
                received=str(name),
                allowed=", ".join(TRIGGERS),
                hint=f"did you mean {close[0]!r}?" if close else None,
                code="unknown_trigger",
            )
        elif not is_function(function):
            yield problem(
                ("triggers", name),
                "is not a Lambda function",
                received=type(function).__name__,
                allowed="an aws_lambda.IFunction (a Function, or one imported by ARN)",
                code="not_a_function",
            )
    yield from _plan_problems(names, config)
    yield from _combination_problems(names, has_kms_key)
    if config.migrate_users_from is not None and "user_migration" in names:
        yield problem(
            ("triggers", "user_migration"),
            "migrate_users_from adds a managed user_migration trigger, and a pool has one",
            received="user_migration",
            allowed="either migrate_users_from in the configuration or a user_migration "
            "trigger of your own",
            hint="remove user_migration from triggers, or remove migrate_users_from",
            code="trigger_clash",
        )


def _plan_problems(names: list[str], config: AuthConfig) -> Iterator[Problem]:
    if plan_allows(config.feature_plan, "essentials"):
        return
    for name in names:
        if TRIGGERS[name].needs_essentials:
            yield plan_problem(
                ("triggers", name),
                f"{TRIGGERS[name].version} pre token generation events (access token "
                "customisation)",
                config.feature_plan,
                plural=True,
                received=name,
                allowed="pre_token_generation (V1_0, ID tokens only) with feature_plan: lite",
                hint="set feature_plan: essentials in the configuration, or use "
                "pre_token_generation",
            )


def _combination_problems(names: list[str], has_kms_key: bool) -> Iterator[Problem]:
    token = [name for name in names if name in PRE_TOKEN_GENERATION]
    for name in token[1:]:
        yield problem(
            ("triggers", name),
            f"a pool has one pre token generation trigger, and {token[0]} is given too",
            received=token,
            allowed="one of " + ", ".join(PRE_TOKEN_GENERATION),
            hint="keep one; pre_token_generation_v3 also receives every event of v2",
            code="trigger_clash",
        )
    given = set(names)
    if ("create_auth_challenge" in given or "verify_auth_challenge_response" in given) and (
        "define_auth_challenge" not in given
    ):
        yield problem(
            ("triggers", "define_auth_challenge"),
            "custom challenges need a define_auth_challenge trigger, which decides which "
            "challenge comes next",
            received=None,
            allowed="all three custom challenge triggers",
            hint="add define_auth_challenge",
            code="custom_challenge_incomplete",
        )
    for one, other in (
        ("create_auth_challenge", "verify_auth_challenge_response"),
        ("verify_auth_challenge_response", "create_auth_challenge"),
    ):
        if one in given and other not in given:
            yield problem(
                ("triggers", other),
                f"{one} is given without {other}: a custom challenge is created by one and "
                "checked by the other",
                received=None,
                allowed="create_auth_challenge and verify_auth_challenge_response together",
                hint=f"add {other}",
                code="custom_challenge_incomplete",
            )
    if has_kms_key and not given & set(CUSTOM_SENDERS):
        yield problem(
            "trigger_kms_key",
            "a KMS key is given, but no custom sender trigger uses it",
            received="a KMS key",
            allowed="trigger_kms_key together with custom_email_sender or custom_sms_sender",
            hint="remove trigger_kms_key, or add a custom sender trigger",
            code="kms_key_unused",
        )
