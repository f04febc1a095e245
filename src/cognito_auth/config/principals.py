"""Who an access rule, a role mapping rule or ``role_for()`` names: ``authenticated``
(every signed-in user), ``guest`` (unauthenticated identities) or ``group:NAME`` (the
members of a group). :meth:`Principal.parse` is the one place that reads the text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

__all__ = ["AUTHENTICATED", "GROUP_PREFIX", "GUEST", "PRINCIPALS_TEXT", "Principal"]

AUTHENTICATED: Final = "authenticated"
GUEST: Final = "guest"
GROUP_PREFIX: Final = "group:"
PRINCIPALS_TEXT: Final = "authenticated, guest or group:NAME"
"""How the allowed principals are shown to the user."""


@dataclass(frozen=True)
class Principal:
    """A parsed principal; ``group`` is the group's name for ``group:NAME``."""

    kind: Literal["authenticated", "guest", "group"]
    group: str = ""

    @classmethod
    def parse(cls, text: object) -> Principal | None:
        """The principal written ``text``, or None when it names none (``group:`` with
        any name, even an unknown one, is a group principal: the caller checks it)."""
        if text == AUTHENTICATED:
            return cls("authenticated")
        if text == GUEST:
            return cls("guest")
        if isinstance(text, str) and text.startswith(GROUP_PREFIX):
            return cls("group", text[len(GROUP_PREFIX) :])
        return None

    @classmethod
    def of_group(cls, name: str) -> Principal:
        return cls("group", name)

    def __str__(self) -> str:
        return f"{GROUP_PREFIX}{self.group}" if self.kind == "group" else self.kind
