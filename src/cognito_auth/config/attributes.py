"""The user attribute schema: ``user_attributes``.

The configuration speaks Cognito's attribute names (``zoneinfo``, ``picture``,
``updated_at``...); translation to the CDK's own names happens in one table in
``cognito_auth.constructs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, model_validator

from cognito_auth.config._base import (
    Change,
    Immutable,
    Model,
    Problem,
    problem,
    raise_problems,
    value_problem,
)
from cognito_auth.config._patterns import END, InSchema

STANDARD_ATTRIBUTES: tuple[str, ...] = (
    "address",
    "birthdate",
    "email",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
)
"""Cognito's standard attributes that a pool's schema may configure."""

_SCHEMA_WHY = (
    "Cognito's attribute schema is append-only: an existing attribute's required flag, "
    "mutability, type and constraints can never change"
)
_SCHEMA_INSTEAD = (
    "keep the attribute as it is (enforce new rules in a pre_sign_up trigger), or add a "
    "new custom attribute; changing it needs a new user pool and a user migration"
)


def _fixed(what: str) -> Immutable:
    return Immutable(Change.FIXED, why=f"{_SCHEMA_WHY} ({what})", instead=_SCHEMA_INSTEAD)


class StandardAttribute(Model):
    """Settings of one standard attribute."""

    required: Annotated[bool, _fixed("required flag")] = False
    """Users must give the attribute at sign-up. Default: optional."""
    mutable: Annotated[bool, _fixed("mutability")] = True
    """Users may change the attribute after sign-up. Default: mutable."""

    @property
    def is_default(self) -> bool:
        return not self.required and self.mutable


def _std() -> object:
    return Field(default_factory=dict, validate_default=True)


_CUSTOM_NAME = re.compile(r"^[^\s\x00-\x1f:]+$")
_CUSTOM_LENGTH = (1, 20)
CUSTOM_NAME = re.compile(
    rf"^(?=.{{{_CUSTOM_LENGTH[0]},{_CUSTOM_LENGTH[1]}}}{END})"
    + _CUSTOM_NAME.pattern.removeprefix("^")
)
"""A custom attribute's name, without ``custom:`` (which holds a ':', and so does
``dev:``): 1-20 characters, no spaces, control characters or ':'."""


def custom_attribute_name(value: str) -> str:
    """Check a custom attribute's name (without ``custom:``); ``ValueError`` says why not."""
    if value.startswith(("custom:", "dev:")):
        raise value_problem(
            "custom_prefix",
            f"write the custom attribute name without its prefix: {value.split(':', 1)[1]!r} "
            f"instead of {value!r} (Cognito adds 'custom:' itself)",
        )
    low, high = _CUSTOM_LENGTH
    if not low <= len(value) <= high:
        raise value_problem(
            "length",
            f"custom attribute names have {low} to {high} characters; {value!r} has {len(value)}",
        )
    if not CUSTOM_NAME.fullmatch(value):
        raise value_problem(
            "invalid_characters",
            f"custom attribute name {value!r} may not contain spaces, control characters or ':'",
        )
    return value


CustomName = Annotated[str, AfterValidator(custom_attribute_name), InSchema((CUSTOM_NAME,))]


class CustomAttribute(Model):
    """A custom attribute (``custom:NAME`` in tokens and the API)."""

    data_type: Annotated[Literal["string", "number", "boolean", "datetime"], _fixed("type")] = (
        "string"
    )
    """The attribute's type. Default: string."""
    mutable: Annotated[bool, _fixed("mutability")] = True
    """Users (and apps with write access) may change the value after sign-up. Default:
    mutable."""
    required: bool = False
    """Custom attributes can never be required (Cognito refuses); enforce presence in a
    pre_sign_up trigger instead. Only ``false`` is accepted."""
    min_length: Annotated[int | None, Field(ge=0, le=2048), _fixed("constraints")] = None
    """Minimum length of a string attribute. Default: no minimum (0)."""
    max_length: Annotated[int | None, Field(ge=1, le=2048), _fixed("constraints")] = None
    """Maximum length of a string attribute. Default: 2048, Cognito's maximum."""
    min_value: Annotated[int | None, _fixed("constraints")] = None
    """Minimum value of a number attribute. Default: no minimum."""
    max_value: Annotated[int | None, _fixed("constraints")] = None
    """Maximum value of a number attribute. Default: no maximum."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        if self.required:
            yield problem(
                "required",
                "custom attributes can never be required: Cognito refuses the pool",
                received=True,
                allowed="false",
                hint="remove 'required'; check the value in a pre_sign_up trigger instead",
                code="custom_attribute_required",
            )
        lengths = self.min_length is not None or self.max_length is not None
        values = self.min_value is not None or self.max_value is not None
        if lengths and self.data_type != "string":
            yield problem(
                "min_length" if self.min_length is not None else "max_length",
                f"length constraints apply to string attributes only, this one is {self.data_type}",
                received=self.min_length if self.min_length is not None else self.max_length,
                allowed="no length constraint, or data_type: string",
                code="constraint_wrong_type",
            )
        if values and self.data_type != "number":
            yield problem(
                "min_value" if self.min_value is not None else "max_value",
                f"value constraints apply to number attributes only, this one is {self.data_type}",
                received=self.min_value if self.min_value is not None else self.max_value,
                allowed="no value constraint, or data_type: number",
                code="constraint_wrong_type",
            )
        if (
            self.min_length is not None
            and self.max_length is not None
            and self.min_length > self.max_length
        ):
            yield problem(
                "min_length",
                f"is greater than max_length ({self.max_length})",
                received=self.min_length,
                allowed=f"a number <= {self.max_length}",
                code="min_above_max",
            )
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            yield problem(
                "min_value",
                f"is greater than max_value ({self.max_value})",
                received=self.min_value,
                allowed=f"a number <= {self.max_value}",
                code="min_above_max",
            )


class UserAttributes(Model):
    """The pool's attribute schema. Every standard attribute exists in every pool;
    listing one here only changes whether it is required or mutable."""

    address: Annotated[StandardAttribute, _std()]
    birthdate: Annotated[StandardAttribute, _std()]
    email: Annotated[StandardAttribute, _std()]
    """Default: required and mutable when users sign in with email (as Amplify)."""
    family_name: Annotated[StandardAttribute, _std()]
    gender: Annotated[StandardAttribute, _std()]
    given_name: Annotated[StandardAttribute, _std()]
    locale: Annotated[StandardAttribute, _std()]
    middle_name: Annotated[StandardAttribute, _std()]
    name: Annotated[StandardAttribute, _std()]
    nickname: Annotated[StandardAttribute, _std()]
    phone_number: Annotated[StandardAttribute, _std()]
    """Default: required and mutable when users sign in with a phone number (as Amplify)."""
    picture: Annotated[StandardAttribute, _std()]
    preferred_username: Annotated[StandardAttribute, _std()]
    profile: Annotated[StandardAttribute, _std()]
    updated_at: Annotated[StandardAttribute, _std()]
    website: Annotated[StandardAttribute, _std()]
    zoneinfo: Annotated[StandardAttribute, _std()]
    custom: Annotated[
        dict[CustomName, CustomAttribute],
        Immutable(
            Change.APPEND_ONLY,
            why="Cognito can add custom attributes to a live pool but never remove or rename one",
            instead="keep the attribute in the configuration (stop using it in your app), "
            "or add a new one under another name",
        ),
    ] = Field(default_factory=dict)
    """Custom attributes by name, without the ``custom:`` prefix (1-20 characters).
    New ones may be added to a deployed pool; none may be removed or changed."""

    def standard(self) -> dict[str, StandardAttribute]:
        """Every standard attribute's settings, by Cognito name."""
        return {name: getattr(self, name) for name in STANDARD_ATTRIBUTES}

    def required_standard(self) -> tuple[str, ...]:
        return tuple(n for n, a in self.standard().items() if a.required)

    def is_mutable(self, name: str) -> bool | None:
        """Whether the attribute (``email`` or ``custom:tenant``) is mutable; None if unknown."""
        if name.startswith("custom:"):
            custom = self.custom.get(name.removeprefix("custom:"))
            return None if custom is None else custom.mutable
        if name in STANDARD_ATTRIBUTES:
            attr: StandardAttribute = getattr(self, name)
            return attr.mutable
        return None
