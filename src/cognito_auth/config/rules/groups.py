"""Groups: each name once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config.rules.common import duplicates
from cognito_auth.errors import Problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check"]


def check(config: AuthConfig) -> Iterator[Problem]:
    yield from duplicates(
        [g.name for g in config.groups],
        ("groups",),
        key="name",
        what="group",
        allowed="unique group names",
        hint="remove the duplicate",
    )
