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
    text_problems,
)
from cognito_auth.config.login import CODE
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

    message: str | None = None
    """The SMS that carries the code; must contain {####}.
    Default: "Your authentication code is {####}"."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(
            text_problems("message", self.message, min_len=6, max_len=140, must_contain=(CODE,))
        )
        return self


class Multifactor(Model):
    """Second factors at sign-in. Default: optional, with authenticator apps (TOTP)."""

    mode: MfaMode = "optional"
    """``off``: no second factor; ``optional``: each user may turn it on;
    ``required``: every user must use one. Default: optional. An unquoted ``off`` in
    YAML (which YAML reads as false) means ``off``."""
    totp: bool = True
    """Authenticator apps (time-based one-time passwords). Default: on."""
    sms: Annotated[
        SmsFactor | None, BeforeValidator(on_off, json_schema_input_type=bool | SmsFactor | None)
    ] = None
    """Codes by SMS: ``true`` or ``{message}``. Needs an SMS sender (SNS). Default: off."""
    email: bool = False
    """Codes by email. Needs an SES email sender and the essentials or plus feature plan.
    Default: off."""

    @property
    def factors(self) -> tuple[str, ...]:
        """The enabled factors when MFA is on, in a fixed order; empty when off."""
        if self.mode == "off":
            return ()
        return tuple(
            name
            for name, on in (
                ("sms", self.sms is not None),
                ("totp", self.totp),
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
                )
        elif not self.factors:
            yield problem(
                "mode",
                f"mode is {self.mode!r} but no second factor is turned on",
                received=self.mode,
                allowed="at least one of totp, sms, email; or mode: off",
                hint="add totp: true (authenticator apps need no extra infrastructure)",
            )
