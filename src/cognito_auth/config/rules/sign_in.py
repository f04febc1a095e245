"""Sign-in: at least one way to sign in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.errors import Problem, problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check"]


def check(config: AuthConfig) -> Iterator[Problem]:
    login = config.login_with
    if not login.sign_in_attributes and not login.has_providers:
        yield problem(
            "login_with",
            "no way to sign in: turn on at least one of email, phone, username, or add "
            "an identity provider under external_providers",
            received=login.model_dump(exclude_defaults=True),
            allowed="email, phone or username turned on, or external providers",
            hint="add 'email: true' under login_with",
            code="no_sign_in",
        )
