"""User migration needs the pool's own sign-in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.errors import Problem, problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check"]


def check(config: AuthConfig) -> Iterator[Problem]:
    if config.migrate_users_from is not None and not config.login_with.cognito_sign_in:
        yield problem(
            "migrate_users_from",
            "users move in when they sign in with a password, and this pool has no "
            "sign-in of its own (only external providers)",
            received=config.migrate_users_from.user_pool_id,
            allowed="migrate_users_from together with email, phone or username sign-in",
            hint="turn on email (or phone, or username) under login_with, or remove "
            "migrate_users_from",
            code="migration_without_cognito_sign_in",
        )
