"""Cognito's quotas and CloudFormation's stack limit, summed over the configuration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config.quotas import quota_problems
from cognito_auth.errors import Problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check"]


def check(config: AuthConfig) -> Iterator[Problem]:
    yield from quota_problems(config)
