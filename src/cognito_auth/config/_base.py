"""The base of every configuration model, the immutability marker and the problem type.

Nothing here (or anywhere under ``cognito_auth.config``) imports ``aws_cdk``:
validation must stay instant.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

from cognito_auth.config._patterns import InSchema, containing
from cognito_auth.errors import RULES_ERROR, Path, Problem, problem

__all__ = [
    "Change",
    "Immutable",
    "Model",
    "Path",
    "Problem",
    "TextRule",
    "each",
    "on_off",
    "problem",
    "raise_problems",
    "text_problems",
    "value_problem",
]


class Model(BaseModel):
    """Base of every configuration model: frozen, unknown keys refused."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_default=False,
        use_attribute_docstrings=False,  # read lazily for docs: see config/_docs.py
        defer_build=True,  # nested models are validated as part of AuthConfig
        populate_by_name=False,
    )


class Change(enum.Enum):
    """How a choice may change once the backend is deployed."""

    FIXED = "fixed"
    """Cognito refuses any change: the deploy fails halfway and rolls back."""

    APPEND_ONLY = "append-only"
    """Entries may be added; none may be removed or renamed."""

    REPLACING = "replacing"
    """A change replaces the resource: a new one is created and the old one deleted."""


@dataclass(frozen=True)
class Immutable:
    """Field metadata: this choice cannot simply change after the first deploy.

    Put it in ``Annotated[...]`` on the field. The lock file, the plan/diff and
    the generated documentation table are all derived from these markers.
    """

    change: Change
    why: str
    """Why Cognito (or CloudFormation) cannot make the change."""
    instead: str
    """What to do instead: the recovery path offered to the user."""
    keyed_by: str | None = None
    """For a collection of objects: the attribute that identifies an entry."""
    presence: bool = False
    """Lock only whether the option is on (set), not its settings."""
    slot: str | None = None
    """Fields that name one resource in alternative ways (a domain prefix or a custom
    domain name) share a slot: switching between them is a change of that resource."""


def value_problem(code: str, message: str) -> PydanticCustomError:
    """The error a field validator raises for a value it refuses: ``message``, with the
    problem's stable ``code`` (where a bare ``ValueError`` would give pydantic's generic
    ``value_error``)."""
    return PydanticCustomError(code, "{message}", {"message": message})


def raise_problems(problems: Iterable[Problem]) -> None:
    """Raise every problem at once from inside a validator.

    Pydantic lets a validator raise a single error; this packs all of them
    into one custom error that :class:`cognito_auth.errors.ConfigError`
    unpacks again, each at its own path below the validator's model.
    """
    found = list(problems)
    if found:
        raise PydanticCustomError(
            RULES_ERROR,
            "{summary}",
            {"summary": "; ".join(p.message for p in found), "problems": found},
        )


def each(*checks: Iterator[Problem]) -> Iterator[Problem]:
    for check in checks:
        yield from check


def on_off(value: Any) -> Any:
    """Before-validator for options written ``true``/``false`` or as an object.

    ``true`` turns the option on with its defaults (an empty object),
    ``false`` or a missing value turns it off (``None``).
    """
    if value is True:
        return {}
    if value is False or value is None:
        return None
    if isinstance(value, dict | BaseModel):
        return value
    raise value_problem("invalid_setting", "expected true, false, or a mapping of settings")


def text_problems(
    path: str,
    value: str | None,
    *,
    min_len: int,
    max_len: int,
    must_contain: tuple[tuple[str, str], ...] = (),
) -> Iterator[Problem]:
    """Check a message template: its length and the placeholders Cognito requires.

    ``must_contain`` holds ``(regex, placeholder shown to the user)`` pairs.
    """
    if value is None:
        return
    if not min_len <= len(value) <= max_len:
        yield problem(
            path,
            f"must be {min_len} to {max_len} characters long, is {len(value)}",
            received=value,
            allowed=f"text of {min_len}-{max_len} characters",
            code="length",
        )
    for pattern, shown in must_contain:
        if not re.search(pattern, value):
            yield problem(
                path,
                f"must contain the placeholder {shown}",
                received=value,
                allowed=f"text containing {shown}",
                hint=f"Cognito replaces {shown} when it sends the message; add it to the text",
                code="missing_placeholder",
            )


@dataclass(frozen=True)
class TextRule:
    """Cognito's rule for a message template: its length and the placeholders it must
    contain (``(regex, placeholder shown)`` pairs). The validator checks it with
    :meth:`problems`; the field carries :meth:`schema`, so the JSON Schema says the same."""

    min_len: int
    max_len: int
    must_contain: tuple[tuple[str, str], ...] = ()

    def problems(self, path: str, value: str | None) -> Iterator[Problem]:
        return text_problems(
            path,
            value,
            min_len=self.min_len,
            max_len=self.max_len,
            must_contain=self.must_contain,
        )

    def schema(self, *patterns: str) -> InSchema:
        """The field's schema: the lengths, each placeholder, and ``patterns``."""
        return InSchema(
            (*(containing(regex) for regex, _ in self.must_contain), *patterns),
            min_length=self.min_len,
            max_length=self.max_len,
        )
