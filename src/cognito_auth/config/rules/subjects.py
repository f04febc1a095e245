"""Every subject's rules, run in one order by ``AuthConfig``'s validator."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from cognito_auth.config.rules import (
    access,
    clients,
    features,
    federation,
    groups,
    identity,
    mfa,
    migration,
    plan,
    quotas,
    sign_in,
)
from cognito_auth.errors import Problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["SUBJECTS", "check"]

SUBJECTS: tuple[Callable[[AuthConfig], Iterator[Problem]], ...] = (
    sign_in.check,
    groups.check,
    mfa.check,
    plan.check,
    identity.check,
    access.check,
    federation.check,
    migration.check,
    clients.check,
    features.check,
    quotas.check,
)
"""Every subject's rules, in the order their problems are reported."""


def check(config: AuthConfig) -> Iterator[Problem]:
    """Every cross-field problem of ``config``: AuthConfig's validator raises them all."""
    for subject in SUBJECTS:
        yield from subject(config)
