"""Pool settings that need a higher feature plan (the others are checked with their subject)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config.rules.common import plan_allows, plan_problem
from cognito_auth.errors import Problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check"]


def check(config: AuthConfig) -> Iterator[Problem]:
    if plan_allows(config.feature_plan, "essentials"):
        return
    if config.password_policy.password_history_size:
        yield plan_problem(
            "password_policy.password_history_size",
            "password history",
            config.feature_plan,
            received=config.password_policy.password_history_size,
            allowed="0 with feature_plan: lite",
            hint="set feature_plan: essentials, or remove password_history_size",
        )
