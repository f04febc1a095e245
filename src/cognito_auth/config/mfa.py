"""Multi-factor authentication: ``multifactor``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal, Self

from pydantic import BeforeValidator, WithJsonSchema, model_validator

from cognito_auth.config._base import (
    Model,
    Problem,
    on_off,
    problem,
    raise_problems,
)
from cognito_auth.config.login import SMS_CODE
from cognito_auth.config.yaml_words import enum_schema, word_from_boolean

MFA_MODES = ("off", "optional", "required")
MfaMode = Annotated[
    Literal["off", "optional", "required"],
    BeforeValidator(word_from_boolean(MFA_MODES)),
    WithJsonSchema(dict(enum_schema(MFA_MODES))),
]
"""An MFA mode; YAML's unquoted ``off`` (the boolean false) means ``off``."""


class SmsFactor(Model):
    """SMS as a second factor."""

    message: Annotated[str | None, SMS_CODE.schema()] = None
    """The SMS that carries the code; must contain {####}.
    Default: "Your authentication code is {####}"."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(SMS_CODE.problems("message", self.message))
        return self


class Multifactor(Model):
    """Second factors at sign-in. Default: optional, with authenticator apps (TOTP); on a
    pool that sends SMS anyway (phone sign-in, an SMS sender, recovery by phone) SMS too,
    since Cognito refuses MFA without SMS on a pool with an SMS configuration. Listed
    factors mean exactly those factors, as in Amplify: ``{sms: true}`` is SMS only."""

    mode: MfaMode = "optional"
    """``off``: no second factor; ``optional``: each user may turn it on;
    ``required``: every user must use one. Default: optional. An unquoted ``off`` in
    YAML (which YAML reads as false) means ``off``."""
    totp: bool | None = None
    """Authenticator apps (time-based one-time passwords). Default: on while neither
    ``sms`` nor ``email`` is turned on; off when one of them is (the factors listed are
    exactly the factors)."""
    sms: Annotated[
        SmsFactor | None, BeforeValidator(on_off, json_schema_input_type=bool | SmsFactor | None)
    ] = None
    """Codes by SMS: ``true`` or ``{message}``. Needs an SMS sender (SNS). Default: off."""
    email: bool = False
    """Codes by email. Needs an SES email sender and the essentials or plus feature plan.
    Default: off."""

    @property
    def lists_factors(self) -> bool:
        """Whether the block turns on a factor itself (else the default factors apply)."""
        return bool(self.totp) or self.sms is not None or self.email

    @property
    def factors(self) -> tuple[str, ...]:
        """The factors the block turns on (authenticator apps when it turns on none and
        does not turn them off), in a fixed order; empty when MFA is off. The pool's
        factors are :attr:`AuthConfig.mfa_factors`, which may add SMS to the default."""
        if self.mode == "off":
            return ()
        totp = self.totp if self.totp is not None else not self.lists_factors
        return tuple(
            name
            for name, on in (
                ("sms", self.sms is not None),
                ("totp", totp),
                ("email", self.email),
            )
            if on
        )

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        if self.mode == "off":
            explicit = [
                f
                for f in ("totp", "sms", "email")
                if f in self.model_fields_set and getattr(self, f) not in (False, None)
            ]
            for name in explicit:
                yield problem(
                    name,
                    "a second factor is turned on while mode is 'off'",
                    received=True,
                    allowed="false while mode is 'off'",
                    hint="set mode: optional or required, or remove the factor",
                    code="factor_while_off",
                )
        elif not self.factors:
            # name what the user wrote: the mode, else the factor they turned off
            written = "mode" in self.model_fields_set
            yield problem(
                "mode" if written else "totp",
                f"mode is {self.mode!r} but no second factor is turned on",
                received=self.mode if written else False,
                allowed="at least one of totp, sms, email; or mode: off",
                hint="add totp: true (authenticator apps need no extra infrastructure)",
                code="mode_without_factor",
            )
