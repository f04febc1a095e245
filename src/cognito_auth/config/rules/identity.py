"""The identity pool: guest access needs one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.errors import Problem, problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check"]


def check(config: AuthConfig) -> Iterator[Problem]:
    if config.guest_access and not config.identity_pool:
        yield problem(
            "guest_access",
            "guest access needs an identity pool, and identity_pool is false",
            received=True,
            allowed="false while identity_pool is false",
            hint="set identity_pool: true, or remove guest_access",
            code="guest_access_without_identity_pool",
        )
